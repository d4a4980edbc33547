import type { Meta, StoryObj } from '@storybook/react-vite';
import { Badge, Table } from '@spokestack/react';

const rows = [
  { name: 'Website redesign', client: 'Northwind', budget: '48,000.00', status: 'Active' },
  { name: 'Brand campaign', client: 'Contoso', budget: '12,500.00', status: 'Planning' },
  { name: 'Product launch video', client: 'Fabrikam', budget: '7,250.00', status: 'Done' },
];

/** The unstyled-by-default table parts `DataTable` is built from, with the default stylesheet's look. */
function Projects() {
  return (
    <Table.Root>
      <Table.Caption>Projects</Table.Caption>
      <Table.Header>
        <Table.Row>
          <Table.Head>Name</Table.Head>
          <Table.Head>Client</Table.Head>
          <Table.Head align="end">Budget</Table.Head>
          <Table.Head>Status</Table.Head>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rows.map((row) => (
          <Table.Row key={row.name}>
            <Table.Cell>{row.name}</Table.Cell>
            <Table.Cell>{row.client}</Table.Cell>
            <Table.Cell align="end">{row.budget}</Table.Cell>
            <Table.Cell>
              <Badge>{row.status}</Badge>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table.Root>
  );
}

const meta = { title: 'UI/Table', component: Projects } satisfies Meta<typeof Projects>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

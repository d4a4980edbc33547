import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { Badge, Button, DataTable, type DataTableColumn, EmptyState, type Tone } from '@spokestack/react';

interface Deal {
  id: string;
  title: string;
  company: string;
  stage: 'LEAD' | 'PROPOSAL' | 'NEGOTIATION' | 'WON' | 'LOST';
  value: string;
}

const stageTone: Record<Deal['stage'], Tone> = {
  LEAD: 'neutral',
  PROPOSAL: 'info',
  NEGOTIATION: 'warning',
  WON: 'success',
  LOST: 'danger',
};
const companies = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries'];
const stages = Object.keys(stageTone) as Deal['stage'][];
const deals: Deal[] = Array.from({ length: 24 }, (_, i) => ({
  id: `deal_${i + 1}`,
  title: ['Website redesign', 'Brand campaign', 'Social retainer', 'Product launch video'][i % 4]!,
  company: companies[i % companies.length]!,
  stage: stages[i % stages.length]!,
  value: `${(4 + ((i * 7) % 40)) * 1000}.00`,
}));

const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const columns: DataTableColumn<Deal>[] = [
  { id: 'title', header: 'Deal', cell: (deal) => deal.title },
  { id: 'company', header: 'Company', cell: (deal) => deal.company },
  { id: 'stage', header: 'Stage', cell: (deal) => <Badge tone={stageTone[deal.stage]}>{deal.stage}</Badge> },
  { id: 'value', header: 'Value', align: 'end', cell: (deal) => money.format(Number(deal.value)) },
];

const meta = {
  title: 'UI/DataTable',
  component: DataTable<Deal>,
  args: { columns, rows: deals.slice(0, 8), caption: 'Open deals' },
} satisfies Meta<typeof DataTable<Deal>>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Loaded: Story = {};

export const Loading: Story = { args: { rows: [], loading: true } };

export const Empty: Story = { args: { rows: [] } };

export const CustomEmpty: Story = {
  args: {
    rows: [],
    empty: (
      <EmptyState
        title="No deals in this pipeline"
        description="Create one, or import them from a CSV file."
        actions={<Button>New deal</Button>}
      />
    ),
  },
};

export const LoadingMore: Story = { args: { hasMore: true, loadingMore: true, onLoadMore: () => undefined } };

/** Pages of 8 arrive after a short delay, the way `useResourceList` feeds the table. */
export const LoadMore: Story = {
  render: (args) => {
    const [count, setCount] = useState(8);
    const [loadingMore, setLoadingMore] = useState(false);
    const loadMore = () => {
      setLoadingMore(true);
      setTimeout(() => {
        setCount((n) => n + 8);
        setLoadingMore(false);
      }, 600);
    };
    return (
      <DataTable {...args} rows={deals.slice(0, count)} hasMore={count < deals.length} loadingMore={loadingMore} onLoadMore={loadMore} />
    );
  },
};

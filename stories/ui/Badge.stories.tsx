import type { Meta, StoryObj } from '@storybook/react-vite';
import { Badge } from '@spokestack/react';

const meta = {
  title: 'UI/Badge',
  component: Badge,
  args: { children: 'In review', tone: 'info' },
  argTypes: { tone: { control: 'inline-radio', options: ['neutral', 'info', 'success', 'warning', 'danger'] } },
} satisfies Meta<typeof Badge>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const Tones: Story = {
  render: () => (
    <div style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}>
      <Badge tone="neutral">Draft</Badge>
      <Badge tone="info">In review</Badge>
      <Badge tone="success">Published</Badge>
      <Badge tone="warning">Scheduled</Badge>
      <Badge tone="danger">Rejected</Badge>
    </div>
  ),
};

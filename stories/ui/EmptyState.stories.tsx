import type { Meta, StoryObj } from '@storybook/react-vite';
import { Button, EmptyState } from '@spokestack/react';

const meta = {
  title: 'UI/EmptyState',
  component: EmptyState,
  args: { title: 'No deals yet', description: 'Deals you create or import show up here, grouped by pipeline stage.' },
} satisfies Meta<typeof EmptyState>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const WithIconAndActions: Story = {
  args: {
    icon: '📂',
    title: 'No assets in this folder',
    description: 'Upload images, videos and documents to share them with your team and clients.',
    actions: (
      <>
        <Button>Upload files</Button>
        <Button variant="secondary">New folder</Button>
      </>
    ),
  },
};

export const TitleOnly: Story = { args: { title: 'Nothing matches these filters', description: undefined } };

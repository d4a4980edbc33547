import type { Meta, StoryObj } from '@storybook/react-vite';
import { Button, type ToastOptions, useToast } from '@spokestack/react';
import { expect, userEvent, waitFor, within } from 'storybook/test';

/** Raises the toast described by its props; the provider around every story renders the `<Toaster>`. */
function ToastDemo(props: ToastOptions) {
  const { toast } = useToast();
  return <Button onClick={() => toast(props)}>Show toast</Button>;
}

const meta = {
  title: 'UI/Toast',
  component: ToastDemo,
  args: { title: 'Deal saved', description: 'Website redesign moved to Proposal.', tone: 'success' },
  argTypes: { tone: { control: 'inline-radio', options: ['neutral', 'info', 'success', 'warning', 'danger'] } },
  // Opens one right away, so the story shows a toast rather than a button.
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Show toast' }));
    await waitFor(() => expect(canvasElement.querySelector('[data-scope="toast"][data-part="root"]')).not.toBeNull());
  },
} satisfies Meta<typeof ToastDemo>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Success: Story = {};

export const Failure: Story = {
  args: { title: 'Upload failed', description: 'brand-guidelines.pdf is larger than the 50 MB limit.', tone: 'danger' },
};

export const WithAction: Story = {
  args: { title: 'Contact deleted', description: undefined, tone: 'neutral', action: { label: 'Undo', onClick: () => undefined } },
};

/** Stays until dismissed: press F8 to reach it with the keyboard, then Escape or the close button. */
export const Persistent: Story = { args: { title: 'Import running', description: '1,240 of 5,000 contacts', tone: 'info', duration: Infinity } };

import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect } from 'react';
import { Button, type ToastOptions, Toaster, useToast } from '@spokestack/react';

/** A button that raises the toast; `shownAtStart` raises it once on load, so the story opens showing it. */
function Notify({ shownAtStart = true, ...options }: ToastOptions & { shownAtStart?: boolean }) {
  const { toast } = useToast();
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per story render, the args are fixed for a story
  useEffect(() => {
    if (shownAtStart) toast(options);
  }, []);
  return <Button onClick={() => toast(options)}>Show toast</Button>;
}

const meta = {
  title: 'UI/Toast',
  component: Notify,
  // The provider renders the <Toaster> region the toasts show in; pass `toaster={…}` to it, or render your own.
  subcomponents: { Toaster },
  args: { title: 'Deal saved', description: 'Moved to Proposal', duration: 60_000 },
} satisfies Meta<typeof Notify>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Toasts stack in the notifications region (F8 moves focus there); each closes by itself or with ✕. */
export const Neutral: Story = {};

export const Success: Story = { args: { tone: 'success', title: 'Entry published', description: 'It is live on the website.' } };

/** Danger toasts are announced assertively to screen readers. */
export const Danger: Story = { args: { tone: 'danger', title: 'Upload failed', description: 'brief.pdf is larger than 100 MB.' } };

/** One action, e.g. undo; pressing it closes the toast. */
export const WithAction: Story = {
  args: { title: 'Contact deleted', description: undefined, action: { label: 'Undo', onClick: () => {} } },
};

/** Closes by itself after two seconds: press the button to see it again. */
export const ShortLived: Story = { args: { title: 'Copied', description: undefined, duration: 2_000 } };

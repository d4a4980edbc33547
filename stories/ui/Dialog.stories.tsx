import type { Meta, StoryObj } from '@storybook/react-vite';
import { Button, Dialog } from '@spokestack/react';

function DeleteContact({ defaultOpen = false }: { defaultOpen?: boolean }) {
  return (
    <Dialog.Root defaultOpen={defaultOpen}>
      <Dialog.Trigger asChild>
        <Button variant="danger">Delete contact</Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Title>Delete Ada Lovelace?</Dialog.Title>
        <Dialog.Description>Her deals and notes stay, but lose their link to her. This cannot be undone.</Dialog.Description>
        <div style={{ display: 'flex', gap: '0.5rem', justifyContent: 'flex-end' }}>
          <Dialog.Close asChild>
            <Button variant="secondary">Cancel</Button>
          </Dialog.Close>
          <Dialog.Close asChild>
            <Button variant="danger">Delete</Button>
          </Dialog.Close>
        </div>
      </Dialog.Content>
    </Dialog.Root>
  );
}

const meta = {
  title: 'UI/Dialog',
  component: DeleteContact,
} satisfies Meta<typeof DeleteContact>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Closed: press the button (or focus it and press Enter); Escape closes it again. */
export const Closed: Story = {};

export const Open: Story = { args: { defaultOpen: true } };

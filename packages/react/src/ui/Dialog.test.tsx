import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SpokeStackProvider } from '../provider.js';
import { fakeApi } from '../test/fake-api.js';
import { Button } from './Button.js';
import * as Dialog from './Dialog.js';

function DeleteDialog() {
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>
        <Button variant="danger">Delete contact</Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Title>Delete contact?</Dialog.Title>
        <Dialog.Description>This cannot be undone.</Dialog.Description>
        <Dialog.Close asChild>
          <Button variant="secondary">Cancel</Button>
        </Dialog.Close>
        <Button variant="danger">Delete</Button>
      </Dialog.Content>
    </Dialog.Root>
  );
}

describe('Dialog', () => {
  it('opens from the keyboard, traps focus, and closes on Escape back to its trigger', async () => {
    const user = userEvent.setup();
    render(<DeleteDialog />);
    const trigger = screen.getByRole('button', { name: 'Delete contact' });

    await user.tab();
    expect(document.activeElement).toBe(trigger);
    await user.keyboard('{Enter}');

    const dialog = screen.getByRole('dialog', { name: 'Delete contact?' });
    expect(dialog.getAttribute('data-state')).toBe('open');
    // The Button composed as the trigger reports the dialog's state and keeps its button styling hooks.
    expect(trigger.getAttribute('data-state')).toBe('open');
    expect(trigger.getAttribute('data-scope')).toBe('button');
    expect(dialog.getAttribute('aria-describedby')).toBe(screen.getByText('This cannot be undone.').id);
    expect(dialog.contains(document.activeElement)).toBe(true);

    // Tabbing past the last button wraps to the first one instead of leaving the dialog.
    await user.tab();
    await user.tab();
    await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('closes with its Close part', async () => {
    const user = userEvent.setup();
    render(<DeleteDialog />);
    await user.click(screen.getByRole('button', { name: 'Delete contact' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('renders inside the provider’s .ss-root so the theme applies to it', async () => {
    const user = userEvent.setup();
    render(
      <SpokeStackProvider client={fakeApi().sdk} theme="dark">
        <DeleteDialog />
      </SpokeStackProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Delete contact' }));
    expect(screen.getByRole('dialog').closest('.ss-root')?.getAttribute('data-theme')).toBe('dark');
  });
});

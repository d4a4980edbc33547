import { act, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SpokeStackProvider } from '../provider.js';
import { fakeApi } from '../test/fake-api.js';
import { useToast, type ToastOptions } from './Toast.js';

function Notify(props: ToastOptions) {
  const { toast, dismiss } = useToast();
  return (
    <>
      <button type="button" onClick={() => toast(props)}>
        Notify
      </button>
      <button type="button" onClick={() => dismiss('toast-1')}>
        Dismiss first
      </button>
    </>
  );
}

function renderWithToaster(options: ToastOptions) {
  return render(
    <SpokeStackProvider client={fakeApi().sdk}>
      <Notify {...options} />
    </SpokeStackProvider>,
  );
}

describe('Toast', () => {
  it('shows a toast in the notifications region and closes it from its dismiss button', async () => {
    const user = userEvent.setup();
    renderWithToaster({ title: 'Deal saved', description: 'Moved to Proposal', tone: 'success' });
    await user.click(screen.getByRole('button', { name: 'Notify' }));

    const toast = screen.getByText('Deal saved').closest('[data-scope="toast"][data-part="root"]');
    expect(toast?.getAttribute('data-tone')).toBe('success');
    expect(screen.getByRole('region', { name: /Notifications/ }).contains(toast ?? null)).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByText('Deal saved')).toBeNull());
  });

  it('can be closed early by id', async () => {
    const user = userEvent.setup();
    renderWithToaster({ title: 'Uploading…' });
    await user.click(screen.getByRole('button', { name: 'Notify' }));
    expect(screen.getByText('Uploading…')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Dismiss first' }));
    expect(screen.queryByText('Uploading…')).toBeNull();
  });

  it('runs its action and closes', async () => {
    const user = userEvent.setup();
    const undo = vi.fn();
    renderWithToaster({ title: 'Contact deleted', action: { label: 'Undo', onClick: undo } });
    await user.click(screen.getByRole('button', { name: 'Notify' }));
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(undo).toHaveBeenCalledOnce();
    await waitFor(() => expect(screen.queryByText('Contact deleted')).toBeNull());
  });

  it('closes by itself after its duration, not before', async () => {
    // Fake timers: a real 50 ms timer races a loaded test machine.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      renderWithToaster({ title: 'Copied', duration: 10_000 });
      await user.click(screen.getByRole('button', { name: 'Notify' }));
      await act(() => vi.advanceTimersByTimeAsync(9_000));
      expect(screen.getByText('Copied')).toBeTruthy();
      await act(() => vi.advanceTimersByTimeAsync(2_000));
      await waitFor(() => expect(screen.queryByText('Copied')).toBeNull());
    } finally {
      vi.useRealTimers();
    }
  });
});

import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { problemTypes, SpokeStackError } from '@spokestack/core';
import { describe, expect, it, vi } from 'vitest';
import { ErrorState } from './ErrorState.js';

const invalid = new SpokeStackError({
  type: problemTypes.validation,
  title: 'Invalid request',
  status: 400,
  detail: '2 fields are invalid.',
  errors: [
    { path: 'body.email', message: 'Invalid email address' },
    { path: 'body.lastName', message: 'Required' },
  ],
});

describe('ErrorState', () => {
  it('announces the problem with its title, detail and each rejected field', () => {
    render(<ErrorState error={invalid} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Invalid request')).toBeTruthy();
    expect(within(alert).getByText('2 fields are invalid.')).toBeTruthy();
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['email Invalid email address', 'lastName Required']);
  });

  it('calls onRetry from its button', async () => {
    const onRetry = vi.fn();
    render(<ErrorState error={invalid} onRetry={onRetry} overrides={{ retry: 'Réessayer' }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('has no retry button without onRetry', () => {
    render(<ErrorState error={invalid} />);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('falls back to a generic title for errors that are not problem documents', () => {
    render(<ErrorState error={new TypeError('x is undefined')} overrides={{ title: 'Oups' }} />);
    expect(screen.getByRole('alert').textContent).toBe('Oupsx is undefined');
  });
});

import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Button } from './Button.js';
import { Spinner } from './Spinner.js';

describe('Button', () => {
  it('is a plain button that never submits a form by accident', async () => {
    const onClick = vi.fn();
    const onSubmit = vi.fn((event: SubmitEvent) => event.preventDefault());
    render(
      <form onSubmit={(event) => onSubmit(event.nativeEvent as SubmitEvent)}>
        <Button onClick={onClick}>Save</Button>
      </form>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onClick).toHaveBeenCalledOnce();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('is disabled and busy while loading, so a second click cannot fire', async () => {
    const onClick = vi.fn();
    render(
      <Button loading onClick={onClick}>
        Save
      </Button>,
    );
    const button = screen.getByRole('button', { name: 'Save' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.getAttribute('data-state')).toBe('loading');
    await userEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });

  it('renders its child instead of a <button> with asChild', () => {
    render(
      <Button asChild variant="ghost" loading>
        <a href="/deals">All deals</a>
      </Button>,
    );
    const link = screen.getByRole('link', { name: 'All deals' });
    expect(link.getAttribute('data-variant')).toBe('ghost');
    expect(link.getAttribute('aria-disabled')).toBe('true');
    expect(link.hasAttribute('type')).toBe(false);
  });
});

describe('Spinner', () => {
  it('is a status announced with its (overridable) label', () => {
    render(<Spinner overrides={{ label: 'Chargement…' }} />);
    expect(screen.getByRole('status').textContent).toBe('Chargement…');
  });
});

import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DataTable, type DataTableColumn } from './DataTable.js';

interface Deal {
  id: string;
  title: string;
  value: string;
}
const columns: DataTableColumn<Deal>[] = [
  { id: 'title', header: 'Deal', cell: (deal) => deal.title },
  { id: 'value', header: 'Value', cell: (deal) => deal.value, align: 'end' },
];
const deals: Deal[] = [
  { id: 'd1', title: 'Website redesign', value: '12000.00' },
  { id: 'd2', title: 'Brand campaign', value: '48000.00' },
];

describe('DataTable', () => {
  it('renders a header row and one row per record', () => {
    render(<DataTable columns={columns} rows={deals} caption="Open deals" />);
    const table = screen.getByRole('table', { name: 'Open deals' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Deal', 'Value']);
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((tr) => tr.textContent),
    ).toEqual(['Website redesign12000.00', 'Brand campaign48000.00']);
  });

  it('shows an empty state when there are no rows, default or custom', () => {
    const { rerender } = render(<DataTable columns={columns} rows={[]} overrides={{ empty: 'No deals yet' }} />);
    expect(screen.getByText('No deals yet')).toBeTruthy();
    rerender(<DataTable columns={columns} rows={[]} empty={<a href="/new">Create the first deal</a>} />);
    expect(screen.getByRole('link', { name: 'Create the first deal' })).toBeTruthy();
  });

  it('shows a spinner, not the empty state, while the first page loads', () => {
    render(<DataTable columns={columns} rows={[]} loading />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.queryByText('No results')).toBeNull();
    expect(screen.getByRole('table').getAttribute('aria-busy')).toBe('true');
  });

  it('loads more from its footer button, which is busy while the page loads', async () => {
    const onLoadMore = vi.fn();
    const { rerender } = render(<DataTable columns={columns} rows={deals} hasMore onLoadMore={onLoadMore} />);
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(onLoadMore).toHaveBeenCalledOnce();

    rerender(<DataTable columns={columns} rows={deals} hasMore loadingMore onLoadMore={onLoadMore} />);
    expect(screen.getByRole('button', { name: 'Load more' }).hasAttribute('disabled')).toBe(true);

    rerender(<DataTable columns={columns} rows={deals} hasMore={false} onLoadMore={onLoadMore} />);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});

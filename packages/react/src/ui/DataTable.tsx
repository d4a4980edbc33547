import type { ReactNode } from 'react';
import { useOverrides } from '../overrides.js';
import { Button } from './Button.js';
import { EmptyState } from './EmptyState.js';
import { Spinner } from './Spinner.js';
import * as Table from './Table.js';
import type { ClassNames } from './utils.js';

const strings = {
  /** Title of the default empty state. */
  empty: 'No results',
  /** Label of the pagination button. */
  loadMore: 'Load more',
  /** Announced while the first page loads. */
  loading: 'Loading…',
};

export type DataTableStrings = typeof strings;

/** One column of a `DataTable`. */
export interface DataTableColumn<Row> {
  /** Stable identifier, used as the React key. */
  id: string;
  /** The header cell's content. */
  header: ReactNode;
  /** Renders this column's cell for one row. */
  cell: (row: Row) => ReactNode;
  /** Horizontal alignment of the header and cells; use `end` for numbers. */
  align?: Table.Align;
}

export interface DataTableProps<Row> {
  /** The columns, in display order. */
  columns: readonly DataTableColumn<Row>[];
  /** The rows loaded so far. */
  rows: readonly Row[];
  /** A stable key per row; defaults to `row.id`, which every SpokeStack record has. */
  getRowId?: (row: Row) => string;
  /** A title for the table, read by screen readers. */
  caption?: ReactNode;
  /** The first page is loading: shows a spinner instead of the empty state. */
  loading?: boolean;
  /** Shown when there are no rows; defaults to an `EmptyState` titled with `overrides.empty`. */
  empty?: ReactNode;
  /** Another page exists: shows the "load more" button. */
  hasMore?: boolean;
  /** Called by the "load more" button. */
  onLoadMore?: () => void;
  /** The next page is loading: the button shows a spinner. */
  loadingMore?: boolean;
  /** Class name of the root element. */
  className?: string;
  /** Class names for the inner parts. */
  classNames?: ClassNames<'scroll' | 'table' | 'caption' | 'header' | 'row' | 'head' | 'cell' | 'footer' | 'loadMore'>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<DataTableStrings>;
}

/**
 * A table of rows with a loading state, an empty state and "load more" pagination. It fits the lists the hooks
 * return: pass `rows` and wire `hasMore` / `onLoadMore` / `loadingMore` to the infinite query.
 *
 * @example
 * const contacts = useResourceList(sdk.crm.contacts, { status: 'ACTIVE' })
 * <DataTable
 *   columns={[{ id: 'name', header: 'Name', cell: (c) => `${c.firstName} ${c.lastName}` }]}
 *   rows={contacts.data?.rows ?? []}
 *   loading={contacts.isPending}
 *   hasMore={contacts.hasNextPage}
 *   loadingMore={contacts.isFetchingNextPage}
 *   onLoadMore={() => contacts.fetchNextPage()}
 * />
 */
export function DataTable<Row>({
  columns,
  rows,
  getRowId = defaultRowId,
  caption,
  loading = false,
  empty,
  hasMore = false,
  onLoadMore,
  loadingMore = false,
  className,
  classNames,
  overrides,
}: DataTableProps<Row>) {
  const t = useOverrides('dataTable', strings, overrides);
  const state = rows.length > 0 ? 'ready' : loading ? 'loading' : 'empty';
  return (
    <div data-scope="data-table" data-part="root" data-state={state} className={className}>
      <div data-scope="data-table" data-part="scroll" className={classNames?.scroll}>
        <Table.Root aria-busy={loading || loadingMore || undefined} className={classNames?.table}>
          {caption && <Table.Caption className={classNames?.caption}>{caption}</Table.Caption>}
          <Table.Header className={classNames?.header}>
            <Table.Row className={classNames?.row}>
              {columns.map((column) => (
                <Table.Head key={column.id} align={column.align} className={classNames?.head}>
                  {column.header}
                </Table.Head>
              ))}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {state === 'ready' ? (
              rows.map((row) => (
                <Table.Row key={getRowId(row)} className={classNames?.row}>
                  {columns.map((column) => (
                    <Table.Cell key={column.id} align={column.align} className={classNames?.cell}>
                      {column.cell(row)}
                    </Table.Cell>
                  ))}
                </Table.Row>
              ))
            ) : (
              <Table.Row className={classNames?.row}>
                {/* One cell across every column keeps the table's structure valid for screen readers. */}
                <Table.Cell colSpan={columns.length} data-state={state} className={classNames?.cell}>
                  {state === 'loading' ? <Spinner overrides={{ label: t.loading }} /> : (empty ?? <EmptyState title={t.empty} />)}
                </Table.Cell>
              </Table.Row>
            )}
          </Table.Body>
        </Table.Root>
      </div>
      {hasMore && onLoadMore && (
        <div data-scope="data-table" data-part="footer" className={classNames?.footer}>
          <Button variant="secondary" loading={loadingMore} onClick={onLoadMore} className={classNames?.loadMore}>
            {t.loadMore}
          </Button>
        </div>
      )}
    </div>
  );
}

function defaultRowId(row: unknown): string {
  if (typeof row === 'object' && row !== null && 'id' in row && typeof row.id === 'string') return row.id;
  throw new TypeError('DataTable: rows have no string `id`; pass `getRowId`.');
}

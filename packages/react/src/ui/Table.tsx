import { forwardRef, type ComponentPropsWithoutRef } from 'react';

/** Horizontal alignment of a column; logical, so `end` is the left edge in right-to-left layouts. */
export type Align = 'start' | 'center' | 'end';

export type RootProps = ComponentPropsWithoutRef<'table'>;
/**
 * A semantic `<table>` styled by the default stylesheet; compose it with the other `Table` parts when
 * `DataTable` does not fit.
 *
 * @example
 * <Table.Root>
 *   <Table.Header><Table.Row><Table.Head>Name</Table.Head></Table.Row></Table.Header>
 *   <Table.Body>{deals.map((d) => <Table.Row key={d.id}><Table.Cell>{d.title}</Table.Cell></Table.Row>)}</Table.Body>
 * </Table.Root>
 */
export const Root = forwardRef<HTMLTableElement, RootProps>(function Root(props, ref) {
  return <table ref={ref} data-scope="table" data-part="root" {...props} />;
});

export type CaptionProps = ComponentPropsWithoutRef<'caption'>;
/**
 * The table's title, read by screen readers when they enter the table.
 *
 * @example
 * <Table.Caption>Open deals</Table.Caption>
 */
export const Caption = forwardRef<HTMLTableCaptionElement, CaptionProps>(function Caption(props, ref) {
  return <caption ref={ref} data-scope="table" data-part="caption" {...props} />;
});

export type HeaderProps = ComponentPropsWithoutRef<'thead'>;
/**
 * The `<thead>` holding the header row.
 *
 * @example
 * <Table.Header><Table.Row><Table.Head>Stage</Table.Head></Table.Row></Table.Header>
 */
export const Header = forwardRef<HTMLTableSectionElement, HeaderProps>(function Header(props, ref) {
  return <thead ref={ref} data-scope="table" data-part="header" {...props} />;
});

export type BodyProps = ComponentPropsWithoutRef<'tbody'>;
/**
 * The `<tbody>` holding the data rows.
 *
 * @example
 * <Table.Body>{rows}</Table.Body>
 */
export const Body = forwardRef<HTMLTableSectionElement, BodyProps>(function Body(props, ref) {
  return <tbody ref={ref} data-scope="table" data-part="body" {...props} />;
});

export type RowProps = ComponentPropsWithoutRef<'tr'>;
/**
 * One `<tr>`; set `data-state="selected"` on it to highlight a selected row.
 *
 * @example
 * <Table.Row data-state={selected ? 'selected' : undefined}>…</Table.Row>
 */
export const Row = forwardRef<HTMLTableRowElement, RowProps>(function Row(props, ref) {
  return <tr ref={ref} data-scope="table" data-part="row" {...props} />;
});

// `align` replaces the obsolete HTML attribute of the same name with a logical, stylesheet-driven one.
export interface HeadProps extends Omit<ComponentPropsWithoutRef<'th'>, 'align'> {
  /** Horizontal alignment; use `end` for numbers and money. */
  align?: Align;
}
/**
 * A column header cell (`<th scope="col">`, so each data cell is announced with its column name).
 *
 * @example
 * <Table.Head align="end">Value</Table.Head>
 */
export const Head = forwardRef<HTMLTableCellElement, HeadProps>(function Head({ align, ...props }, ref) {
  return <th ref={ref} scope="col" data-scope="table" data-part="head" data-align={align} {...props} />;
});

export interface CellProps extends Omit<ComponentPropsWithoutRef<'td'>, 'align'> {
  /** Horizontal alignment; match the column's header. */
  align?: Align;
}
/**
 * A data cell.
 *
 * @example
 * <Table.Cell align="end">{deal.value}</Table.Cell>
 */
export const Cell = forwardRef<HTMLTableCellElement, CellProps>(function Cell({ align, ...props }, ref) {
  return <td ref={ref} data-scope="table" data-part="cell" data-align={align} {...props} />;
});

import {
  type ComponentPropsWithoutRef,
  type CSSProperties,
  createContext,
  forwardRef,
  type ReactNode,
  useContext,
  lazy,
  Suspense,
  useMemo,
  useState,
} from 'react';
import { Slot } from 'radix-ui';
import type { UseQueryResult } from '@tanstack/react-query';
import type { SpokeStackError } from '@spokestack/core';
import type { DashboardWidget, WidgetData, WidgetDataQuery } from '@spokestack/core/analytics';
import { format } from '../shared/format.js';
import * as Table from '../ui/Table.js';
import { changeTone, formatChange, formatDay, formatMetric, noValue, plotValue, seriesColor } from './format.js';
import { useWidgetData } from './hooks.js';

const ChartBody = lazy(() => import('./ChartBody.js').then((module) => ({ default: module.ChartBody })));
import { type AnalyticsDashboardStrings, analyticsDashboardStrings } from './strings.js';

// Unstyled parts of one dashboard widget: `Widget.Root` runs the widget's query and shares it; the other
// parts render the same figures as a KPI, a Recharts chart or a table. A host composes them freely; the
// styled `<AnalyticsDashboard>` is built from exactly these.

/** What every part of one widget reads. */
/** A widget as the parts read it (a shared dashboard's widgets carry no organization). */
export type WidgetOf = Omit<DashboardWidget, 'organizationId'>;

export interface WidgetContextValue {
  widget: WidgetOf;
  query: UseQueryResult<WidgetData, SpokeStackError>;
  /** `loading` (first answer on its way), `error`, `empty` (no figure but zeros in the range) or `ready`. */
  state: 'loading' | 'error' | 'empty' | 'ready';
  t: AnalyticsDashboardStrings;
  locale?: string;
}
const WidgetContext = createContext<WidgetContextValue | null>(null);

/**
 * The widget around the calling part, for a host's own parts.
 *
 * @example const { query, widget } = useWidget('MyPart')
 */
export function useWidget(part = 'useWidget'): WidgetContextValue {
  const value = useContext(WidgetContext);
  if (!value) throw new Error(`<Widget.${part}> must be used inside <Widget.Root>.`);
  return value;
}

export interface RootProps extends ComponentPropsWithoutRef<'article'> {
  /** The dashboard the widget belongs to. */
  dashboardId: string;
  /** The widget, as `useDashboardWidgets` (or `useSharedDashboard`) returns it. */
  widget: WidgetOf;
  /** A range or comparison picked for this view, replacing the saved one (nothing is saved). */
  view?: WidgetDataQuery;
  /** The strings the parts show (the styled dashboard passes its merged overrides). */
  strings?: AnalyticsDashboardStrings;
  /** Locale of numbers and dates (default: the browser's). */
  locale?: string;
  /** A public share link's token: the figures come from the shared dashboard, without credentials. */
  share?: string;
  /** Render your own element instead of `<article>`, with the root's attributes. */
  asChild?: boolean;
}

/**
 * Runs one widget's query and shares it with the parts inside.
 *
 * @example
 * <Widget.Root dashboardId={dashboard.id} widget={widget} view={{ dateRange: 'last_7_days' }}>
 *   <Widget.Title /><Widget.Kpi /><Widget.DataTable />
 * </Widget.Root>
 */
export const Root = forwardRef<HTMLElement, RootProps>(function Root(
  { dashboardId, widget, view, strings = analyticsDashboardStrings, locale, share, asChild, children, ...props },
  ref,
) {
  const query = useWidgetData(dashboardId, widget.id, view, share);
  // Nothing but zeros is nothing to draw (an empty pie, flat bars): the parts say "no data" instead.
  const hasFigures = query.data?.points.some((p) => p.value !== null && Number(p.value) !== 0);
  const state = query.isError ? 'error' : query.isPending ? 'loading' : hasFigures ? 'ready' : 'empty';
  const value = useMemo(() => ({ widget, query, state, t: strings, locale }) as const, [widget, query, state, strings, locale]);
  const Element = asChild ? Slot.Root : 'article';
  return (
    <WidgetContext.Provider value={value}>
      <Element
        ref={ref as never}
        aria-busy={query.isFetching || undefined}
        {...props}
        data-scope="analytics-widget"
        data-part="root"
        data-state={state}
        data-chart={widget.config.chart}
      >
        {children}
      </Element>
    </WidgetContext.Provider>
  );
});

/**
 * The widget's title, a heading (level 3 by default; pass `asChild` to pick another element).
 *
 * @example <Widget.Title />
 */
export const Title = forwardRef<HTMLHeadingElement, ComponentPropsWithoutRef<'h3'> & { asChild?: boolean }>(function Title(
  { asChild, children, ...props },
  ref,
) {
  const { widget } = useWidget('Title');
  const Element = asChild ? Slot.Root : 'h3';
  return (
    <Element ref={ref} {...props} data-scope="analytics-widget" data-part="title">
      {children ?? widget.title}
    </Element>
  );
});

/**
 * The period the figures cover and the one they are compared with, as text.
 *
 * @example <Widget.Period />
 */
export const Period = forwardRef<HTMLParagraphElement, ComponentPropsWithoutRef<'p'>>(function Period(props, ref) {
  const { query, t, locale } = useWidget('Period');
  if (!query.data) return null;
  const { from, to, previousPeriod } = query.data;
  return (
    <p ref={ref} {...props} data-scope="analytics-widget" data-part="period">
      <time dateTime={`${from}/${to}`}>{days(from, to, locale)}</time>
      {previousPeriod && (
        <span data-scope="analytics-widget" data-part="previous-period">
          {format(t.vsPrevious, { range: days(previousPeriod.from, previousPeriod.to, locale) })}
        </span>
      )}
    </p>
  );
});

/**
 * The total in large type and its change against the previous period (toned good or bad for the metric:
 * a falling cost per click is good news).
 *
 * @example <Widget.Kpi />
 */
export const Kpi = forwardRef<HTMLDivElement, ComponentPropsWithoutRef<'div'>>(function Kpi(props, ref) {
  const { widget, query, t, locale } = useWidget('Kpi');
  if (!query.data) return null;
  const { total, currency, metric, previousPeriod } = query.data;
  return (
    <div ref={ref} {...props} data-scope="analytics-widget" data-part="kpi">
      <data value={total.value ?? ''} data-scope="analytics-widget" data-part="value">
        {formatMetric(metric, total.value, currency, locale)}
      </data>
      {previousPeriod && widget.config.compare !== false && (
        <span data-scope="analytics-widget" data-part="change" data-tone={changeTone(metric, total.change)}>
          <span data-scope="analytics-widget" data-part="change-value">
            {formatChange(total.change, locale)}
          </span>{' '}
          <span data-scope="analytics-widget" data-part="change-previous">
            {t.previous}: {formatMetric(metric, total.previous, currency, locale)}
          </span>
        </span>
      )}
    </div>
  );
});

/**
 * A KPI's trend over the range as a small line (plain SVG, no chart library), the previous period dashed behind
 * it when compared. Decorative: the tile states the figures, and `Widget.DataTable` lists them.
 *
 * @example <Widget.Sparkline />
 */
export const Sparkline = forwardRef<SVGSVGElement, ComponentPropsWithoutRef<'svg'>>(function Sparkline(props, ref) {
  const { widget, query } = useWidget('Sparkline');
  const series = query.data?.sparkline;
  if (!series || series.length < 2) return null;
  const compare = query.data!.previousPeriod !== null && widget.config.compare !== false;
  const values = series.flatMap((p) => [plotValue(p.value), compare ? plotValue(p.previous) : null]).filter((v) => v !== null);
  const top = Math.max(...values, 0);
  const bottom = Math.min(...values, 0);
  const span = top - bottom || 1;
  // Placed by date across the range, so a day without figures is a gap in time, not a squeezed-out point (a
  // week's or month's bucket may start before the range: it sits at the start).
  const from = Date.parse(query.data!.from);
  const length = Date.parse(query.data!.to) - from || 1;
  const x = (date: string) => Math.min(100, Math.max(0, ((Date.parse(date) - from) / length) * 100));
  // Missing ratios (a zero-spend day's CPC) break the line instead of dropping it to zero.
  const path = (pick: (p: NonNullable<WidgetData['sparkline']>[number]) => string | null) => {
    let d = '';
    let pen = 'M';
    series.forEach((p) => {
      const v = plotValue(pick(p));
      if (v === null) return void (pen = 'M');
      d += `${pen}${x(p.date).toFixed(2)} ${(30 - ((v - bottom) / span) * 28 - 1).toFixed(2)}`;
      pen = 'L';
    });
    return d;
  };
  return (
    <svg
      ref={ref}
      viewBox="0 0 100 30"
      preserveAspectRatio="none"
      aria-hidden
      focusable="false"
      {...props}
      data-scope="analytics-widget"
      data-part="sparkline"
    >
      {compare && <path d={path((p) => p.previous)} data-series="previous" vectorEffect="non-scaling-stroke" />}
      <path d={path((p) => p.value)} data-series="value" vectorEffect="non-scaling-stroke" />
    </svg>
  );
});

/** A widget's points as chart rows: one per date (a series per dimension value) or one per dimension value. */
export function chartRows(data: WidgetData, t: AnalyticsDashboardStrings) {
  const totalLabel = t.total;
  const byDate = data.points.some((p) => p.date !== null);
  if (!byDate)
    return {
      x: 'name',
      // Largest first, so bars and slices read as a ranking and keep their order (and colour) between loads.
      rows: data.points
        .map((p) => ({ name: pointLabel(p, t) ?? totalLabel, value: plotValue(p.value), previous: plotValue(p.previous) }))
        .sort((a, b) => (b.value ?? 0) - (a.value ?? 0)),
      series: [{ key: 'value', label: null as string | null }],
    };
  const rows = new Map<string, Record<string, string | number | null>>();
  const series = new Map<string, string | null>();
  for (const p of data.points) {
    const key = p.key === null ? 'value' : `k_${p.key}`;
    series.set(key, pointLabel(p, t));
    const row = rows.get(p.date!) ?? { date: p.date };
    row[key] = plotValue(p.value);
    if (p.key === null) row.previous = plotValue(p.previous);
    rows.set(p.date!, row);
  }
  // Series by name, so each keeps its colour whatever order the API answers in.
  const named = [...series].map(([key, label]) => ({ key, label })).sort((a, b) => (a.label ?? '').localeCompare(b.label ?? ''));
  return { x: 'date', rows: [...rows.values()], series: named };
}

export interface ChartProps extends ComponentPropsWithoutRef<'figure'> {
  /** The chart's height in pixels (its width follows the container). */
  height?: number;
  /** Content below the chart, inside the figure (the styled dashboard puts the data table there). */
  children?: ReactNode;
}

/**
 * The widget's figures as its config's chart: line, area, bar or pie (a KPI or table widget renders
 * nothing here). Arrow keys move between the points (Recharts' accessibility layer) once it has focus.
 *
 * @example <Widget.Chart height={240} />
 */
export const Chart = forwardRef<HTMLElement, ChartProps>(function Chart({ height = 240, children, ...props }, ref) {
  const { widget, query, t, locale } = useWidget('Chart');
  const chart = widget.config.chart;
  const data = query.data;
  if (!data || chart === 'kpi' || chart === 'table' || !data.points.length) return null;
  const { x, rows, series } = chartRows(data, t);
  const name = (key: string, label: string | null) => (key === 'previous' ? t.previous : (label ?? t[data.metric]));
  // The previous period is drawn beside a single series only: with one line per campaign it would be noise.
  const withPrevious = series.length === 1 && rows.some((row) => row.previous !== null && row.previous !== undefined);
  // Recharts is its own chunk, fetched when the first chart renders: KPI tiles and tables do not wait for it.
  const body = (
    <Suspense fallback={<div data-scope="analytics-widget" data-part="chart-loading" style={{ blockSize: height }} />}>
      <ChartBody
        chart={chart}
        data={data}
        x={x}
        rows={rows}
        series={series}
        withPrevious={withPrevious}
        height={height}
        t={t}
        locale={locale}
      />
    </Suspense>
  );
  // Our own legend (HTML, not SVG): it wraps, takes the theme and host CSS, and costs no Recharts weight.
  const legend =
    chart === 'pie'
      ? rows.map((row, i) => ({ key: String(row.name), label: String(row.name), color: seriesColor(i), dashed: false }))
      : [
          ...(withPrevious && chart !== 'area'
            ? [{ key: 'previous', label: t.previous, color: 'var(--ss-chart-muted)', dashed: chart === 'line' }]
            : []),
          ...series.map((s, i) => ({ key: s.key, label: name(s.key, s.label), color: seriesColor(i), dashed: false })),
        ];
  return (
    <figure ref={ref} {...props} data-scope="analytics-widget" data-part="chart">
      {body}
      {legend.length > 1 && (
        <ul aria-hidden data-scope="analytics-widget" data-part="legend">
          {legend.map((item) => (
            <li key={item.key} data-dashed={item.dashed || undefined} style={{ '--ss-series': item.color } as CSSProperties}>
              {item.label}
            </li>
          ))}
        </ul>
      )}
      {children}
    </figure>
  );
});

type Point = WidgetData['points'][number];
type SortKey = 'date' | 'name' | 'value' | 'previous' | 'change';
const numeric = (v: string | null) => (v === null ? Number.NEGATIVE_INFINITY : Number(v));

export interface DataTableProps extends Table.RootProps {
  /** Rows per page with previous/next buttons; all rows at once when absent (the chart's accessible twin). */
  pageSize?: number;
  /** Column headers become sort buttons (`aria-sort` on the sorted one). */
  sortable?: boolean;
}

/**
 * The widget's figures as a table: every point with its previous value and change, and the total. It is
 * the chart's accessible twin (screen readers, copy and paste) and the body of a `table` widget, where it
 * sorts by any column and pages (`sortable`, `pageSize`). The total row stays last, on every page.
 *
 * @example <Widget.DataTable sortable pageSize={10} />
 */
export const DataTable = forwardRef<HTMLTableElement, DataTableProps>(function DataTable({ pageSize, sortable, ...props }, ref) {
  const { widget, query, t, locale } = useWidget('DataTable');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean } | null>(null);
  const [page, setPage] = useState(0);
  const data = query.data;
  if (!data) return null;
  const compare = data.previousPeriod !== null;
  const byDate = data.points.some((p) => p.date !== null);
  const hasNames = data.points.some((p) => p.key !== null);
  // Without dates or names the one point is the total: the table is then its total row alone.
  const lead = Number(byDate) + Number(hasNames);
  const money = (v: string | null) => formatMetric(data.metric, v, data.currency, locale);
  const sortValue: Record<SortKey, (p: Point) => string | number> = {
    date: (p) => p.date ?? '',
    name: (p) => pointLabel(p, t) ?? '',
    value: (p) => numeric(p.value),
    previous: (p) => numeric(p.previous),
    change: (p) => numeric(p.change),
  };
  const all = lead ? [...data.points] : [];
  if (sort) {
    const value = sortValue[sort.key];
    all.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const order = typeof x === 'number' ? x - (y as number) : x.localeCompare(y as string, locale);
      return sort.desc ? -order : order;
    });
  }
  const pages = pageSize ? Math.max(1, Math.ceil(all.length / pageSize)) : 1;
  const current = Math.min(page, pages - 1);
  const rows = pageSize ? all.slice(current * pageSize, (current + 1) * pageSize) : all;
  const head = (key: SortKey, label: string, align?: Table.Align) => {
    const sorted = sort?.key === key ? (sort.desc ? 'descending' : 'ascending') : undefined;
    return (
      <Table.Head scope="col" align={align} aria-sort={sortable ? (sorted ?? 'none') : undefined}>
        {sortable ? (
          <button
            type="button"
            data-scope="analytics-widget"
            data-part="sort"
            data-state={sorted}
            onClick={() => {
              setSort(sort?.key === key ? { key, desc: !sort.desc } : { key, desc: key !== 'date' && key !== 'name' });
              setPage(0);
            }}
          >
            {label}
          </button>
        ) : (
          label
        )}
      </Table.Head>
    );
  };
  return (
    <>
      <Table.Root ref={ref} {...props}>
        <Table.Caption>{widget.title}</Table.Caption>
        <Table.Header>
          <Table.Row>
            {byDate && head('date', t.date)}
            {hasNames && head('name', t.name)}
            {!lead && <Table.Cell />}
            {head('value', t[data.metric], 'end')}
            {compare && (
              <>
                {head('previous', t.previous, 'end')}
                {head('change', t.change, 'end')}
              </>
            )}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((p) => (
            <Table.Row key={`${p.date}|${p.key}`}>
              {byDate && <Table.Cell>{formatDay(p.date!, locale)}</Table.Cell>}
              {hasNames && <Table.Cell>{pointLabel(p, t)}</Table.Cell>}
              <Table.Cell align="end">{money(p.value)}</Table.Cell>
              {compare && (
                <>
                  <Table.Cell align="end">{money(p.previous)}</Table.Cell>
                  <Table.Cell align="end" data-tone={changeTone(data.metric, p.change)}>
                    {formatChange(p.change, locale)}
                  </Table.Cell>
                </>
              )}
            </Table.Row>
          ))}
          <Table.Row data-total="">
            <Table.Head scope="row" colSpan={lead > 1 ? lead : undefined}>
              {t.total}
            </Table.Head>
            <Table.Cell align="end">{money(data.total.value)}</Table.Cell>
            {compare && (
              <>
                <Table.Cell align="end">{money(data.total.previous)}</Table.Cell>
                <Table.Cell align="end" data-tone={changeTone(data.metric, data.total.change)}>
                  {formatChange(data.total.change, locale)}
                </Table.Cell>
              </>
            )}
          </Table.Row>
        </Table.Body>
      </Table.Root>
      {pages > 1 && (
        <nav aria-label={widget.title} data-scope="analytics-widget" data-part="pager">
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t.previousPage}
          </button>
          <span aria-live="polite">{format(t.page, { page: current + 1, pages })}</span>
          <button type="button" disabled={current === pages - 1} onClick={() => setPage(current + 1)}>
            {t.nextPage}
          </button>
        </nav>
      )}
    </>
  );
});

/**
 * A widget's figures as CSV, the same ones the table shows: days as `YYYY-MM-DD`, figures as the API's exact
 * decimal strings (no locale, no rounding), a missing ratio as "—", and the total last.
 *
 * @example widgetCsv(data, analyticsDashboardStrings) // 'Date,Spend,Previous period,Change\r\n2026-09-05,35.00,0.00,—\r\n…'
 */
export function widgetCsv(data: WidgetData, t: AnalyticsDashboardStrings): string {
  const compare = data.previousPeriod !== null;
  const byDate = data.points.some((p) => p.date !== null);
  const hasNames = data.points.some((p) => p.key !== null);
  const figures = (f: { value: string | null; previous: string | null; change: string | null }) =>
    compare ? [f.value, f.previous, f.change] : [f.value];
  const lines: (string | null)[][] = [
    [
      ...(byDate ? [t.date] : []),
      ...(hasNames ? [t.name] : []),
      ...(byDate || hasNames ? [] : ['']),
      t[data.metric],
      ...(compare ? [t.previous, t.change] : []),
    ],
    ...(byDate || hasNames ? data.points : []).map((p) => [
      ...(byDate ? [p.date] : []),
      ...(hasNames ? [pointLabel(p, t)] : []),
      ...figures(p),
    ]),
    [t.total, ...(byDate && hasNames ? [''] : []), ...figures(data.total)],
  ];
  return lines.map((line) => line.map((cell) => csvCell(cell ?? noValue)).join(',')).join('\r\n');
}

/** One CSV cell, quoted when it holds a comma, quote or line break; a leading =, +, - or @ would run as a formula in a spreadsheet. */
function csvCell(value: string): string {
  const safe = /^[=+@]/.test(value) || (/^-/.test(value) && !/^-\d/.test(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A link that saves the widget's figures as a CSV file named after the widget (`widgetCsv`).
 *
 * @example <Widget.CsvLink />
 */
export const CsvLink = forwardRef<HTMLAnchorElement, ComponentPropsWithoutRef<'a'>>(function CsvLink({ children, ...props }, ref) {
  const { widget, query, t } = useWidget('CsvLink');
  if (!query.data) return null;
  const name = widget.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'widget';
  return (
    <a
      ref={ref}
      href={`data:text/csv;charset=utf-8,${encodeURIComponent(widgetCsv(query.data, t))}`}
      download={`${name}.csv`}
      {...props}
      data-scope="analytics-widget"
      data-part="csv"
    >
      {children ?? t.downloadCsv}
    </a>
  );
});

/** Two days as one range, sharing what they share ("Nov 3 – Dec 2, 2026"). */
const days = (from: string, to: string, locale?: string) => formatDay.range(from, to, locale);

/** A point's name: platforms by their product name, the rest as the API labels them. */
export function pointLabel(point: WidgetData['points'][number], t: AnalyticsDashboardStrings): string | null {
  const platform = point.key && (t as Record<string, string>)[`platform_${point.key}`];
  return platform || point.label || point.key;
}

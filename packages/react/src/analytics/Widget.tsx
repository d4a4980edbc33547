import { type ComponentPropsWithoutRef, type CSSProperties, createContext, forwardRef, type ReactNode, useContext, useMemo } from 'react';
import { Slot } from 'radix-ui';
import type { UseQueryResult } from '@tanstack/react-query';
import type { SpokeStackError } from '@spokestack/core';
import type { DashboardWidget, WidgetData, WidgetDataQuery } from '@spokestack/core/analytics';
import { Area, AreaChart, Bar, BarChart, Line, LineChart, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import { format } from '../shared/format.js';
import * as Table from '../ui/Table.js';
import { changeTone, formatAxis, formatChange, formatMetric, plotValue } from './format.js';
import { useWidgetData } from './hooks.js';
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

/** Recharts' default tooltip paints itself inline (white on white in the dark theme): give it the theme's colours. */
const tooltip = {
  contentStyle: {
    background: 'var(--ss-surface-raised)',
    border: '1px solid var(--ss-border)',
    borderRadius: 'var(--ss-radius)',
    boxShadow: 'var(--ss-shadow)',
    color: 'var(--ss-text)',
  },
  labelStyle: { color: 'var(--ss-muted)' },
  cursor: { fill: 'var(--ss-surface)', stroke: 'var(--ss-border)' },
};

const color = (index: number) => `var(--ss-chart-${(index % 6) + 1})`;

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
  const value = (v: unknown) => formatMetric(data.metric, v === null || v === undefined ? null : String(v), data.currency, locale);
  const name = (key: string, label: string | null) => (key === 'previous' ? t.previous : (label ?? t[data.metric]));
  const tick = (v: string) => (x === 'date' ? day(v, locale) : v);
  const axes = (
    <>
      <XAxis dataKey={x} tickFormatter={tick} stroke="var(--ss-muted)" tickLine={false} fontSize={12} minTickGap={16} />
      <YAxis
        tickFormatter={(v: number) => formatAxis(data.metric, v, data.currency, locale)}
        stroke="var(--ss-muted)"
        tickLine={false}
        axisLine={false}
        fontSize={12}
        width={56}
      />
      <Tooltip {...tooltip} formatter={value} labelFormatter={(label) => tick(String(label))} />
    </>
  );
  // The previous period is drawn beside a single series only: with one line per campaign it would be noise.
  const withPrevious = series.length === 1 && rows.some((row) => row.previous !== null && row.previous !== undefined);
  const common = { data: rows, responsive: true, style: { inlineSize: '100%', blockSize: height }, margin: { top: 8, right: 8 } };
  let body: ReactNode;
  if (chart === 'pie')
    body = (
      <PieChart {...common}>
        <Pie
          data={rows.map((row, i) => ({ ...row, fill: color(i) }))}
          dataKey="value"
          nameKey="name"
          innerRadius="55%"
          outerRadius="85%"
          paddingAngle={1}
          stroke="var(--ss-surface-raised)"
          isAnimationActive={false}
        />
        <Tooltip {...tooltip} formatter={value} />
      </PieChart>
    );
  else if (chart === 'bar')
    body = (
      <BarChart {...common}>
        {axes}
        {withPrevious && (
          <Bar dataKey="previous" name={t.previous} fill="var(--ss-chart-muted)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        )}
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={name(s.key, s.label)} fill={color(i)} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        ))}
      </BarChart>
    );
  else if (chart === 'area')
    body = (
      <AreaChart {...common}>
        {axes}
        {series.map((s, i) => (
          <Area
            key={s.key}
            dataKey={s.key}
            name={name(s.key, s.label)}
            stroke={color(i)}
            fill={color(i)}
            fillOpacity={0.15}
            stackId="a"
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    );
  else
    body = (
      <LineChart {...common}>
        {axes}
        {withPrevious && (
          <Line
            dataKey="previous"
            name={t.previous}
            stroke="var(--ss-chart-muted)"
            strokeDasharray="4 4"
            dot={false}
            isAnimationActive={false}
          />
        )}
        {series.map((s, i) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={name(s.key, s.label)}
            stroke={color(i)}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    );
  // Our own legend (HTML, not SVG): it wraps, takes the theme and host CSS, and costs no Recharts weight.
  const legend =
    chart === 'pie'
      ? rows.map((row, i) => ({ key: String(row.name), label: String(row.name), color: color(i), dashed: false }))
      : [
          ...(withPrevious && chart !== 'area'
            ? [{ key: 'previous', label: t.previous, color: 'var(--ss-chart-muted)', dashed: chart === 'line' }]
            : []),
          ...series.map((s, i) => ({ key: s.key, label: name(s.key, s.label), color: color(i), dashed: false })),
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

/**
 * The widget's figures as a table: every point with its previous value and change, and the total. It is
 * the chart's accessible twin (screen readers, copy and paste) and the body of a `table` widget.
 *
 * @example <Widget.DataTable />
 */
export const DataTable = forwardRef<HTMLTableElement, Table.RootProps>(function DataTable(props, ref) {
  const { widget, query, t, locale } = useWidget('DataTable');
  const data = query.data;
  if (!data) return null;
  const compare = data.previousPeriod !== null;
  const byDate = data.points.some((p) => p.date !== null);
  const hasNames = data.points.some((p) => p.key !== null);
  // Without dates or names the one point is the total: the table is then its total row alone.
  const lead = Number(byDate) + Number(hasNames);
  const money = (v: string | null) => formatMetric(data.metric, v, data.currency, locale);
  return (
    <Table.Root ref={ref} {...props}>
      <Table.Caption>{widget.title}</Table.Caption>
      <Table.Header>
        <Table.Row>
          {byDate && <Table.Head scope="col">{t.date}</Table.Head>}
          {hasNames && <Table.Head scope="col">{t.name}</Table.Head>}
          {!lead && <Table.Cell />}
          <Table.Head scope="col" align="end">
            {t[data.metric]}
          </Table.Head>
          {compare && (
            <>
              <Table.Head scope="col" align="end">
                {t.previous}
              </Table.Head>
              <Table.Head scope="col" align="end">
                {t.change}
              </Table.Head>
            </>
          )}
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {(lead ? data.points : []).map((p) => (
          <Table.Row key={`${p.date}|${p.key}`}>
            {byDate && <Table.Cell>{day(p.date!, locale)}</Table.Cell>}
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
  );
});

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = (locale?: string) => {
  const key = locale ?? '';
  let f = dayFormats.get(key);
  if (!f) dayFormats.set(key, (f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })));
  return f;
};
const utc = (date: string) => new Date(`${date}T00:00:00Z`);
/** A `YYYY-MM-DD` day in the reader's words, read in UTC (the API's days are UTC days). */
const day = (date: string, locale?: string) => dayFormat(locale).format(utc(date));
/** Two days as one range, sharing what they share ("Nov 3 – Dec 2, 2026"). */
const days = (from: string, to: string, locale?: string) => dayFormat(locale).formatRange(utc(from), utc(to));

/** A point's name: platforms by their product name, the rest as the API labels them. */
export function pointLabel(point: WidgetData['points'][number], t: AnalyticsDashboardStrings): string | null {
  const platform = point.key && (t as Record<string, string>)[`platform_${point.key}`];
  return platform || point.label || point.key;
}

import type { ReactNode } from 'react';
import type { WidgetData } from '@spokestack/core/analytics';
import { Area, AreaChart, Bar, BarChart, Line, LineChart, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatAxis, formatDay, formatMetric, seriesColor } from './format.js';
import type { AnalyticsDashboardStrings } from './strings.js';

// The Recharts drawing of `Widget.Chart`, in its own module so that it (and Recharts) is a chunk of its own,
// loaded when the first chart renders; `Widget.Chart` keeps the figure, the legend and the table twin.

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

/** What `Widget.Chart` hands over: the widget's figures as chart rows and series. */
export interface ChartBodyProps {
  chart: 'line' | 'bar' | 'area' | 'pie';
  data: WidgetData;
  x: string;
  rows: Record<string, string | number | null>[];
  series: { key: string; label: string | null }[];
  withPrevious: boolean;
  height: number;
  t: AnalyticsDashboardStrings;
  locale?: string;
}

/** The chart itself (line, bar, area or pie), sized to its container. @example <ChartBody chart="line" {...rows} /> */
export function ChartBody({ chart, data, x, rows, series, withPrevious, height, t, locale }: ChartBodyProps) {
  const name = (key: string, label: string | null) => (key === 'previous' ? t.previous : (label ?? t[data.metric]));
  const value = (v: unknown) => formatMetric(data.metric, v === null || v === undefined ? null : String(v), data.currency, locale);
  const tick = (v: string) => (x === 'date' ? formatDay(v, locale) : v);
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
  const common = { data: rows, responsive: true, style: { inlineSize: '100%', blockSize: height }, margin: { top: 8, right: 8 } };
  let body: ReactNode;
  if (chart === 'pie')
    body = (
      <PieChart {...common}>
        <Pie
          data={rows.map((row, i) => ({ ...row, fill: seriesColor(i) }))}
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
          <Bar
            key={s.key}
            dataKey={s.key}
            name={name(s.key, s.label)}
            fill={seriesColor(i)}
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
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
            stroke={seriesColor(i)}
            fill={seriesColor(i)}
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
            stroke={seriesColor(i)}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    );
  return body;
}

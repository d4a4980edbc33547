import { type ComponentPropsWithoutRef, forwardRef, type ReactNode, useId, useState } from 'react';
import type { WidgetDataQuery } from '@spokestack/core/analytics';
import { useOverrides } from '../overrides.js';
import { useMe } from '../platform/me.js';
import { useSpokeStack } from '../provider.js';
import { useResourceList } from '../shared/query.js';
import { Badge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { EmptyState } from '../ui/EmptyState.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Spinner } from '../ui/Spinner.js';
import { type ClassNames, cx } from '../ui/utils.js';
import { DateRangePicker } from './DateRangePicker.js';
import { useDashboard, useDashboardWidgets, useSharedDashboard } from './hooks.js';
import { type AnalyticsDashboardStrings, analyticsDashboardStrings, filterPlatforms } from './strings.js';
import * as Widget from './Widget.js';

type Part = 'header' | 'title' | 'picker' | 'filters' | 'grid' | 'widget' | 'widgetHeader' | 'kpi' | 'chart' | 'table' | 'toggle';

/** Which dashboard: a saved one by id (with the SDK's credentials), or one shared through a public link. */
type Source =
  | {
      /** The saved dashboard to show. */
      dashboardId: string;
      share?: undefined;
    }
  | {
      dashboardId?: undefined;
      /** A public share link's token: the dashboard is read through it, read-only, without credentials. */
      share: string;
    };

interface BaseProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** The range every widget opens with (default: each widget's saved range). */
  defaultView?: WidgetDataQuery;
  /** The range, controlled: pass it with `onViewChange` to keep it in your URL. */
  view?: WidgetDataQuery;
  /** Called when the viewer picks another range or comparison. */
  onViewChange?: (view: WidgetDataQuery) => void;
  /** Hide the date-range picker (a fixed report). */
  hidePicker?: boolean;
  /** Hide the platform and client filters (they are never shown through a share link). */
  hideFilters?: boolean;
  /** Rows per page of table widgets (default 10). */
  pageSize?: number;
  /** Shown instead of the default empty state when the dashboard has no widgets. */
  empty?: ReactNode;
  /** Locale of numbers and dates (default: the browser's). */
  locale?: string;
  /** Class name of the root element. */
  className?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<Part>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<AnalyticsDashboardStrings>;
}

export type AnalyticsDashboardProps = BaseProps & Source;

/**
 * A saved dashboard: its widgets laid out in their order as KPI tiles (with the change against the
 * previous period and a sparkline), line, area, bar and pie charts (Recharts) and sortable, paged tables with a
 * CSV download, under one date-range picker and platform and client filters (a client's dashboard, and its
 * members, see no client filter: it is always their client).
 * Every chart has its figures as a table too (announced to screen readers, shown with "Show as table").
 * A client's members, and anyone holding a share link (`share={token}`), see it read-only: the picker
 * changes only their view, nothing is saved.
 *
 * @example <AnalyticsDashboard dashboardId={dashboard.id} defaultView={{ dateRange: 'last_30_days' }} />
 * @example <AnalyticsDashboard share={token} />
 */
export const AnalyticsDashboard = forwardRef<HTMLElement, AnalyticsDashboardProps>(function AnalyticsDashboard(
  {
    dashboardId,
    share,
    defaultView = {},
    view: controlled,
    onViewChange,
    hidePicker,
    hideFilters,
    pageSize = 10,
    empty,
    locale,
    className,
    classNames,
    overrides,
    ...props
  },
  ref,
) {
  const t = useOverrides('analyticsDashboard', analyticsDashboardStrings, overrides);
  const ids = useId();
  const [own, setOwn] = useState<WidgetDataQuery>(defaultView);
  const view = controlled ?? own;
  const setView = (next: WidgetDataQuery) => {
    if (!controlled) setOwn(next);
    onViewChange?.(next);
  };
  // A share link holds no credentials: its one public answer replaces the dashboard, widgets and "me".
  const dashboard = useDashboard(dashboardId);
  const widgets = useDashboardWidgets(dashboardId);
  const shared = useSharedDashboard(share, view);
  const me = useMe({ enabled: !share });
  const failed = share ? shared.error : (dashboard.error ?? widgets.error);
  const pending = share ? shared.isPending : dashboard.isPending || widgets.isPending;
  const name = share ? shared.data?.dashboard.name : dashboard.data?.name;
  const list = share ? shared.data?.widgets : widgets.data;
  const state = failed ? 'error' : pending ? 'loading' : list?.length ? 'ready' : 'empty';
  const readOnly = Boolean(share) || me.data?.actor.role === 'CLIENT';

  return (
    <section
      ref={ref}
      aria-labelledby={`${ids}-title`}
      {...props}
      data-scope="analytics-dashboard"
      data-part="root"
      data-state={state}
      data-readonly={readOnly || undefined}
      className={className}
    >
      <header data-scope="analytics-dashboard" data-part="header" className={classNames?.header}>
        <h2 id={`${ids}-title`} data-scope="analytics-dashboard" data-part="title" className={classNames?.title}>
          {name ?? t.loading}
          {readOnly && (
            <Badge tone="info" data-readonly="">
              {t.readOnly}
            </Badge>
          )}
        </h2>
        {!hidePicker && state !== 'error' && (
          <DateRangePicker value={view} onChange={setView} overrides={t} className={classNames?.picker} />
        )}
        {!hideFilters && !share && state === 'ready' && (
          <Filters view={view} onChange={setView} clients={!readOnly && !dashboard.data?.clientId} t={t} className={classNames?.filters} />
        )}
      </header>
      {state === 'error' ? (
        <ErrorState
          error={failed}
          onRetry={() => {
            if (share) return void shared.refetch();
            void dashboard.refetch();
            void widgets.refetch();
          }}
        />
      ) : state === 'loading' ? (
        <Spinner size="lg" overrides={{ label: t.loading }} />
      ) : state === 'empty' ? (
        (empty ?? <EmptyState title={t.empty} description={t.emptyHint} />)
      ) : (
        <ul data-scope="analytics-dashboard" data-part="grid" className={classNames?.grid}>
          {list!.map((widget) => (
            <li key={widget.id} data-size={widget.config.chart === 'kpi' ? 'small' : 'large'}>
              <WidgetCard
                dashboardId={dashboardId ?? shared.data!.dashboard.id}
                share={share}
                widget={widget}
                view={view}
                t={t}
                locale={locale}
                pageSize={pageSize}
                classNames={classNames}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});

/** The platform and client a viewer narrows every widget to (for this view only). */
function Filters({
  view,
  onChange,
  clients,
  t,
  className,
}: {
  view: WidgetDataQuery;
  onChange: (view: WidgetDataQuery) => void;
  clients: boolean;
  t: AnalyticsDashboardStrings;
  className?: string;
}) {
  const ids = useId();
  return (
    <fieldset data-scope="analytics-dashboard" data-part="filters" className={className}>
      <legend data-scope="analytics-dashboard" data-part="filters-legend">
        {t.filters}
      </legend>
      <label htmlFor={`${ids}-platform`}>{t.platform}</label>
      <select
        id={`${ids}-platform`}
        value={view.platform ?? ''}
        onChange={(e) => onChange({ ...view, platform: (e.target.value || undefined) as WidgetDataQuery['platform'] })}
      >
        <option value="">{t.allPlatforms}</option>
        {filterPlatforms.map((platform) => (
          <option key={platform} value={platform}>
            {t[`platform_${platform}`]}
          </option>
        ))}
      </select>
      {clients && <ClientFilter id={`${ids}-client`} view={view} onChange={onChange} t={t} />}
    </fieldset>
  );
}

/** The organization's clients (the first 200, by name): an agency dashboard narrowed to one of them. */
function ClientFilter({
  id,
  view,
  onChange,
  t,
}: {
  id: string;
  view: WidgetDataQuery;
  onChange: (view: WidgetDataQuery) => void;
  t: AnalyticsDashboardStrings;
}) {
  const sdk = useSpokeStack();
  const list = useResourceList(sdk.platform.clients, { sort: 'name', limit: 200 });
  const rows = list.data?.rows ?? [];
  if (!rows.length) return null;
  return (
    <>
      <label htmlFor={id}>{t.client}</label>
      <select id={id} value={view.clientId ?? ''} onChange={(e) => onChange({ ...view, clientId: e.target.value || undefined })}>
        <option value="">{t.allClients}</option>
        {rows.map((client) => (
          <option key={client.id} value={client.id}>
            {client.name}
          </option>
        ))}
      </select>
    </>
  );
}

interface WidgetCardProps {
  pageSize: number;
  dashboardId: string;
  share?: string;
  widget: Widget.WidgetOf;
  view: WidgetDataQuery;
  t: AnalyticsDashboardStrings;
  locale?: string;
  classNames?: ClassNames<Part>;
}

/** One styled widget card of the dashboard, built from the `Widget` parts. */
function WidgetCard({ dashboardId, share, widget, view, t, locale, pageSize, classNames }: WidgetCardProps) {
  const ids = useId();
  const [asTable, setAsTable] = useState(widget.config.chart === 'table');
  const chart = widget.config.chart;
  const graphic = chart !== 'kpi' && chart !== 'table';
  return (
    <Widget.Root
      dashboardId={dashboardId}
      share={share}
      widget={widget}
      view={view}
      strings={t}
      locale={locale}
      aria-labelledby={`${ids}-title`}
      className={classNames?.widget}
    >
      <div data-scope="analytics-widget" data-part="header" className={classNames?.widgetHeader}>
        <Widget.Title id={`${ids}-title`} />
        {graphic && <TableToggle pressed={asTable} onToggle={() => setAsTable((v) => !v)} t={t} className={classNames?.toggle} />}
      </div>
      <WidgetBody asTable={asTable} t={t} pageSize={pageSize} classNames={classNames} />
      <Widget.Period />
    </Widget.Root>
  );
}

/** "Show as table" / "Show as chart", once there are figures to show either way. */
function TableToggle({
  pressed,
  onToggle,
  t,
  className,
}: {
  pressed: boolean;
  onToggle: () => void;
  t: AnalyticsDashboardStrings;
  className?: string;
}) {
  const { state } = Widget.useWidget();
  if (state !== 'ready') return null;
  return (
    <Button size="sm" variant="ghost" aria-pressed={pressed} onClick={onToggle} className={className}>
      {pressed ? t.showChart : t.showTable}
    </Button>
  );
}

function WidgetBody({
  asTable,
  t,
  pageSize,
  classNames,
}: {
  asTable: boolean;
  t: AnalyticsDashboardStrings;
  pageSize: number;
  classNames?: ClassNames<Part>;
}) {
  const { widget, query, state } = Widget.useWidget();
  if (state === 'error') return <ErrorState error={query.error} onRetry={() => query.refetch()} retrying={query.isRefetching} />;
  if (state === 'loading') return <Spinner overrides={{ label: t.loadingWidget }} />;
  if (widget.config.chart === 'kpi')
    return (
      <>
        <Widget.Kpi className={classNames?.kpi} />
        <Widget.Sparkline />
      </>
    );
  if (state === 'empty') return <EmptyState title={t.noData} description={t.noDataHint} />;
  if (widget.config.chart === 'table' || asTable)
    return (
      <>
        <Widget.DataTable className={classNames?.table} sortable pageSize={pageSize} />
        <Widget.CsvLink />
      </>
    );
  // The table stays in the page, visually hidden, so screen readers get the figures the chart draws.
  return (
    <Widget.Chart className={classNames?.chart}>
      <div data-scope="analytics-widget" data-part="sr-table">
        <Widget.DataTable className={cx(classNames?.table)} />
      </div>
    </Widget.Chart>
  );
}

import { keepPreviousData, skipToken, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { SpokeStack, SpokeStackError } from '@spokestack/core';
import type { DashboardWidget, PublicDashboard, WidgetData, WidgetDataQuery } from '@spokestack/core/analytics';
import { useSpokeStack } from '../provider.js';
import { useResource } from '../shared/query.js';

/** The analytics part of the SDK. */
export type Analytics = SpokeStack['analytics'];

/**
 * Query keys of the analytics hooks, under `spokestackKeys` (the dashboard record's own key is the generic
 * resource one), so invalidating `spokestackKeys.feature('analytics')` refreshes every chart.
 *
 * @example queryClient.invalidateQueries({ queryKey: analyticsKeys.widgets(dashboard.id) })
 */
export const analyticsKeys = {
  widgets: (dashboardId: string) => ['spokestack', 'analytics', 'dashboards', 'detail', dashboardId, 'widgets'] as const,
  widgetData: (dashboardId: string, widgetId: string, view: WidgetDataQuery = {}) =>
    [...analyticsKeys.widgets(dashboardId), widgetId, 'data', view] as const,
  shared: (token: string, view: WidgetDataQuery = {}) => ['spokestack', 'analytics', 'public', 'dashboards', token, view] as const,
};

/**
 * A dashboard shared through a public link, with every widget's figures, for its saved ranges or the `view`
 * a date-range picker chose. Needs no credentials: the token is one.
 *
 * @example const { data } = useSharedDashboard(token); data?.widgets.map((w) => w.data.total.value)
 */
export function useSharedDashboard(
  token: string | null | undefined,
  view: WidgetDataQuery = {},
): UseQueryResult<PublicDashboard, SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: analyticsKeys.shared(token ?? '', view),
    queryFn: token ? ({ signal }) => sdk.analytics.dashboards.viewShared(token, view, { signal }) : skipToken,
    placeholderData: keepPreviousData,
  });
}

/**
 * One saved dashboard (name, client, whether it is shared). Pass `null` while the id is unknown.
 *
 * @example const { data: dashboard } = useDashboard(dashboardId)
 */
export function useDashboard(id: string | null | undefined) {
  const sdk = useSpokeStack();
  return useResource(sdk.analytics.dashboards, id);
}

/**
 * A dashboard's widgets in layout order, each with its validated config.
 *
 * @example useDashboardWidgets(dashboard.id).data?.map((widget) => <Widget key={widget.id} widget={widget} />)
 */
export function useDashboardWidgets(dashboardId: string | null | undefined): UseQueryResult<DashboardWidget[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: analyticsKeys.widgets(dashboardId ?? ''),
    queryFn: dashboardId ? async ({ signal }) => (await sdk.analytics.dashboards.widgets(dashboardId, { signal })).data : skipToken,
  });
}

/**
 * A widget's figures (points, total, previous period and change), for its saved range or the `view` a
 * date-range picker chose. The previous figures stay on screen while another range loads. With `share` (a
 * public link's token) the figures come from the shared dashboard's one answer, picked out for this widget.
 *
 * @example const { data } = useWidgetData(dashboard.id, widget.id, { dateRange: 'last_7_days' })
 */
export function useWidgetData(
  dashboardId: string,
  widgetId: string,
  view: WidgetDataQuery = {},
  share?: string,
): UseQueryResult<WidgetData, SpokeStackError> {
  const sdk = useSpokeStack();
  const own = useQuery<WidgetData, SpokeStackError>({
    queryKey: analyticsKeys.widgetData(dashboardId, widgetId, view),
    queryFn: share ? skipToken : ({ signal }) => sdk.analytics.dashboards.widgetData(dashboardId, widgetId, view, { signal }),
    placeholderData: keepPreviousData,
  });
  // The shared dashboard's key, as `useSharedDashboard` asks it: every widget selects from one request,
  // and a widget mounting under a dashboard that has the answer does not ask again.
  const shared = useQuery<PublicDashboard, SpokeStackError, WidgetData>({
    queryKey: analyticsKeys.shared(share ?? '', view),
    queryFn: share ? ({ signal }) => sdk.analytics.dashboards.viewShared(share, view, { signal }) : skipToken,
    select: (answer: PublicDashboard) => answer.widgets.find((w) => w.id === widgetId)!.data,
    placeholderData: keepPreviousData,
    refetchOnMount: false,
  });
  return share ? shared : own;
}

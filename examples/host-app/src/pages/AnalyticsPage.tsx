import { useState } from 'react';
import { EmptyState, Spinner, useResourceList, useSpokeStack } from '@spokestack/react';
import { AnalyticsDashboard } from '@spokestack/react/analytics';

/**
 * The back office's analytics section: the saved dashboards the signed-in user may see (a client's member sees
 * their client's only) and the chosen one. `@spokestack/react/analytics`, and Recharts with it, loads with this
 * page only.
 */
export default function AnalyticsPage() {
  const sdk = useSpokeStack();
  const dashboards = useResourceList(sdk.analytics.dashboards, { sort: 'name' });
  const [chosen, setChosen] = useState('');
  const rows = dashboards.data?.rows ?? [];
  const dashboardId = chosen || rows[0]?.id;
  if (dashboards.isPending) return <Spinner size="lg" />;
  if (!dashboardId) return <EmptyState title="No dashboards yet" description="Dashboards saved through the API show up here." />;
  return (
    <div className="analytics-page">
      {rows.length > 1 && (
        <label className="content-type-picker">
          <span>Dashboard</span>
          <select value={dashboardId} onChange={(e) => setChosen(e.target.value)}>
            {rows.map((dashboard) => (
              <option key={dashboard.id} value={dashboard.id}>
                {dashboard.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <AnalyticsDashboard key={dashboardId} dashboardId={dashboardId} defaultView={{ dateRange: 'last_30_days' }} />
    </div>
  );
}

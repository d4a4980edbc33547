import { useState } from 'react';
import { Button, EmptyState, Spinner, useMe, useResourceList, useSpokeStack } from '@spokestack/react';
import { AnalyticsDashboard, ImportWizard } from '@spokestack/react/analytics';

/**
 * The back office's analytics section: the saved dashboards the signed-in user may see (a client's member sees
 * their client's only) and the chosen one, and the import of an ad platform's CSV export (not for a client's
 * read-only members). `@spokestack/react/analytics`, and Recharts with it, loads with this page only.
 */
export default function AnalyticsPage() {
  const sdk = useSpokeStack();
  const dashboards = useResourceList(sdk.analytics.dashboards, { sort: 'name' });
  const [chosen, setChosen] = useState('');
  const [importing, setImporting] = useState(false);
  const me = useMe();
  const mayImport = me.data && me.data.actor.role !== 'CLIENT';
  const rows = dashboards.data?.rows ?? [];
  const dashboardId = chosen || rows[0]?.id;
  if (dashboards.isPending) return <Spinner size="lg" />;
  const importer = mayImport && (
    <div className="analytics-import">
      <Button variant={importing ? 'secondary' : 'primary'} aria-expanded={importing} onClick={() => setImporting((v) => !v)}>
        {importing ? 'Close the import' : 'Import a CSV export'}
      </Button>
      {importing && <ImportWizard locale="en-US" />}
    </div>
  );
  if (!dashboardId)
    return (
      <div className="analytics-page">
        {importer}
        <EmptyState title="No dashboards yet" description="Dashboards saved through the API show up here." />
      </div>
    );
  return (
    <div className="analytics-page">
      {importer}
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

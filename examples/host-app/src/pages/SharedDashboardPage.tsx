import { useMemo } from 'react';
import { createSpokeStack } from '@spokestack/core';
import { SpokeStackProvider } from '@spokestack/react';
import { AnalyticsDashboard } from '@spokestack/react/analytics';

/**
 * `/share/dashboard/:token`: a dashboard shared through a public link, as the client it was sent to sees it —
 * read-only, no sign-in. Like the asset share page, an SDK without credentials: the token is the only key.
 */
export default function SharedDashboardPage({ token, theme }: { token: string; theme: 'light' | 'dark' }) {
  const sdk = useMemo(() => createSpokeStack({ baseUrl: window.location.origin }), []);
  return (
    <SpokeStackProvider client={sdk} theme={theme} className="app app-connect">
      <main className="analytics-page">
        <AnalyticsDashboard share={token} />
      </main>
    </SpokeStackProvider>
  );
}

import { analyticsResources, type dashboardShareCreate, type widgetDataQuery } from '@spokestack/core/analytics';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { resourceService } from '../db/resource-service.js';
import { badRequest, notFound, unauthorized } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { AppContext, TenantContext } from '../platform/context.js';
import { listWidgets, widgetData } from './dashboards.js';
import { analyticsDashboardShares, analyticsDashboards } from './schema.js';

// Public shares of one dashboard. A share's link is a token signed for the `dashboard` purpose that names
// the organization and the share; every use reads the share row again, so revoking it (deleting the row)
// or its expiry stops the link at once. The link shows that dashboard only, read-only, with the figures
// of its organization (and of its client, for a client's dashboard: `widgetData` scopes by it).

type Share = typeof analyticsDashboardShares.$inferSelect;
type Claims = { o: string; s: string };
const s = analyticsDashboardShares;
const dashboards = resourceService(analyticsDashboards, analyticsResources.dashboards);
// A share without an expiry lives until revoked; its token still needs an `exp`, so it gets a far one.
const foreverMs = 100 * 365 * 86_400_000;

/** The share with its link; the token is derived again from the row (signing is deterministic). */
const present = (ctx: Pick<TenantContext, 'signer'>, share: Share) => {
  const expiresAt = share.expiresAt ?? new Date(share.createdAt.getTime() + foreverMs);
  const token = ctx.signer.token('dashboard', { o: share.organizationId, s: share.id } satisfies Claims, expiresAt);
  const { organizationId: _, ...row } = share;
  return { ...row, token, url: `/v1/analytics/public/dashboards/${token}` };
};

/**
 * Shares a dashboard read-only, until `expiresAt` (which must be ahead) or until revoked.
 *
 * @example const { token, url } = await createDashboardShare(db, ctx, dashboard.id, { expiresAt: '2026-12-31T00:00:00Z' })
 */
export async function createDashboardShare(db: Db, ctx: TenantContext, dashboardId: string, input: z.output<typeof dashboardShareCreate>) {
  const dashboard = await dashboards.get(db, ctx, dashboardId);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= ctx.now) throw badRequest([{ path: 'body.expiresAt', message: 'Must be in the future' }]);
  return transaction(db, async (tx) => {
    const [share] = await tx
      .insert(s)
      .values({ organizationId: ctx.organizationId, dashboardId, expiresAt, createdById: ctx.actor.id, createdAt: ctx.now })
      .returning();
    await recordActivity(tx, ctx, {
      action: 'share_created',
      entityType: 'analytics_dashboards',
      entityId: dashboardId,
      entityTitle: dashboard.name,
      clientId: dashboard.clientId,
      metadata: { shareId: share!.id, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return present(ctx, share!);
  });
}

/** @example const { data } = await listDashboardShares(db, ctx, dashboard.id) */
export async function listDashboardShares(db: Db, ctx: TenantContext, dashboardId: string) {
  await dashboards.get(db, ctx, dashboardId);
  const rows = await db
    .select()
    .from(s)
    .where(and(eq(s.organizationId, ctx.organizationId), eq(s.dashboardId, dashboardId)))
    .orderBy(desc(s.createdAt), desc(s.id));
  return { data: rows.map((row) => present(ctx, row)) };
}

/** @example await revokeDashboardShare(db, ctx, dashboard.id, share.id) */
export async function revokeDashboardShare(db: Db, ctx: TenantContext, dashboardId: string, shareId: string) {
  const dashboard = await dashboards.get(db, ctx, dashboardId);
  return transaction(db, async (tx) => {
    const [row] = await tx
      .delete(s)
      .where(and(eq(s.organizationId, ctx.organizationId), eq(s.dashboardId, dashboardId), eq(s.id, shareId)))
      .returning({ id: s.id });
    if (!row) throw notFound('Dashboard share');
    await recordActivity(tx, ctx, {
      action: 'share_revoked',
      entityType: 'analytics_dashboards',
      entityId: dashboardId,
      entityTitle: dashboard.name,
      clientId: dashboard.clientId,
      metadata: { shareId },
    });
    return { id: shareId, deleted: true as const };
  });
}

/**
 * What a share link shows: the dashboard and each widget with its figures; 401 for a forged, foreign
 * or expired token, 404 once the share is revoked. `view` picks another range for this answer only (its
 * platform and client filters are ignored).
 *
 * @example const { dashboard, widgets } = await viewSharedDashboard(db, app, token, { dateRange: 'last_7_days' })
 */
export async function viewSharedDashboard(db: Db, app: AppContext, token: string, view: z.output<typeof widgetDataQuery>) {
  const claims = app.signer.verify<Claims>('dashboard', token, app.now);
  if (!claims || typeof claims.o !== 'string' || typeof claims.s !== 'string')
    throw unauthorized('Invalid or expired dashboard link; ask for a new one');
  const [share] = await db
    .select()
    .from(s)
    .where(and(eq(s.organizationId, claims.o), eq(s.id, claims.s)));
  if (!share) throw notFound('Dashboard share');
  // The token's `exp` is the share's expiry when it was minted; the row is the truth.
  if (share.expiresAt && share.expiresAt <= app.now) throw unauthorized('This dashboard link has expired; ask for a new one');
  // Reads only, through the dashboard's own services, as a reader of the share's organization.
  const ctx: TenantContext = {
    ...app,
    organizationId: share.organizationId,
    actor: { type: 'system', id: `share:${share.id}`, name: 'Dashboard link', role: 'MEMBER', clientId: null },
  };
  const dashboard = await dashboards.get(db, ctx, share.dashboardId);
  // A link shows what was shared: its holder picks the range, not a client or platform to single out.
  const { platform: _platform, clientId: _clientId, ...range } = view;
  const widgets = [];
  for (const { organizationId: _, ...widget } of (await listWidgets(db, ctx, dashboard.id)).data)
    widgets.push({ ...widget, data: await widgetData(db, ctx, dashboard.id, widget.id, range) });
  return { dashboard: { id: dashboard.id, name: dashboard.name, description: dashboard.description }, widgets };
}

import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigner } from '../platform/signing.js';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';

// Public dashboard shares: minted, listed and revoked by the agency's writers; the signed link opens one
// dashboard read-only without credentials, re-reading its share on every use.

let t: TestInstance;
let rival: Awaited<ReturnType<TestInstance['createOrg']>>;
let member: SpokeStack;
let viewer: SpokeStack;
let dashboard: { id: string };
const anonymous = () => t.sdkFor('');

beforeAll(async () => {
  t = await createTestInstance({ now: '2026-09-10T08:00:00Z' });
  rival = await t.createOrg('Rival Agency');
  const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const meta = await t.sdk.analytics.platforms.create({ platform: 'META_ADS', name: 'Meta', accountId: 'act_1', credentials: {} });
  const campaign = await t.sdk.analytics.adCampaigns.create({
    platformId: meta.id,
    externalId: 'fall',
    name: 'Acme fall',
    status: 'ACTIVE',
    currency: 'USD',
    clientId: acme.id,
  });
  await t.sdk.analytics.metrics.upsert({
    level: 'campaign',
    rows: [
      { campaignId: campaign.id, date: '2026-09-05', spend: '30.00', impressions: 3000, clicks: 30 },
      { campaignId: campaign.id, date: '2026-09-06', spend: '20.00', impressions: 1000, clicks: 10 },
    ],
  });
  dashboard = await t.sdk.analytics.dashboards.create({ name: 'Acme weekly', description: 'For the Monday call' });
  await t.sdk.analytics.dashboards.addWidget(dashboard.id, {
    title: 'Spend',
    config: { metric: 'spend', chart: 'kpi', dateRange: 'last_7_days' },
  });
  const session = async (role: 'CLIENT' | 'MEMBER', email: string, clientId?: string) => {
    const user = await t.sdk.platform.users.create({ email, name: email, role, clientId });
    return t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id, expiresIn: 86_400 })).token);
  };
  member = await session('MEMBER', 'mia@agency.test');
  viewer = await session('CLIENT', 'viewer@acme.test', acme.id);
});
afterAll(() => t.close());

describe('dashboard shares', () => {
  it('opens the dashboard and its figures read-only without credentials, for a range the viewer picks', async () => {
    const share = await member.analytics.dashboards.share(dashboard.id);
    expect(share).toMatchObject({ dashboardId: dashboard.id, expiresAt: null, url: `/v1/analytics/public/dashboards/${share.token}` });
    expect(share.token).toMatch(/^ds_/);
    const shown = await anonymous().analytics.dashboards.viewShared(share.token);
    expect(shown.dashboard).toEqual({ id: dashboard.id, name: 'Acme weekly', description: 'For the Monday call' });
    expect(shown.widgets).toHaveLength(1);
    expect(shown.widgets[0]).toMatchObject({ title: 'Spend', config: { metric: 'spend' }, data: { total: { value: '50.00' } } });
    expect(shown.widgets[0]).not.toHaveProperty('organizationId');
    const august = await anonymous().analytics.dashboards.viewShared(share.token, { from: '2026-08-01', to: '2026-08-31' });
    expect(august.widgets[0]!.data).toMatchObject({ from: '2026-08-01', total: { value: '0.00' } });
    // Read-only: the token is no credential for the authenticated operations.
    expect(
      (
        await problem(
          t.sdkFor(share.token).analytics.dashboards.addWidget(dashboard.id, { title: 'X', config: { metric: 'spend', chart: 'kpi' } }),
        )
      ).status,
    ).toBe(401);
  });

  it('lists shares with their links, and a revoke stops the link at once', async () => {
    const share = await t.sdk.analytics.dashboards.share(dashboard.id, { expiresAt: '2026-12-31T00:00:00Z' });
    const { data } = await t.sdk.analytics.dashboards.shares(dashboard.id);
    expect(data.find((s) => s.id === share.id)).toEqual(share);
    await anonymous().analytics.dashboards.viewShared(share.token);
    expect(await t.sdk.analytics.dashboards.revokeShare(dashboard.id, share.id)).toEqual({ id: share.id, deleted: true });
    expect((await problem(anonymous().analytics.dashboards.viewShared(share.token))).status).toBe(404);
    expect((await t.sdk.analytics.dashboards.shares(dashboard.id)).data.map((s) => s.id)).not.toContain(share.id);
    expect((await problem(t.sdk.analytics.dashboards.revokeShare(dashboard.id, share.id))).status).toBe(404);
  });

  it('stops at its expiry, and refuses an expiry in the past', async () => {
    const share = await t.sdk.analytics.dashboards.share(dashboard.id, { expiresAt: '2026-09-10T09:00:00Z' });
    await anonymous().analytics.dashboards.viewShared(share.token);
    t.clock.advance(3_600_000);
    expect((await problem(anonymous().analytics.dashboards.viewShared(share.token))).status).toBe(401);
    const past = await problem(t.sdk.analytics.dashboards.share(dashboard.id, { expiresAt: '2026-09-01T00:00:00Z' }));
    expect(past.status).toBe(400);
    expect(past.errors).toContainEqual({ path: 'body.expiresAt', message: 'Must be in the future' });
  });

  it('refuses forged tokens and tokens of another purpose with 401', async () => {
    const { token } = await t.sdk.analytics.dashboards.share(dashboard.id);
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BA' : 'AA'}`;
    const session = (
      await t.sdk.platform.sessions.create({
        userId: (await t.sdk.platform.users.create({ email: 'x@agency.test', name: 'X', role: 'MEMBER' })).id,
      })
    ).token;
    const claims = JSON.parse(Buffer.from(token.slice(3).split('.')[0]!, 'base64url').toString()) as { o: string; s: string };
    const otherSecret = createSigner('another secret').token('dashboard', { o: claims.o, s: claims.s }, new Date('2027-01-01T00:00:00Z'));
    const reviewKind = createSigner(t.secret).token('review', { o: claims.o, s: claims.s }, new Date('2027-01-01T00:00:00Z'));
    for (const bad of [forged, session, otherSecret, reviewKind, `ds_${reviewKind.slice(3)}`, 'ds_nonsense'])
      expect((await problem(anonymous().analytics.dashboards.viewShared(bad))).status).toBe(401);
  });

  it('is minted by OWNER, ADMIN and MEMBER only, never by a CLIENT', async () => {
    expect((await problem(viewer.analytics.dashboards.share(dashboard.id))).status).toBe(403);
    expect((await problem(viewer.analytics.dashboards.shares(dashboard.id))).status).toBe(403);
  });

  it("never reaches another organization's dashboard", async () => {
    const theirs = await rival.sdk.analytics.dashboards.create({ name: 'Rival board' });
    const their = await rival.sdk.analytics.dashboards.share(theirs.id);
    expect((await anonymous().analytics.dashboards.viewShared(their.token)).dashboard.name).toBe('Rival board');
    expect((await problem(rival.sdk.analytics.dashboards.share(dashboard.id))).status).toBe(404);
    expect((await problem(rival.sdk.analytics.dashboards.shares(dashboard.id))).status).toBe(404);
    const ours = await t.sdk.analytics.dashboards.share(dashboard.id);
    expect((await problem(rival.sdk.analytics.dashboards.revokeShare(dashboard.id, ours.id))).status).toBe(404);
    expect((await problem(rival.sdk.analytics.dashboards.revokeShare(theirs.id, ours.id))).status).toBe(404);
    // A correctly signed token naming our share under their organization finds nothing.
    const crossed = createSigner(t.secret).token('dashboard', { o: rival.organization.id, s: ours.id }, new Date('2027-01-01T00:00:00Z'));
    expect((await problem(anonymous().analytics.dashboards.viewShared(crossed))).status).toBe(404);
  });
});

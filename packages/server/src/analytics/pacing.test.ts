import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let clientSdk: SpokeStack;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestInstance({ now: '2026-09-10T12:00:00Z' });
  other = await t.createOrg('Rival Agency');
  const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const platform = await t.sdk.analytics.platforms.create({ platform: 'META_ADS', name: 'Meta', credentials: {}, accountId: 'act_1' });
  const campaigns = {
    flight: {
      budgetType: 'LIFETIME',
      lifetimeBudget: '3000.00',
      startDate: '2026-09-01T00:00:00Z',
      endDate: '2026-09-30T00:00:00Z',
      perDay: '100.00',
    },
    hot: { budgetType: 'DAILY', dailyBudget: '50.00', perDay: '80.00', clientId: acme.id },
    slow: { budgetType: 'DAILY', dailyBudget: '100.00', perDay: '20.00' },
    blown: {
      budgetType: 'LIFETIME',
      lifetimeBudget: '500.00',
      startDate: '2026-09-01T00:00:00Z',
      endDate: '2026-09-30T00:00:00Z',
      perDay: '60.00',
    },
    none: { perDay: '10.00' },
  } as const;
  for (const [name, { perDay, ...budget }] of Object.entries(campaigns)) {
    const c = await t.sdk.analytics.adCampaigns.create({
      platformId: platform.id,
      externalId: name,
      name,
      status: 'ACTIVE',
      ...budget,
    } as never);
    ids[name] = (c as { id: string }).id;
    const rows = Array.from({ length: 10 }, (_, i) => ({
      campaignId: ids[name]!,
      date: `2026-09-${String(i + 1).padStart(2, '0')}`,
      spend: perDay,
    }));
    await t.sdk.analytics.metrics.upsert({ level: 'campaign', rows });
  }
  const dana = await t.sdk.platform.users.create({ email: 'dana@acme.test', name: 'Dana', role: 'CLIENT', clientId: acme.id });
  clientSdk = t.sdkFor((await t.sdk.platform.sessions.create({ userId: dana.id })).token);
});
afterAll(() => t.close());

describe('budget pacing', () => {
  it('paces lifetime budgets over the flight and daily budgets over the month, and flags over and under', async () => {
    expect(await t.sdk.analytics.pacing.get(ids.flight!)).toMatchObject({
      asOf: '2026-09-10',
      period: { from: '2026-09-01', to: '2026-09-30' },
      budget: '3000.00',
      spendToDate: '1000.00',
      expectedToDate: '1000.00',
      projectedSpend: '3000.00',
      pacing: '1.0000',
      status: 'on_track',
    });
    expect(await t.sdk.analytics.pacing.get(ids.hot!)).toMatchObject({
      budget: '1500.00',
      spendToDate: '800.00',
      expectedToDate: '500.00',
      projectedSpend: '2400.00',
      pacing: '1.6000',
      status: 'over',
    });
    expect(await t.sdk.analytics.pacing.get(ids.slow!)).toMatchObject({ projectedSpend: '600.00', status: 'under' });
    expect(await t.sdk.analytics.pacing.get(ids.blown!)).toMatchObject({ spendToDate: '600.00', status: 'overspent' });
    expect(await t.sdk.analytics.pacing.get(ids.none!)).toMatchObject({ budget: null, status: 'no_budget' });
    // Measured at an earlier day, only the spend up to it counts.
    expect(await t.sdk.analytics.pacing.get(ids.flight!, { date: '2026-09-05' })).toMatchObject({
      spendToDate: '500.00',
      status: 'on_track',
    });
    expect(await t.sdk.analytics.pacing.get(ids.flight!, { date: '2026-08-31' })).toMatchObject({
      spendToDate: '0.00',
      status: 'not_started',
    });
    expect(await t.sdk.analytics.pacing.get(ids.flight!, { date: '2026-10-02' })).toMatchObject({
      spendToDate: '1000.00',
      status: 'ended',
    });
  });

  it('lists campaigns with a budget, paged, and keeps tenants and clients apart', async () => {
    const first = await t.sdk.analytics.pacing.list({ limit: 3 });
    expect(first.data).toHaveLength(3);
    const second = await t.sdk.analytics.pacing.list({ limit: 3, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    expect([...first.data, ...second.data].map((p) => p.name).sort()).toEqual(['blown', 'flight', 'hot', 'slow']);
    expect((await clientSdk.analytics.pacing.list()).data.map((p) => p.name)).toEqual(['hot']);
    expect((await problem(clientSdk.analytics.pacing.get(ids.flight!))).status).toBe(404);
    expect((await problem(other.sdk.analytics.pacing.get(ids.flight!))).status).toBe(404);
    expect((await other.sdk.analytics.pacing.list()).data).toEqual([]);
  });
});

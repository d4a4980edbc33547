import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let member: SpokeStack;
let memberId: string;
let client: SpokeStack;
let clientUserId: string;
let pipelineId: string;

const stages = [
  { id: 'lead', name: 'Lead', order: 0, probability: 10 },
  { id: 'qualified', name: 'Qualified', order: 1, probability: 25 },
  { id: 'proposal', name: 'Proposal', order: 2, probability: 50 },
  { id: 'won', name: 'Won', order: 3, probability: 100, isClosed: true, isWon: true },
  { id: 'lost', name: 'Lost', order: 4, probability: 0, isClosed: true },
];
const day = 86_400_000;

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  const max = await t.sdk.platform.users.create({ email: 'max@agency.test', name: 'Max' });
  memberId = max.id;
  const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const dana = await t.sdk.platform.users.create({ email: 'dana@acme.test', name: 'Dana', role: 'CLIENT', clientId: acme.id });
  clientUserId = dana.id;
  pipelineId = (await t.sdk.crm.pipelines.create({ name: 'New business', stages: [...stages].reverse(), isDefault: true })).id;
});
afterAll(() => t.close());
// Sessions last a day at most and the tests move the clock by days: mint fresh ones for each test.
beforeEach(async () => {
  member = t.sdkFor((await t.sdk.platform.sessions.create({ userId: memberId })).token);
  client = t.sdkFor((await t.sdk.platform.sessions.create({ userId: clientUserId })).token);
});

describe('pipelines', () => {
  it('validates stages: unique ids and orders, probabilities 0–100, exactly one won stage, one open stage', async () => {
    const stored = await t.sdk.crm.pipelines.get(pipelineId);
    expect((stored.stages as { id: string }[]).map((s) => s.id)).toEqual(['lead', 'qualified', 'proposal', 'won', 'lost']);
    const paths = async (s: unknown[]) =>
      (await problem(t.sdk.crm.pipelines.create({ name: 'Bad', stages: s as typeof stages }))).errors.map((e) => e.path);
    expect(await paths([stages[0], { ...stages[1], id: 'lead' }, stages[3]])).toEqual(['body.stages.1.id']);
    expect(await paths([stages[0], { ...stages[1], order: 0 }, stages[3]])).toEqual(['body.stages.1.order']);
    expect(await paths([stages[0], { ...stages[1], probability: 101 }, stages[3]])).toEqual(['body.stages.1.probability']);
    expect(await paths([stages[0], stages[4]])).toEqual(['body.stages']);
    expect(await paths([stages[0], stages[3], { ...stages[4], isWon: true }])).toEqual(['body.stages']);
    expect(await paths([stages[3], stages[4]])).toEqual(['body.stages']);
    expect(await paths([stages[0], { ...stages[3], isClosed: false }])).toEqual(['body.stages.1.isClosed', 'body.stages']);
    // One default pipeline per organization; only OWNER/ADMIN define pipelines.
    const second = await t.sdk.crm.pipelines.create({ name: 'Upsell', stages, isDefault: true });
    expect((await t.sdk.crm.pipelines.get(pipelineId)).isDefault).toBe(false);
    await t.sdk.crm.pipelines.update(pipelineId, { isDefault: true });
    expect((await t.sdk.crm.pipelines.get(second.id)).isDefault).toBe(false);
    await expect(member.crm.pipelines.create({ name: 'Mine', stages })).rejects.toMatchObject({ status: 403 });
  });

  it('refuses to remove a stage that holds deals unless they are moved, and moves them with their history', async () => {
    const p = await t.sdk.crm.pipelines.create({ name: 'Temp', stages });
    const deal = await t.sdk.crm.deals.create({ pipelineId: p.id, name: 'Held', stageId: 'qualified' });
    t.clock.advance(1000);
    const without = stages.filter((s) => s.id !== 'qualified');
    const refused = await problem(t.sdk.crm.pipelines.update(p.id, { stages: without }));
    expect(refused).toMatchObject({ status: 409, extensions: { stagesWithDeals: { qualified: 1 } } });
    await expect(t.sdk.crm.pipelines.update(p.id, { stages: without, moveDeals: { qualified: 'qualified' } })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.moveDeals.qualified' }],
    });
    const updated = await t.sdk.crm.pipelines.update(p.id, { stages: without, moveDeals: { qualified: 'proposal' } });
    expect((updated.stages as { id: string }[]).map((s) => s.id)).toEqual(['lead', 'proposal', 'won', 'lost']);
    expect(await t.sdk.crm.deals.get(deal.id)).toMatchObject({ stageId: 'proposal', probability: 50 });
    expect((await t.sdk.crm.deals.history(deal.id)).data.map((h) => [h.fromStageId, h.toStageId])).toEqual([
      [null, 'qualified'],
      ['qualified', 'proposal'],
    ]);
    // Stages without deals go freely.
    await expect(t.sdk.crm.pipelines.update(p.id, { stages: without.filter((s) => s.id !== 'lead') })).resolves.toBeTruthy();
  });
});

describe('deals', () => {
  it('starts in the first open stage with its probability; moves write history with days in stage and activities', async () => {
    const ada = await t.sdk.crm.contacts.create({ firstName: 'Ada', lastName: 'L', email: 'ada@acme.test' });
    const deal = await t.sdk.crm.deals.create({ pipelineId, name: 'Acme rebrand', amount: '25000.00', primaryContactId: ada.id });
    expect(deal).toMatchObject({ stageId: 'lead', probability: 10, currency: 'USD', actualCloseDate: null });
    await expect(t.sdk.crm.deals.create({ pipelineId, name: 'X', stageId: 'nope' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.stageId' }],
    });
    await expect(t.sdk.crm.deals.update(deal.id, { stageId: 'won' } as never)).rejects.toMatchObject({ status: 400 });

    t.clock.advance(3 * day);
    const qualified = await t.sdk.crm.deals.move(deal.id, { fromStageId: 'lead', stageId: 'qualified' });
    expect(qualified).toMatchObject({ stageId: 'qualified', probability: 25 });
    t.clock.advance(2 * day + 3_600_000);
    await expect(t.sdk.crm.deals.move(deal.id, { fromStageId: 'qualified', stageId: 'lost' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.lostReason' }],
    });
    const lost = await t.sdk.crm.deals.move(deal.id, { fromStageId: 'qualified', stageId: 'lost', lostReason: 'Budget cut' });
    expect(lost).toMatchObject({ stageId: 'lost', probability: 0, lostReason: 'Budget cut', actualCloseDate: t.clock.now().toISOString() });
    await expect(t.sdk.crm.deals.reopen(deal.id, { stageId: 'won' })).rejects.toMatchObject({ status: 400 });
    t.clock.advance(1000);
    const reopened = await t.sdk.crm.deals.reopen(deal.id);
    expect(reopened).toMatchObject({ stageId: 'lead', probability: 10, lostReason: null, actualCloseDate: null });
    await expect(t.sdk.crm.deals.reopen(deal.id)).rejects.toMatchObject({ status: 409 });
    t.clock.advance(1000);
    const won = await t.sdk.crm.deals.move(deal.id, { fromStageId: 'lead', stageId: 'won' });
    expect(won).toMatchObject({ stageId: 'won', probability: 100, actualCloseDate: t.clock.now().toISOString() });

    const history = (await t.sdk.crm.deals.history(deal.id)).data;
    expect(history.map((h) => [h.fromStageId, h.toStageId, h.daysInStage])).toEqual([
      [null, 'lead', null],
      ['lead', 'qualified', 3],
      ['qualified', 'lost', 2],
      ['lost', 'lead', 0],
      ['lead', 'won', 0],
    ]);
    const activities = (await t.sdk.crm.dealActivities.list({ dealId: deal.id, sort: 'createdAt' })).data.map((a) => a.activityType);
    expect(activities).toEqual(['CREATED', 'STAGE_CHANGED', 'LOST', 'REOPENED', 'WON']);
    const timeline = (await t.sdk.crm.contactActivities.list({ contactId: ada.id, sort: 'createdAt' })).data.map((a) => a.activityType);
    expect(timeline).toEqual(['DEAL_CREATED', 'DEAL_LOST', 'DEAL_WON']);
    // The history is written by the rules only.
    await expect(t.sdk.crm.dealStageHistory.list({ dealId: deal.id })).resolves.toMatchObject({ data: expect.any(Array) });
    expect((await t.request('/v1/crm/deal-stage-history', { method: 'POST', body: '{}' })).status).toBe(405);
    expect((await t.request(`/v1/crm/deal-activities/${history[0]!.id}`, { method: 'DELETE' })).status).toBe(405);
  });

  it('lets one of two concurrent moves win and answers the other 409', async () => {
    const deal = await t.sdk.crm.deals.create({ pipelineId, name: 'Contested' });
    const results = await Promise.allSettled([
      t.sdk.crm.deals.move(deal.id, { fromStageId: 'lead', stageId: 'qualified' }),
      member.crm.deals.move(deal.id, { fromStageId: 'lead', stageId: 'proposal' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ stageId: string }>).value;
    expect(failure.reason).toMatchObject({ status: 409, extensions: { stageId: winner.stageId } });
    expect((await t.sdk.crm.deals.history(deal.id)).data).toHaveLength(2);
  });

  it('reorders deals within a stage by a rank the server keeps, with no stage history, and places moved ones', async () => {
    const p = await t.sdk.crm.pipelines.create({ name: 'Reorder', stages });
    const make = (name: string, close: string) =>
      t.sdk.crm.deals.create({ pipelineId: p.id, name, expectedCloseDate: `2025-0${close}-01T00:00:00Z` });
    const [a, b, c] = [await make('A', '4'), await make('B', '5'), await make('C', '6')];
    const order = async (stage = 0) => (await t.sdk.crm.pipelines.board(p.id)).stages[stage]!.deals.map((d) => d.name);
    expect(await order()).toEqual(['A', 'B', 'C']); // unranked: by expected close
    // C to the top, then A between C and B: each drag persists, whatever the close dates say.
    await member.crm.deals.move(c.id, { fromStageId: 'lead', stageId: 'lead', afterDealId: null });
    expect(await order()).toEqual(['C', 'A', 'B']);
    await member.crm.deals.move(b.id, { fromStageId: 'lead', stageId: 'lead', afterDealId: c.id });
    expect(await order()).toEqual(['C', 'B', 'A']);
    await member.crm.deals.move(c.id, { fromStageId: 'lead', stageId: 'lead', afterDealId: a.id });
    expect(await order()).toEqual(['B', 'A', 'C']);
    // A stage move with a place lands there; without one, after the ranked deals.
    const d = await make('D', '1');
    await member.crm.deals.move(d.id, { fromStageId: 'lead', stageId: 'qualified' });
    await member.crm.deals.move(d.id, { fromStageId: 'qualified', stageId: 'lead', afterDealId: b.id });
    expect(await order()).toEqual(['B', 'D', 'A', 'C']);
    const e = await make('E', '2');
    await member.crm.deals.move(e.id, { fromStageId: 'lead', stageId: 'qualified' });
    await member.crm.deals.move(e.id, { fromStageId: 'qualified', stageId: 'lead' });
    expect(await order()).toEqual(['B', 'D', 'A', 'C', 'E']);
    // Reordering writes no stage history; a stage move does.
    expect((await t.sdk.crm.deals.history(c.id)).data).toHaveLength(1);
    expect((await t.sdk.crm.deals.history(d.id)).data).toHaveLength(3);
    expect((await problem(member.crm.deals.move(a.id, { fromStageId: 'lead', stageId: 'lead', afterDealId: a.id }))).errors).toEqual([
      { path: 'body.afterDealId', message: 'A deal cannot go after itself' },
    ]);
    const elsewhere = await t.sdk.crm.deals.create({ pipelineId: p.id, name: 'Elsewhere', stageId: 'proposal' });
    expect(
      (await problem(member.crm.deals.move(a.id, { fromStageId: 'lead', stageId: 'lead', afterDealId: elsewhere.id }))).errors,
    ).toEqual([{ path: 'body.afterDealId', message: 'No deal with this id in the target stage' }]);
    await expect(client.crm.deals.move(a.id, { fromStageId: 'lead', stageId: 'lead', afterDealId: null })).rejects.toMatchObject({
      status: 403,
    });
    await expect(other.sdk.crm.deals.move(a.id, { fromStageId: 'lead', stageId: 'lead', afterDealId: null })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('keeps contacts with their roles, one primary, and activities and competitors of their own', async () => {
    const deal = await t.sdk.crm.deals.create({ pipelineId, name: 'Roles' });
    const bea = await t.sdk.crm.contacts.create({ firstName: 'Bea', lastName: 'B' });
    const cy = await t.sdk.crm.contacts.create({ firstName: 'Cy', lastName: 'C' });
    const dm = await t.sdk.crm.dealContacts.create({ dealId: deal.id, contactId: bea.id, role: 'DECISION_MAKER', isPrimary: true });
    expect((await t.sdk.crm.deals.get(deal.id)).primaryContactId).toBe(bea.id);
    const champion = await t.sdk.crm.dealContacts.create({ dealId: deal.id, contactId: cy.id, role: 'CHAMPION' });
    await t.sdk.crm.dealContacts.update(champion.id, { isPrimary: true });
    expect((await t.sdk.crm.deals.get(deal.id)).primaryContactId).toBe(cy.id);
    expect((await t.sdk.crm.dealContacts.get(dm.id)).isPrimary).toBe(false);
    await expect(t.sdk.crm.dealContacts.create({ dealId: deal.id, contactId: cy.id })).rejects.toMatchObject({ status: 409 });
    await t.sdk.crm.dealContacts.delete(champion.id);
    expect((await t.sdk.crm.deals.get(deal.id)).primaryContactId).toBeNull();

    await t.sdk.crm.dealActivities.create({ dealId: deal.id, activityType: 'PROPOSAL_SENT', subject: 'Proposal v1' });
    await expect(t.sdk.crm.dealActivities.create({ dealId: deal.id, activityType: 'WON' as never, subject: 'x' })).rejects.toMatchObject({
      status: 400,
    });
    expect((await t.sdk.crm.deals.get(deal.id)).lastActivityAt).toBe(t.clock.now().toISOString());
    const kinds = (await t.sdk.crm.dealActivities.list({ dealId: deal.id })).data.map((a) => a.activityType).sort();
    expect(kinds).toEqual(['CONTACT_ADDED', 'CONTACT_ADDED', 'CONTACT_REMOVED', 'CREATED', 'PROPOSAL_SENT']);

    const rival = await t.sdk.crm.competitors.create({ name: 'Big Agency Inc' });
    const dc = await t.sdk.crm.dealCompetitors.create({ dealId: deal.id, competitorId: rival.id, pricing: '20% cheaper' });
    expect(dc).toMatchObject({ name: 'Big Agency Inc', status: 'ACTIVE', pricing: '20% cheaper' });
    expect((await t.sdk.crm.dealCompetitors.update(dc.id, { status: 'ELIMINATED', strengthsWeaknesses: 'Slow' })).status).toBe(
      'ELIMINATED',
    );
    const theirs = await other.sdk.crm.competitors.create({ name: 'Theirs' });
    await expect(t.sdk.crm.dealCompetitors.create({ dealId: deal.id, competitorId: theirs.id })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.competitorId' }],
    });
  });

  it('forecasts open deals by stage, owner and month in decimal arithmetic, converting currencies at stored rates', async () => {
    const p = await t.sdk.crm.pipelines.create({ name: 'Forecast', stages });
    const make = (name: string, amount: string, currency: string, stageId: string, expectedCloseDate: string, ownerId?: string) =>
      t.sdk.crm.deals.create({ pipelineId: p.id, name, amount, currency, stageId, expectedCloseDate, ownerId });
    await make('A', '1000.10', 'USD', 'lead', '2025-04-10T00:00:00Z', memberId);
    await make('B', '0.10', 'USD', 'lead', '2025-04-20T00:00:00Z', memberId);
    await make('C', '0.20', 'USD', 'lead', '2025-04-21T00:00:00Z', memberId);
    await make('D', '2000.00', 'EUR', 'proposal', '2025-05-01T00:00:00Z');
    await make('E', '500.00', 'GBP', 'proposal', '2025-05-02T00:00:00Z');
    await t.sdk.crm.deals.create({ pipelineId: p.id, name: 'Closed', amount: '9999.00', stageId: 'won' });
    await t.sdk.crm.exchangeRates.create({ currency: 'EUR', rate: '1.0850000000' });

    const f = await t.sdk.crm.forecast({ pipelineId: p.id });
    expect(f.currency).toBe('USD');
    expect(f.missingRates).toEqual(['GBP']);
    expect(f.rows.map((r) => [r.stageId, r.ownerId === memberId ? 'max' : 'key', r.month, r.count, r.amount, r.weighted])).toEqual([
      ['lead', 'max', '2025-04', 3, '1000.40', '100.04'],
      ['proposal', 'key', '2025-05', 1, '2170.00', '1085.00'],
    ]);
    expect(f.total).toEqual({ count: 4, amount: '3170.40', weighted: '1185.04' });
    expect((await t.sdk.crm.forecast({ pipelineId: p.id, from: '2025-05', to: '2025-05' })).total.count).toBe(1);
    expect((await t.sdk.crm.forecast({ pipelineId: p.id, ownerId: memberId })).total.amount).toBe('1000.40');

    const board = await t.sdk.crm.pipelines.board(p.id);
    expect(board.stages.map((s) => [s.id, s.count, s.total, s.weighted, s.deals.map((d) => d.name)])).toEqual([
      ['lead', 3, '1000.40', '100.04', ['A', 'B', 'C']],
      ['qualified', 0, '0.00', '0.00', []],
      ['proposal', 2, '2170.00', '1085.00', ['D', 'E']],
      ['won', 1, '9999.00', '9999.00', ['Closed']],
      ['lost', 0, '0.00', '0.00', []],
    ]);
    expect(board.missingRates).toEqual(['GBP']);
    expect((await t.sdk.crm.pipelines.board(p.id, { closeMonth: '2025-05' })).stages[2]!.count).toBe(2);
    expect((await t.sdk.crm.pipelines.board(p.id, { ownerId: memberId })).stages.map((s) => s.count)).toEqual([3, 0, 0, 0, 0]);
  });

  it('shows CLIENT members their client’s deals read-only, and hides other organizations’ pipelines and deals', async () => {
    const deal = await t.sdk.crm.deals.create({ pipelineId, name: 'Secret' });
    const acme = (await t.sdk.platform.clients.list()).data.find((c) => c.slug === 'acme')!;
    const shared = await t.sdk.crm.deals.create({ pipelineId, name: 'Acme retainer', clientId: acme.id, amount: '100.00' });
    expect((await client.crm.deals.list()).data.map((d) => d.id)).toEqual([shared.id]);
    await expect(client.crm.deals.get(deal.id)).rejects.toMatchObject({ status: 404 });
    const board = await client.crm.pipelines.board(pipelineId);
    expect(board.stages.flatMap((s) => s.deals.map((d) => d.id))).toEqual([shared.id]);
    expect(board.stages[0]).toMatchObject({ count: 1, total: '100.00' });
    expect((await client.crm.forecast()).total).toMatchObject({ count: 1, amount: '100.00' });
    expect((await client.crm.deals.history(shared.id)).data).toHaveLength(1);
    await expect(client.crm.deals.history(deal.id)).rejects.toMatchObject({ status: 404 });
    await expect(client.crm.deals.move(shared.id, { fromStageId: 'lead', stageId: 'won' })).rejects.toMatchObject({ status: 403 });
    await expect(client.crm.deals.create({ pipelineId, name: 'Mine' })).rejects.toMatchObject({ status: 403 });
    await expect(client.crm.deals.move(deal.id, { fromStageId: 'lead', stageId: 'won' })).rejects.toMatchObject({ status: 403 });
    await expect(other.sdk.crm.deals.move(deal.id, { fromStageId: 'lead', stageId: 'won' })).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.crm.deals.reopen(deal.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.crm.deals.history(deal.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.crm.pipelines.board(pipelineId)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.crm.pipelines.update(pipelineId, { name: 'Mine' })).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.crm.deals.create({ pipelineId, name: 'Intruder' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.pipelineId' }],
    });
    expect((await other.sdk.crm.forecast()).total.count).toBe(0);
  });

  it('shows a company with its contacts, its deals and their total in the organization’s currency', async () => {
    const globex = await t.sdk.platform.clients.create({ name: 'Globex', slug: 'globex' });
    await t.sdk.crm.contacts.create({ firstName: 'Zed', lastName: 'Zimmer', companyId: globex.id });
    await t.sdk.crm.contacts.create({ firstName: 'Ann', lastName: 'Abbott', companyId: globex.id });
    await t.sdk.crm.contacts.create({ firstName: 'Not', lastName: 'Theirs' });
    const deal = (name: string, amount: string, stageId: string, currency = 'USD') =>
      t.sdk.crm.deals.create({ pipelineId, name, amount, stageId, currency, clientId: globex.id });
    await deal('Retainer', '1200.50', 'proposal');
    await deal('Launch', '1000.00', 'won');
    await deal('Euro site', '100.00', 'lead', 'EUR');
    await deal('Pounds', '50.00', 'lead', 'GBP');
    await t.sdk.crm.deals.create({ pipelineId, name: 'Elsewhere', amount: '5.00' });

    const summary = await member.crm.companies.summary(globex.id);
    expect(summary).toMatchObject({ company: { id: globex.id, name: 'Globex' }, currency: 'USD', missingRates: ['GBP'] });
    expect([summary.contacts.count, summary.contacts.data.map((c) => c.lastName)]).toEqual([2, ['Abbott', 'Zimmer']]);
    expect([summary.deals.count, summary.deals.data.map((d) => d.name).sort()]).toEqual([4, ['Euro site', 'Launch', 'Pounds', 'Retainer']]);
    // EUR at the stored 1.085; GBP has no rate, so it is listed rather than summed at a guess.
    expect(summary.total).toEqual({ count: 3, amount: '2309.00', weighted: '1611.10' });
    expect(summary.open).toEqual({ count: 2, amount: '1309.00', weighted: '611.10' });

    await expect(other.sdk.crm.companies.summary(globex.id)).rejects.toMatchObject({ status: 404 });
    await expect(client.crm.companies.summary(globex.id)).rejects.toMatchObject({ status: 403 });
  });

  it('lists campaign_brief_links from both sides: a campaign’s briefs and a brief’s campaigns', async () => {
    const spring = await t.sdk.crm.campaigns.create({ name: 'Spring', campaignType: 'BRAND_AWARENESS', ownerId: memberId });
    const autumn = await t.sdk.crm.campaigns.create({ name: 'Autumn', campaignType: 'LEAD_GENERATION', ownerId: memberId });
    const logo = await t.sdk.platform.briefs.create({ title: 'Logo refresh' });
    const film = await t.sdk.platform.briefs.create({ title: 'Launch film' });
    for (const [campaignId, briefId] of [
      [spring.id, logo.id],
      [spring.id, film.id],
      [autumn.id, logo.id],
    ] as const)
      await t.sdk.crm.campaignBriefLinks.create({ campaignId, briefId });
    const briefsOf = (campaignId: string) =>
      t.sdk.crm.campaignBriefLinks.list({ campaignId }).then((p) => p.data.map((l) => l.briefId).sort());
    const campaignsOf = (briefId: string) =>
      t.sdk.crm.campaignBriefLinks.list({ briefId }).then((p) => p.data.map((l) => l.campaignId).sort());
    expect(await briefsOf(spring.id)).toEqual([logo.id, film.id].sort());
    expect(await campaignsOf(logo.id)).toEqual([spring.id, autumn.id].sort());
    expect(await campaignsOf(film.id)).toEqual([spring.id]);
    await expect(t.sdk.crm.campaignBriefLinks.create({ campaignId: spring.id, briefId: logo.id })).rejects.toMatchObject({ status: 409 });
    expect((await other.sdk.crm.campaignBriefLinks.list({ briefId: logo.id })).data).toEqual([]);
    await expect(other.sdk.crm.campaignBriefLinks.create({ campaignId: spring.id, briefId: logo.id })).rejects.toMatchObject({
      status: 400,
    });
  });
});

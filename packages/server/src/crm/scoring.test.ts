import type { SpokeStack } from '@spokestack/core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { contacts } from './schema.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let member: SpokeStack;
let maxId: string;

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  const max = await t.sdk.platform.users.create({ email: 'max@agency.test', name: 'Max' });
  maxId = max.id;
  member = t.sdkFor((await t.sdk.platform.sessions.create({ userId: max.id })).token);
});
afterAll(() => t.close());

describe('lead scoring', () => {
  it('leaves stored scores alone while the organization has no active rules', async () => {
    // Another organization: the rules the next test creates are not its own.
    const kept = await other.sdk.crm.contacts.create({ firstName: 'Kept', lastName: 'K' });
    await t.db.update(contacts).set({ leadScore: 40, engagementScore: 12 }).where(eq(contacts.id, kept.id));
    await other.sdk.crm.contacts.update(kept.id, { jobTitle: 'Director' });
    await t.runJobs();
    expect(await other.sdk.crm.contacts.get(kept.id)).toMatchObject({ leadScore: 40, engagementScore: 12 });
    expect(await other.sdk.crm.scores.recompute(kept.id)).toMatchObject({ leadScore: 40, engagementScore: 12, rules: [] });
  });

  it('scores fit and engagement apart from rules, recomputed by the job after changes, and explains each rule’s points', async () => {
    await t.sdk.crm.customFields.create({ key: 'seats', label: 'Seats', fieldType: 'number' });
    const rules = [
      { name: 'Decision maker', condition: { kind: 'field', field: 'jobTitle', match: 'contains', value: 'director' }, scoreChange: 15 },
      { name: 'VIP', condition: { kind: 'tag', tag: 'VIP' }, scoreChange: 20, priority: 10 },
      { name: 'Big team', condition: { kind: 'customField', key: 'seats', match: 'equals', value: 50 }, scoreChange: 10 },
      { name: 'Student', condition: { kind: 'field', field: 'email', match: 'contains', value: '.edu' }, scoreChange: -30 },
    ] as const;
    for (const r of rules) await t.sdk.crm.leadScoringRules.create({ ...r, category: 'fit' });
    await t.sdk.crm.leadScoringRules.create({
      name: 'Two calls this week',
      condition: { kind: 'activity', activityType: 'CALL_INBOUND', minCount: 2, withinDays: 7 },
      scoreChange: 25,
      category: 'engagement',
    });
    await expect(
      member.crm.leadScoringRules.create({ name: 'x', condition: { kind: 'tag', tag: 'x' }, scoreChange: 1, category: 'fit' }),
    ).rejects.toMatchObject({ status: 403 });
    expect(
      (
        await problem(
          t.sdk.crm.leadScoringRules.create({
            name: 'x',
            condition: { kind: 'field', field: 'city', match: 'equals' },
            scoreChange: 1,
            category: 'fit',
          }),
        )
      ).errors,
    ).toEqual([{ path: 'body.condition.value', message: 'A value to compare with' }]);

    const ada = await member.crm.contacts.create({
      firstName: 'Ada',
      lastName: 'L',
      jobTitle: 'Marketing Director',
      tags: ['vip'],
      customFields: { seats: 50 },
    });
    await t.runJobs();
    expect(await member.crm.contacts.get(ada.id)).toMatchObject({
      leadScore: 45,
      engagementScore: 0,
      lastScoreUpdate: '2025-03-01T10:00:00.000Z',
    });

    t.clock.advance(60_000);
    for (const subject of ['Pricing', 'Contract'])
      await member.crm.contactActivities.create({ contactId: ada.id, activityType: 'CALL_INBOUND', subject });
    await t.runJobs();
    const explained = await member.crm.scores.explain(ada.id);
    expect(explained).toMatchObject({ leadScore: 45, engagementScore: 25, lastScoreUpdate: '2025-03-01T10:01:00.000Z' });
    expect(explained.rules.map((r) => [r.name, r.category, r.matched, r.points])).toEqual([
      ['VIP', 'fit', true, 20],
      ['Decision maker', 'fit', true, 15],
      ['Big team', 'fit', true, 10],
      ['Student', 'fit', false, 0],
      ['Two calls this week', 'engagement', true, 25],
    ]);
    expect(await member.crm.contacts.get(ada.id)).toMatchObject({ leadScore: 45, engagementScore: 25 });

    // A week later the calls are too old; a changed field changes the fit (sessions last a day: the API key now).
    t.clock.advance(8 * 86_400_000);
    await t.sdk.crm.contacts.update(ada.id, { email: 'ada@uni.edu' });
    await t.runJobs();
    expect(await t.sdk.crm.contacts.get(ada.id)).toMatchObject({ leadScore: 15, engagementScore: 0 });
    const recomputed = await t.sdk.crm.scores.recompute(ada.id);
    expect(recomputed.rules.find((r) => r.name === 'Student')).toMatchObject({ matched: true, points: -30 });

    await expect(other.sdk.crm.scores.explain(ada.id)).rejects.toMatchObject({ status: 404 });
    const mine = (await other.sdk.crm.contacts.create({ firstName: 'Vip', lastName: 'Elsewhere', tags: ['vip'] })).id;
    expect((await other.sdk.crm.scores.explain(mine)).rules).toEqual([]);
  });

  it('rescores every contact by a job when a rule is added, changed or removed, never another organization’s', async () => {
    t.clock.advance(86_400_000);
    const made: { id: string }[] = [];
    for (const [i, tags] of [['partner'], ['partner', 'vip'], []].entries())
      made.push(await t.sdk.crm.contacts.create({ firstName: `Rule${i}`, lastName: 'Watcher', tags }));
    const theirs = await other.sdk.crm.contacts.create({ firstName: 'Their', lastName: 'Partner', tags: ['partner'] });
    await t.runJobs();
    const scores = async () => Promise.all(made.map(async (c) => (await t.sdk.crm.contacts.get(c.id)).leadScore));
    expect(await scores()).toEqual([0, 20, 0]);

    t.clock.advance(60_000);
    const partner = await t.sdk.crm.leadScoringRules.create({
      name: 'Partner',
      condition: { kind: 'tag', tag: 'partner' },
      scoreChange: 5,
      category: 'fit',
    });
    // Nothing about the contacts changed: only the rule did.
    await t.runJobs();
    expect(await scores()).toEqual([5, 25, 0]);
    expect(await t.sdk.crm.contacts.get(made[0]!.id)).toMatchObject({ lastScoreUpdate: t.clock.now().toISOString() });
    expect(await other.sdk.crm.contacts.get(theirs.id)).toMatchObject({ leadScore: 0, lastScoreUpdate: null });

    t.clock.advance(60_000);
    await t.sdk.crm.leadScoringRules.update(partner.id, { scoreChange: 12 });
    await t.runJobs();
    expect(await scores()).toEqual([12, 32, 0]);
    expect((await t.sdk.crm.scores.explain(made[1]!.id)).rules.filter((r) => r.matched).map((r) => [r.name, r.points])).toEqual([
      ['VIP', 20],
      ['Partner', 12],
    ]);

    t.clock.advance(60_000);
    const max = t.sdkFor((await t.sdk.platform.sessions.create({ userId: maxId })).token);
    await expect(max.crm.leadScoringRules.delete(partner.id)).rejects.toMatchObject({ status: 403 });
    await expect(other.sdk.crm.leadScoringRules.delete(partner.id)).rejects.toMatchObject({ status: 404 });
    await t.sdk.crm.leadScoringRules.delete(partner.id);
    await t.runJobs();
    expect(await scores()).toEqual([0, 20, 0]);
  });
});

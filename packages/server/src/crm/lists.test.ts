import type { SegmentRule } from '@spokestack/core/crm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { emailInteractions } from './schema.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
const ids: Record<string, string> = {};
const day = 86_400_000;

const stages = [
  { id: 'lead', name: 'Lead', order: 0, probability: 10 },
  { id: 'proposal', name: 'Proposal', order: 1, probability: 50 },
  { id: 'won', name: 'Won', order: 2, probability: 100, isClosed: true, isWon: true },
];

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  await t.sdk.crm.customFields.create({ key: 'industry', label: 'Industry', fieldType: 'multiselect', options: ['Retail', 'SaaS'] });
  await t.sdk.crm.customFields.create({ key: 'employees', label: 'Employees', fieldType: 'number' });
  const people = [
    {
      firstName: 'Ada',
      lastName: 'L',
      email: 'ada@x.test',
      city: 'London',
      tags: ['vip'],
      leadScore: 80,
      marketingConsent: true,
      customFields: { industry: ['SaaS'], employees: 500 },
    },
    {
      firstName: 'Bob',
      lastName: 'M',
      email: 'bob@x.test',
      city: 'Paris',
      tags: ['vip', 'partner'],
      leadScore: 20,
      customFields: { industry: ['Retail'], employees: 20 },
    },
    { firstName: 'Cy', lastName: 'N', email: 'cy@x.test', city: 'london', leadScore: 55, marketingConsent: true },
    { firstName: 'Di', lastName: 'O', city: null, leadScore: 5, status: 'INACTIVE' as const },
  ];
  for (const p of people) ids[p.firstName] = (await t.sdk.crm.contacts.create(p)).id;
  await other.sdk.crm.contacts.create({ firstName: 'Eve', lastName: 'Rival', city: 'London', tags: ['vip'], leadScore: 99 });
  // Ada opened an email 40 days ago, Cy 2 days ago; Bob had a call; Cy is on a deal in "proposal".
  // Interactions are written by the tracking links only (the API refuses them), so the test puts them in place.
  const open = (contactId: string, daysAgo: number) =>
    t.db.insert(emailInteractions).values({
      organizationId: t.organization.id,
      contactId,
      subject: 'March news',
      interactionType: 'OPENED',
      occurredAt: new Date(Date.parse('2025-03-01T10:00:00Z') - daysAgo * day),
    });
  await open(ids.Ada!, 40);
  await open(ids.Cy!, 2);
  await t.sdk.crm.contactActivities.create({ contactId: ids.Bob!, activityType: 'CALL_OUTBOUND', subject: 'Intro' });
  const pipelineId = (await t.sdk.crm.pipelines.create({ name: 'Sales', stages, isDefault: true })).id;
  await t.sdk.crm.deals.create({ pipelineId, name: 'Cy deal', stageId: 'proposal', primaryContactId: ids.Cy });
  const bobDeal = await t.sdk.crm.deals.create({ pipelineId, name: 'Bob deal', stageId: 'lead' });
  await t.sdk.crm.dealContacts.create({ dealId: bobDeal.id, contactId: ids.Bob! });
});
afterAll(() => t.close());

const names = async (segmentRules: SegmentRule) => {
  const { count, sample } = await t.sdk.crm.contactLists.preview({ segmentRules, sampleSize: 50 });
  expect(sample).toHaveLength(count);
  return sample.map((c) => c.firstName).sort();
};

describe('contact lists', () => {
  it('previews each kind of rule over this organization’s contacts only', async () => {
    expect(await names({ kind: 'field', field: 'city', op: 'eq', value: 'LONDON' })).toEqual(['Ada', 'Cy']);
    expect(await names({ kind: 'field', field: 'city', op: 'neq', value: 'london' })).toEqual(['Bob', 'Di']);
    expect(await names({ kind: 'field', field: 'email', op: 'contains', value: 'x.test' })).toEqual(['Ada', 'Bob', 'Cy']);
    expect(await names({ kind: 'field', field: 'city', op: 'in', value: ['paris', 'Berlin'] })).toEqual(['Bob']);
    expect(await names({ kind: 'field', field: 'city', op: 'isNotSet' })).toEqual(['Di']);
    expect(await names({ kind: 'field', field: 'status', op: 'eq', value: 'inactive' })).toEqual(['Di']);
    expect(await names({ kind: 'customField', key: 'industry', op: 'eq', value: 'SaaS' })).toEqual(['Ada']);
    expect(await names({ kind: 'customField', key: 'employees', op: 'gte', value: 100 })).toEqual(['Ada']);
    expect(await names({ kind: 'customField', key: 'employees', op: 'isNotSet' })).toEqual(['Cy', 'Di']);
    expect(await names({ kind: 'tag', op: 'has', tag: 'vip' })).toEqual(['Ada', 'Bob']);
    expect(await names({ kind: 'tag', op: 'hasNot', tag: 'vip' })).toEqual(['Cy', 'Di']);
    expect(await names({ kind: 'score', score: 'leadScore', op: 'gt', value: 50 })).toEqual(['Ada', 'Cy']);
    expect(await names({ kind: 'consent', marketingConsent: true })).toEqual(['Ada', 'Cy']);
    expect(await names({ kind: 'email', interaction: 'OPENED', withinDays: 30 })).toEqual(['Cy']);
    expect(await names({ kind: 'email', interaction: 'OPENED' })).toEqual(['Ada', 'Cy']);
    expect(await names({ kind: 'activity', activityType: 'CALL_OUTBOUND', withinDays: 7 })).toEqual(['Bob']);
    expect(await names({ kind: 'dealStage', stageId: 'proposal' })).toEqual(['Cy']);
    expect(await names({ kind: 'dealStage', stageId: 'lead' })).toEqual(['Bob']);
  });

  it('nests all/any groups and negation, in one query whose count matches the members', async () => {
    // (vip and not partner) or (opened in 30 days and score ≥ 50)
    const rule: SegmentRule = {
      kind: 'group',
      match: 'any',
      rules: [
        {
          kind: 'group',
          match: 'all',
          rules: [
            { kind: 'tag', op: 'has', tag: 'vip' },
            { kind: 'not', rule: { kind: 'tag', op: 'has', tag: 'partner' } },
          ],
        },
        {
          kind: 'group',
          match: 'all',
          rules: [
            { kind: 'email', interaction: 'OPENED', withinDays: 30 },
            { kind: 'score', score: 'leadScore', op: 'gte', value: 50 },
          ],
        },
      ],
    };
    expect(await names(rule)).toEqual(['Ada', 'Cy']);
    // A NULL column makes a condition unknown; negated, it still does not match.
    expect(await names({ kind: 'not', rule: { kind: 'field', field: 'city', op: 'eq', value: 'london' } })).toEqual(['Bob', 'Di']);
    const list = await t.sdk.crm.contactLists.create({ name: 'Engaged', listType: 'DYNAMIC', segmentRules: rule });
    expect(list).toMatchObject({ listType: 'DYNAMIC', memberCount: 2 });
    expect((await t.sdk.crm.contactLists.members(list.id)).data.map((c) => c.firstName)).toEqual(['Cy', 'Ada']);

    // Evaluated live: a new VIP is a member at once, and the count follows.
    const fay = await t.sdk.crm.contacts.create({ firstName: 'Fay', lastName: 'P', tags: ['vip'] });
    expect((await t.sdk.crm.contactLists.get(list.id)).memberCount).toBe(3);
    const page = await t.sdk.crm.contactLists.members(list.id, { limit: 2 });
    expect(page.data.map((c) => c.id)).toEqual([fay.id, ids.Cy]);
    expect((await t.sdk.crm.contactLists.members(list.id, { limit: 2, cursor: page.nextCursor! })).data.map((c) => c.id)).toEqual([
      ids.Ada,
    ]);
    // Time passes: Cy's open falls out of the 30-day window.
    t.clock.advance(29 * day);
    expect((await t.sdk.crm.contactLists.get(list.id)).memberCount).toBe(2);
    t.clock.advance(-29 * day);
    await t.sdk.crm.contacts.delete(fay.id);
  });

  it('keeps static and suppression members by hand with exact counts, and uses lists in rules', async () => {
    const stat = await t.sdk.crm.contactLists.create({ name: 'Webinar', listType: 'STATIC' });
    expect(await t.sdk.crm.contactLists.addMembers(stat.id, [ids.Ada!, ids.Bob!, ids.Ada!])).toEqual({ changed: 2, memberCount: 2 });
    expect(await t.sdk.crm.contactLists.addMembers(stat.id, [ids.Bob!, ids.Di!])).toEqual({ changed: 1, memberCount: 3 });
    expect(await t.sdk.crm.contactLists.removeMembers(stat.id, [ids.Di!, ids.Cy!])).toEqual({ changed: 1, memberCount: 2 });
    const suppressed = await t.sdk.crm.contactLists.create({ name: 'Do not mail', listType: 'SUPPRESSION' });
    await t.sdk.crm.contactListMembers.create({ listId: suppressed.id, contactId: ids.Bob! });
    expect((await t.sdk.crm.contactLists.get(suppressed.id)).memberCount).toBe(1);

    // In the webinar list and not suppressed; a dynamic list over those lists is inlined into one query.
    const inner = await t.sdk.crm.contactLists.create({
      name: 'Webinar, mailable',
      listType: 'DYNAMIC',
      segmentRules: {
        kind: 'group',
        match: 'all',
        rules: [
          { kind: 'list', listId: stat.id },
          { kind: 'not', rule: { kind: 'list', listId: suppressed.id } },
        ],
      },
    });
    expect(inner.memberCount).toBe(1);
    const outer = await t.sdk.crm.contactLists.create({
      name: 'Outer',
      listType: 'DYNAMIC',
      segmentRules: { kind: 'list', listId: inner.id },
    });
    expect((await t.sdk.crm.contactLists.members(outer.id)).data.map((c) => c.firstName)).toEqual(['Ada']);

    // A contact deleted leaves a static list at once: the count is counted, not kept.
    const gus = await t.sdk.crm.contacts.create({ firstName: 'Gus', lastName: 'Q' });
    await t.sdk.crm.contactLists.addMembers(stat.id, [gus.id]);
    expect((await t.sdk.crm.contactLists.list({ listType: 'STATIC' })).data.find((l) => l.id === stat.id)?.memberCount).toBe(3);
    await t.sdk.crm.contacts.delete(gus.id);
    expect((await t.sdk.crm.contactLists.list({ listType: 'STATIC' })).data.find((l) => l.id === stat.id)?.memberCount).toBe(2);

    // A list cannot contain itself, even through another.
    const cycle = await problem(t.sdk.crm.contactLists.update(inner.id, { segmentRules: { kind: 'list', listId: outer.id } }));
    expect(cycle).toMatchObject({ status: 400, errors: [{ path: 'body.segmentRules.listId' }] });
    // Dynamic members are decided by the rules.
    expect((await problem(t.sdk.crm.contactLists.addMembers(inner.id, [ids.Cy!]))).status).toBe(409);
    expect((await problem(t.sdk.crm.contactListMembers.create({ listId: inner.id, contactId: ids.Cy! }))).status).toBe(409);
    const moved = await t.request(`/v1/crm/contact-list-members/${stat.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ listId: inner.id }),
    });
    expect(moved.status).toBe(405);
  });

  it('refuses rules it cannot evaluate and lists of the wrong kind', async () => {
    const bad = await problem(
      t.sdk.crm.contactLists.create({
        name: 'Bad',
        listType: 'DYNAMIC',
        segmentRules: {
          kind: 'group',
          match: 'all',
          rules: [
            { kind: 'customField', key: 'shoeSize', op: 'eq', value: 42 },
            { kind: 'group', match: 'any', rules: [{ kind: 'list', listId: 'nope' }] },
          ],
        },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.errors.map((e) => e.path)).toEqual(['body.segmentRules.rules.0.key', 'body.segmentRules.rules.1.rules.0.listId']);
    expect((await problem(t.sdk.crm.contactLists.create({ name: 'X', listType: 'DYNAMIC' }))).errors).toEqual([
      expect.objectContaining({ path: 'body.segmentRules' }),
    ]);
    const stat = { kind: 'tag', op: 'has', tag: 'vip' } as const;
    expect((await problem(t.sdk.crm.contactLists.create({ name: 'X', listType: 'STATIC', segmentRules: stat }))).status).toBe(400);
    const malformed = await t.request('/v1/crm/contact-lists/preview', {
      method: 'POST',
      body: JSON.stringify({ segmentRules: { kind: 'score', score: 'leadScore', op: 'drop table', value: 1 } }),
    });
    expect(malformed.status).toBe(400);
  });

  it('isolates organizations and refuses CLIENT members', async () => {
    const mine = await t.sdk.crm.contactLists.create({ name: 'Mine', listType: 'STATIC' });
    await t.sdk.crm.contactLists.addMembers(mine.id, [ids.Ada!]);
    expect((await problem(other.sdk.crm.contactLists.get(mine.id))).status).toBe(404);
    expect((await problem(other.sdk.crm.contactLists.members(mine.id))).status).toBe(404);
    expect((await problem(other.sdk.crm.contactLists.addMembers(mine.id, [ids.Ada!]))).status).toBe(404);
    const theirs = await other.sdk.crm.contactLists.create({ name: 'Theirs', listType: 'STATIC' });
    // Another organization's contact, or a rule naming our list, is unknown to them.
    expect((await problem(other.sdk.crm.contactLists.addMembers(theirs.id, [ids.Ada!]))).status).toBe(400);
    expect((await problem(other.sdk.crm.contactLists.preview({ segmentRules: { kind: 'list', listId: mine.id } }))).status).toBe(400);
    expect((await other.sdk.crm.contactLists.preview({ segmentRules: { kind: 'tag', op: 'has', tag: 'vip' } })).count).toBe(1);
    const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme-lists' });
    const dana = await t.sdk.platform.users.create({ email: 'dana@acme-lists.test', name: 'Dana', role: 'CLIENT', clientId: acme.id });
    const client = t.sdkFor((await t.sdk.platform.sessions.create({ userId: dana.id })).token);
    expect((await problem(client.crm.contactLists.list())).status).toBe(403);
    expect((await problem(client.crm.contactLists.preview({ segmentRules: { kind: 'consent', marketingConsent: true } }))).status).toBe(
      403,
    );
  });
});

import type { SpokeStack } from '@spokestack/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../db/client.js';
import { rowsOf } from '../cms/delivery-sql.js';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { duplicateGroupsSql } from './merge.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let member: SpokeStack;
let client: SpokeStack;

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  const max = await t.sdk.platform.users.create({ email: 'max@agency.test', name: 'Max' });
  member = t.sdkFor((await t.sdk.platform.sessions.create({ userId: max.id })).token);
  const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const dana = await t.sdk.platform.users.create({ email: 'dana@acme.test', name: 'Dana', role: 'CLIENT', clientId: acme.id });
  client = t.sdkFor((await t.sdk.platform.sessions.create({ userId: dana.id })).token);
});
afterAll(() => t.close());

const stages = [
  { id: 'lead', name: 'Lead', order: 0, probability: 10 },
  { id: 'won', name: 'Won', order: 1, probability: 100, isClosed: true, isWon: true },
];

describe('merging contacts', () => {
  it('finds duplicates by email (ignoring +tags) and by phone, and merges them: rows move, fields chosen, one timeline entry', async () => {
    const ada = await t.sdk.crm.contacts.create({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@x.test',
      city: 'London',
      tags: ['vip'],
    });
    t.clock.advance(1000);
    const news = await t.sdk.crm.contacts.create({
      firstName: 'A.',
      lastName: 'Lovelace',
      email: 'Ada+News@x.test',
      phone: '+44 20 7946 0958',
      jobTitle: 'Analyst',
      city: 'Paris',
      tags: ['newsletter', 'VIP'],
      customFields: {},
    });
    t.clock.advance(1000);
    const mobile = await t.sdk.crm.contacts.create({ firstName: 'Augusta', lastName: 'King', mobile: '020 7946 0958', country: 'GB' });
    await t.sdk.crm.contacts.create({ firstName: 'Someone', lastName: 'Else', email: 'someone@x.test' });

    const { data: groups } = await member.crm.contacts.duplicates();
    expect(groups.map((g) => [g.matchedOn, g.value, g.contacts.map((c) => c.id)])).toEqual([
      ['email', 'ada@x.test', [ada.id, news.id]],
      ['phone', '+442079460958', [news.id, mobile.id]],
    ]);
    await expect(client.crm.contacts.duplicates()).rejects.toMatchObject({ status: 403 });
    expect((await other.sdk.crm.contacts.duplicates()).data).toEqual([]);

    // The duplicates' rows: a note, a call, a task, a deal (its primary contact gets a deal role) and list
    // memberships, some of which the survivor has too.
    const note = await member.crm.contactNotes.create({ contactId: news.id, content: 'Signed up for the newsletter' });
    await member.crm.contactActivities.create({ contactId: mobile.id, activityType: 'CALL_INBOUND', subject: 'Called about pricing' });
    const task = await member.crm.tasks.create({ title: 'Follow up', contactId: mobile.id });
    const pipelineId = (await t.sdk.crm.pipelines.create({ name: 'New business', stages })).id;
    const deal = await t.sdk.crm.deals.create({ pipelineId, name: 'Engine', stageId: 'lead', primaryContactId: news.id });
    await t.sdk.crm.dealContacts.create({ dealId: deal.id, contactId: ada.id, role: 'CHAMPION' });
    const list = await t.sdk.crm.contactLists.create({ name: 'Newsletter' });
    for (const contactId of [ada.id, news.id, mobile.id]) await t.sdk.crm.contactListMembers.create({ listId: list.id, contactId });

    t.clock.advance(60_000);
    const merged = await member.crm.contacts.merge(ada.id, {
      duplicateIds: [news.id, mobile.id],
      fields: { email: news.id, firstName: ada.id },
    });
    expect(merged.mergedIds).toEqual([news.id, mobile.id]);
    expect(merged.contact).toMatchObject({
      id: ada.id,
      firstName: 'Ada',
      email: 'ada+news@x.test', // chosen per field
      city: 'London', // both filled: the survivor's (the default rule)
      jobTitle: 'Analyst', // only the duplicate had one
      phone: '+442079460958',
      mobile: '+442079460958',
      tags: ['vip', 'newsletter'],
    });
    // Memberships the survivor already had are dropped, not moved.
    expect(merged.moved).toMatchObject({ contact_notes: 1, crm_tasks: 1, crm_deals: 1, deal_contacts: 0, contact_list_members: 0 });
    for (const id of [news.id, mobile.id]) await expect(t.sdk.crm.contacts.get(id)).rejects.toMatchObject({ status: 404 });

    expect((await t.sdk.crm.contactNotes.get(note.id)).contactId).toBe(ada.id);
    expect((await t.sdk.crm.tasks.get(task.id)).contactId).toBe(ada.id);
    expect((await t.sdk.crm.deals.get(deal.id)).primaryContactId).toBe(ada.id);
    // The survivor's own deal role and list membership stand for the duplicates'.
    expect((await t.sdk.crm.dealContacts.list({ dealId: deal.id })).data.map((d) => [d.contactId, d.role])).toEqual([[ada.id, 'CHAMPION']]);
    expect((await t.sdk.crm.contactListMembers.list({ listId: list.id })).data.map((m) => m.contactId)).toEqual([ada.id]);

    const timeline = (await t.sdk.crm.timelines.contact(ada.id)).data;
    const merges = timeline.filter((i) => i.kind === 'activity' && i.activity.subject.startsWith('Merged'));
    expect(merges).toHaveLength(1);
    expect(merges[0]).toMatchObject({
      activity: { subject: 'Merged 2 duplicates into this contact', description: 'A. Lovelace <ada+news@x.test>\nAugusta King' },
    });
    expect(timeline.map((i) => (i.kind === 'activity' ? i.activity.subject : i.note.content))).toEqual(
      expect.arrayContaining(['Called about pricing', 'Signed up for the newsletter']),
    );
    expect((await member.crm.contacts.duplicates()).data).toEqual([]);
  });

  it('settles conflicts by the newest contact when asked, and refuses bad merges', async () => {
    const old = await t.sdk.crm.contacts.create({ firstName: 'Grace', lastName: 'Hopper', city: 'Arlington', jobTitle: 'Admiral' });
    const fresh = await t.sdk.crm.contacts.create({ firstName: 'Grace', lastName: 'H.', city: 'New York' });
    t.clock.advance(60_000);
    await t.sdk.crm.contacts.update(fresh.id, { marketingConsent: true, marketingConsentSource: 'event' });
    const { contact } = await t.sdk.crm.contacts.merge(old.id, { duplicateIds: [fresh.id], prefer: 'newest' });
    expect(contact).toMatchObject({
      id: old.id,
      lastName: 'H.',
      city: 'New York',
      jobTitle: 'Admiral',
      marketingConsent: true,
      marketingConsentSource: 'event',
    });

    const x = await t.sdk.crm.contacts.create({ firstName: 'X', lastName: 'Y' });
    const theirs = await other.sdk.crm.contacts.create({ firstName: 'Their', lastName: 'Contact' });
    expect((await problem(t.sdk.crm.contacts.merge(x.id, { duplicateIds: [x.id] }))).errors).toEqual([
      { path: 'body.duplicateIds.0', message: 'A contact cannot be merged into itself' },
    ]);
    // Another organization's contact is not there, as a duplicate or as the survivor.
    expect((await problem(t.sdk.crm.contacts.merge(x.id, { duplicateIds: [theirs.id] }))).errors).toEqual([
      { path: 'body.duplicateIds.0', message: 'No contact with this id' },
    ]);
    await expect(other.sdk.crm.contacts.merge(x.id, { duplicateIds: [theirs.id] })).rejects.toMatchObject({ status: 404 });
    const y = await t.sdk.crm.contacts.create({ firstName: 'Y', lastName: 'Z' });
    expect((await problem(t.sdk.crm.contacts.merge(x.id, { duplicateIds: [y.id], fields: { city: theirs.id } }))).errors).toEqual([
      { path: 'body.fields.city', message: 'Not the survivor or one of the duplicates' },
    ]);
    await expect(client.crm.contacts.merge(x.id, { duplicateIds: [y.id] })).rejects.toMatchObject({ status: 403 });
    expect(await t.sdk.crm.contacts.get(theirs.id).catch((e: { status: number }) => e.status)).toBe(404);
    expect((await other.sdk.crm.contacts.get(theirs.id)).firstName).toBe('Their');
  });

  it('reads duplicate groups from the expression indexes, whose expressions match the query exactly', async () => {
    // With sequential scans priced out, the planner takes an index only when its expression and predicate
    // are the query's own: a drift in either (the plus-tag pattern, `is not null`) shows up as a missing name.
    const plan = await transaction(t.db, async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const rows = rowsOf<{ 'QUERY PLAN': string }>(await tx.execute(sql`explain ${duplicateGroupsSql(t.organization.id, 50)}`));
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    for (const index of ['contacts_duplicate_email_idx', 'contacts_duplicate_phone_idx', 'contacts_duplicate_mobile_idx'])
      expect(plan).toContain(index);
  });
});

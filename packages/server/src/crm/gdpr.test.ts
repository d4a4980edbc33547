import type { SpokeStack } from '@spokestack/core';
import { pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referrersOf } from '../db/resource-service.js';
import { createTestInstance, type TestInstance } from '../testing/index.js';
import { contactReferrers } from './gdpr.js';
import { suppressionKey } from './suppression.js';
import { contacts } from './schema.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let member: SpokeStack;
let admin: SpokeStack;

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  const session = async (email: string, role?: 'ADMIN') =>
    t.sdkFor(
      (await t.sdk.platform.sessions.create({ userId: (await t.sdk.platform.users.create({ email, name: email, role })).id })).token,
    );
  member = await session('max@agency.test');
  admin = await session('ana@agency.test', 'ADMIN');
});
afterAll(() => t.close());

const stages = [
  { id: 'lead', name: 'Lead', order: 0, probability: 10 },
  { id: 'won', name: 'Won', order: 1, probability: 100, isClosed: true, isWon: true },
  { id: 'lost', name: 'Lost', order: 2, probability: 0, isClosed: true },
];

/** A contact with something in most tables that reference contacts. */
async function richContact(email: string) {
  const ada = await t.sdk.crm.contacts.create({
    firstName: 'Ada',
    lastName: 'Lovelace',
    email,
    phone: '+44 20 7946 0958',
    city: 'London',
    tags: ['vip'],
    marketingConsent: true,
    marketingConsentSource: 'webinar form',
  });
  await member.crm.contactNotes.create({ contactId: ada.id, content: 'Ada prefers calls after 4pm' });
  await member.crm.contactActivities.create({
    contactId: ada.id,
    activityType: 'CALL_OUTBOUND',
    subject: 'Call with Ada about her analytical engine',
    description: 'She mentioned her daughter',
    outcome: 'Ada is interested',
  });
  const pipelineId = (await t.sdk.crm.pipelines.create({ name: `P ${email}`, stages })).id;
  const deal = await t.sdk.crm.deals.create({ pipelineId, name: 'Engine', stageId: 'lead', amount: '1000.00', primaryContactId: ada.id });
  await t.sdk.crm.dealContacts.create({ dealId: deal.id, contactId: ada.id, role: 'DECISION_MAKER' });
  await member.crm.tasks.create({ title: 'Send the brochure', description: 'To Ada at home', contactId: ada.id });
  const list = await t.sdk.crm.contactLists.create({ name: `Newsletter ${email}` });
  await t.sdk.crm.contactListMembers.create({ listId: list.id, contactId: ada.id });
  await t.sdk.crm.formSubmissions.create({ contactId: ada.id, formId: 'f1', formName: 'Webinar', data: { phone: '020 7946 0958' } });
  return { ada, deal };
}

describe('GDPR', () => {
  it('finds every table referencing contacts from the foreign keys, including one added later', () => {
    const names = contactReferrers().map((r) => `${r.info.name}.${r.key}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'contact_activities.contactId',
        'contact_notes.contactId',
        'contact_form_submissions.contactId',
        'crm_deals.primaryContactId',
        'deal_contacts.contactId',
        'campaign_members.contactId',
        'email_recipients.contactId',
        'email_interactions.contactId',
        'contact_list_members.contactId',
        'crm_tasks.contactId',
      ]),
    );
    const later = pgTable('later_table', {
      id: text('id').primaryKey(),
      organizationId: text('organization_id').notNull(),
      personId: text('person_id').references(() => contacts.id),
    });
    expect(referrersOf(contacts, [later]).map((r) => r.key)).toEqual(['personId']);
  });

  it('exports everything held on a contact, OWNER/ADMIN only, never another organization’s', async () => {
    const { ada, deal } = await richContact('ada@export.test');
    const exported = await admin.crm.contacts.export(ada.id);
    expect(exported.contact).toMatchObject({ id: ada.id, email: 'ada@export.test', phone: '+442079460958' });
    // Every referencing table is in the export, with rows where the contact has some.
    expect(Object.keys(exported.related).sort()).toEqual([...new Set(contactReferrers().map((r) => r.info.name))].sort());
    const related = exported.related as Record<string, Record<string, unknown>[]>;
    expect(related.contact_notes!.map((n) => n.content)).toEqual(['Ada prefers calls after 4pm']);
    expect(related.crm_deals!.map((d) => d.id)).toEqual([deal.id]);
    expect(related.deal_contacts).toEqual([expect.objectContaining({ dealId: deal.id, role: 'DECISION_MAKER' })]);
    expect(related.crm_tasks).toEqual([expect.objectContaining({ title: 'Send the brochure' })]);
    expect(related.contact_list_members).toHaveLength(1);
    expect(related.contact_form_submissions).toEqual([expect.objectContaining({ formName: 'Webinar' })]);
    expect(related.contact_activities!.map((a) => a.subject)).toContain('Call with Ada about her analytical engine');
    expect(related.campaign_members).toEqual([]);

    await expect(member.crm.contacts.export(ada.id)).rejects.toMatchObject({ status: 403 });
    await expect(other.sdk.crm.contacts.export(ada.id)).rejects.toMatchObject({ status: 404 });
  });

  it('erases personal data, keeps deals and anonymised activity, suppresses the address, records it namelessly', async () => {
    const { ada, deal } = await richContact('Ada@Erase.test');
    await expect(member.crm.contacts.erase(ada.id)).rejects.toMatchObject({ status: 403 });
    await expect(other.sdk.crm.contacts.erase(ada.id)).rejects.toMatchObject({ status: 404 });

    t.clock.advance(60_000);
    const { contact, tables } = await admin.crm.contacts.erase(ada.id);
    expect(contact).toMatchObject({
      firstName: 'Erased',
      lastName: 'contact',
      email: null,
      phone: null,
      city: null,
      tags: [],
      customFields: {},
      marketingConsent: false,
      marketingConsentSource: null,
      status: 'DO_NOT_CONTACT',
    });
    expect(tables).toMatchObject({
      contact_notes: { action: 'deleted', rows: 1 },
      contact_form_submissions: { action: 'deleted', rows: 1 },
      contact_activities: { action: 'anonymised' },
      crm_deals: { action: 'kept', rows: 1 },
      crm_tasks: { action: 'anonymised', rows: 1 },
    });
    // The deal keeps its contact, now anonymous; the timeline keeps what happened, not what was said.
    expect((await t.sdk.crm.deals.get(deal.id)).primaryContactId).toBe(ada.id);
    const timeline = (await t.sdk.crm.timelines.contact(ada.id)).data;
    expect(timeline.every((i) => i.kind === 'activity')).toBe(true);
    const subjects = timeline.map((i) => (i.kind === 'activity' ? i.activity.subject : ''));
    expect(subjects[0]).toBe('Personal data erased on request (GDPR)');
    expect(subjects).toContain('Call Outbound');

    // Nothing held on the contact, nor the activity stream about it, still names the person.
    const after = JSON.stringify(await admin.crm.contacts.export(ada.id));
    const stream = JSON.stringify((await t.sdk.platform.activity.list({ entityId: ada.id, limit: 200 })).data);
    for (const text of [after, stream])
      for (const word of ['Ada', 'Lovelace', 'erase.test', '7946', 'London', 'daughter']) expect(text).not.toContain(word);
    expect(stream).toContain('"action":"erased"');

    // The address stays suppressed as a hash, in the organization's suppression list.
    const lists = (await t.sdk.crm.contactLists.list({ listType: 'SUPPRESSION' })).data;
    expect(lists).toHaveLength(1);
    const members = (await t.sdk.crm.contactListMembers.list({ listId: lists[0]!.id })).data;
    expect(members).toEqual([expect.objectContaining({ contactId: ada.id, source: suppressionKey('ada@erase.test') })]);
    expect(members[0]!.source).not.toContain('ada');
  });

  it('keeps an erased address unmailable when it comes back by create, update or import', async () => {
    const gone = await t.sdk.crm.contacts.create({ firstName: 'Gus', lastName: 'Gone', email: 'gus@erase.test' });
    await admin.crm.contacts.erase(gone.id);

    const unmailable = { marketingConsent: false, marketingConsentSource: null, status: 'DO_NOT_CONTACT' };
    const back = await member.crm.contacts.create({
      firstName: 'Gus',
      lastName: 'Back',
      email: 'GUS@erase.test',
      marketingConsent: true,
      marketingConsentSource: 'webinar form',
    });
    expect(back).toMatchObject({ ...unmailable, marketingConsentDate: null });
    expect(await member.crm.contacts.update(back.id, { marketingConsent: true, status: 'ACTIVE' })).toMatchObject(unmailable);
    await t.sdk.crm.contacts.delete(back.id);
    // Given a new address, then the erased one: the erased one decides.
    const other1 = await member.crm.contacts.create({
      firstName: 'Olga',
      lastName: 'Other',
      email: 'olga@erase.test',
      marketingConsent: true,
    });
    expect(other1).toMatchObject({ marketingConsent: true, status: 'ACTIVE' });
    expect(await member.crm.contacts.update(other1.id, { email: 'gus@erase.test' })).toMatchObject(unmailable);
    expect((await t.sdk.crm.timelines.contact(other1.id)).data.map((i) => (i.kind === 'activity' ? i.activity.subject : ''))).toContain(
      'Marketing consent withdrawn',
    );

    // An import leaves the address out, whatever its consent column says.
    const fileId = (
      await member.platform.files.upload(new Blob(['First,Last,E-mail,Consent\nGus,Imported,gus@erase.test,yes\n'], { type: 'text/csv' }), {
        name: 'gus.csv',
      })
    ).id;
    const started = await member.crm.contactImports.create({
      fileId,
      mapping: { First: 'firstName', Last: 'lastName', 'E-mail': 'email', Consent: 'marketingConsent' },
    });
    await t.runJobs();
    expect(await member.crm.contactImports.get(started.id)).toMatchObject({ createdCount: 0, updatedCount: 0, errorCount: 1 });
    expect((await t.sdk.crm.contacts.list({ q: 'gus@erase.test' })).data.map((c) => [c.lastName, c.marketingConsent])).toEqual([
      ['Other', false],
    ]);

    // Another organization never erased it: its contact with that address is theirs to mail.
    expect(
      await other.sdk.crm.contacts.create({ firstName: 'Gus', lastName: 'Theirs', email: 'gus@erase.test', marketingConsent: true }),
    ).toMatchObject({
      marketingConsent: true,
      status: 'ACTIVE',
    });
  });
});

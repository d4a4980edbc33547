import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let member: SpokeStack;
let colleague: SpokeStack;
let client: SpokeStack;

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  const session = async (email: string, extra: { role?: 'CLIENT'; clientId?: string } = {}) =>
    t.sdkFor(
      (await t.sdk.platform.sessions.create({ userId: (await t.sdk.platform.users.create({ email, name: email, ...extra })).id })).token,
    );
  member = await session('max@agency.test');
  colleague = await session('kim@agency.test');
  const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  client = await session('dana@acme.test', { role: 'CLIENT', clientId: acme.id });
});
afterAll(() => t.close());

describe('timeline', () => {
  it('merges notes and activities, pinned notes first then newest first, keyset-paged', async () => {
    const acme = (await t.sdk.platform.clients.list()).data.find((c) => c.slug === 'acme')!;
    const ada = await t.sdk.crm.contacts.create({ firstName: 'Ada', lastName: 'L', companyId: acme.id });
    const bob = await t.sdk.crm.contacts.create({ firstName: 'Bob', lastName: 'B', companyId: acme.id });
    const call = await member.crm.contactActivities.create({
      contactId: ada.id,
      activityType: 'CALL_OUTBOUND',
      subject: 'Intro call',
      duration: 20,
      outcome: 'Interested',
    });
    expect(call).toMatchObject({ activityType: 'CALL_OUTBOUND', duration: 20, performedById: expect.any(String) });
    expect((await t.sdk.crm.contacts.get(ada.id)).lastContactedAt).toBe('2025-03-01T10:00:00.000Z');
    await expect(
      member.crm.contactActivities.create({ contactId: ada.id, activityType: 'DEAL_WON' as never, subject: 'x' }),
    ).rejects.toMatchObject({ status: 400 });
    t.clock.advance(60_000);
    const old = await member.crm.contactNotes.create({ contactId: ada.id, content: 'Met at the conference' });
    t.clock.advance(60_000);
    await t.sdk.crm.contacts.update(ada.id, { status: 'INACTIVE' });
    t.clock.advance(60_000);
    const pinned = await member.crm.contactNotes.create({ contactId: ada.id, content: 'Prefers calls after 4pm', isPinned: true });
    t.clock.advance(60_000);
    await t.sdk.crm.contactActivities.create({ contactId: bob.id, activityType: 'MEETING', subject: 'Workshop' });

    const all = (await t.sdk.crm.timelines.contact(ada.id)).data;
    expect(all.map((i) => [i.kind, i.kind === 'note' ? i.note.content : i.activity.subject])).toEqual([
      ['note', 'Prefers calls after 4pm'],
      ['activity', 'Status changed from ACTIVE to INACTIVE'],
      ['note', 'Met at the conference'],
      ['activity', 'Intro call'],
    ]);
    const first = await t.sdk.crm.timelines.contact(ada.id, { limit: 3 });
    const second = await t.sdk.crm.timelines.contact(ada.id, { limit: 3, cursor: first.nextCursor! });
    expect([...first.data, ...second.data].map((i) => i.id)).toEqual(all.map((i) => i.id));
    expect(second.nextCursor).toBeNull();
    await expect(t.sdk.crm.timelines.contact(ada.id, { cursor: 'garbage' })).rejects.toMatchObject({ status: 400 });

    // Unpinning puts the note back in time order; the company timeline merges its contacts'.
    await member.crm.contactNotes.update(pinned.id, { isPinned: false });
    const company = (await t.sdk.crm.timelines.company(acme.id)).data.map((i) => (i.kind === 'note' ? i.note.content : i.activity.subject));
    expect(company).toEqual([
      'Workshop',
      'Prefers calls after 4pm',
      'Status changed from ACTIVE to INACTIVE',
      'Met at the conference',
      'Intro call',
    ]);
    expect(old.createdById).toBe(call.performedById);
  });

  it('lets only a note’s author or an admin edit, pin or delete it, and keeps activities as a record', async () => {
    const c = await t.sdk.crm.contacts.create({ firstName: 'Cy', lastName: 'C' });
    const note = await member.crm.contactNotes.create({ contactId: c.id, content: 'Draft' });
    await expect(colleague.crm.contactNotes.update(note.id, { content: 'Hijacked' })).rejects.toMatchObject({ status: 403 });
    await expect(colleague.crm.contactNotes.update(note.id, { isPinned: true })).rejects.toMatchObject({ status: 403 });
    await expect(colleague.crm.contactNotes.delete(note.id)).rejects.toMatchObject({ status: 403 });
    expect((await member.crm.contactNotes.update(note.id, { content: 'Final' })).content).toBe('Final');
    expect((await t.sdk.crm.contactNotes.update(note.id, { isPinned: true })).isPinned).toBe(true);
    await expect(t.sdk.crm.contactNotes.delete(note.id)).resolves.toMatchObject({ deleted: true });
    await expect(t.sdk.crm.contactNotes.create({ contactId: 'nope', content: 'x' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.contactId' }],
    });
    const logged = await t.sdk.crm.contactActivities.create({ contactId: c.id, activityType: 'MEETING', subject: 'Kickoff' });
    expect((await t.request(`/v1/crm/contact-activities/${logged.id}`, { method: 'DELETE' })).status).toBe(405);
    expect((await t.request(`/v1/crm/contact-activities/${logged.id}`, { method: 'PATCH', body: '{}' })).status).toBe(405);
  });

  it('refuses CLIENT members and hides other organizations’ timelines', async () => {
    const c = await t.sdk.crm.contacts.create({ firstName: 'Dee', lastName: 'D' });
    const note = await t.sdk.crm.contactNotes.create({ contactId: c.id, content: 'Internal' });
    await expect(client.crm.timelines.contact(c.id)).rejects.toMatchObject({ status: 403 });
    await expect(client.crm.contactNotes.create({ contactId: c.id, content: 'x' })).rejects.toMatchObject({ status: 403 });
    await expect(other.sdk.crm.timelines.contact(c.id)).rejects.toMatchObject({ status: 404 });
    const acme = (await t.sdk.platform.clients.list()).data.find((x) => x.slug === 'acme')!;
    await expect(other.sdk.crm.timelines.company(acme.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.crm.contactNotes.update(note.id, { content: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.crm.contactNotes.delete(note.id)).rejects.toMatchObject({ status: 404 });
    expect(
      (await problem(other.sdk.crm.contactActivities.create({ contactId: c.id, activityType: 'MEETING', subject: 'x' }))).errors,
    ).toEqual([{ path: 'body.contactId', message: 'No contact with this id' }]);
  });
});

import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let member: SpokeStack;
let memberId: string;
let client: SpokeStack;

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  const max = await t.sdk.platform.users.create({ email: 'max@agency.test', name: 'Max' });
  memberId = max.id;
  member = t.sdkFor((await t.sdk.platform.sessions.create({ userId: max.id })).token);
  const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const dana = await t.sdk.platform.users.create({ email: 'dana@acme.test', name: 'Dana', role: 'CLIENT', clientId: acme.id });
  client = t.sdkFor((await t.sdk.platform.sessions.create({ userId: dana.id })).token);
});
afterAll(() => t.close());

describe('contacts', () => {
  it('normalises the email and keeps it unique per organization in any letter case', async () => {
    const ada = await t.sdk.crm.contacts.create({ firstName: 'Ada', lastName: 'Lovelace', email: '  Ada.Lovelace@Example.COM ' });
    expect(ada.email).toBe('ada.lovelace@example.com');
    const clash = await problem(t.sdk.crm.contacts.create({ firstName: 'A', lastName: 'L', email: 'ADA.LOVELACE@example.com' }));
    expect(clash).toMatchObject({ status: 409, errors: [{ path: 'body.email' }] });
    expect((await problem(t.sdk.crm.contacts.create({ firstName: 'A', lastName: 'L', email: 'not-an-email' }))).errors).toEqual([
      { path: 'body.email', message: 'Expected an email address' },
    ]);
    // Another organization may hold the same address.
    await expect(
      other.sdk.crm.contacts.create({ firstName: 'Ada', lastName: 'L', email: 'ada.lovelace@example.com' }),
    ).resolves.toBeTruthy();
    const bob = await t.sdk.crm.contacts.create({ firstName: 'Bob', lastName: 'B' });
    await expect(t.sdk.crm.contacts.update(bob.id, { email: 'Ada.Lovelace@example.com' })).rejects.toMatchObject({ status: 409 });
  });

  it('stores phones as E.164, reading national numbers in the contact’s country', async () => {
    const c = await t.sdk.crm.contacts.create({
      firstName: 'Grace',
      lastName: 'Hopper',
      phone: '+1 (415) 555-2671',
      mobile: '020 7946 0958',
      country: 'GB',
    });
    expect(c).toMatchObject({ phone: '+14155552671', mobile: '+442079460958' });
    expect((await problem(t.sdk.crm.contacts.create({ firstName: 'X', lastName: 'Y', phone: '12345' }))).errors).toEqual([
      { path: 'body.phone', message: expect.stringContaining('Not a valid phone number') },
    ]);
    expect((await t.sdk.crm.contacts.update(c.id, { phone: '(212) 555-0123', country: 'US' })).phone).toBe('+12125550123');
    expect((await t.sdk.crm.contacts.update(c.id, { phone: '' })).phone).toBeNull();
  });

  it('validates custom fields against their definitions', async () => {
    await t.sdk.crm.customFields.create({ key: 'industry', label: 'Industry', fieldType: 'select', options: ['Retail', 'SaaS'] });
    await t.sdk.crm.customFields.create({ key: 'seats', label: 'Seats', fieldType: 'number' });
    await t.sdk.crm.customFields.create({ key: 'renewal', label: 'Renewal', fieldType: 'date' });
    await expect(t.sdk.crm.customFields.create({ key: 'kind', label: 'Kind', fieldType: 'select' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.options' }],
    });
    await expect(member.crm.customFields.create({ key: 'x', label: 'X', fieldType: 'text' })).rejects.toMatchObject({ status: 403 });
    const c = await t.sdk.crm.contacts.create({
      firstName: 'Linus',
      lastName: 'T',
      customFields: { industry: 'SaaS', seats: 40, renewal: '2025-12-01' },
    });
    expect(c.customFields).toEqual({ industry: 'SaaS', seats: 40, renewal: '2025-12-01' });
    const bad = await problem(
      t.sdk.crm.contacts.create({ firstName: 'L', lastName: 'T', customFields: { industry: 'Mining', seats: 'many', nope: 1 } }),
    );
    expect(bad.errors.map((e) => e.path).sort()).toEqual([
      'body.customFields.industry',
      'body.customFields.nope',
      'body.customFields.seats',
    ]);
    // Updates merge key by key; null removes a value; a required field must stay filled.
    expect((await t.sdk.crm.contacts.update(c.id, { customFields: { seats: 41, renewal: null } })).customFields).toEqual({
      industry: 'SaaS',
      seats: 41,
    });
    const industry = (await t.sdk.crm.customFields.list()).data.find((d) => d.key === 'industry')!;
    await t.sdk.crm.customFields.update(industry.id, { isRequired: true });
    await expect(t.sdk.crm.contacts.update(c.id, { customFields: { industry: null } })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.customFields.industry', message: 'Required (Industry)' }],
    });
    await t.sdk.crm.customFields.update(industry.id, { isRequired: false });
  });

  it('records consent with its date and source, and status changes, on the timeline', async () => {
    const c = await t.sdk.crm.contacts.create({
      firstName: 'Mary',
      lastName: 'Shelley',
      marketingConsent: true,
      marketingConsentSource: 'Webinar signup form',
      dataProcessingConsent: true,
      tags: ['VIP', ' vip ', 'press'],
      ownerId: memberId,
    });
    expect(c).toMatchObject({
      marketingConsentDate: '2025-03-01T10:00:00.000Z',
      marketingConsentSource: 'Webinar signup form',
      dataProcessingConsentDate: '2025-03-01T10:00:00.000Z',
      tags: ['VIP', 'press'],
      ownerId: memberId,
    });
    await expect(t.sdk.crm.contacts.create({ firstName: 'M', lastName: 'S', ownerId: 'nobody' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.ownerId' }],
    });
    t.clock.advance(60_000);
    const withdrawn = await t.sdk.crm.contacts.update(c.id, { marketingConsent: false, status: 'UNSUBSCRIBED' });
    expect(withdrawn).toMatchObject({
      marketingConsent: false,
      marketingConsentDate: '2025-03-01T10:01:00.000Z',
      marketingConsentSource: null,
    });
    const events = (await t.sdk.crm.contactActivities.list({ contactId: c.id, sort: 'createdAt' })).data.map((a) => a.subject);
    // The last two share the request's time.
    expect(events.sort()).toEqual(['Marketing consent given', 'Marketing consent withdrawn', 'Status changed from ACTIVE to UNSUBSCRIBED']);
  });

  it('links a company and takes its name', async () => {
    const globex = await t.sdk.platform.clients.create({ name: 'Globex', slug: 'globex' });
    const c = await t.sdk.crm.contacts.create({ firstName: 'Hank', lastName: 'Scorpio', companyId: globex.id });
    expect(c).toMatchObject({ companyId: globex.id, companyName: 'Globex' });
    const theirs = await other.sdk.platform.clients.create({ name: 'Theirs', slug: 'theirs' });
    await expect(t.sdk.crm.contacts.create({ firstName: 'H', lastName: 'S', companyId: theirs.id })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.companyId' }],
    });
  });
});

describe('contact search and saved filters', () => {
  it('finds contacts by a piece of their name, email or company, keyset-paged, and applies saved filters', async () => {
    const people = [
      ['Zelda', 'Fitzgerald', 'zelda@jazzage.test', 'Jazz Age Ltd'],
      ['Zora', 'Hurston', 'zora@harlem.test', 'Harlem 100% Co'],
      ['Scott', 'Fitzgerald', 'scott@jazzage.test', 'Jazz Age Ltd'],
      ['Ernest', 'Hemingway', 'papa@key-west.test', 'Finca Vigia'],
    ];
    for (const [firstName, lastName, email, companyName] of people) {
      await t.sdk.crm.contacts.create({ firstName: firstName!, lastName: lastName!, email, companyName, tags: ['author'] });
      t.clock.advance(1000);
    }
    const names = async (query: Parameters<SpokeStack['crm']['contacts']['list']>[0]) =>
      (await t.sdk.crm.contacts.list(query)).data.map((c) => c.firstName);
    expect(await names({ q: 'FITZ' })).toEqual(['Scott', 'Zelda']);
    expect(await names({ q: 'jazzage.test' })).toEqual(['Scott', 'Zelda']);
    expect(await names({ q: 'finca' })).toEqual(['Ernest']);
    expect(await names({ q: 'zora hur' })).toEqual(['Zora']);
    // LIKE wildcards in the search are literal.
    expect(await names({ q: '100%' })).toEqual(['Zora']);
    expect(await names({ q: '%%' })).toEqual([]);
    await expect(t.sdk.crm.contacts.list({ q: 'z' })).rejects.toMatchObject({ status: 400, errors: [{ path: 'query.q' }] });

    const first = await t.sdk.crm.contacts.list({ tags: 'author', limit: 3 });
    expect(first.data.map((c) => c.firstName)).toEqual(['Ernest', 'Scott', 'Zora']);
    const second = await t.sdk.crm.contacts.list({ tags: 'author', limit: 3, cursor: first.nextCursor! });
    expect(second).toMatchObject({ data: [{ firstName: 'Zelda' }], nextCursor: null });
    expect(await names({ q: 'jazz', sort: 'firstName' })).toEqual(['Scott', 'Zelda']);

    const saved = await member.crm.savedFilters.create({ name: 'Jazz age', filters: { q: 'jazz', tags: ['author'] } });
    expect(saved).toMatchObject({ name: 'Jazz age', filters: { q: 'jazz', tags: ['author'] }, isShared: false, createdById: memberId });
    expect((await member.crm.contacts.list({ filterId: saved.id })).data.map((c) => c.firstName)).toEqual(['Scott', 'Zelda']);
    // Filters beside a saved one override its values.
    expect((await member.crm.contacts.list({ filterId: saved.id, q: 'zelda' })).data.map((c) => c.firstName)).toEqual(['Zelda']);
    await expect(member.crm.savedFilters.create({ name: 'Bad', filters: { status: 'NOPE' } as never })).rejects.toMatchObject({
      status: 400,
    });
    // Private until shared: the API key (another actor) cannot see or use it; then it can, but not change it.
    await expect(t.sdk.crm.contacts.list({ filterId: saved.id })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'query.filterId' }],
    });
    expect((await t.sdk.crm.savedFilters.list()).data).toEqual([]);
    await member.crm.savedFilters.update(saved.id, { isShared: true });
    expect((await t.sdk.crm.savedFilters.list()).data.map((f) => f.name)).toEqual(['Jazz age']);
    const another = t.sdkFor(
      (await t.sdk.platform.sessions.create({ userId: (await t.sdk.platform.users.create({ email: 'o@a.test', name: 'O' })).id })).token,
    );
    await expect(another.crm.savedFilters.update(saved.id, { name: 'Mine now' })).rejects.toMatchObject({ status: 403 });
    await expect(another.crm.savedFilters.delete(saved.id)).rejects.toMatchObject({ status: 403 });
    await expect(member.crm.savedFilters.delete(saved.id)).resolves.toMatchObject({ deleted: true });
  });
});

describe('contact access', () => {
  it('refuses CLIENT members and hides other organizations’ contacts', async () => {
    const c = await t.sdk.crm.contacts.create({ firstName: 'Private', lastName: 'Person', email: 'private@person.test' });
    await expect(client.crm.contacts.list()).rejects.toMatchObject({ status: 403 });
    await expect(client.crm.contacts.get(c.id)).rejects.toMatchObject({ status: 403 });
    await expect(client.crm.contacts.create({ firstName: 'C', lastName: 'M' })).rejects.toMatchObject({ status: 403 });
    await expect(client.crm.savedFilters.list()).rejects.toMatchObject({ status: 403 });
    await expect(other.sdk.crm.contacts.get(c.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.crm.contacts.update(c.id, { firstName: 'Stolen' })).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.crm.contacts.delete(c.id)).rejects.toMatchObject({ status: 404 });
    expect((await other.sdk.crm.contacts.list({ q: 'private' })).data).toEqual([]);
  });
});

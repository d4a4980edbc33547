import { SpokeStackError } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';

let t: TestInstance;
beforeAll(async () => {
  t = await createTestInstance();
});
afterAll(() => t.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('credentials', () => {
  it('answers 401 problem+json without credentials, with a request id', async () => {
    const res = await t.request('/v1/platform/me', { headers: { authorization: '' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body = await res.json();
    expect(body).toMatchObject({ status: 401, title: 'Unauthorized', requestId: res.headers.get('x-request-id') });
  });

  it('shows a new API key once, stores only its hash, and stops it when revoked', async () => {
    const created = await t.sdk.platform.apiKeys.create({ name: 'CI' });
    expect(created.secret).toMatch(/^sk_[0-9A-Za-z]{32}$/);
    expect(created.prefix).toBe(created.secret.slice(0, 10));
    const listed = await t.sdk.platform.apiKeys.list();
    const row = listed.data.find((k) => k.id === created.id)!;
    expect(row).not.toHaveProperty('secret');
    expect(row).not.toHaveProperty('keyHash');

    const ci = t.sdkFor(created.secret);
    expect((await ci.platform.me()).actor).toMatchObject({ type: 'apiKey', id: created.id, role: 'ADMIN' });
    const used = (await t.sdk.platform.apiKeys.list()).data.find((k) => k.id === created.id)!;
    expect(used.lastUsedAt).not.toBeNull();

    await t.sdk.platform.apiKeys.revoke(created.id);
    await expect(ci.platform.me()).rejects.toMatchObject({ status: 401 });
    await expect(t.sdk.platform.apiKeys.revoke(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it('mints session tokens for members that carry a role and expire', async () => {
    const user = await t.sdk.platform.users.create({ email: 'ada@agency.test', name: 'Ada', externalId: 'u-1' });
    const { token, expiresAt } = await t.sdk.platform.sessions.create({ userId: user.id, expiresIn: 600 });
    expect(new Date(expiresAt).getTime()).toBe(Math.floor(t.clock.now().getTime() / 1000) * 1000 + 600_000);
    const browser = t.sdkFor(token);
    expect((await browser.platform.me()).actor).toMatchObject({ type: 'user', id: user.id, name: 'Ada', role: 'MEMBER' });
    // A member can write; a session cannot mint more sessions.
    await expect(browser.platform.clients.create({ name: 'Acme', slug: 'acme' })).resolves.toMatchObject({ name: 'Acme' });
    await expect(browser.platform.sessions.create({ userId: user.id })).rejects.toMatchObject({ status: 403 });
    // Nor can it manage keys, which needs ADMIN.
    await expect(browser.platform.apiKeys.create({ name: 'nope' })).rejects.toMatchObject({ status: 403 });

    t.clock.advance(601_000);
    await expect(browser.platform.me()).rejects.toMatchObject({ status: 401, detail: expect.stringMatching(/expired/) });
  });

  it('refuses tampered tokens and tokens of removed members', async () => {
    const user = await t.sdk.platform.users.create({ email: 'bo@agency.test', name: 'Bo' });
    const { token } = await t.sdk.platform.sessions.create({ userId: user.id });
    const [body, sig] = token.slice(3).split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), r: 'ADMIN' })).toString(
      'base64url',
    );
    await expect(t.sdkFor(`st_${forged}.${sig}`).platform.me()).rejects.toMatchObject({ status: 401 });
    await t.sdk.platform.users.delete(user.id);
    await expect(t.sdkFor(token).platform.me()).rejects.toMatchObject({ status: 401 });
  });

  it('keeps CLIENT members read-only and scoped to their client', async () => {
    const mine = await t.sdk.platform.clients.create({ name: 'Client A', slug: 'client-a' });
    await t.sdk.platform.clients.create({ name: 'Client B', slug: 'client-b' });
    await expect(t.sdk.platform.users.create({ email: 'c@client.test', name: 'C', role: 'CLIENT' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.clientId', message: 'Required for CLIENT members' }],
    });
    const client = await t.sdk.platform.users.create({ email: 'c@client.test', name: 'C', role: 'CLIENT', clientId: mine.id });
    const { token } = await t.sdk.platform.sessions.create({ userId: client.id });
    const sdk = t.sdkFor(token);
    const seen = await sdk.platform.clients.list();
    expect(seen.data.map((c) => c.id)).toEqual([mine.id]);
    const projects = await t.sdk.platform.projects.create({ name: 'Shared', clientId: mine.id });
    await t.sdk.platform.projects.create({ name: 'Private' });
    expect((await sdk.platform.projects.list()).data.map((p) => p.id)).toEqual([projects.id]);
    await expect(sdk.platform.projects.create({ name: 'x' })).rejects.toMatchObject({ status: 403 });
    await expect(sdk.crm.contacts.list()).rejects.toMatchObject({ status: 403 });
    await expect(sdk.platform.users.list()).rejects.toMatchObject({ status: 403 });
  });

  it('lets a publishable key read nothing but what is marked publishable', async () => {
    const key = await t.sdk.platform.apiKeys.create({ name: 'site', kind: 'PUBLISHABLE' });
    expect(key.secret).toMatch(/^pk_/);
    const site = t.sdkFor(key.secret);
    await expect(site.platform.me()).resolves.toMatchObject({ actor: { type: 'apiKey' } });
    await expect(site.crm.contacts.list()).rejects.toMatchObject({ status: 403 });
  });
});

describe('organization and activity', () => {
  it('updates the organization and records who did it', async () => {
    const org = await t.sdk.platform.organization.update({ locales: ['en', 'fr', 'ar'], defaultLocale: 'en' });
    expect(org.locales).toEqual(['en', 'fr', 'ar']);
    await expect(t.sdk.platform.organization.update({ defaultLocale: 'de' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.defaultLocale' }],
    });
    const { data } = await t.sdk.platform.activity.list({ entityType: 'organizations' });
    expect(data[0]).toMatchObject({ action: 'updated', entityId: t.organization.id, actorType: 'integration', actorName: 'Owner key' });
  });

  it('writes one activity row per mutation and pages through them newest first', async () => {
    const contact = await t.sdk.crm.contacts.create({ firstName: 'Grace', lastName: 'Hopper' });
    await t.sdk.crm.contacts.update(contact.id, { jobTitle: 'Rear Admiral' });
    await t.sdk.crm.contacts.delete(contact.id);
    const all = await t.sdk.platform.activity.list({ entityType: 'contacts', entityId: contact.id });
    expect(all.data.map((a) => a.action)).toEqual(['deleted', 'updated', 'created']);
    expect(all.data[1]!.metadata).toEqual({ changedFields: ['jobTitle'] });
    const first = await t.sdk.platform.activity.list({ entityType: 'contacts', entityId: contact.id, limit: 2 });
    expect(first.data).toHaveLength(2);
    const second = await t.sdk.platform.activity.list({
      entityType: 'contacts',
      entityId: contact.id,
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(second.data.map((a) => a.action)).toEqual(['created']);
    expect(second.nextCursor).toBeNull();
    const since = await t.sdk.platform.activity.list({ since: new Date(t.clock.now().getTime() + 86_400_000).toISOString() });
    expect(since.data).toEqual([]);
  });

  it('never shows another organization its activity', async () => {
    const other = await t.createOrg();
    await other.sdk.crm.contacts.create({ firstName: 'Hidden', lastName: 'Person' });
    const mine = await t.sdk.platform.activity.list({ entityType: 'contacts', limit: 200 });
    expect(mine.data.some((a) => a.entityTitle === 'Hidden Person')).toBe(false);
  });
});

describe('files', () => {
  it('uploads a file, serves it by signed URL and by key, and deletes it', async () => {
    const bytes = new TextEncoder().encode('hello spokestack');
    const file = await t.sdk.platform.files.upload(new Blob([bytes], { type: 'text/plain' }), { name: 'hello.txt' });
    expect(file).toMatchObject({ name: 'hello.txt', mimeType: 'text/plain', size: bytes.length });
    const signed = await t.app.request(`http://x${file.url}`);
    expect(signed.status).toBe(200);
    expect(await signed.text()).toBe('hello spokestack');
    const etag = signed.headers.get('etag')!;
    expect((await t.app.request(`http://x${file.url}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const bad = await t.app.request(`http://x${file.url.replace(/sig=[^&]+/, 'sig=forged')}`);
    expect(bad.status).toBe(400);
    expect((await t.sdk.platform.files.list({ mimeType: 'text/' })).data.map((f) => f.id)).toContain(file.id);
    expect((await t.sdk.platform.files.list({ mimeType: 'image/' })).data.map((f) => f.id)).not.toContain(file.id);
    const other = await t.createOrg();
    await expect(other.sdk.platform.files.get(file.id)).rejects.toMatchObject({ status: 404 });
    const viaOther = await t.app.request(`http://x/v1/platform/files/${file.id}/content`, { headers: bearer(other.apiKey) });
    expect(viaOther.status).toBe(404);
    await t.sdk.platform.files.delete(file.id);
    expect((await t.app.request(`http://x${file.url}`)).status).toBe(404);
  });

  it('refuses uploads without a file part and bodies over the limit', async () => {
    const form = new FormData();
    form.set('name', 'nothing');
    const res = await t.request('/v1/platform/files', { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ path: 'body.file', message: 'Required: the file to upload' }]);
  });
});

describe('errors', () => {
  it('throws SpokeStackError with the field errors', async () => {
    const error = await t.sdk.crm.contacts.create({ firstName: '', lastName: 'X', status: 'NOPE' as 'ACTIVE' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpokeStackError);
    const e = error as SpokeStackError;
    expect(e.status).toBe(400);
    expect(e.fieldError('body.firstName')).toMatch(/>=1 characters/);
    expect(e.fieldError('body.status')).toMatch(/ACTIVE/);
  });
});

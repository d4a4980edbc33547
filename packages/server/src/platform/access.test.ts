import { createSpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { silentLogger } from '../platform/logger.js';
import { localStorage } from '../platform/storage.js';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';

// Roles beyond the matrix: where a role comes from (the membership, not the token), what ends a
// session, and the rules that keep review from being bypassed.

let t: TestInstance;
/** A second instance of the app over the same database: its own credential cache, like another server. */
let second: ReturnType<typeof createApp>;
const on = (app: ReturnType<typeof createApp>, token: string) =>
  createSpokeStack({ baseUrl: 'http://spokestack.test', apiKey: token, fetch: (r: Request) => app.app.request(r) });

beforeAll(async () => {
  t = await createTestInstance();
  second = createApp({ db: t.db, storage: localStorage(t.filesDir), secret: t.secret, clock: t.clock, logger: silentLogger });
});
afterAll(() => t.close());

async function member(role: 'ADMIN' | 'MEMBER', email: string) {
  const user = await t.sdk.platform.users.create({ email, name: email.split('@')[0]!, role });
  return { user, token: (await t.sdk.platform.sessions.create({ userId: user.id })).token };
}

describe('roles come from the membership', () => {
  it('a demoted ADMIN loses ADMIN rights within 5 seconds on every instance', async () => {
    const { user, token } = await member('ADMIN', 'demoted@agency.test');
    const elsewhere = on(second, token);
    await expect(elsewhere.platform.apiKeys.create({ name: 'before' })).resolves.toMatchObject({ kind: 'SECRET' });
    await t.sdk.platform.users.update(user.id, { role: 'MEMBER' });
    // The instance that made the change knows at once; another within its 5 s cache.
    await expect(t.sdkFor(token).platform.apiKeys.create({ name: 'here' })).rejects.toMatchObject({ status: 403 });
    t.clock.advance(5_001);
    const refused = await problem(elsewhere.platform.apiKeys.create({ name: 'after' }));
    expect(refused.status).toBe(403);
    expect((await elsewhere.platform.me()).actor.role).toBe('MEMBER');
  });

  it('a promoted MEMBER gains the role without a new token, and a token never carries more than the membership', async () => {
    const { user, token } = await member('MEMBER', 'promoted@agency.test');
    await expect(t.sdkFor(token).platform.apiKeys.list()).rejects.toMatchObject({ status: 403 });
    await t.sdk.platform.users.update(user.id, { role: 'ADMIN' });
    await expect(t.sdkFor(token).platform.apiKeys.list()).resolves.toMatchObject({ data: expect.any(Array) });
    // A session may be minted with less than the membership's role, never more.
    const narrow = (await t.sdk.platform.sessions.create({ userId: user.id, role: 'MEMBER' })).token;
    expect((await t.sdkFor(narrow).platform.me()).actor.role).toBe('MEMBER');
    const low = await t.sdk.platform.users.create({ email: 'low@agency.test', name: 'Low' });
    const raised = await problem(t.sdk.platform.sessions.create({ userId: low.id, role: 'OWNER' }));
    expect(raised.errors).toEqual([{ path: 'body.role', message: "The member's role is MEMBER; a session may carry that role or less" }]);
  });
});

describe('sessions end with the API key that minted them', () => {
  it('stops every session a revoked key minted, within 5 seconds on every instance; other keys’ sessions live on', async () => {
    const key = await t.sdk.platform.apiKeys.create({ name: 'host backend' });
    const user = await t.sdk.platform.users.create({ email: 'browser@agency.test', name: 'Browser' });
    const minted = (await t.sdkFor(key.secret).platform.sessions.create({ userId: user.id })).token;
    const survivor = (await t.sdk.platform.sessions.create({ userId: user.id })).token;
    const elsewhere = on(second, minted);
    await expect(elsewhere.platform.me()).resolves.toMatchObject({ actor: { id: user.id } });
    await t.sdk.platform.apiKeys.revoke(key.id);
    await expect(t.sdkFor(minted).platform.me()).rejects.toMatchObject({ status: 401, detail: expect.stringMatching(/revoked/) });
    t.clock.advance(5_001);
    await expect(elsewhere.platform.me()).rejects.toMatchObject({ status: 401 });
    await expect(t.sdkFor(survivor).platform.me()).resolves.toMatchObject({ actor: { id: user.id } });
  });
});

describe('files', () => {
  it("a MEMBER deletes their own uploads, not other people's; an ADMIN deletes any", async () => {
    const alice = await member('MEMBER', 'alice@agency.test');
    const bob = await member('MEMBER', 'bob@agency.test');
    const admin = await member('ADMIN', 'boss@agency.test');
    const upload = (token: string, name: string) =>
      t.sdkFor(token).platform.files.upload(new Blob(['hello'], { type: 'text/plain' }), { name });
    const mine = await upload(alice.token, 'mine.txt');
    const theirs = await upload(bob.token, 'theirs.txt');
    const refused = await problem(t.sdkFor(alice.token).platform.files.delete(theirs.id));
    expect(refused).toMatchObject({ status: 403, type: expect.stringContaining('forbidden') });
    await expect(t.sdkFor(alice.token).platform.files.delete(mine.id)).resolves.toEqual({ id: mine.id, deleted: true });
    await expect(t.sdkFor(admin.token).platform.files.delete(theirs.id)).resolves.toEqual({ id: theirs.id, deleted: true });
  });
});

describe('review cannot be bypassed', () => {
  let workflowId: string;
  let typeId: string;
  let client: { id: string };
  let editor: string;
  let admin: string;
  beforeAll(async () => {
    client = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
    editor = (await member('MEMBER', 'editor@agency.test')).token;
    admin = (await member('ADMIN', 'lead@agency.test')).token;
    workflowId = (
      await t.sdk.cms.workflows.create({
        name: 'Client sign-off',
        stages: [
          { name: 'Draft', status: 'DRAFT', order: 0 },
          { name: 'Client', status: 'IN_REVIEW', order: 1, assignTo: 'client' },
          { name: 'Ready', status: 'APPROVED', order: 2 },
        ],
      })
    ).id;
    typeId = (
      await t.sdk.cms.contentTypes.create({
        name: 'Page',
        slug: 'page',
        workflowId,
        schema: { fields: [{ name: 'title', type: 'text', required: true }] },
      })
    ).id;
  });

  it("lets only an OWNER/ADMIN detach or swap a content type's workflow", async () => {
    const patch = (token: string, body: unknown) =>
      t.request(`/v1/cms/content-types/${typeId}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const refused = await patch(editor, { workflowId: null });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.sdk.cms.contentTypes.get(typeId)).workflowId).toBe(workflowId);
    // Other changes stay a MEMBER's to make, and naming the same workflow changes nothing.
    expect((await patch(editor, { name: 'Landing page', workflowId })).status).toBe(200);
    expect((await patch(admin, { workflowId: null })).status).toBe(200);
    expect((await patch(admin, { workflowId })).status).toBe(200);
  });

  it('keeps the client stage for the client: a MEMBER can neither decide it, skip it nor hand out its review link', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: typeId, data: { title: 'Launch' }, clientId: client.id });
    const { revision } = await t.sdk.cms.entries.submit(entry.id);
    const asEditor = t.sdkFor(editor);
    await expect(asEditor.cms.revisions.approve(revision.id)).rejects.toMatchObject({ status: 403 });
    await expect(asEditor.cms.revisions.skip(revision.id)).rejects.toMatchObject({ status: 403 });
    await expect(asEditor.cms.revisions.reviewLink(revision.id)).rejects.toMatchObject({ status: 403 });
    await expect(asEditor.cms.entries.publish(entry.id)).rejects.toMatchObject({ status: expect.any(Number) });
    expect((await t.sdk.cms.entries.get(entry.id)).status).toBe('IN_REVIEW');

    // An ADMIN may decide for the client; the record says so.
    await t.sdkFor(admin).cms.revisions.approve(revision.id);
    const [approved] = (await t.sdk.platform.activity.list({ entityId: entry.id, limit: 1 })).data;
    expect(approved).toMatchObject({ action: 'approved', actorName: 'lead', metadata: { onBehalfOfClient: true } });
  });
});

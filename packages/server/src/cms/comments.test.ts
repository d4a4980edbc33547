import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let client: SpokeStack;
let clientUserId: string;
let member: SpokeStack;
let shared: { id: string };
let internal: { id: string };

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const dana = await t.sdk.platform.users.create({ email: 'dana@acme.test', name: 'Dana', role: 'CLIENT', clientId: acme.id });
  clientUserId = dana.id;
  client = t.sdkFor((await t.sdk.platform.sessions.create({ userId: dana.id })).token);
  const max = await t.sdk.platform.users.create({ email: 'max@agency.test', name: 'Max' });
  member = t.sdkFor((await t.sdk.platform.sessions.create({ userId: max.id })).token);
  const type = await t.sdk.cms.contentTypes.create({
    name: 'Page',
    slug: 'page',
    schema: {
      fields: [
        { name: 'title', type: 'text', required: true },
        { name: 'body', type: 'text' },
      ],
    },
  });
  shared = await t.sdk.cms.entries.create({
    contentTypeId: type.id,
    data: { title: 'Acme homepage', body: 'Welcome to Acme' },
    clientId: acme.id,
  });
  internal = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Agency notes' } });
});
afterAll(() => t.close());

describe('comments', () => {
  it('threads comments, anchors them to fields and text selections, and resolves and reopens them', async () => {
    const root = await member.cms.comments.create({
      entryId: shared.id,
      content: 'Can we say this warmer?',
      fieldName: 'body',
      selection: { from: 0, to: 7, text: 'Welcome' },
    });
    expect(root).toMatchObject({
      entryId: shared.id,
      parentId: null,
      fieldName: 'body',
      selection: { from: 0, to: 7, text: 'Welcome' },
      isResolved: false,
      authorId: expect.any(String),
    });
    // Comments list oldest first; a second later keeps the order of the two defined.
    t.clock.advance(1000);
    const reply = await t.sdk.cms.comments.create({ entryId: shared.id, parentId: root.id, content: '"Hello from Acme"?' });
    expect(reply.parentId).toBe(root.id);

    const bad = await t.sdk.cms.comments
      .create({ entryId: shared.id, content: 'x', fieldName: 'nope', selection: { from: 5, to: 2 } })
      .catch((e: { status: number; errors: { path: string }[] }) => e);
    expect(bad).toMatchObject({ status: 400 });
    expect((bad as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['body.selection.to']);
    await expect(t.sdk.cms.comments.create({ entryId: shared.id, content: 'x', fieldName: 'nope' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.fieldName' }],
    });
    await expect(t.sdk.cms.comments.create({ entryId: shared.id, content: 'x', selection: { from: 0, to: 1 } })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.selection' }],
    });
    const elsewhere = await t.sdk.cms.comments.create({ entryId: internal.id, content: 'Other entry' });
    await expect(t.sdk.cms.comments.create({ entryId: shared.id, parentId: elsewhere.id, content: 'x' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.parentId' }],
    });

    const resolved = await t.sdk.cms.comments.resolve(root.id);
    expect(resolved).toMatchObject({ isResolved: true, resolvedAt: t.clock.now().toISOString(), resolvedById: expect.any(String) });
    await expect(t.sdk.cms.comments.resolve(root.id)).rejects.toMatchObject({ status: 409 });
    // A thread is resolved as a whole: its replies with it.
    expect((await t.sdk.cms.comments.list({ entryId: shared.id, isResolved: false })).data).toEqual([]);
    expect(await t.sdk.cms.comments.get(reply.id)).toMatchObject({ isResolved: true, resolvedAt: t.clock.now().toISOString() });
    expect(await t.sdk.cms.comments.reopen(root.id)).toMatchObject({ isResolved: false, resolvedById: null, resolvedAt: null });
    expect((await t.sdk.cms.comments.get(reply.id)).isResolved).toBe(false);
    await expect(t.sdk.cms.comments.reopen(root.id)).rejects.toMatchObject({ status: 409 });
    expect((await t.sdk.cms.comments.list({ entryId: shared.id })).data.map((c) => c.id)).toEqual([root.id, reply.id]);
    expect((await t.sdk.cms.comments.list({ parentId: root.id })).data.map((c) => c.id)).toEqual([reply.id]);

    // Only the author edits; the author or an admin deletes, replies included.
    await expect(t.sdk.cms.comments.update(root.id, { content: 'Rewritten by someone else' })).rejects.toMatchObject({ status: 403 });
    expect((await member.cms.comments.update(root.id, { content: 'Can we say this more warmly?' })).content).toBe(
      'Can we say this more warmly?',
    );
    await expect(member.cms.comments.delete(elsewhere.id)).rejects.toMatchObject({ status: 403 });
    await expect(member.cms.comments.delete(root.id)).resolves.toMatchObject({ deleted: true });
    await expect(t.sdk.cms.comments.get(reply.id)).rejects.toMatchObject({ status: 404 });
    const actions = (await t.sdk.platform.activity.list({ entityId: shared.id, limit: 20 })).data.map((a) => a.action).reverse();
    expect(actions).toEqual([
      'created',
      'commented',
      'commented',
      'comment_resolved',
      'comment_reopened',
      'comment_edited',
      'comment_deleted',
    ]);
  });

  it('lets CLIENT members comment and resolve on their client’s entries only, while they still cannot edit entries', async () => {
    const mine = await client.cms.comments.create({ entryId: shared.id, content: 'Please use our new logo', fieldName: 'title' });
    expect(mine.authorId).toBe(clientUserId);
    await expect(client.cms.comments.resolve(mine.id)).resolves.toMatchObject({ isResolved: true });
    await expect(client.cms.comments.create({ entryId: internal.id, content: 'Peeking' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.entryId' }],
    });
    const hidden = await t.sdk.cms.comments.create({ entryId: internal.id, content: 'Internal only' });
    await expect(client.cms.comments.get(hidden.id)).rejects.toMatchObject({ status: 404 });
    expect((await client.cms.comments.list()).data.every((c) => c.entryId === shared.id)).toBe(true);
    await expect(client.cms.comments.resolve(hidden.id)).rejects.toMatchObject({ status: 404 });

    await expect(client.cms.entries.update(shared.id, { data: { title: 'Client edit' } })).rejects.toMatchObject({ status: 403 });
    await expect(client.cms.entries.delete(shared.id)).rejects.toMatchObject({ status: 403 });
    await expect(client.cms.entries.create({ contentTypeId: shared.id, data: {} })).rejects.toMatchObject({ status: 403 });
    expect((await client.cms.entries.get(shared.id)).title).toBe('Acme homepage');
  });

  it("treats another organization's comments and entries as missing", async () => {
    const comment = await t.sdk.cms.comments.create({ entryId: shared.id, content: 'Ours' });
    await expect(other.sdk.cms.comments.get(comment.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.comments.resolve(comment.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.comments.update(comment.id, { content: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.comments.delete(comment.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.comments.create({ entryId: shared.id, content: 'x' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.entryId' }],
    });
    expect((await other.sdk.cms.comments.list({ entryId: shared.id })).data).toEqual([]);
  });
});

import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type SpokeStack, type WebhookEvent, verifyWebhook } from '@spokestack/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';

// Publish webhooks end to end: the API stores the endpoint, a publish through the API queues the delivery,
// the job queue POSTs it to a real HTTP receiver on 127.0.0.1 (loopback allowed by the test instance's
// configuration), and the receiver checks it with the SDK's own `verifyWebhook`.

interface Received {
  signature: string;
  body: string;
}
let t: TestInstance;
let receiver: Server;
let url: string;
let received: Received[] = [];
let answers: number[] = [];
let typeId: string;
const secret = 'whsec_test_0123456789abcdefghij';

beforeAll(async () => {
  t = await createTestInstance({ allowPrivateWebhookUrls: true });
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ signature: String(req.headers['spokestack-signature']), body });
      res.statusCode = answers.shift() ?? 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/cms`;
  typeId = (
    await t.sdk.cms.contentTypes.create({
      name: 'Post',
      slug: 'post',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    })
  ).id;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await t.close();
});
// Each test starts with no endpoint, so a failed one never leaves deliveries for the next.
beforeEach(async () => {
  for (const endpoint of (await t.sdk.cms.webhooks.list()).data) await t.sdk.cms.webhooks.delete(endpoint.id);
  received = [];
  answers = [];
});

const post = (sdk: SpokeStack, title: string) => sdk.cms.entries.create({ contentTypeId: typeId, data: { title } });
const verified = (r: Received): Promise<WebhookEvent> => verifyWebhook(secret, r.signature, r.body, { now: t.clock.now() });

describe('publish webhooks', () => {
  it('delivers a signed publish and unpublish naming the entry and its surrogate keys', async () => {
    await t.sdk.cms.webhooks.create({ url, secret, description: 'Site build' });
    const entry = await post(t.sdk, 'Hello hooks');
    await t.sdk.cms.entries.publish(entry.id);
    await t.runJobs();
    expect(received).toHaveLength(1);
    const event = await verified(received[0]!);
    expect(event).toMatchObject({
      type: 'entry.published',
      data: {
        entries: [{ id: entry.id, contentTypeId: typeId, locale: 'en', slug: 'hello-hooks' }],
        surrogateKeys: [`entry-${entry.id}`, `type-${typeId}`],
      },
    });
    // The keys are the ones the delivery API tags its replies with, so a purge by key hits exactly them.
    const delivered = await t.request('/v1/delivery/post/hello-hooks');
    expect(delivered.headers.get('surrogate-key')).toBe(event.data.surrogateKeys[0]);

    await t.sdk.cms.entries.unpublish(entry.id);
    await t.runJobs();
    expect(await verified(received[1]!)).toMatchObject({
      type: 'entry.unpublished',
      data: { entries: [{ id: entry.id, slug: 'hello-hooks' }] },
    });
  });

  it('announces a translation by its locale, and archiving as an unpublish of every live locale', async () => {
    await t.sdk.platform.organization.update({ locales: ['en', 'fr'], defaultLocale: 'en' });
    const type = await t.sdk.cms.contentTypes.create({
      name: 'Page',
      slug: 'page',
      schema: { fields: [{ name: 'title', type: 'text', required: true, localized: true }] },
    });
    await t.sdk.cms.webhooks.create({ url, secret });
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'About' } });
    await t.sdk.cms.entries.publish(entry.id);
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'À propos' }, status: 'APPROVED' });
    await t.sdk.cms.entries.publish(entry.id, { locale: 'fr' });
    await t.sdk.cms.entries.archive(entry.id);
    await t.runJobs();
    const events = await Promise.all(received.map(verified));
    const seen = events.map((e) => [e.type, e.data.entries[0]!.locale, e.data.entries[0]!.slug]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['entry.published', 'en', 'about'],
        ['entry.published', 'fr', 'a-propos'],
        ['entry.unpublished', 'en', 'about'],
        ['entry.unpublished', 'fr', 'a-propos'],
      ]),
    );
    expect(seen).toHaveLength(4);
  });

  it('refuses a forged, re-signed or stale delivery', async () => {
    await t.sdk.cms.webhooks.create({ url, secret });
    await t.sdk.cms.entries.publish((await post(t.sdk, 'Tamper')).id);
    await t.runJobs();
    const [delivery] = received;
    await expect(verifyWebhook(secret, delivery!.signature, delivery!.body.replace('"tamper"', '"tampered"'))).rejects.toThrow(
      /does not match/,
    );
    await expect(verifyWebhook(`${secret}-other`, delivery!.signature, delivery!.body)).rejects.toThrow(/does not match/);
    const later = new Date(t.clock.now().getTime() + 10 * 60_000);
    await expect(verifyWebhook(secret, delivery!.signature, delivery!.body, { now: later })).rejects.toThrow(/tolerance/);
    await expect(verifyWebhook(secret, 'garbage', delivery!.body)).rejects.toThrow(/malformed/);
  });

  it('retries after a 500 with backoff, with the same event and a fresh signature', async () => {
    const endpoint = await t.sdk.cms.webhooks.create({ url, secret });
    answers = [500];
    await t.sdk.cms.entries.publish((await post(t.sdk, 'Flaky receiver')).id);
    await t.runJobs();
    expect(received).toHaveLength(1);
    // Not retried before its backoff is due; then delivered once more, and done.
    await t.runJobs();
    expect(received).toHaveLength(1);
    t.clock.advance(60_000);
    await t.runJobs();
    expect(received).toHaveLength(2);
    const [first, second] = [JSON.parse(received[0]!.body), await verified(received[1]!)];
    expect(second.id).toBe(first.id);
    expect(received[1]!.signature).not.toBe(received[0]!.signature);
    // The endpoint's deliveries show it: one event, delivered on the second attempt.
    const { data } = await t.sdk.cms.webhooks.deliveries(endpoint.id);
    expect(data).toEqual([expect.objectContaining({ eventId: first.id, type: 'entry.published', status: 'COMPLETED', attempts: 2 })]);
    t.clock.advance(60 * 60_000);
    await t.runJobs();
    expect(received).toHaveLength(2);
  });

  it('queues the delivery in the publish transaction: nothing is sent for a publish that failed', async () => {
    const endpoint = await t.sdk.cms.webhooks.create({ url, secret });
    const entry = await post(t.sdk, 'Stale version');
    await expect(t.sdk.cms.entries.publish(entry.id, { version: entry.version + 5 })).rejects.toMatchObject({ status: 409 });
    await t.runJobs();
    expect(received).toHaveLength(0);
    // A paused endpoint hears nothing either.
    await t.sdk.cms.webhooks.update(endpoint.id, { isActive: false });
    await t.sdk.cms.entries.publish(entry.id);
    await t.runJobs();
    expect(received).toHaveLength(0);
  });

  it('sends a signed test event on request, to a paused endpoint too, listed in its deliveries', async () => {
    const endpoint = await t.sdk.cms.webhooks.create({ url, secret, isActive: false });
    const sent = await t.sdk.cms.webhooks.test(endpoint.id);
    answers = [500];
    await t.runJobs();
    expect(received).toHaveLength(1);
    const event = await verified(received[0]!);
    expect(event).toEqual({
      id: sent.eventId,
      type: 'webhook.test',
      createdAt: t.clock.now().toISOString(),
      data: { entries: [], surrogateKeys: [] },
    });
    // Retried like any delivery: the receiver answered 500 once.
    t.clock.advance(60 * 60_000);
    await t.runJobs();
    expect(received).toHaveLength(2);
    expect((await verified(received[1]!)).id).toBe(sent.eventId);
    const [delivery] = (await t.sdk.cms.webhooks.deliveries(endpoint.id)).data;
    expect(delivery).toMatchObject({ id: sent.deliveryId, eventId: sent.eventId, type: 'webhook.test', status: 'COMPLETED', attempts: 2 });
    // A wrong secret fails the check: the signature is the endpoint's own.
    await expect(verifyWebhook(`${secret}-other`, received[1]!.signature, received[1]!.body, { now: t.clock.now() })).rejects.toThrow();
  });

  it('never returns the secret, and stores it sealed', async () => {
    const endpoint = await t.sdk.cms.webhooks.create({ url, secret });
    expect(endpoint).toMatchObject({ url, secretSet: true, isActive: true });
    expect(JSON.stringify(endpoint)).not.toContain(secret);
    const listed = await t.request('/v1/cms/webhooks');
    expect(await listed.text()).not.toContain(secret);
    const updated = await t.sdk.cms.webhooks.update(endpoint.id, { secret: `${secret}-rotated` });
    expect(JSON.stringify(updated)).not.toContain('rotated');
    const stored = await t.db.execute(sql`select secret from webhook_endpoints where id = ${endpoint.id}`);
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6));
  });

  it('keeps endpoints and deliveries per organization', async () => {
    const other = await t.createOrg('Rival Agency');
    const endpoint = await t.sdk.cms.webhooks.create({ url, secret });
    expect((await problem(other.sdk.cms.webhooks.get(endpoint.id))).status).toBe(404);
    expect((await problem(other.sdk.cms.webhooks.update(endpoint.id, { isActive: false }))).status).toBe(404);
    expect((await problem(other.sdk.cms.webhooks.delete(endpoint.id))).status).toBe(404);
    expect((await other.sdk.cms.webhooks.list()).data).toEqual([]);
    expect((await problem(other.sdk.cms.webhooks.deliveries(endpoint.id))).status).toBe(404);
    expect((await problem(other.sdk.cms.webhooks.test(endpoint.id))).status).toBe(404);
    // Their publish does not reach our endpoint.
    const theirType = await other.sdk.cms.contentTypes.create({
      name: 'Post',
      slug: 'post',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    });
    const theirs = await other.sdk.cms.entries.create({ contentTypeId: theirType.id, data: { title: 'Rival news' } });
    await other.sdk.cms.entries.publish(theirs.id);
    await t.runJobs();
    expect(received).toHaveLength(0);
  });

  it('takes http(s) URLs only and is for OWNER and ADMIN only', async () => {
    for (const bad of ['ftp://example.com/hook', 'javascript:alert(1)', 'file:///etc/passwd', '/relative'])
      expect((await problem(t.sdk.cms.webhooks.create({ url: bad, secret }))).errors[0]?.path).toBe('body.url');
    expect((await problem(t.sdk.cms.webhooks.create({ url, secret: 'short' }))).errors[0]?.path).toBe('body.secret');
    const member = await t.sdk.platform.users.create({ email: 'member@agency.test', name: 'Mem', role: 'MEMBER' });
    const memberSdk = t.sdkFor((await t.sdk.platform.sessions.create({ userId: member.id })).token);
    expect((await problem(memberSdk.cms.webhooks.list())).status).toBe(403);
    expect((await problem(memberSdk.cms.webhooks.create({ url, secret }))).status).toBe(403);
    const own = await t.sdk.cms.webhooks.create({ url, secret });
    expect((await problem(memberSdk.cms.webhooks.test(own.id))).status).toBe(403);
    const admin = await t.sdk.platform.users.create({ email: 'admin@agency.test', name: 'Adm', role: 'ADMIN' });
    const adminSdk = t.sdkFor((await t.sdk.platform.sessions.create({ userId: admin.id })).token);
    await adminSdk.cms.webhooks.delete((await adminSdk.cms.webhooks.create({ url, secret })).id);
  });
});

describe('publish webhooks without the private-address allowance', () => {
  let strict: TestInstance;
  beforeAll(async () => {
    strict = await createTestInstance();
  });
  afterAll(() => strict.close());

  it('refuses loopback, private and link-local targets', async () => {
    for (const bad of [url, 'http://localhost:8080/x', 'http://10.1.2.3/x', 'http://169.254.169.254/latest', 'http://[::1]/x']) {
      const error = await problem(strict.sdk.cms.webhooks.create({ url: bad, secret }));
      expect(error.status).toBe(400);
      expect(error.errors[0]?.path).toBe('body.url');
    }
    expect((await problem(strict.sdk.cms.webhooks.create({ url: 'http://localhost./x', secret }))).status).toBe(400);
    expect(await strict.sdk.cms.webhooks.create({ url: 'https://build.example.com/hooks', secret })).toMatchObject({ secretSet: true });
  });

  it('checks the address a name resolves to when delivering, so a name re-pointed at a private host is not reached', async () => {
    const endpoint = await strict.sdk.cms.webhooks.create({ url: 'https://hooks.example.com/cms', secret });
    // As if the name's DNS now answered 127.0.0.1: the row says a name that resolves to our receiver.
    const loopbackName = url.replace('127.0.0.1', 'localhost');
    await strict.db.execute(sql`update webhook_endpoints set url = ${loopbackName} where id = ${endpoint.id}`);
    const type = await strict.sdk.cms.contentTypes.create({
      name: 'Post',
      slug: 'post',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    });
    const entry = await strict.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Rebound' } });
    await strict.sdk.cms.entries.publish(entry.id);
    received = [];
    await strict.runJobs();
    expect(received).toHaveLength(0);
    const [delivery] = (await strict.sdk.cms.webhooks.deliveries(endpoint.id)).data;
    expect(delivery).toMatchObject({ status: 'QUEUED', attempts: 1, lastError: expect.stringMatching(/resolves to the private address/) });
  });
});

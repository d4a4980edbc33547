import { createHmac } from 'node:crypto';
import { type LookupFunction, BlockList, isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { newId } from '../db/columns.js';
import { type WebhookEndpoint, type WebhookEvent, type WebhookEventType, cmsResources, webhookSignatureHeader } from '@spokestack/core/cms';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { type ListInput, resourceService } from '../db/resource-service.js';
import { badRequest } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { jobs } from '../platform/schema.js';
import { webhookEndpoints } from './schema.js';

// Publish webhooks. A publish or unpublish enqueues one delivery job per active endpoint in its own
// transaction, so an announcement exists exactly when the change committed and survives a crash; the job
// queue retries a failed delivery with backoff. Each delivery is signed with the endpoint's sealed secret.

export const webhookJobName = 'cms.webhook.deliver';
export const webhooks = resourceService(webhookEndpoints, cmsResources.webhooks);

// Where a tenant's URL must not lead: the server's own host and networks (SSRF), unless the operator allows it.
const privateRanges = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  privateRanges.addSubnet(net, prefix, 'ipv4');
// IPv4-mapped and NAT64 addresses are refused whole: they could spell any private IPv4 address.
for (const [net, prefix] of [
  ['::', 127],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  privateRanges.addSubnet(net, prefix, 'ipv6');

const isPrivateAddress = (address: string) => privateRanges.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
// Brackets off IPv6 literals; a trailing dot (`localhost.`) names the same host and must not slip past the check.
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');

/**
 * 400 when a URL names a private or loopback host outright (addresses it resolves to are checked on delivery),
 * unless the operator allows private targets. Shared by every feature that calls tenants' URLs (CRM workflows).
 *
 * @example checkTarget(ctx, 'http://127.0.0.1/hook', 'body.actions.0.config.url') // throws 400
 */
export function checkTarget(ctx: TenantContext, url: string | undefined, path: string): void {
  if (url === undefined || ctx.allowPrivateWebhookUrls) return;
  const host = bareHost(new URL(url));
  const local = host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isPrivateAddress(host));
  if (local) throw badRequest([{ path, message: 'Must not point at a loopback, private or link-local address' }]);
}

type EndpointInput = { url?: string; secret?: string; description?: string | null; isActive?: boolean };
// The generic layer replaced `secret` with `secretSet` in every row it returns; its type still says the table's row.
const shown = (row: unknown) => row as WebhookEndpoint;

/** A page of the organization's endpoints. @example await listWebhooks(db, ctx, { isActive: true }) */
export async function listWebhooks(db: Db, ctx: TenantContext, query: ListInput) {
  const page = await webhooks.list(db, ctx, query);
  return { data: page.data.map(shown), nextCursor: page.nextCursor };
}

/** One endpoint, 404 for another organization's. @example await getWebhook(db, ctx, id) */
export const getWebhook = async (db: Db, ctx: TenantContext, id: string) => shown(await webhooks.get(db, ctx, id));

/** Adds an endpoint (its URL checked, its secret sealed). @example await createWebhook(db, ctx, { url, secret }) */
export async function createWebhook(db: Db, ctx: TenantContext, input: EndpointInput) {
  checkTarget(ctx, input.url, 'body.url');
  return shown(await webhooks.create(db, ctx, input));
}

/** Changes an endpoint; a new URL is checked like on create. @example await updateWebhook(db, ctx, id, { isActive: false }) */
export async function updateWebhook(db: Db, ctx: TenantContext, id: string, input: EndpointInput) {
  checkTarget(ctx, input.url, 'body.url');
  return shown(await webhooks.update(db, ctx, id, input));
}

/**
 * The endpoint's last 50 deliveries, newest first: its jobs in the queue (kept until pruned), read through the
 * payload they carry, in the organization only.
 *
 * @example const { data } = await listDeliveries(db, ctx, endpointId)
 */
export async function listDeliveries(db: Db, ctx: TenantContext, endpointId: string) {
  await webhooks.get(db, ctx, endpointId);
  const rows = await db
    .select()
    .from(jobs)
    .where(
      and(eq(jobs.organizationId, ctx.organizationId), eq(jobs.name, webhookJobName), sql`${jobs.payload}->>'endpointId' = ${endpointId}`),
    )
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(50);
  const data = rows.map((job) => {
    const { event } = job.payload as unknown as { event: WebhookEvent };
    const { id, status, attempts, lastError, runAt, completedAt, createdAt } = job;
    return { id, eventId: event.id, type: event.type, status, attempts, lastError, runAt, completedAt, createdAt };
  });
  return { data };
}

/**
 * Queues a `webhook.test` event for one endpoint of the organization (404 for another's), paused or not: the same
 * delivery job as a publish's, so it is signed, retried and listed in the deliveries exactly like one.
 *
 * @example const { eventId, deliveryId } = await sendTestEvent(db, ctx, endpointId)
 */
export async function sendTestEvent(db: Db, ctx: TenantContext, endpointId: string) {
  await webhooks.get(db, ctx, endpointId);
  const event: WebhookEvent = {
    id: `evt_${newId()}`,
    type: 'webhook.test',
    createdAt: ctx.now.toISOString(),
    data: { entries: [], surrogateKeys: [] },
  };
  const job = await ctx.jobs.enqueue(webhookJobName, { endpointId, event } as unknown as Json, {
    organizationId: ctx.organizationId,
    maxAttempts: 8,
    uniqueKey: `${webhookJobName}:${event.id}:${endpointId}`,
    db,
  });
  return { eventId: event.id, deliveryId: job.id };
}

/** An entry whose live state just changed in one locale. */
export interface ChangedEntry {
  id: string;
  contentTypeId: string;
  locale: string;
  slug: string | null;
}

/**
 * Announces a publish or unpublish to every active endpoint of the organization: one delivery job each,
 * in `tx` (the transaction that made the change), with the event fixed now so every retry sends the same
 * body and event id.
 *
 * @example await announceChange(tx, ctx, 'entry.published', { id, contentTypeId, locale, slug })
 */
export async function announceChange(tx: Db, ctx: TenantContext, type: WebhookEventType, entry: ChangedEntry): Promise<void> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, ctx.organizationId), eq(webhookEndpoints.isActive, true)));
  if (!endpoints.length) return;
  const event: WebhookEvent = {
    id: `evt_${newId()}`,
    type,
    createdAt: ctx.now.toISOString(),
    // The keys the delivery API sends: the entry's own replies, and its type's lists.
    data: { entries: [entry], surrogateKeys: [`entry-${entry.id}`, `type-${entry.contentTypeId}`] },
  };
  await ctx.jobs.enqueueMany(
    endpoints.map((endpoint) => ({
      name: webhookJobName,
      payload: { endpointId: endpoint.id, event } as unknown as Json,
      organizationId: ctx.organizationId,
      maxAttempts: 8,
      uniqueKey: `${webhookJobName}:${event.id}:${endpoint.id}`,
    })),
    { db: tx },
  );
}

/**
 * The `SpokeStack-Signature` value of a body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, as Stripe
 * signs, so a receiver checks both the bytes and their age (`verifyWebhook` in `@spokestack/core`).
 *
 * @example signWebhook(secret, body, ctx.now) // 't=1767225600,v1=5f3a…'
 */
export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** Resolves like `dns.lookup`, refusing private answers: checked on the address connected to, so DNS cannot rebind past it. */
const publicLookup: LookupFunction = (hostname, options, callback) =>
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 4);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(new Error(`${hostname} resolves to the private address ${refused.address}`), '', 4);
    if (options.all) return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });

/** POSTs a body; resolves with the status. Redirects are not followed (one could lead to a private host). */
function post(ctx: TenantContext, url: URL, body: string, headers: Record<string, string>): Promise<number> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      timeout: 10_000,
      lookup: ctx.allowPrivateWebhookUrls ? undefined : publicLookup,
    });
    req.on('timeout', () => req.destroy(new Error('Webhook endpoint did not answer within 10 s')));
    req.on('error', reject);
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.end(body);
  });
}

/**
 * POSTs a JSON body to a tenant's URL, signed now with `secret` (`SpokeStack-Signature`), refusing private and
 * loopback addresses (named or resolved) unless the operator allows them; anything but a 2xx throws, so a job
 * retries it with the queue's backoff.
 *
 * @example await postSigned(ctx, 'https://hooks.example.com/in', JSON.stringify(event), secret)
 */
export async function postSigned(ctx: TenantContext, target: string, body: string, secret: string): Promise<void> {
  const url = new URL(target);
  if (!ctx.allowPrivateWebhookUrls && isIP(bareHost(url)) && isPrivateAddress(bareHost(url)))
    throw new Error(`${url.host} is a private address`);
  const status = await post(ctx, url, body, {
    'content-type': 'application/json',
    'user-agent': 'SpokeStack-Webhooks/1',
    [webhookSignatureHeader]: signWebhook(secret, body, ctx.now),
  });
  if (status < 200 || status >= 300) throw new Error(`Webhook endpoint answered ${status}`);
}

/**
 * The delivery job: POSTs the event to its endpoint, signed now. A removed or paused endpoint drops it (but for a test);
 * anything but a 2xx throws, so the queue retries with backoff and finally marks the job DEAD.
 */
export async function deliverWebhook(db: Db, ctx: TenantContext, payload: Json): Promise<void> {
  const { endpointId, event } = payload as unknown as { endpointId: string; event: WebhookEvent };
  const endpoint = await webhooks.find(db, ctx, endpointId);
  // A test event is asked for one endpoint by name, so it reaches a paused one too (to check it before resuming).
  if (!endpoint || (!endpoint.isActive && event.type !== 'webhook.test')) return;
  const secret = (await webhooks.openSecret(db, ctx, endpointId, 'secret'))!;
  await postSigned(ctx, endpoint.url, JSON.stringify(event), secret);
}

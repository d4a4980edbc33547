import * as z from 'zod';
import * as f from '../shared/fields.js';
import { jobStatus } from '../platform/enums.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { base, boolFilter, deleted, tag } from './common.js';
import { webhooks } from './rows.gen.js';

// Publish webhooks: an organization's endpoints hear of every publish and unpublish, with the entries and
// the surrogate keys (the delivery API's `Surrogate-Key` / `Cache-Tag`) to rebuild or purge. Each delivery
// is signed like Stripe's: `SpokeStack-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.

/** The header every delivery carries its signature in. */
export const webhookSignatureHeader = 'SpokeStack-Signature';

/**
 * The events an endpoint hears. `webhook.test` is sent only on request (`sdk.cms.webhooks.test(id)`), names no
 * entry and no key: a receiver checks its signature and answers 2xx, and purges nothing.
 */
export const webhookEventTypes = ['entry.published', 'entry.unpublished', 'webhook.test'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** One entry a publish event names: what changed, in which locale, and the cache keys to purge. */
export const webhookEntry = z.object({
  id: z.string(),
  contentTypeId: z.string(),
  locale: z.string(),
  /** The slug that is live now (published) or was live until now (unpublished). */
  slug: z.string().nullable(),
});

/** The JSON body of a delivery. `id` is the same on every retry of one event, so a receiver can drop repeats. */
export const webhookEvent = z.object({
  id: z.string(),
  type: z.enum(webhookEventTypes),
  createdAt: z.iso.datetime(),
  data: z.object({
    entries: z.array(webhookEntry),
    /** `entry-<id>` and `type-<contentTypeId>`: the keys of every delivery reply the change makes stale. */
    surrogateKeys: z.array(z.string()),
  }),
});
export type WebhookEvent = z.output<typeof webhookEvent>;

// The secret signs every delivery; 24 characters or more so it cannot be guessed from a few signatures.
const secret = z.string().min(24).max(200);
const webhookCreate = webhooks.create.extend({ url: f.httpUrl(), secret });
const webhookUpdate = webhookCreate.partial();
const admins = ['OWNER', 'ADMIN'] as const;
const where =
  ' A URL must be absolute http(s); loopback, private and link-local addresses are refused (400), at creation and ' +
  'again when delivering, unless the server allows them (`SPOKESTACK_WEBHOOK_ALLOW_PRIVATE=1`). The `secret` is ' +
  'write-only: it is encrypted at rest and replies say only `secretSet`.';

/** One delivery of an event to an endpoint: the queue's job, with where it stands. */
export const webhookDelivery = z.object({
  id: z.string(),
  eventId: z.string(),
  type: z.enum(webhookEventTypes),
  /** QUEUED (first try or waiting for a retry), RUNNING, COMPLETED (answered 2xx) or DEAD (retries exhausted). */
  status: z.enum(jobStatus),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** When it runs next (for a retry), or ran last. */
  runAt: f.timestamp(),
  completedAt: f.timestamp().nullable(),
  createdAt: f.timestamp(),
});
export type WebhookDelivery = z.output<typeof webhookDelivery>;

export const webhookOps = {
  listWebhooks: defineOperation({
    id: 'cms.webhooks.list',
    method: 'GET',
    path: `${base}/webhooks`,
    tag,
    summary: 'List publish webhook endpoints',
    description: "The organization's webhook endpoints, a page at a time; filter with `isActive`.",
    query: listQuery.extend({ isActive: boolFilter() }),
    response: pageOf(webhooks.row),
    roles: admins,
  }),
  getWebhook: defineOperation({
    id: 'cms.webhooks.get',
    method: 'GET',
    path: `${base}/webhooks/:id`,
    tag,
    summary: 'Get a publish webhook endpoint',
    description: 'One webhook endpoint (never its secret). Another organization’s id answers 404.',
    params: idParams,
    response: webhooks.row,
    roles: admins,
  }),
  createWebhook: defineOperation({
    id: 'cms.webhooks.create',
    method: 'POST',
    path: `${base}/webhooks`,
    tag,
    summary: 'Add a publish webhook endpoint',
    description:
      'Adds an endpoint that receives every publish and unpublish of the organization’s entries as a signed POST, ' +
      'queued in the publish’s own transaction and retried with backoff until it answers 2xx.' +
      where,
    body: webhookCreate,
    response: webhooks.row,
    status: 201,
    roles: admins,
  }),
  updateWebhook: defineOperation({
    id: 'cms.webhooks.update',
    method: 'PATCH',
    path: `${base}/webhooks/:id`,
    tag,
    summary: 'Change a publish webhook endpoint (URL, secret, active)',
    description: `Changes the fields given; deliveries already queued use the endpoint as it is when they run.${where}`,
    params: idParams,
    body: webhookUpdate,
    response: webhooks.row,
    roles: admins,
  }),
  listWebhookDeliveries: defineOperation({
    id: 'cms.webhooks.deliveries',
    method: 'GET',
    path: `${base}/webhooks/:id/deliveries`,
    tag,
    summary: 'Recent deliveries of a webhook endpoint, newest first',
    description:
      'The last 50 deliveries queued for the endpoint: their event, status, attempts so far and the last error (the ' +
      'status the endpoint answered, or why it could not be reached), so a failing receiver can be seen and fixed.',
    params: idParams,
    response: z.object({ data: z.array(webhookDelivery) }),
    roles: admins,
  }),
  testWebhook: defineOperation({
    id: 'cms.webhooks.test',
    method: 'POST',
    path: `${base}/webhooks/:id/test`,
    tag,
    summary: 'Send a test event to a webhook endpoint',
    description:
      'Queues one `webhook.test` event for this endpoint (even a paused one), signed with its secret exactly like a ' +
      'publish and retried the same way, so a receiver can be checked before it is relied on. The event names no ' +
      'entry and no surrogate key; follow it in the endpoint’s deliveries by the returned ids.',
    params: idParams,
    response: z.object({ eventId: z.string(), deliveryId: z.string() }),
    status: 202,
    roles: admins,
  }),
  deleteWebhook: defineOperation({
    id: 'cms.webhooks.delete',
    method: 'DELETE',
    path: `${base}/webhooks/:id`,
    tag,
    summary: 'Remove a publish webhook endpoint',
    description: 'Removes the endpoint; its queued deliveries are dropped when they run.',
    params: idParams,
    response: deleted,
    roles: admins,
  }),
};

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** Compares without stopping at the first difference, so timing does not reveal how much of a guess was right. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/**
 * Checks a webhook delivery and returns its event: `header` is the `SpokeStack-Signature` header, `body` the raw
 * request body exactly as received (parse it only after). Throws when the signature does not match the endpoint's
 * secret, or its timestamp is more than `toleranceSeconds` (default 300) from now, which stops a replay of an old
 * delivery. Uses Web Crypto, so it runs in Node, Deno, Bun and edge workers alike.
 *
 * @example
 * const event = await verifyWebhook(process.env.SPOKESTACK_WEBHOOK_SECRET!, req.headers['spokestack-signature'], rawBody)
 * await cdn.purge(event.data.surrogateKeys)
 */
export async function verifyWebhook(
  secret: string,
  header: string | null | undefined,
  body: string,
  options: { toleranceSeconds?: number; now?: Date } = {},
): Promise<WebhookEvent> {
  const parts = (header ?? '').split(',').map((part) => part.trim().split('='));
  const t = parts.find(([key]) => key === 't')?.[1];
  const signatures = parts.filter(([key]) => key === 'v1').map(([, value]) => value ?? '');
  const timestamp = Number(t);
  if (!t || !/^\d+$/.test(t) || !signatures.length) throw new Error('Webhook signature header is malformed');
  const age = Math.abs((options.now ?? new Date()).getTime() / 1000 - timestamp);
  if (age > (options.toleranceSeconds ?? 300)) throw new Error('Webhook timestamp is outside the tolerance');
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const expected = hex(await crypto.subtle.sign('HMAC', key, encoder.encode(`${t}.${body}`)));
  // Several v1 values are accepted, as Stripe does, so a sender may sign with two secrets during a rotation.
  if (!signatures.some((signature) => sameText(signature, expected))) throw new Error('Webhook signature does not match');
  return webhookEvent.parse(JSON.parse(body));
}

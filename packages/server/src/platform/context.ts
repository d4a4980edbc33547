import type { MembershipRole } from '@spokestack/core';
import type { Db } from '../db/client.js';
import { type JobQueue, createJobQueue } from '../jobs/queue.js';
import type { Clock } from './clock.js';
import { type FileStore, createFileStore } from './files.js';
import type { Logger } from './logger.js';
import { type MailOptions, type Mailer, mailerOf } from './mailer.js';
import { type SecretBox, appKeyRing, secretBox } from './secrets.js';
import { type Signer, createSigner } from './signing.js';
import type { Storage } from './storage.js';

/** Who is acting. API keys act with the ADMIN role; session tokens carry the role the host minted. */
export interface Actor {
  type: 'user' | 'apiKey' | 'system';
  id: string;
  name: string;
  role: MembershipRole;
  /** For CLIENT members: the one client whose shared data they may see. */
  clientId: string | null;
  /** Set for publishable keys, which may only read published content. */
  publishable?: boolean;
}

/**
 * What the app gives every request and job: the time it started (from the app's injected clock, so
 * every timestamp one request writes is the same and tests can move it) and the app's parts. Public
 * surfaces (a review link) act with this alone until a token names their organization.
 */
export interface AppContext {
  now: Date;
  /** The app's one job queue; enqueue inside your transaction with `{ db: tx }`. */
  jobs: JobQueue;
  /** File storage and signed download URLs. */
  files: FileStore;
  /** Signs and verifies every token and link, each with its purpose. */
  signer: Signer;
  /** Seals and opens secrets at rest (platform credentials and tokens), under the app's key ring. */
  secrets: SecretBox;
  logger: Logger;
  /** Whether webhooks may target loopback and private networks (off: a tenant must not reach the server's own network). */
  allowPrivateWebhookUrls: boolean;
  /** Outgoing email, when the app was given `mail` (or `SPOKESTACK_SMTP_URL`); features refuse to send without it. */
  mailer?: Mailer;
  /** The default sender (`SPOKESTACK_MAIL_FROM`). */
  mailFrom?: string;
  /** Where campaign links point (`MailSettings.publicUrl`), without a trailing slash. */
  publicUrl?: string;
  /** Campaign messages per minute (`MailSettings.ratePerMinute`). */
  mailRatePerMinute?: number;
  /**
   * Told of every activity-stream row written (`recordActivity`), in the writer's transaction: the features'
   * `onActivity` hooks (CRM automation starts its workflows here), so no feature calls another's code to announce a change.
   */
  onActivity?: (db: Db, ctx: TenantContext, items: readonly ActivityEvent[]) => Promise<void>;
  /**
   * Set while an automation acts: which workflow runs led to the write, so the runs it triggers know their depth
   * and a workflow never triggers itself.
   */
  cause?: { depth: number; workflowIds: readonly string[] };
}

/** An activity-stream row as `onActivity` hooks see it. */
export interface ActivityEvent {
  action: string;
  entityType: string;
  entityId: string;
  metadata?: { [key: string]: unknown } | null;
}

/**
 * What every service receives, `(db, ctx)`: the app context with the tenant to scope by and the actor
 * to record. The router builds one per request; the worker one per job, with the system actor.
 */
export interface TenantContext extends AppContext {
  organizationId: string;
  actor: Actor;
}

/** Actor for work the platform does itself (scheduled jobs, automations). */
export const systemActor = (): Actor => ({ type: 'system', id: 'system', name: 'SpokeStack', role: 'OWNER', clientId: null });

/**
 * The app's parts, which every request's and job's context carries: built once by `createApp` (and
 * once by the demo seed, which runs before any app).
 *
 * @example
 * const parts = createAppParts({ db, storage, clock, logger, secret })
 * const ctx: TenantContext = { ...parts, now: clock.now(), organizationId, actor }
 */
export function createAppParts(deps: {
  db: Db;
  storage: Storage;
  clock: Clock;
  logger: Logger;
  secret: string;
  /** `SPOKESTACK_ENCRYPTION_KEYS` (see `keyRingFromSpec`); without it a key derived from `secret` encrypts. */
  encryptionKeys?: string;
  allowPrivateWebhookUrls?: boolean;
  mail?: MailOptions;
  onActivity?: AppContext['onActivity'];
}): Omit<AppContext, 'now'> {
  const { db, storage, clock, logger, secret } = deps;
  const signer = createSigner(secret);
  const secrets = secretBox(appKeyRing(secret, deps.encryptionKeys));
  return {
    jobs: createJobQueue({ db, clock, logger }),
    files: createFileStore({ storage, signer, clock }),
    signer,
    secrets,
    logger,
    allowPrivateWebhookUrls: deps.allowPrivateWebhookUrls ?? false,
    mailer: mailerOf(deps.mail),
    mailFrom: deps.mail?.from,
    publicUrl: deps.mail?.publicUrl?.replace(/\/+$/, ''),
    mailRatePerMinute: deps.mail?.ratePerMinute,
    onActivity: deps.onActivity,
  };
}

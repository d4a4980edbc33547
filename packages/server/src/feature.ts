import type { ResourceDef } from '@spokestack/core';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './db/client.js';
import type { Json } from './db/columns.js';
import type { DemoCounts } from './demo/seed.js';
import type { SeedContext } from './demo/context.js';
import type { Router } from './http/router.js';
import type { Job } from './jobs/queue.js';
import type { Authenticator } from './platform/auth.js';
import type { TenantContext } from './platform/context.js';

/** What a feature's routes are registered with, besides the router. */
export interface RouteDeps {
  db: Db;
  /** The app's authenticator; `forget()` it when a change (a revoked key, a new role) must reach the cache now. */
  auth: Authenticator;
}

/**
 * A background job of a feature. Runs in the organization the job was enqueued for, with the system
 * actor, in a context built like a request's. Must be idempotent (see `JobHandler`).
 */
export type FeatureJob = (db: Db, ctx: TenantContext, payload: Json, job: Job) => Promise<void>;

/**
 * A recurring platform-wide job of a feature (a sweep over every organization's rows, like due syncs or
 * retention), enqueued on its cron by the worker. `contextFor` gives the tenant context in which to act
 * on each organization found, so everything after the sweep's one query is scoped like a request.
 */
export interface FeatureSchedule {
  /** Five cron fields, read in UTC. */
  cron: string;
  run: (db: Db, deps: { now: Date; contextFor: (organizationId: string) => TenantContext }) => Promise<void>;
}

/** What a feature's part of the demo seed leaves: its counts, and what to do once every feature has seeded. */
export interface FeatureSeed {
  counts: Partial<DemoCounts>;
  /** Runs after the seeds of all features, for rows that wait on another feature's (assets on the content using them). */
  finish?: () => Promise<void>;
}

/**
 * One feature of the platform (`platform`, `cms`, `dam`, `analytics`, `crm`), as `createApp` mounts it:
 * its resources, the routes that carry its rules, its background jobs and its part of the demo.
 */
export interface Feature {
  /** The feature's folder and URL segment (`/v1/<name>/…`). */
  name: string;
  /** Tables served by the generic CRUD, keyed like `resources`. */
  tables: Record<string, PgTable>;
  /** Core's resource definitions of the feature: the generic CRUD's contracts and the document's schemas. */
  resources: Record<string, ResourceDef>;
  /** Registers the operations with rules beyond plain CRUD; the generic CRUD, mounted after, skips what they took. */
  routes?: (router: Router, deps: RouteDeps) => void;
  /** Job handlers by job name (namespaced by feature: `cms.publishSchedule`). */
  jobs?: Record<string, FeatureJob>;
  /** At most this many of a job at once per worker (`WorkerOptions.limits`), for heavy jobs that would fill every slot. */
  jobLimits?: Record<string, number>;
  /** Platform-wide recurring jobs by job name (namespaced by feature: `analytics.syncSweep`). */
  schedules?: Record<string, FeatureSchedule>;
  /**
   * Told of every activity-stream row any feature writes, in the writer's transaction (see `AppContext.onActivity`):
   * how a feature reacts to changes it does not own without the owner calling it.
   */
  onActivity?: NonNullable<TenantContext['onActivity']>;
  /** The feature's part of the demo organization; features seed in the order of the app's list. */
  demo?: (seed: SeedContext) => Promise<FeatureSeed>;
}

/**
 * Declares a feature module (checked against `Feature`, its literal type kept).
 *
 * @example export const dam = defineFeature({ name: 'dam', tables: damTables, resources: damResources })
 */
export const defineFeature = <F extends Feature>(feature: F): F => feature;

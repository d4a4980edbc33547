import { newId } from '../db/columns.js';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { jobSchedules, jobs } from '../platform/schema.js';
import { nextTick, validateSchedule } from './cron.js';

/** A row of the `jobs` table, as handlers and callers see it. */
export type Job = typeof jobs.$inferSelect;
/** A row of the `job_schedules` table. */
export type JobSchedule = typeof jobSchedules.$inferSelect;

export interface EnqueueOptions {
  /** When the job becomes due (default: now per the clock). Wins over `delayMs`. */
  runAt?: Date;
  /** Due this many milliseconds from now per the clock. */
  delayMs?: number;
  /** The tenant the job works for; null/omitted for platform jobs. Deleting the organization deletes its jobs. */
  organizationId?: string | null;
  /** Runs before the job is DEAD (default 5). */
  maxAttempts?: number;
  /**
   * Idempotency key, unique across all jobs kept: a second enqueue with the same key returns the job
   * that already has it (whatever its status) instead of adding another. Finished jobs are pruned
   * (completed after 14 days, dead after 90), and their keys with them. Namespace keys by feature,
   * e.g. `cms.publish:<entryId>:<version>`.
   */
  uniqueKey?: string;
  /** Enqueue inside the caller's transaction, so the job exists exactly when (and if) the change commits. */
  db?: Db;
}

/** One job of `enqueueMany`: its name, payload and the options `enqueue` takes. */
export interface EnqueueItem extends Omit<EnqueueOptions, 'db'> {
  name: string;
  payload?: Json;
}

export interface JobLookupOptions {
  /** Match only a job of this tenant, so another organization's job id behaves like a missing one. */
  organizationId?: string;
  /** Act inside the caller's transaction. */
  db?: Db;
}

export interface ScheduleOptions {
  /** The job name each tick enqueues (a key of the worker's handlers). */
  name: string;
  /** Five fields (minute precision) or six (with seconds), as `cron-parser` reads them. */
  cron: string;
  /** IANA zone the cron fields are read in (default UTC), so "0 9 * * *" follows daylight saving time. */
  timezone?: string;
  /** The payload of every job the schedule enqueues. */
  payload?: Json;
  organizationId?: string | null;
}

export interface JobQueueDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
}

// Rows per INSERT: 9 parameters each stays far below PostgreSQL's 65,535 bind parameters.
const insertChunk = 500;

/** Builds the `schedule:<key>:<due>` key that makes each cron tick enqueue at most one job. @example scheduleJobKey('digest', due) //
 * 'schedule:digest:2025-01-01T06:00:00.000Z' */
export const scheduleJobKey = (key: string, due: Date) => `schedule:${key}:${due.toISOString()}`;

/**
 * Adds job rows and returns them in input order; a row whose unique key is taken comes back as the
 * job that holds the key. Shared by `enqueue` and the schedule ticks so both follow one idempotency rule.
 *
 * @example const [job] = await insertJobs(tx, [{ name: 'crm.digest', payload: {}, runAt: due, uniqueKey: scheduleJobKey('digest', due) }])
 */
export async function insertJobs(db: Db, rows: (typeof jobs.$inferInsert)[]): Promise<Job[]> {
  // Ids made here, so inserted rows map back to their input without relying on RETURNING order.
  const values = rows.map((row) => ({ ...row, id: newId() }));
  const inserted = new Map<string, Job>();
  const holders = new Map<string, Job>();
  for (let i = 0; i < values.length; i += insertChunk) {
    // ON CONFLICT DO NOTHING rather than catching the unique violation: an error would abort the
    // caller's transaction, and the caller asked for idempotency, not for a failure.
    const rows = await db
      .insert(jobs)
      .values(values.slice(i, i + insertChunk))
      .onConflictDoNothing({ target: jobs.uniqueKey })
      .returning();
    for (const row of rows) inserted.set(row.id, row);
  }
  const taken = [...new Set(values.filter((v) => !inserted.has(v.id)).map((v) => v.uniqueKey!))];
  for (let i = 0; i < taken.length; i += insertChunk) {
    const existing = await db
      .select()
      .from(jobs)
      .where(inArray(jobs.uniqueKey, taken.slice(i, i + insertChunk)));
    for (const row of existing) holders.set(row.uniqueKey!, row);
  }
  return values.map((v) => {
    const job = inserted.get(v.id) ?? (v.uniqueKey ? holders.get(v.uniqueKey) : undefined);
    // Only possible if the job holding the key was deleted between the two statements.
    if (!job) throw new Error(`enqueue: the job with unique key "${v.uniqueKey}" vanished; try again`);
    return job;
  });
}

/**
 * The job queue: enqueue work (optionally inside the caller's transaction), cancel or move queued
 * jobs, and keep cron schedules. Jobs are run by `createWorker()`, on any number of server instances;
 * each job runs once per attempt.
 *
 * Handlers must be idempotent: a job may run again after a failure, or after its worker died
 * mid-run (the lease expires and another worker takes it). `job.attempts` (1 on the first run)
 * tells a handler it is a retry.
 *
 * @example
 * const queue = createJobQueue({ db, clock, logger })
 * await transaction(db, async (tx) => {
 *   const entry = await publishLater(tx, ctx, input)
 *   await queue.enqueue('cms.publish', { entryId: entry.id }, { db: tx, runAt: entry.scheduledAt, organizationId: ctx.organizationId,
 * uniqueKey: `cms.publish:${entry.id}` })
 * })
 * await queue.schedule('crm.nightly-digest', { name: 'crm.digest', cron: '0 6 * * *', timezone: 'Europe/Paris' })
 */
export function createJobQueue(deps: JobQueueDeps) {
  const { clock } = deps;

  /** Checks one job's options and turns them into its row. */
  const toRow = (item: EnqueueItem): typeof jobs.$inferInsert => {
    const now = clock.now();
    const runAt = item.runAt ?? new Date(now.getTime() + (item.delayMs ?? 0));
    if (Number.isNaN(runAt.getTime())) throw new TypeError('enqueue: runAt is not a valid date');
    const maxAttempts = item.maxAttempts ?? 5;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new TypeError('enqueue: maxAttempts must be a positive integer');
    const { name, payload = {}, organizationId = null, uniqueKey = null } = item;
    return { name, payload, runAt, maxAttempts, organizationId, uniqueKey, createdAt: now };
  };

  /** The QUEUED job matching id (and tenant, when given), as a where clause. */
  const queuedJob = (id: string, organizationId?: string) =>
    and(eq(jobs.id, id), eq(jobs.status, 'QUEUED'), organizationId === undefined ? undefined : eq(jobs.organizationId, organizationId));

  return {
    /**
     * Adds a job, due now or at `runAt` / after `delayMs`. Returns the job (the existing one when
     * `uniqueKey` is already taken).
     *
     * @example await queue.enqueue('email.send', { messageId }, { organizationId, uniqueKey: `email.send:${messageId}` })
     */
    async enqueue(name: string, payload: Json = {}, options: EnqueueOptions = {}): Promise<Job> {
      const { db, ...item } = options;
      const [job] = await insertJobs(db ?? deps.db, [toRow({ ...item, name, payload })]);
      return job!;
    },

    /**
     * Adds many jobs in a few statements (a campaign's sends, a batch upload's renditions), with the
     * same rules as `enqueue`. Returns the jobs in input order.
     *
     * @example await queue.enqueueMany(recipients.map((r) => ({ name: 'email.send', payload: { recipientId: r.id }, uniqueKey:
     * `email.send:${campaignId}:${r.id}` })), { db: tx })
     */
    async enqueueMany(items: EnqueueItem[], options: { db?: Db } = {}): Promise<Job[]> {
      if (items.length === 0) return [];
      return insertJobs(options.db ?? deps.db, items.map(toRow));
    },

    /** A job by id, or null. @example const job = await queue.get(id) */
    async get(id: string, options: JobLookupOptions = {}): Promise<Job | null> {
      const scope = options.organizationId === undefined ? undefined : eq(jobs.organizationId, options.organizationId);
      const [row] = await (options.db ?? deps.db)
        .select()
        .from(jobs)
        .where(and(eq(jobs.id, id), scope))
        .limit(1);
      return row ?? null;
    },

    /**
     * Cancels a QUEUED job. Returns the cancelled job, or null when there is no such queued job
     * (missing, another tenant's, or already running or finished — a running job is not interrupted).
     *
     * @example if (!(await queue.cancel(jobId, { organizationId }))) throw notFound()
     */
    async cancel(id: string, options: JobLookupOptions = {}): Promise<Job | null> {
      const [row] = await (options.db ?? deps.db)
        .update(jobs)
        .set({ status: 'CANCELLED', completedAt: clock.now() })
        .where(queuedJob(id, options.organizationId))
        .returning();
      return row ?? null;
    },

    /**
     * Moves a QUEUED job to another time. Returns the job, or null when there is no such queued job.
     *
     * @example await queue.reschedule(jobId, new Date('2025-06-01T09:00:00Z'))
     */
    async reschedule(id: string, runAt: Date, options: JobLookupOptions = {}): Promise<Job | null> {
      if (Number.isNaN(runAt.getTime())) throw new TypeError('reschedule: runAt is not a valid date');
      const [row] = await (options.db ?? deps.db).update(jobs).set({ runAt }).where(queuedJob(id, options.organizationId)).returning();
      return row ?? null;
    },

    /**
     * Creates or updates the cron schedule `key` (unique across the platform: namespace per tenant,
     * e.g. `reports:<organizationId>:weekly`). Calling it again with the same cron and timezone — as
     * every server start does — keeps the pending tick; a changed cron starts from the next tick.
     * Throws a TypeError on an invalid cron expression or timezone.
     *
     * @example await queue.schedule('analytics.rollup', { name: 'analytics.rollup', cron: '*\/5 * * * *' })
     */
    async schedule(key: string, options: ScheduleOptions): Promise<JobSchedule> {
      const timezone = options.timezone ?? 'UTC';
      validateSchedule(options.cron, timezone);
      const now = clock.now();
      const values = {
        key,
        name: options.name,
        cron: options.cron,
        timezone,
        payload: options.payload ?? {},
        organizationId: options.organizationId ?? null,
        nextRunAt: nextTick(options.cron, timezone, now),
        createdAt: now,
      };
      const [row] = await deps.db
        .insert(jobSchedules)
        .values(values)
        .onConflictDoUpdate({
          target: jobSchedules.key,
          set: {
            name: values.name,
            payload: values.payload,
            organizationId: values.organizationId,
            cron: values.cron,
            timezone: values.timezone,
            // Re-registering an unchanged schedule must not skip a tick that is due but not yet enqueued.
            nextRunAt: sql`case when ${jobSchedules.cron} = excluded.cron and ${jobSchedules.timezone} = excluded.timezone then
              ${jobSchedules.nextRunAt} else excluded.next_run_at end`,
          },
        })
        .returning();
      return row!;
    },

    /** Removes a schedule; jobs it already enqueued stay. Returns whether it existed. @example await queue.unschedule('analytics.rollup')
     * */
    async unschedule(key: string): Promise<boolean> {
      const rows = await deps.db.delete(jobSchedules).where(eq(jobSchedules.key, key)).returning({ id: jobSchedules.id });
      return rows.length > 0;
    },
  };
}
export type JobQueue = ReturnType<typeof createJobQueue>;

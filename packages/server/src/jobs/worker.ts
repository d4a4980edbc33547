import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { and, asc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { jobs } from '../platform/schema.js';
import type { Job } from './queue.js';
import { enqueueDueSchedules } from './schedules.js';

/**
 * Runs one job. Must be idempotent: it may run again after a failure or after its worker died
 * mid-run. `job.attempts` is 1 on the first run and higher on a retry. Throwing (or rejecting)
 * fails the attempt; the error message is kept as the job's `lastError`. The payload is stored JSON,
 * possibly written by an older release: parse it with the job's zod schema before use.
 *
 * @example const send: JobHandler = async (payload, job) => { const { messageId } = sendPayload.parse(payload); await
 * mailer.send(messageId, { idempotencyKey: job.id }) }
 */
export type JobHandler = (payload: Json, job: Job) => Promise<void>;
/** Handlers by job name. */
export type JobHandlers = Record<string, JobHandler>;

export interface WorkerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  handlers: JobHandlers;
  /** Jobs run at once by this worker (default 5). */
  concurrency?: number;
  /**
   * At most this many of a job name at once in this worker, within `concurrency`: heavy work (image renditions)
   * then leaves slots to the rest, so a backlog of thumbnails never holds back a scheduled publish.
   */
  limits?: Record<string, number>;
  /** Real milliseconds between polls while started (default 1000). */
  pollMs?: number;
  /** How long a claim holds before another worker may take the job (default 60 s); renewed while the job runs. */
  leaseMs?: number;
  /** Written to `lockedBy` (default host:pid:random), to tell whose claim a RUNNING job is. */
  workerId?: string;
  /** Delay before retry number `attempts + 1` (default `defaultBackoff`). */
  backoff?: (attempts: number) => number;
}

const maxBackoffMs = 3_600_000;
const maxErrorLength = 4_000;

/**
 * 2^attempts seconds (2 s, 4 s, 8 s, …, at most one hour) plus up to 10% random jitter, so jobs that
 * failed together (a provider outage) do not all retry in the same instant.
 *
 * @example defaultBackoff(3) // between 8000 and 8800
 */
export function defaultBackoff(attempts: number): number {
  const base = Math.min(2 ** attempts * 1000, maxBackoffMs);
  return Math.round(base * (1 + Math.random() * 0.1));
}

const describeError = (error: unknown) =>
  (error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error)).slice(0, maxErrorLength);

/**
 * A worker that claims due jobs and runs their handlers. Start one per server instance (`start()`),
 * as many instances as you like: claims use `FOR UPDATE SKIP LOCKED`, so each job is taken by one
 * worker, and a claim is a lease, so a job whose worker died is taken again once the lease expires.
 * A failed attempt is retried after an exponential backoff until `maxAttempts`, then the job is DEAD
 * with its last error. A worker claims only the jobs it has a handler for: in a rolling deploy, a job
 * of a newer release waits, QUEUED, for a worker of that release instead of failing on an older one.
 *
 * Tests call `runDue()` after moving the clock instead of starting the poll loop.
 *
 * @example
 * const worker = createWorker({ db, clock, logger, handlers: {
 *   'email.send': async (payload, job) => { await mailer.sendOnce(payload, { idempotencyKey: job.id }) },
 * } })
 * worker.start()
 * process.on('SIGTERM', () => worker.stop())
 */
export function createWorker(options: WorkerOptions) {
  const { db, clock, logger, handlers } = options;
  const concurrency = options.concurrency ?? 5;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 60_000;
  const backoff = options.backoff ?? defaultBackoff;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError('createWorker: concurrency must be a positive integer');
  const refillAt = Math.floor(concurrency / 2);
  const names = Object.keys(handlers);
  const limits = Object.entries(options.limits ?? {}).filter(([name]) => name in handlers);
  for (const [name, limit] of limits)
    if (!Number.isInteger(limit) || limit < 1) throw new TypeError(`createWorker: the limit of ${name} must be a positive integer`);
  const unlimited = names.filter((name) => !options.limits?.[name]);
  /** Running jobs by name, for `limits`. */
  const running = new Map<string, number>();

  /** Jobs running now, across the poll loop and runDue() calls, so concurrency and stop() cover both. */
  const active = new Set<Promise<void>>();
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  const leaseEnd = () => new Date(clock.now().getTime() + leaseMs);
  /** Our claim on this attempt of the job: a worker that lost its lease must not overwrite the row. */
  const ours = (job: Job) =>
    and(eq(jobs.id, job.id), eq(jobs.status, 'RUNNING'), eq(jobs.lockedBy, workerId), eq(jobs.attempts, job.attempts));

  /**
   * Claims up to `limit` due jobs of `among` in one statement. The due rows are read in (status, run_at) index
   * order and locked with SKIP LOCKED, so concurrent workers take disjoint jobs without waiting on
   * each other, and a long backlog costs no sort.
   */
  async function claimOf(among: string[], limit: number): Promise<Job[]> {
    if (!among.length || limit < 1) return [];
    const now = clock.now();
    const due = db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, 'QUEUED'), lte(jobs.runAt, now), inArray(jobs.name, among)))
      .orderBy(asc(jobs.runAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    return db
      .update(jobs)
      .set({ status: 'RUNNING', lockedBy: workerId, lockedUntil: new Date(now.getTime() + leaseMs), attempts: sql`${jobs.attempts} + 1` })
      .where(inArray(jobs.id, due))
      .returning();
  }

  /** Claims up to `free` due jobs: first those without a limit, then each limited name up to its room. */
  async function claim(free: number): Promise<Job[]> {
    const claimed = await claimOf(unlimited, free);
    for (const [name, limit] of limits)
      claimed.push(...(await claimOf([name], Math.min(limit - (running.get(name) ?? 0), free - claimed.length))));
    return claimed;
  }

  /**
   * Running jobs whose lease expired belong to a worker that died (or lost the database): they go
   * back to the queue — due at once, their original `runAt` is past — or, if that was their last
   * attempt, they are DEAD. Their attempt still counts, so a job that kills its worker cannot loop.
   */
  async function recoverExpired() {
    const now = clock.now();
    const lastTry = gte(jobs.attempts, jobs.maxAttempts);
    const rows = await db
      .update(jobs)
      .set({
        status: sql`case when ${lastTry} then 'DEAD'::job_status else 'QUEUED'::job_status end`,
        completedAt: sql`case when ${lastTry} then ${now.toISOString()}::timestamptz end`,
        lastError: sql`'lease expired: worker ' || ${jobs.lockedBy} || ' stopped during attempt ' || ${jobs.attempts}`,
        lockedBy: null,
        lockedUntil: null,
      })
      .where(and(eq(jobs.status, 'RUNNING'), lte(jobs.lockedUntil, now)))
      .returning({ id: jobs.id, name: jobs.name, status: jobs.status, lastError: jobs.lastError });
    for (const row of rows) {
      const fields = { jobId: row.id, job: row.name, error: row.lastError };
      if (row.status === 'DEAD') logger.error('job dead: its worker stopped during the last attempt', fields);
      else logger.warn('job requeued: its worker stopped during the attempt', fields);
    }
  }

  /** Successes waiting for the next write, and the write in progress. */
  const completions: { job: Job; resolve: (recorded: boolean) => void; reject: (error: unknown) => void }[] = [];
  let flushing = false;

  /**
   * Marks jobs COMPLETED in one statement per batch: the first success is written at once, and those
   * that finish while that write is in flight go together in the next — no added latency, and far
   * fewer statements when many short jobs run.
   */
  async function flushCompletions() {
    flushing = true;
    while (completions.length) {
      const batch = completions.splice(0);
      try {
        const rows = await db
          .update(jobs)
          .set({ status: 'COMPLETED', completedAt: clock.now(), lockedBy: null, lockedUntil: null })
          .where(or(...batch.map(({ job }) => ours(job))))
          .returning({ id: jobs.id });
        const recorded = new Set(rows.map((row) => row.id));
        for (const { job, resolve } of batch) resolve(recorded.has(job.id));
      } catch (error) {
        for (const { reject } of batch) reject(error);
      }
    }
    flushing = false;
  }

  async function settle(job: Job, outcome: { error?: unknown }) {
    const now = clock.now();
    if (outcome.error === undefined) {
      const recorded = await new Promise<boolean>((resolve, reject) => {
        completions.push({ job, resolve, reject });
        if (!flushing) void flushCompletions();
      });
      if (!recorded)
        logger.warn('job finished after its lease passed to another worker; result not recorded', { jobId: job.id, job: job.name });
      return;
    }
    const lastError = describeError(outcome.error);
    const retry = job.attempts < job.maxAttempts;
    const set = retry
      ? { status: 'QUEUED' as const, runAt: new Date(now.getTime() + backoff(job.attempts)), lastError, lockedBy: null, lockedUntil: null }
      : { status: 'DEAD' as const, completedAt: now, lastError, lockedBy: null, lockedUntil: null };
    const done = await db.update(jobs).set(set).where(ours(job)).returning({ id: jobs.id });
    if (!done.length)
      logger.warn('job failed after its lease passed to another worker', { jobId: job.id, job: job.name, error: lastError });
    else if (retry)
      logger.warn('job failed; will retry', {
        jobId: job.id,
        job: job.name,
        attempts: job.attempts,
        runAt: set.runAt?.toISOString(),
        error: lastError,
      });
    else logger.error('job dead', { jobId: job.id, job: job.name, attempts: job.attempts, error: lastError });
  }

  async function execute(job: Job) {
    // Claimed by name, so the handler exists.
    const handler = handlers[job.name]!;
    running.set(job.name, (running.get(job.name) ?? 0) + 1);
    // Renew the lease while the handler runs, so a long job is not taken by a second worker.
    const renew = setInterval(
      () => {
        db.update(jobs)
          .set({ lockedUntil: leaseEnd() })
          .where(ours(job))
          .then(
            () => {},
            (error: unknown) => logger.warn('job lease renewal failed', { jobId: job.id, error: describeError(error) }),
          );
      },
      Math.max(leaseMs / 3, 10),
    );
    renew.unref();
    try {
      let outcome: { error?: unknown } = {};
      try {
        await handler(job.payload, job);
      } catch (error) {
        outcome = { error: error ?? new Error('job handler threw a nullish value') };
      }
      await settle(job, outcome);
    } catch (error) {
      // The database failed while recording the result; the lease expires and the job runs again.
      logger.error('job result could not be recorded', { jobId: job.id, job: job.name, error: describeError(error) });
    } finally {
      clearInterval(renew);
      running.set(job.name, running.get(job.name)! - 1);
    }
  }

  /** Claims and runs due jobs, refilling free slots as jobs finish, until nothing is due. */
  async function drain() {
    await recoverExpired();
    await enqueueDueSchedules({ db, clock, logger });
    for (;;) {
      const free = concurrency - active.size;
      // Jobs running when the claim began may finish during it, enqueueing follow-up work the claim did not see.
      const busy = active.size;
      const claimed = free > 0 && !stopping ? await claim(free) : [];
      for (const job of claimed) {
        const run: Promise<void> = execute(job).finally(() => active.delete(run));
        active.add(run);
      }
      if (claimed.length === 0 && (busy === 0 || stopping)) break;
      if (claimed.length === 0) {
        // Nothing due now; a running job may enqueue follow-up work that is, so look again after it.
        if (active.size) await Promise.race(active);
        continue;
      }
      // Refill once half the slots are free rather than after every job: with a long backlog that is
      // one claim statement per several jobs instead of one per job.
      while (active.size > refillAt) await Promise.race(active);
    }
    await Promise.all(active);
  }

  return {
    workerId,

    /**
     * Claims and runs everything due now per the clock (including due cron ticks), and resolves
     * when those jobs, and any due jobs they enqueued, have finished.
     *
     * @example clock.advance(60_000); await worker.runDue()
     */
    runDue: drain,

    /** Starts polling every `pollMs` until `stop()`. Calling it twice is harmless. @example worker.start() */
    start() {
      if (loop) return;
      stopping = false;
      loop = (async () => {
        while (!stopping) {
          try {
            await drain();
          } catch (error) {
            // A database outage must not end the loop; the next poll tries again.
            logger.error('job worker poll failed', { workerId, error: describeError(error) });
          }
          if (stopping) break;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
        }
      })();
    },

    /**
     * Stops claiming, and resolves once the jobs already running have finished (graceful shutdown).
     *
     * @example process.on('SIGTERM', async () => { await worker.stop(); await database.close() })
     */
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      await Promise.all(active);
      loop = undefined;
      stopping = false;
    },
  };
}
export type Worker = ReturnType<typeof createWorker>;

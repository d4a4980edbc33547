import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, transaction } from '../db/client.js';
import type { LogFields, Logger } from '../platform/logger.js';
import { silentLogger } from '../platform/logger.js';
import { jobSchedules, jobs, organizations } from '../platform/schema.js';
import { createTestInstance, type TestInstance } from '../testing/index.js';
import {
  type Job,
  type JobHandlers,
  type WorkerOptions,
  createJobQueue,
  createWorker,
  pruneJobName,
  pruneJobs,
  schedulePrune,
} from './index.js';

let t: TestInstance;
beforeAll(async () => {
  t = await createTestInstance();
});
afterAll(() => t.close());
// Every test starts from an empty queue, so a job left queued by one test never runs in another.
afterEach(async () => {
  await t.db.delete(jobs);
  await t.db.delete(jobSchedules);
});

const at = (iso: string) => new Date(iso);
const queue = () => createJobQueue({ db: t.db, clock: t.clock, logger: silentLogger });
const worker = (handlers: JobHandlers, options: Partial<WorkerOptions> = {}) =>
  createWorker({ db: t.db, clock: t.clock, logger: silentLogger, handlers, ...options });

/** A logger that keeps what it is told, to check what a worker reports. */
function recordingLogger() {
  const lines: { level: string; msg: string; fields?: LogFields }[] = [];
  const log = (level: string) => (msg: string, fields?: LogFields) => void lines.push({ level, msg, fields });
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { logger, lines };
}

/** PostgreSQL: the URL of this file's test database (the server of DATABASE_URL, the database createTestInstance made). */
async function testDatabaseUrl() {
  const [row] = await t.db.select({ name: sql<string>`current_database()` }).from(organizations).limit(1);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${row!.name}`;
  return url.toString();
}

/** A promise with its resolver, to hold a handler mid-run. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('delayed jobs', () => {
  it('runs a job only once its time has come on the clock', async () => {
    t.clock.set('2025-03-01T10:00:00Z');
    const ran: string[] = [];
    const w = worker({ 'test.delayed': async (_payload, job) => void ran.push(job.id) });
    const job = await queue().enqueue('test.delayed', { note: 'later' }, { delayMs: 60_000 });
    expect(job).toMatchObject({
      status: 'QUEUED',
      attempts: 0,
      payload: { note: 'later' },
      runAt: at('2025-03-01T10:01:00Z'),
      createdAt: at('2025-03-01T10:00:00Z'),
    });

    await w.runDue();
    t.clock.advance(59_999);
    await w.runDue();
    expect(ran).toEqual([]);

    t.clock.advance(1);
    await w.runDue();
    expect(ran).toEqual([job.id]);
    expect(await queue().get(job.id)).toMatchObject({
      status: 'COMPLETED',
      attempts: 1,
      completedAt: at('2025-03-01T10:01:00Z'),
      lockedBy: null,
      lockedUntil: null,
    });

    t.clock.advance(3_600_000);
    await w.runDue();
    expect(ran).toEqual([job.id]);
  });

  it('cancels and reschedules queued jobs, only within the tenant, and never a finished one', async () => {
    t.clock.set('2025-03-01T10:00:00Z');
    const ran: string[] = [];
    const w = worker({ 'test.later': async (_payload, job) => void ran.push(job.id) });
    const q = queue();
    const organizationId = t.organization.id;
    const cancelled = await q.enqueue('test.later', {}, { runAt: at('2025-03-01T11:00:00Z'), organizationId });
    const moved = await q.enqueue('test.later', {}, { runAt: at('2025-03-01T11:00:00Z'), organizationId });
    const other = await t.createOrg('Jobs Other Org');

    expect(await q.cancel(cancelled.id, { organizationId: other.organization.id })).toBeNull();
    expect(await q.get(cancelled.id, { organizationId: other.organization.id })).toBeNull();
    expect(await q.cancel(cancelled.id, { organizationId })).toMatchObject({ id: cancelled.id, status: 'CANCELLED' });
    expect(await q.cancel(cancelled.id)).toBeNull();
    expect(await q.reschedule(cancelled.id, at('2025-03-01T10:01:00Z'))).toBeNull();

    expect(await q.reschedule(moved.id, at('2025-03-01T10:01:00Z'), { organizationId: other.organization.id })).toBeNull();
    expect(await q.reschedule(moved.id, at('2025-03-01T10:01:00Z'), { organizationId })).toMatchObject({
      status: 'QUEUED',
      runAt: at('2025-03-01T10:01:00Z'),
    });

    t.clock.set('2025-03-01T10:01:00Z');
    await w.runDue();
    expect(ran).toEqual([moved.id]);
    t.clock.set('2025-03-01T12:00:00Z');
    await w.runDue();
    expect(ran).toEqual([moved.id]);
    expect(await q.get(cancelled.id)).toMatchObject({ status: 'CANCELLED', attempts: 0 });
    expect(await q.cancel(moved.id)).toBeNull();
    expect(await q.reschedule(moved.id, at('2025-03-02T00:00:00Z'))).toBeNull();
    expect(await q.get(moved.id)).toMatchObject({ status: 'COMPLETED' });
  });
});

describe('retries', () => {
  it('retries a failing handler with exponential backoff until it succeeds', async () => {
    t.clock.set('2025-03-01T10:00:00Z');
    const attempts: number[] = [];
    const w = worker({
      'test.flaky': async (_payload, job) => {
        attempts.push(job.attempts);
        if (job.attempts < 3) throw new Error(`provider down (${job.attempts})`);
      },
    });
    const q = queue();
    const job = await q.enqueue('test.flaky', {});

    await w.runDue();
    const first = (await q.get(job.id))!;
    expect(first).toMatchObject({ status: 'QUEUED', attempts: 1, lockedBy: null });
    expect(first.lastError).toContain('provider down (1)');
    // First retry after 2^1 s plus at most 10% jitter.
    expect(first.runAt.getTime() - t.clock.now().getTime()).toBeGreaterThanOrEqual(2_000);
    expect(first.runAt.getTime() - t.clock.now().getTime()).toBeLessThanOrEqual(2_200);

    t.clock.advance(1_999);
    await w.runDue();
    expect(attempts).toEqual([1]);

    t.clock.set(first.runAt);
    await w.runDue();
    const second = (await q.get(job.id))!;
    expect(second).toMatchObject({ status: 'QUEUED', attempts: 2 });
    expect(second.lastError).toContain('provider down (2)');
    expect(second.runAt.getTime() - t.clock.now().getTime()).toBeGreaterThanOrEqual(4_000);
    expect(second.runAt.getTime() - t.clock.now().getTime()).toBeLessThanOrEqual(4_400);

    t.clock.set(second.runAt);
    await w.runDue();
    expect(attempts).toEqual([1, 2, 3]);
    expect(await q.get(job.id)).toMatchObject({ status: 'COMPLETED', attempts: 3, completedAt: second.runAt });
  });

  it('ends DEAD with the last error once attempts are exhausted, and never runs again', async () => {
    t.clock.set('2025-03-01T10:00:00Z');
    let calls = 0;
    const { logger, lines } = recordingLogger();
    const w = worker(
      {
        'test.broken': async () => {
          calls++;
          throw new Error(`still broken #${calls}`);
        },
      },
      { logger },
    );
    const q = queue();
    const job = await q.enqueue('test.broken', {}, { maxAttempts: 2 });
    await w.runDue();
    t.clock.set((await q.get(job.id))!.runAt);
    await w.runDue();

    const dead = (await q.get(job.id))!;
    expect(dead).toMatchObject({ status: 'DEAD', attempts: 2, completedAt: t.clock.now(), lockedBy: null });
    expect(dead.lastError).toContain('still broken #2');
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'job dead', fields: expect.objectContaining({ jobId: job.id }) }),
    );

    t.clock.advance(86_400_000);
    await w.runDue();
    expect(calls).toBe(2);
  });

  it('leaves a job it has no handler for to a worker that has one (a newer release in a rolling deploy)', async () => {
    const q = queue();
    const job = await q.enqueue('test.new-in-next-release', {});
    await worker({ 'test.other': async () => {} }).runDue();
    expect(await q.get(job.id)).toMatchObject({ status: 'QUEUED', attempts: 0, lastError: null });
    const ran: string[] = [];
    await worker({ 'test.new-in-next-release': async (_payload, j) => void ran.push(j.id) }).runDue();
    expect(ran).toEqual([job.id]);
    expect(await q.get(job.id)).toMatchObject({ status: 'COMPLETED', attempts: 1 });
  });

  it('rejects bad enqueue options before writing anything', async () => {
    const q = queue();
    await expect(q.enqueue('test.x', {}, { maxAttempts: 0 })).rejects.toThrow(TypeError);
    await expect(q.enqueue('test.x', {}, { runAt: new Date('nope') })).rejects.toThrow(TypeError);
    expect((await t.db.select({ n: count() }).from(jobs))[0]!.n).toBe(0);
  });
});

describe('enqueueing', () => {
  it('returns the existing job for a unique key instead of adding a second', async () => {
    const q = queue();
    const first = await q.enqueue('test.unique', { version: 1 }, { uniqueKey: 'test.unique:entry-1' });
    const again = await q.enqueue('test.unique', { version: 2 }, { uniqueKey: 'test.unique:entry-1' });
    expect(again).toMatchObject({ id: first.id, payload: { version: 1 } });
    const inTx = await transaction(t.db, (tx) => q.enqueue('test.unique', { version: 3 }, { uniqueKey: 'test.unique:entry-1', db: tx }));
    expect(inTx.id).toBe(first.id);
    expect((await t.db.select({ n: count() }).from(jobs).where(eq(jobs.uniqueKey, 'test.unique:entry-1')))[0]!.n).toBe(1);

    // In bulk: taken keys (in the table or earlier in the batch) come back as the job holding them, in input order.
    const batch = await q.enqueueMany([
      { name: 'test.unique', payload: { n: 1 }, uniqueKey: 'test.unique:entry-2' },
      { name: 'test.unique', payload: { n: 2 }, uniqueKey: 'test.unique:entry-1' },
      { name: 'test.unique', payload: { n: 3 } },
      { name: 'test.unique', payload: { n: 4 }, uniqueKey: 'test.unique:entry-2' },
    ]);
    expect(batch.map((job) => job.payload)).toEqual([{ n: 1 }, { version: 1 }, { n: 3 }, { n: 1 }]);
    expect(batch[1]!.id).toBe(first.id);
    expect(batch[3]!.id).toBe(batch[0]!.id);
    expect((await t.db.select({ n: count() }).from(jobs))[0]!.n).toBe(3);
  });

  it('enqueues inside the caller transaction: a rollback leaves no job, a commit keeps it', async () => {
    const q = queue();
    let rolledBack: Job | undefined;
    await expect(
      transaction(t.db, async (tx) => {
        rolledBack = await q.enqueue('test.tx', {}, { db: tx, uniqueKey: 'test.tx:1' });
        expect(await q.get(rolledBack.id, { db: tx })).toMatchObject({ status: 'QUEUED' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await q.get(rolledBack!.id)).toBeNull();

    const committed = await transaction(t.db, (tx) => q.enqueue('test.tx', {}, { db: tx, uniqueKey: 'test.tx:1' }));
    expect(committed.id).not.toBe(rolledBack!.id);
    expect(await q.get(committed.id)).toMatchObject({ status: 'QUEUED', uniqueKey: 'test.tx:1' });
  });
});

describe('cron schedules', () => {
  it('enqueues exactly one job per tick as the clock moves, even with two workers polling at once', async () => {
    t.clock.set('2025-03-01T10:01:00Z');
    const q = queue();
    const schedule = await q.schedule('test.every-5', {
      name: 'test.tick',
      cron: '*/5 * * * *',
      payload: { report: 'rollup' },
      organizationId: t.organization.id,
    });
    expect(schedule).toMatchObject({ nextRunAt: at('2025-03-01T10:05:00Z'), timezone: 'UTC', lastRunAt: null });

    const ticks: string[] = [];
    const handlers: JobHandlers = {
      'test.tick': async (payload, job) => {
        expect(payload).toEqual({ report: 'rollup' });
        ticks.push(job.runAt.toISOString());
      },
    };
    const a = worker(handlers);
    const b = worker(handlers);
    for (let minute = 1; minute <= 16; minute++) {
      t.clock.set(new Date(Date.UTC(2025, 2, 1, 10, minute, 0)));
      await Promise.all([a.runDue(), b.runDue(), a.runDue()]);
    }
    expect(ticks).toEqual(['2025-03-01T10:05:00.000Z', '2025-03-01T10:10:00.000Z', '2025-03-01T10:15:00.000Z']);
    const rows = await t.db.select().from(jobs).where(eq(jobs.name, 'test.tick')).orderBy(jobs.runAt);
    expect(rows.map((r) => [r.uniqueKey, r.status, r.organizationId])).toEqual([
      ['schedule:test.every-5:2025-03-01T10:05:00.000Z', 'COMPLETED', t.organization.id],
      ['schedule:test.every-5:2025-03-01T10:10:00.000Z', 'COMPLETED', t.organization.id],
      ['schedule:test.every-5:2025-03-01T10:15:00.000Z', 'COMPLETED', t.organization.id],
    ]);
    const [stored] = await t.db.select().from(jobSchedules).where(eq(jobSchedules.key, 'test.every-5'));
    expect(stored).toMatchObject({ nextRunAt: at('2025-03-01T10:20:00Z'), lastRunAt: at('2025-03-01T10:15:00Z') });
  });

  it('keeps a due tick when re-registered unchanged, coalesces missed ticks, and stops when unscheduled', async () => {
    t.clock.set('2025-03-01T10:01:00Z');
    const q = queue();
    const ticks: string[] = [];
    const w = worker({ 'test.tick': async (_payload, job) => void ticks.push(job.runAt.toISOString()) });
    await q.schedule('test.restart', { name: 'test.tick', cron: '*/5 * * * *' });

    // A server restarting at 10:06 registers its schedules again before any worker saw the 10:05 tick.
    t.clock.set('2025-03-01T10:06:00Z');
    expect(await q.schedule('test.restart', { name: 'test.tick', cron: '*/5 * * * *' })).toMatchObject({
      nextRunAt: at('2025-03-01T10:05:00Z'),
    });
    await w.runDue();
    expect(ticks).toEqual(['2025-03-01T10:05:00.000Z']);

    // An hour with no worker running: one catch-up job, then back on the regular ticks.
    t.clock.set('2025-03-01T11:07:00Z');
    await w.runDue();
    expect(ticks).toEqual(['2025-03-01T10:05:00.000Z', '2025-03-01T10:10:00.000Z']);
    const [stored] = await t.db.select().from(jobSchedules).where(eq(jobSchedules.key, 'test.restart'));
    expect(stored!.nextRunAt).toEqual(at('2025-03-01T11:10:00Z'));

    // A changed cron starts from its own next tick.
    expect(await q.schedule('test.restart', { name: 'test.tick', cron: '0 * * * *' })).toMatchObject({
      cron: '0 * * * *',
      nextRunAt: at('2025-03-01T12:00:00Z'),
    });

    expect(await q.unschedule('test.restart')).toBe(true);
    expect(await q.unschedule('test.restart')).toBe(false);
    t.clock.set('2025-03-01T14:00:00Z');
    await w.runDue();
    expect(ticks).toHaveLength(2);
  });

  it('reads cron fields in the schedule timezone and rejects invalid crons and zones', async () => {
    t.clock.set('2025-01-10T12:00:00Z');
    const q = queue();
    expect(await q.schedule('test.paris', { name: 'test.tick', cron: '0 9 * * *', timezone: 'Europe/Paris' })).toMatchObject({
      nextRunAt: at('2025-01-11T08:00:00Z'),
    });
    t.clock.set('2025-07-10T12:00:00Z');
    // Changing the zone recomputes the next tick; summer time moves 09:00 Paris to 07:00 UTC.
    await q.schedule('test.paris', { name: 'test.tick', cron: '0 9 * * *', timezone: 'UTC' });
    expect(await q.schedule('test.paris', { name: 'test.tick', cron: '0 9 * * *', timezone: 'Europe/Paris' })).toMatchObject({
      nextRunAt: at('2025-07-11T07:00:00Z'),
    });

    await expect(q.schedule('test.bad', { name: 'test.tick', cron: '61 * * * *' })).rejects.toThrow(/invalid cron/);
    await expect(q.schedule('test.bad', { name: 'test.tick', cron: '0 9 * * *', timezone: 'Mars/Olympus' })).rejects.toThrow(
      /unknown timezone/,
    );
    expect(await q.unschedule('test.bad')).toBe(false);
  });
});

describe('leases', () => {
  it('lets another worker take the job of a worker that died, and ignores the late result', async () => {
    t.clock.set('2025-03-01T10:00:00Z');
    const q = queue();
    const leaseMs = 600_000;
    const started = gate();
    const release = gate();
    const { logger, lines } = recordingLogger();
    const stuck = worker(
      {
        'test.lease': async () => {
          started.open();
          await release.opened;
        },
      },
      { workerId: 'stuck-worker', leaseMs, logger },
    );
    const rescued: number[] = [];
    const rescuer = worker({ 'test.lease': async (_payload, job) => void rescued.push(job.attempts) }, { workerId: 'rescuer', leaseMs });

    const job = await q.enqueue('test.lease', {});
    const stuckRun = stuck.runDue();
    await started.opened;
    expect(await q.get(job.id)).toMatchObject({
      status: 'RUNNING',
      attempts: 1,
      lockedBy: 'stuck-worker',
      lockedUntil: at('2025-03-01T10:10:00Z'),
    });

    await rescuer.runDue();
    expect(rescued).toEqual([]);

    t.clock.advance(leaseMs);
    await rescuer.runDue();
    expect(rescued).toEqual([2]);
    expect(await q.get(job.id)).toMatchObject({
      status: 'COMPLETED',
      attempts: 2,
      lockedBy: null,
      lastError: 'lease expired: worker stuck-worker stopped during attempt 1',
    });

    release.open();
    await stuckRun;
    expect(await q.get(job.id)).toMatchObject({ status: 'COMPLETED', attempts: 2 });
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ jobId: job.id }) }));
  });

  it('buries a job whose worker died during its last attempt', async () => {
    t.clock.set('2025-03-01T10:00:00Z');
    const q = queue();
    const started = gate();
    const release = gate();
    const stuck = worker(
      {
        'test.last-try': async () => {
          started.open();
          await release.opened;
        },
      },
      { leaseMs: 600_000 },
    );
    const job = await q.enqueue('test.last-try', {}, { maxAttempts: 1 });
    const stuckRun = stuck.runDue();
    await started.opened;

    let ran = 0;
    t.clock.advance(600_000);
    await worker({ 'test.last-try': async () => void ran++ }).runDue();
    expect(ran).toBe(0);
    const dead = (await q.get(job.id))!;
    expect(dead).toMatchObject({ status: 'DEAD', attempts: 1 });
    expect(dead.lastError).toContain('lease expired');
    release.open();
    await stuckRun;
    expect(await q.get(job.id)).toMatchObject({ status: 'DEAD' });
  });
});

describe('several instances', () => {
  it('runs each of 1,000 jobs exactly once with two workers on one database', async () => {
    t.clock.set('2025-03-01T10:00:00Z');
    // On PostgreSQL the second worker gets its own connection pool, as a second server instance would.
    // PGlite has a single connection, so both workers share it (their queries still interleave).
    const second = t.driver === 'postgres' ? await createDatabase({ url: await testDatabaseUrl(), maxConnections: 5 }) : undefined;
    try {
      const runs = new Map<string, number>();
      const byWorker = { a: 0, b: 0 };
      const handler =
        (who: 'a' | 'b'): JobHandlers[string] =>
        async (_payload, job) => {
          runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
          byWorker[who]++;
          // Yield so both workers' claims overlap with running jobs.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
        };
      const q = queue();
      const made = await q.enqueueMany(
        Array.from({ length: 1000 }, (_, i) => ({ name: 'test.bulk', payload: { i } })),
        { db: t.db },
      );
      const ids = made.map((job) => job.id);
      expect(new Set(ids).size).toBe(1000);

      const a = worker({ 'test.bulk': handler('a') }, { workerId: 'a', concurrency: 8 });
      const b = createWorker({
        db: second?.db ?? t.db,
        clock: t.clock,
        logger: silentLogger,
        handlers: { 'test.bulk': handler('b') },
        workerId: 'b',
        concurrency: 8,
      });
      await Promise.all([a.runDue(), b.runDue()]);

      expect(runs.size).toBe(1000);
      expect(ids.filter((id) => runs.get(id) !== 1)).toEqual([]);
      expect(byWorker.a).toBeGreaterThan(0);
      expect(byWorker.b).toBeGreaterThan(0);
      expect(byWorker.a + byWorker.b).toBe(1000);
      const [done] = await t.db
        .select({ n: count() })
        .from(jobs)
        .where(and(eq(jobs.name, 'test.bulk'), eq(jobs.status, 'COMPLETED'), eq(jobs.attempts, 1)));
      expect(done!.n).toBe(1000);
    } finally {
      await second?.close();
    }
  });
});

describe('limits', () => {
  it('runs no more of a limited job than its limit at once, keeping the other slots for the rest queued after it', async () => {
    t.clock.set('2025-03-01T10:00:00Z');
    const q = queue();
    // Six heavy jobs queued before a light one: without a limit they would take every slot first.
    await q.enqueueMany(
      Array.from({ length: 6 }, (_, i) => ({ name: 'test.heavy', payload: { i } })),
      { db: t.db },
    );
    t.clock.advance(1000);
    await q.enqueue('test.light', {});
    const held = gate();
    let heavyAtOnce = 0;
    let heavyPeak = 0;
    const order: string[] = [];
    const w = worker(
      {
        'test.heavy': async () => {
          heavyPeak = Math.max(heavyPeak, ++heavyAtOnce);
          await held.opened;
          heavyAtOnce--;
          order.push('heavy');
        },
        'test.light': async () => {
          order.push('light');
          // The light job ran while heavy ones were held: let them go.
          held.open();
        },
      },
      { concurrency: 4, limits: { 'test.heavy': 2 } },
    );
    await w.runDue();
    expect(order[0]).toBe('light');
    expect(order.filter((name) => name === 'heavy')).toHaveLength(6);
    expect(heavyPeak).toBe(2);
    expect(() => worker({ 'test.heavy': async () => {} }, { limits: { 'test.heavy': 0 } })).toThrow(/positive integer/);
  });
});

describe('poll loop', () => {
  it('runs jobs while started and finishes running jobs before stop() resolves', async () => {
    t.clock.set('2025-03-01T10:00:00Z');
    const q = queue();
    const started = gate();
    const release = gate();
    let finished = false;
    const w = worker(
      {
        'test.slow': async () => {
          started.open();
          await release.opened;
          finished = true;
        },
      },
      { pollMs: 10 },
    );
    const job = await q.enqueue('test.slow', {});
    w.start();
    w.start();
    await started.opened;
    const stopped = w.stop();
    let stopResolved = false;
    void stopped.then(() => (stopResolved = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopResolved).toBe(false);
    release.open();
    await stopped;
    expect(finished).toBe(true);
    expect(await q.get(job.id)).toMatchObject({ status: 'COMPLETED' });

    // Stopped: nothing new is claimed.
    const later = await q.enqueue('test.slow', {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await q.get(later.id)).toMatchObject({ status: 'QUEUED' });
  });
});

describe('pruning', () => {
  it('deletes completed jobs after 14 days and dead ones after 90, never queued or running ones, on a nightly schedule', async () => {
    t.clock.set('2025-06-01T00:00:00Z');
    const q = queue();
    const finished = (status: 'COMPLETED' | 'DEAD', daysAgo: number) =>
      t.db.insert(jobs).values({
        name: `test.${status}.${daysAgo}`,
        status,
        runAt: t.clock.now(),
        completedAt: new Date(t.clock.now().getTime() - daysAgo * 86_400_000),
        uniqueKey: `k:${status}:${daysAgo}`,
      });
    await finished('COMPLETED', 15);
    await finished('COMPLETED', 13);
    await finished('DEAD', 91);
    await finished('DEAD', 30);
    const waiting = await q.enqueue('test.waiting', {}, { runAt: at('2030-01-01T00:00:00Z') });

    await schedulePrune(q);
    const [schedule] = await t.db.select().from(jobSchedules);
    expect(schedule).toMatchObject({ key: pruneJobName, cron: '17 3 * * *', nextRunAt: at('2025-06-01T03:17:00Z') });
    t.clock.set('2025-06-01T03:17:00Z');
    await worker({ [pruneJobName]: pruneJobs({ db: t.db, clock: t.clock, logger: silentLogger }) }).runDue();

    const left = await t.db.select({ name: jobs.name, status: jobs.status }).from(jobs).orderBy(jobs.name);
    expect(left.map((j) => j.name).filter((n) => n !== pruneJobName)).toEqual(['test.COMPLETED.13', 'test.DEAD.30', 'test.waiting']);
    expect(left.find((j) => j.name === pruneJobName)?.status).toBe('COMPLETED');
    // A pruned job's key is free again.
    expect((await q.enqueue('test.again', {}, { uniqueKey: 'k:COMPLETED:15' })).name).toBe('test.again');
    expect((await q.get(waiting.id))?.status).toBe('QUEUED');
  });
});

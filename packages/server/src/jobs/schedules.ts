import { and, asc, eq, lte } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { jobSchedules } from '../platform/schema.js';
import { nextTick } from './cron.js';
import { insertJobs, scheduleJobKey } from './queue.js';

/**
 * Enqueues one job for every schedule whose tick is due, then moves the schedule to its first tick
 * after now. Ticks missed while no worker ran are coalesced into that one job (its `runAt` is the
 * oldest missed tick): a nightly report after a day of downtime runs once, not once per missed tick.
 *
 * Safe with many workers at once: advancing `nextRunAt` is conditional on the value read, so one
 * worker wins each tick, and the job's unique key `schedule:<key>:<due>` holds even if two did.
 *
 * @example await enqueueDueSchedules({ db, clock, logger }) // each worker poll does this before claiming
 */
export async function enqueueDueSchedules(deps: { db: Db; clock: Clock; logger: Logger }): Promise<number> {
  const { db, clock, logger } = deps;
  const now = clock.now();
  const due = await db.select().from(jobSchedules).where(lte(jobSchedules.nextRunAt, now)).orderBy(asc(jobSchedules.nextRunAt)).limit(100);
  let enqueued = 0;
  for (const schedule of due) {
    let next: Date;
    try {
      next = nextTick(schedule.cron, schedule.timezone, now);
    } catch (error) {
      // Only a row written around schedule() gets here; skipping it keeps the other schedules running.
      logger.error('job schedule has an invalid cron', { key: schedule.key, cron: schedule.cron, error: (error as Error).message });
      continue;
    }
    const won = await transaction(db, async (tx) => {
      const [advanced] = await tx
        .update(jobSchedules)
        .set({ nextRunAt: next, lastRunAt: schedule.nextRunAt })
        .where(and(eq(jobSchedules.id, schedule.id), eq(jobSchedules.nextRunAt, schedule.nextRunAt)))
        .returning({ id: jobSchedules.id });
      if (!advanced) return false;
      const due = schedule.nextRunAt;
      const { name, payload, organizationId } = schedule;
      await insertJobs(tx, [{ name, payload, organizationId, runAt: due, uniqueKey: scheduleJobKey(schedule.key, due), createdAt: now }]);
      return true;
    });
    if (won) enqueued++;
  }
  return enqueued;
}

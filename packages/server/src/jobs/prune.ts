import { and, eq, inArray, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { jobs, rateLimits } from '../platform/schema.js';
import type { JobQueue } from './queue.js';
import type { JobHandler } from './worker.js';

/** The nightly job that deletes old finished jobs, and its schedule key. */
export const pruneJobName = 'jobs.prune';

const day = 86_400_000;
const batch = 5_000;

/**
 * Deletes finished jobs: COMPLETED ones after `completedDays` (default 14), DEAD ones — kept longer,
 * to be looked into — after `deadDays` (default 90). In batches, so a large backlog never holds one
 * long transaction. Queued and running jobs are never touched.
 *
 * @example jobHandlers[pruneJobName] = pruneJobs({ db, clock, logger })
 */
export function pruneJobs(
  deps: { db: Db; clock: Clock; logger: Logger },
  keep: { completedDays?: number; deadDays?: number } = {},
): JobHandler {
  return async () => {
    const now = deps.clock.now().getTime();
    const old = or(
      and(eq(jobs.status, 'COMPLETED'), lt(jobs.completedAt, new Date(now - (keep.completedDays ?? 14) * day))),
      and(eq(jobs.status, 'DEAD'), lt(jobs.completedAt, new Date(now - (keep.deadDays ?? 90) * day))),
    );
    let deleted = 0;
    for (;;) {
      const rows = await deps.db
        .delete(jobs)
        .where(inArray(jobs.id, deps.db.select({ id: jobs.id }).from(jobs).where(old).limit(batch)))
        .returning({ id: jobs.id });
      deleted += rows.length;
      if (rows.length < batch) break;
    }
    if (deleted) deps.logger.info('old jobs pruned', { deleted });
    // Rate-limit counters matter only within their window (minutes); a day-old one is dead weight.
    await deps.db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now - day)));
  };
}

/**
 * Registers the nightly prune (03:17 UTC); every server start calls it, which keeps the pending tick.
 *
 * @example await schedulePrune(jobs)
 */
export function schedulePrune(queue: JobQueue) {
  return queue.schedule(pruneJobName, { name: pruneJobName, cron: '17 3 * * *' });
}

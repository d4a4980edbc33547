import type { PublishAction, scheduleCreate, scheduleFilters } from '@spokestack/core/cms';
import { scheduleSortable } from '@spokestack/core/cms';
import { type SQL, and, eq, gte, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import * as z from 'zod';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from '../db/paging.js';
import { tableInfo } from '../db/resource-service.js';
import { HttpError, badRequest, conflict, notFound } from '../http/problem.js';
import type { Job } from '../jobs/queue.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { getContentType } from './content-types.js';
import { type Entry, lockEntry } from './entry-rows.js';
import { setEntryStatus } from './publish-state.js';
import { archiveEntry, publishNow, takeOffline } from './publishing.js';
import { assertReady, readinessBlockers } from './readiness.js';
import { contentEntries, contentLocalizations, publishSchedules } from './schema.js';
import { workflowFor } from './workflows.js';

// Scheduled publishing. A `publish_schedules` row says what happens to an entry (PUBLISH, UPDATE,
// UNPUBLISH, ARCHIVE, optionally in one locale) and when; the job queue runs it at that time. Each
// schedule's job carries the time it was made for, so a moved schedule's old job does nothing.
// A failed run records its error on the schedule and is retried with backoff; once the attempts are
// exhausted the schedule is FAILED. Setting `expiresAt` on an entry schedules its UNPUBLISH.

type Schedule = typeof publishSchedules.$inferSelect;
type ListInput = z.output<typeof scheduleFilters> & { limit?: number; cursor?: string; sort?: string };

/** The job that runs a schedule. */
export const scheduleJobName = 'cms.publishSchedule';
/** Runs of a failing schedule before it is FAILED (retries back off 2 s, 4 s, 8 s, …). */
export const scheduleAttempts = 4;
const jobPayload = z.object({ scheduleId: z.string(), at: z.string() });
const info = tableInfo(publishSchedules);

/** Enqueues the job of a schedule in the caller's transaction, so it exists exactly when the schedule does. */
async function enqueueRun(tx: Db, ctx: TenantContext, schedule: Schedule): Promise<void> {
  const at = schedule.scheduledFor.toISOString();
  await ctx.jobs.enqueue(
    scheduleJobName,
    { scheduleId: schedule.id, at },
    {
      db: tx,
      runAt: schedule.scheduledFor,
      organizationId: ctx.organizationId,
      maxAttempts: scheduleAttempts,
      uniqueKey: `${scheduleJobName}:${schedule.id}:${at}`,
    },
  );
}

async function insertSchedule(
  tx: Db,
  ctx: TenantContext,
  values: { entryId: string; action: PublishAction; scheduledFor: Date; locale: string | null },
): Promise<Schedule> {
  const [row] = await tx
    .insert(publishSchedules)
    .values({ ...values, organizationId: ctx.organizationId, createdById: ctx.actor.id, createdAt: ctx.now })
    .returning();
  await enqueueRun(tx, ctx, row!);
  return row!;
}

const activityOf = (entry: Entry) => ({
  entityType: 'content_entries',
  entityId: entry.id,
  entityTitle: entry.title,
  clientId: entry.clientId,
  projectId: entry.projectId,
});
const describe = (s: Schedule): Record<string, Json> => ({
  scheduleId: s.id,
  action: s.action,
  scheduledFor: s.scheduledFor.toISOString(),
  locale: s.locale,
});

/**
 * Keeps the expiry schedule of an entry in step with `expiresAt` (called on every draft save): the
 * UNPUBLISH scheduled for the old time is cancelled, one for the new time is added. A time already
 * past is due at once, so the entry goes offline at the next worker run.
 *
 * @example await syncExpiry(tx, ctx, before, after)
 */
export async function syncExpiry(tx: Db, ctx: TenantContext, before: Entry | undefined, after: Entry): Promise<void> {
  const old = before?.expiresAt ?? null;
  const next = after.expiresAt;
  if ((old?.getTime() ?? null) === (next?.getTime() ?? null)) return;
  if (old)
    await tx
      .update(publishSchedules)
      .set({ status: 'CANCELLED', error: 'Superseded: expiresAt changed' })
      .where(
        and(
          eq(publishSchedules.entryId, after.id),
          eq(publishSchedules.status, 'PENDING'),
          eq(publishSchedules.action, 'UNPUBLISH'),
          isNull(publishSchedules.locale),
          eq(publishSchedules.scheduledFor, old),
        ),
      );
  if (next) await insertSchedule(tx, ctx, { entryId: after.id, action: 'UNPUBLISH', scheduledFor: next, locale: null });
}

/** Whether an UNPUBLISH schedule is the entry's expiry (which takes every locale offline). */
const isExpiry = (schedule: Schedule, entry: Entry) =>
  schedule.action === 'UNPUBLISH' && schedule.locale === null && entry.expiresAt?.getTime() === schedule.scheduledFor.getTime();

/**
 * An entry scheduled for publishing goes back to where it was (APPROVED with a workflow, else DRAFT)
 * when its last pending PUBLISH is cancelled or fails; otherwise the activity is just recorded.
 */
async function afterScheduleEnds(tx: Db, ctx: TenantContext, schedule: Schedule, action: string, metadata: Record<string, Json>) {
  const entry = await lockEntry(tx, ctx, schedule.entryId);
  const [other] = await tx
    .select({ id: publishSchedules.id })
    .from(publishSchedules)
    .where(
      and(
        eq(publishSchedules.entryId, entry.id),
        eq(publishSchedules.status, 'PENDING'),
        eq(publishSchedules.action, 'PUBLISH'),
        isNull(publishSchedules.locale),
        ne(publishSchedules.id, schedule.id),
      ),
    )
    .limit(1);
  if (schedule.action === 'PUBLISH' && schedule.locale === null && entry.status === 'SCHEDULED' && !other) {
    const workflow = await workflowFor(tx, ctx, await getContentType(tx, ctx, entry.contentTypeId));
    await setEntryStatus(tx, ctx, entry.id, workflow ? 'APPROVED' : 'DRAFT', { action, scheduledFor: null, metadata });
  } else await recordActivity(tx, ctx, { action, ...activityOf(entry), metadata });
}

/** Whether a PUBLISH of the locale (null: the source) is pending at or before `by`. */
async function publishPendingBy(tx: Db, ctx: TenantContext, entryId: string, locale: string | null, by: Date): Promise<boolean> {
  const [row] = await tx
    .select({ id: publishSchedules.id })
    .from(publishSchedules)
    .where(
      and(
        eq(publishSchedules.organizationId, ctx.organizationId),
        eq(publishSchedules.entryId, entryId),
        eq(publishSchedules.status, 'PENDING'),
        eq(publishSchedules.action, 'PUBLISH'),
        locale === null ? isNull(publishSchedules.locale) : eq(publishSchedules.locale, locale),
        lte(publishSchedules.scheduledFor, by),
      ),
    )
    .limit(1);
  return row !== undefined;
}

const translationLive = async (tx: Db, entryId: string, locale: string) => {
  const [row] = await tx
    .select({ slug: contentLocalizations.publishedSlug })
    .from(contentLocalizations)
    .where(and(eq(contentLocalizations.entryId, entryId), eq(contentLocalizations.locale, locale)));
  return Boolean(row?.slug);
};

/**
 * Schedules an action on an entry at a future time (optionally one locale). A PUBLISH or UPDATE that
 * could not succeed is refused now, not when it runs: the publish readiness check for that time (409
 * when not approved under a workflow, a translation not APPROVED or over a source that will not be live;
 * 400 naming the fields for invalid data or missing alt text), and an UPDATE of content that is not
 * live and has no PUBLISH scheduled before it (409). PUBLISH of an entry not live sets it SCHEDULED.
 *
 * @example await createSchedule(db, ctx, { entryId, action: 'PUBLISH', scheduledFor: '2025-06-01T09:00:00Z' })
 */
export async function createSchedule(db: Db, ctx: TenantContext, input: z.output<typeof scheduleCreate>): Promise<Schedule> {
  return transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, input.entryId).catch((error: unknown) => {
      throw error instanceof HttpError && error.status === 404
        ? badRequest([{ path: 'body.entryId', message: 'No entry with this id' }])
        : error;
    });
    const scheduledFor = new Date(input.scheduledFor);
    if (scheduledFor <= ctx.now) throw badRequest([{ path: 'body.scheduledFor', message: 'Must be in the future' }]);
    if (entry.status === 'ARCHIVED') throw conflict('The entry is archived; unarchive it first', { status: entry.status });
    if (input.action === 'ARCHIVE' && input.locale !== undefined)
      throw badRequest([{ path: 'body.locale', message: 'ARCHIVE acts on the whole entry, not one locale' }]);
    const locale = input.locale !== undefined && input.locale !== entry.locale ? input.locale : null;
    if (locale) {
      const [translation] = await tx
        .select({ id: contentLocalizations.id })
        .from(contentLocalizations)
        .where(and(eq(contentLocalizations.entryId, entry.id), eq(contentLocalizations.locale, locale)));
      if (!translation) throw badRequest([{ path: 'body.locale', message: `The entry has no "${locale}" translation` }]);
    }
    const publishesSource = input.action === 'PUBLISH' && locale === null;
    if (input.action === 'PUBLISH' || input.action === 'UPDATE') {
      // Refused now what could only fail when it runs: the same readiness check publish makes, for then.
      const type = await getContentType(tx, ctx, entry.contentTypeId);
      const sourceLiveBy = entry.publishedSlug !== null || (await publishPendingBy(tx, ctx, entry.id, null, scheduledFor));
      if (input.action === 'UPDATE') {
        const live = locale === null ? entry.publishedSlug !== null : await translationLive(tx, entry.id, locale);
        if (!live && !(await publishPendingBy(tx, ctx, entry.id, locale, scheduledFor)))
          throw conflict(
            `The entry is not live${locale ? ` in "${locale}"` : ''} and no publish is scheduled before then; ` +
              'UPDATE pushes changes to live content: schedule a PUBLISH instead',
            { status: entry.status },
          );
      }
      const blockers = await readinessBlockers(tx, ctx, entry, type, { locale: locale ?? undefined, at: scheduledFor, sourceLiveBy });
      assertReady(blockers, `be scheduled to ${input.action === 'PUBLISH' ? 'publish' : 'update'}`);
    }
    const schedule = await insertSchedule(tx, ctx, { entryId: entry.id, action: input.action, scheduledFor, locale });
    if (publishesSource && entry.publishedSlug === null)
      await setEntryStatus(tx, ctx, entry.id, 'SCHEDULED', { action: 'scheduled', scheduledFor, metadata: describe(schedule) });
    else await recordActivity(tx, ctx, { action: 'scheduled', ...activityOf(entry), metadata: describe(schedule) });
    return schedule;
  });
}

async function lockSchedule(tx: Db, ctx: TenantContext, id: string): Promise<Schedule> {
  const [row] = await tx
    .select()
    .from(publishSchedules)
    .where(and(eq(publishSchedules.organizationId, ctx.organizationId), eq(publishSchedules.id, id)))
    .for('update');
  if (!row) throw notFound('Schedule');
  return row;
}

const pendingOnly = (schedule: Schedule) => {
  if (schedule.status !== 'PENDING')
    throw conflict(`The schedule is ${schedule.status}; only a PENDING schedule can change`, { status: schedule.status });
};

/**
 * Moves a pending schedule to another future time (its old job then does nothing).
 *
 * @example await reschedule(db, ctx, schedule.id, new Date('2025-06-02T09:00:00Z'))
 */
export async function reschedule(db: Db, ctx: TenantContext, id: string, scheduledFor: Date): Promise<Schedule> {
  return transaction(db, async (tx) => {
    const schedule = await lockSchedule(tx, ctx, id);
    pendingOnly(schedule);
    if (scheduledFor <= ctx.now) throw badRequest([{ path: 'body.scheduledFor', message: 'Must be in the future' }]);
    const [row] = await tx.update(publishSchedules).set({ scheduledFor, error: null }).where(eq(publishSchedules.id, id)).returning();
    await enqueueRun(tx, ctx, row!);
    const entry = await lockEntry(tx, ctx, schedule.entryId);
    const metadata = { ...describe(row!), from: schedule.scheduledFor.toISOString() };
    if (entry.status === 'SCHEDULED' && schedule.action === 'PUBLISH' && schedule.locale === null)
      await setEntryStatus(tx, ctx, entry.id, 'SCHEDULED', { action: 'rescheduled', scheduledFor, metadata });
    else await recordActivity(tx, ctx, { action: 'rescheduled', ...activityOf(entry), metadata });
    return row!;
  });
}

/**
 * Cancels a pending schedule.
 *
 * @example await cancelSchedule(db, ctx, schedule.id)
 */
export async function cancelSchedule(db: Db, ctx: TenantContext, id: string): Promise<Schedule> {
  return transaction(db, async (tx) => {
    const schedule = await lockSchedule(tx, ctx, id);
    pendingOnly(schedule);
    const [row] = await tx.update(publishSchedules).set({ status: 'CANCELLED' }).where(eq(publishSchedules.id, id)).returning();
    await afterScheduleEnds(tx, ctx, schedule, 'schedule_cancelled', describe(schedule));
    return row!;
  });
}

/** CLIENT members see the schedules of their client's entries. */
const visible = (ctx: TenantContext): SQL | undefined =>
  ctx.actor.role === 'CLIENT'
    ? inArray(
        publishSchedules.entryId,
        sql`(select ${contentEntries.id} from ${contentEntries} where ${contentEntries.organizationId} = ${ctx.organizationId} and
          ${contentEntries.clientId} = ${ctx.actor.clientId ?? ''})`,
      )
    : undefined;

/**
 * Schedules of the organization, soonest first by default.
 *
 * @example const { data } = await listSchedules(db, ctx, { status: 'PENDING', entryId })
 */
export async function listSchedules(db: Db, ctx: TenantContext, query: ListInput) {
  const keys = parseSort(query.sort, info.columns, scheduleSortable, 'scheduledFor', publishSchedules.id);
  const limit = pageLimit(query.limit);
  const s = publishSchedules;
  const rows = await db
    .select()
    .from(s)
    .where(
      and(
        eq(s.organizationId, ctx.organizationId),
        visible(ctx),
        query.entryId ? eq(s.entryId, query.entryId) : undefined,
        query.status ? eq(s.status, query.status) : undefined,
        query.action ? eq(s.action, query.action) : undefined,
        query.locale ? eq(s.locale, query.locale) : undefined,
        query.from ? gte(s.scheduledFor, new Date(query.from)) : undefined,
        query.to ? lt(s.scheduledFor, new Date(query.to)) : undefined,
        cursorWhere(keys, query.cursor),
      ),
    )
    .orderBy(...orderBy(keys))
    .limit(limit + 1);
  return toPage(rows, limit, keys);
}

/** @example const schedule = await getSchedule(db, ctx, id) */
export async function getSchedule(db: Db, ctx: TenantContext, id: string): Promise<Schedule> {
  const [row] = await db
    .select()
    .from(publishSchedules)
    .where(and(eq(publishSchedules.organizationId, ctx.organizationId), eq(publishSchedules.id, id), visible(ctx)));
  if (!row) throw notFound('Schedule');
  return row;
}

/** Does what a schedule says, in the caller's transaction. */
async function execute(tx: Db, ctx: TenantContext, schedule: Schedule): Promise<void> {
  const entry = await lockEntry(tx, ctx, schedule.entryId);
  const locale = schedule.locale ?? undefined;
  switch (schedule.action) {
    case 'PUBLISH':
      await publishNow(tx, ctx, entry.id, { locale, scheduleId: schedule.id });
      return;
    case 'UPDATE': {
      const [translation] = locale
        ? await tx
            .select()
            .from(contentLocalizations)
            .where(and(eq(contentLocalizations.entryId, entry.id), eq(contentLocalizations.locale, locale)))
        : [];
      const live = locale ? Boolean(translation?.publishedSlug) : entry.publishedSlug !== null;
      if (!live)
        throw conflict(
          `The entry is not live${locale ? ` in "${locale}"` : ''}; UPDATE pushes changes to live content (schedule a PUBLISH instead)`,
        );
      await publishNow(tx, ctx, entry.id, { locale, scheduleId: schedule.id });
      return;
    }
    case 'UNPUBLISH':
      await takeOffline(tx, ctx, entry.id, { locale: schedule.locale, allLocales: isExpiry(schedule, entry) });
      return;
    case 'ARCHIVE':
      if (entry.status !== 'ARCHIVED') await archiveEntry(tx, ctx, entry.id, { exceptSchedule: schedule.id });
      return;
  }
}

const errorText = (error: unknown) =>
  (error instanceof HttpError ? (error.detail ?? error.title) : error instanceof Error ? error.message : String(error)).slice(0, 2000);

/**
 * The job that runs a schedule, in the schedule's organization as the system actor: does the action
 * and marks the schedule EXECUTED in one transaction (so a retry never runs it twice). On failure the
 * error is recorded on the schedule and the job is retried with backoff; after the last attempt the
 * schedule is FAILED.
 *
 * @example jobs: { [scheduleJobName]: runSchedule } // in the CMS feature module
 */
export async function runSchedule(db: Db, ctx: TenantContext, payload: Json, job: Job): Promise<void> {
  const parsed = jobPayload.safeParse(payload);
  if (!parsed.success) throw new Error(`${scheduleJobName}: malformed payload`);
  const { scheduleId, at } = parsed.data;
  const [schedule] = await db
    .select()
    .from(publishSchedules)
    .where(and(eq(publishSchedules.organizationId, ctx.organizationId), eq(publishSchedules.id, scheduleId)));
  // Cancelled, moved, already run, or the entry is gone: this job has nothing left to do.
  if (schedule?.status !== 'PENDING' || schedule.scheduledFor.toISOString() !== at) return;
  try {
    await transaction(db, async (tx) => {
      const current = await lockSchedule(tx, ctx, scheduleId);
      if (current.status !== 'PENDING' || current.scheduledFor.toISOString() !== at) return;
      await execute(tx, ctx, current);
      await tx
        .update(publishSchedules)
        .set({ status: 'EXECUTED', executedAt: ctx.now, error: null })
        .where(eq(publishSchedules.id, scheduleId));
    });
  } catch (error) {
    const final = job.attempts >= job.maxAttempts;
    await transaction(db, async (tx) => {
      const [row] = await tx
        .update(publishSchedules)
        .set({ error: errorText(error), ...(final ? { status: 'FAILED' as const } : {}) })
        .where(and(eq(publishSchedules.id, scheduleId), eq(publishSchedules.status, 'PENDING')))
        .returning();
      if (row && final) await afterScheduleEnds(tx, ctx, row, 'schedule_failed', { ...describe(row), error: row.error });
    });
    throw error;
  }
}

import type { myTasksQuery, taskCreate } from '@spokestack/core/crm';
import { crmResources } from '@spokestack/core/crm';
import { type SQL, and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { resourceService } from '../db/resource-service.js';
import { badRequest, conflict, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { users } from '../platform/schema.js';
import { recordContactActivity } from './activities.js';
import { crmTasks } from './schema.js';

type Task = typeof crmTasks.$inferSelect;
const taskService = resourceService(crmTasks, crmResources.tasks);
export const reminderJobName = 'crm.taskReminder';
const open = ['PENDING', 'IN_PROGRESS', 'DEFERRED'] as const;

/**
 * The next occurrence's time: one day, week or calendar month later (UTC). A month later falls on the task's
 * anchor day (`recurrenceDay`, the day of its first due date), or on the month's last day when the month is
 * shorter: 31 January → 28 February → 31 March, never 3 March, and never stuck on the 28th.
 */
function nextOf(date: Date, recurrence: string, anchorDay: number | null): Date {
  const next = new Date(date);
  if (recurrence === 'DAILY') next.setUTCDate(next.getUTCDate() + 1);
  else if (recurrence === 'WEEKLY') next.setUTCDate(next.getUTCDate() + 7);
  else {
    const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 2, 0)).getUTCDate();
    next.setUTCDate(1);
    next.setUTCMonth(date.getUTCMonth() + 1);
    next.setUTCDate(Math.min(anchorDay ?? date.getUTCDate(), lastDay));
  }
  return next;
}

/** The anchor day a monthly task keeps: the day of the month of its first due date (or reminder). */
const anchorOf = (recurrence: string | null | undefined, first: string | Date | null | undefined) =>
  recurrence === 'MONTHLY' && first ? new Date(first).getUTCDate() : null;

/** The reminder job of a task at its reminder time; keyed by the time so a moved reminder gets its own job. */
const scheduleReminder = (tx: Db, ctx: TenantContext, task: Task) =>
  task.reminderAt
    ? ctx.jobs.enqueue(
        reminderJobName,
        { taskId: task.id, at: task.reminderAt.toISOString() },
        {
          db: tx,
          runAt: task.reminderAt,
          organizationId: ctx.organizationId,
          uniqueKey: `${reminderJobName}:${task.id}:${task.reminderAt.toISOString()}`,
        },
      )
    : undefined;

async function checkAssignee(db: Db, ctx: TenantContext, userId: string | undefined) {
  if (!userId) return;
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, ctx.organizationId), eq(users.id, userId)));
  if (!user) throw badRequest([{ path: 'body.assignedToId', message: 'No user of this organization with this id' }]);
}

/** @example await createTask(db, ctx, { title: 'Send proposal', dueDate, reminderAt, contactId }) */
export async function createTask(db: Db, ctx: TenantContext, input: z.output<typeof taskCreate>): Promise<Task> {
  return transaction(db, async (tx) => {
    await checkAssignee(tx, ctx, input.assignedToId);
    const task = await taskService.create(tx, ctx, {
      ...input,
      assignedToId: input.assignedToId ?? ctx.actor.id,
      createdById: ctx.actor.id,
      recurrenceDay: anchorOf(input.recurrence, input.dueDate ?? input.reminderAt),
    });
    await scheduleReminder(tx, ctx, task);
    return task;
  });
}

async function lockTask(tx: Db, ctx: TenantContext, id: string): Promise<Task> {
  const [task] = await tx
    .select()
    .from(crmTasks)
    .where(and(eq(crmTasks.organizationId, ctx.organizationId), eq(crmTasks.id, id)))
    .for('update');
  if (!task) throw notFound('Task');
  return task;
}

/**
 * Completes a task: on its contact's timeline as TASK_COMPLETED, and for a recurring task the next
 * occurrence, due (and reminded) one period later.
 *
 * @example const { next } = await completeTask(db, ctx, task.id)
 */
export async function completeTask(db: Db, ctx: TenantContext, id: string) {
  return transaction(db, async (tx) => {
    const before = await lockTask(tx, ctx, id);
    if (!open.includes(before.status as (typeof open)[number])) throw conflict(`The task is ${before.status.toLowerCase()} already`);
    const [task] = await tx
      .update(crmTasks)
      .set({ status: 'COMPLETED', completedAt: ctx.now, completedById: ctx.actor.id, updatedAt: ctx.now })
      .where(eq(crmTasks.id, id))
      .returning();
    if (task!.contactId)
      await recordContactActivity(tx, ctx, {
        contactId: task!.contactId,
        activityType: 'TASK_COMPLETED',
        subject: `Task completed: ${task!.title}`,
        dealId: task!.dealId,
      });
    let next: Task | null = null;
    if (task!.recurrence) {
      const {
        id: _id,
        organizationId: _o,
        createdAt: _c,
        updatedAt: _u,
        completedAt: _ca,
        completedById: _cb,
        remindedAt: _r,
        ...rest
      } = task!;
      const anchor = task!.recurrenceDay ?? anchorOf(task!.recurrence, task!.dueDate ?? task!.reminderAt);
      const dueDate = task!.dueDate && nextOf(task!.dueDate, task!.recurrence, anchor);
      // The reminder keeps its lead time before the due date (as a defer moves it); without a due date it recurs itself.
      const reminderAt =
        task!.reminderAt &&
        (dueDate
          ? new Date(dueDate.getTime() - (task!.dueDate!.getTime() - task!.reminderAt.getTime()))
          : nextOf(task!.reminderAt, task!.recurrence, anchor));
      next = await taskService.create(tx, ctx, { ...rest, status: 'PENDING', dueDate, reminderAt, recurrenceDay: anchor });
      await scheduleReminder(tx, ctx, next);
    }
    return { task: task!, next };
  });
}

/** Moves a task's due date later; the reminder moves by as much. @example await deferTask(db, ctx, id, '2025-03-10T09:00:00Z') */
export async function deferTask(db: Db, ctx: TenantContext, id: string, dueDate: string): Promise<Task> {
  return transaction(db, async (tx) => {
    const before = await lockTask(tx, ctx, id);
    if (!open.includes(before.status as (typeof open)[number])) throw conflict(`The task is ${before.status.toLowerCase()}`);
    const due = new Date(dueDate);
    if (before.dueDate && due <= before.dueDate)
      throw badRequest([{ path: 'body.dueDate', message: 'Defer to a later date than the current due date' }]);
    const shift = before.dueDate ? due.getTime() - before.dueDate.getTime() : 0;
    const [task] = await tx
      .update(crmTasks)
      .set({
        status: 'DEFERRED',
        dueDate: due,
        reminderAt: before.reminderAt && new Date(before.reminderAt.getTime() + shift),
        remindedAt: null,
        updatedAt: ctx.now,
      })
      .where(eq(crmTasks.id, id))
      .returning();
    await scheduleReminder(tx, ctx, task!);
    return task!;
  });
}

/**
 * Hands an open task to another user of the organization: the activity stream records it with both assignees
 * (ids in its metadata, names in its text), and so does the task's contact's timeline. Handing it to its
 * current assignee changes nothing and records nothing.
 *
 * @example await reassignTask(db, ctx, task.id, colleague.id)
 */
export async function reassignTask(db: Db, ctx: TenantContext, id: string, assignedToId: string): Promise<Task> {
  return transaction(db, async (tx) => {
    const before = await lockTask(tx, ctx, id);
    if (!open.includes(before.status as (typeof open)[number])) throw conflict(`The task is ${before.status.toLowerCase()}`);
    await checkAssignee(tx, ctx, assignedToId);
    if (before.assignedToId === assignedToId) return before;
    const [task] = await tx.update(crmTasks).set({ assignedToId, updatedAt: ctx.now }).where(eq(crmTasks.id, id)).returning();
    const people = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.organizationId, ctx.organizationId), inArray(users.id, [before.assignedToId, assignedToId])));
    const nameOf = (userId: string) => people.find((p) => p.id === userId)?.name ?? 'a former user';
    const change = `from ${nameOf(before.assignedToId)} to ${nameOf(assignedToId)}`;
    await recordActivity(tx, ctx, {
      action: 'reassigned',
      entityType: 'crm_tasks',
      entityId: id,
      entityTitle: task!.title,
      description: `Reassigned ${change}`,
      metadata: { fromAssignedToId: before.assignedToId, toAssignedToId: assignedToId },
    });
    if (task!.contactId)
      // The spec's contact activity types have no assignment; a change to the task's state is what this is.
      await recordContactActivity(tx, ctx, {
        contactId: task!.contactId,
        activityType: 'STATUS_CHANGED',
        subject: `Task “${task!.title}” reassigned ${change}`,
        dealId: task!.dealId,
      });
    return task!;
  });
}

/** The caller's open tasks, soonest due first, keyset-paged over (due date, id). */
export async function myOpenTasks(db: Db, ctx: TenantContext, query: z.output<typeof myTasksQuery>) {
  const limit = query.limit ?? 50;
  let after: SQL | undefined;
  if (query.cursor) {
    try {
      const [due, id] = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as [string | null, string];
      if (typeof id !== 'string' || (due !== null && Number.isNaN(Date.parse(due)))) throw new Error('bad');
      after =
        due === null
          ? sql`(${crmTasks.dueDate} is null and ${crmTasks.id} > ${id})`
          : sql`(${crmTasks.dueDate} > ${due}::timestamptz or ${crmTasks.dueDate} is null
              or (${crmTasks.dueDate} = ${due}::timestamptz and ${crmTasks.id} > ${id}))`;
    } catch {
      throw badRequest([{ path: 'query.cursor', message: 'Malformed cursor; start again without it' }]);
    }
  }
  const rows = await db
    .select()
    .from(crmTasks)
    .where(
      and(
        eq(crmTasks.organizationId, ctx.organizationId),
        eq(crmTasks.assignedToId, ctx.actor.id),
        inArray(crmTasks.status, [...open]),
        after,
      ),
    )
    .orderBy(sql`${crmTasks.dueDate} asc nulls last`, crmTasks.id)
    .limit(limit + 1);
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify([last.dueDate?.toISOString() ?? null, last.id])).toString('base64url')
        : null,
  };
}

/**
 * The reminder job: at a task's reminder time, a `task_reminder` notification for its assignee in the
 * activity stream. Idempotent: a task already reminded, completed, or whose reminder moved is skipped.
 */
export async function runTaskReminder(db: Db, ctx: TenantContext, payload: Json): Promise<void> {
  const { taskId, at } = (payload ?? {}) as { taskId?: string; at?: string };
  if (typeof taskId !== 'string' || typeof at !== 'string') throw new Error(`${reminderJobName}: malformed payload`);
  await transaction(db, async (tx) => {
    const [task] = await tx
      .update(crmTasks)
      .set({ remindedAt: ctx.now })
      .where(
        and(
          eq(crmTasks.organizationId, ctx.organizationId),
          eq(crmTasks.id, taskId),
          eq(crmTasks.reminderAt, new Date(at)),
          lte(crmTasks.reminderAt, ctx.now),
          isNull(crmTasks.remindedAt),
          inArray(crmTasks.status, [...open]),
        ),
      )
      .returning();
    if (!task) return;
    await recordActivity(tx, ctx, {
      action: 'task_reminder',
      entityType: 'crm_tasks',
      entityId: task.id,
      entityTitle: task.title,
      description: task.dueDate ? `Due ${task.dueDate.toISOString()}` : null,
      metadata: { assignedToId: task.assignedToId, dueDate: task.dueDate?.toISOString() ?? null },
    });
  });
}

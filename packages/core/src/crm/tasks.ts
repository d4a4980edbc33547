import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { pageOf } from '../shared/pagination.js';
import { base, id, staff, tag, writers } from './common.js';
import { crmTaskType, priority } from './enums.js';
import { tasks } from './rows.gen.js';

// Tasks: assigned, due, reminded by a job at their time, completed (recurring ones come back), deferred.

export const taskRecurrence = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;
export const taskCreate = z.strictObject({
  title: f.text().min(1).max(500),
  description: f.longText().max(100_000).nullable().optional(),
  taskType: z.enum(crmTaskType).optional(),
  priority: z.enum(priority).optional(),
  dueDate: f.timestamp().nullable().optional(),
  /** When the reminder job notifies the assignee in the activity stream. */
  reminderAt: f.timestamp().nullable().optional(),
  contactId: id.nullable().optional(),
  dealId: id.nullable().optional(),
  /** A user of the organization; the caller by default. */
  assignedToId: id.optional(),
  /** Completing a recurring task creates its next occurrence, due one period later. */
  recurrence: z.enum(taskRecurrence).nullable().optional(),
});
export const taskDefer = z.strictObject({ dueDate: f.timestamp() });
export const taskReassign = z.strictObject({
  /** The user of the organization who takes the task over. */
  assignedToId: id,
});
export const myTasksQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).optional(), cursor: z.string().max(500).optional() });

export const taskOps = {
  createTask: defineOperation({
    id: 'crm.tasks.create',
    description:
      'Creates a task assigned to a member, with a due date and a reminder the job queue sends at its time. ' +
      'A recurring task comes back when completed.',
    method: 'POST',
    path: `${base}/tasks`,
    tag,
    summary: 'Create a task, assigned to a user, with a due date and a reminder',
    body: taskCreate,
    response: tasks.row,
    status: 201,
    roles: writers,
  }),
  completeTask: defineOperation({
    id: 'crm.tasks.complete',
    description: "Completes a task; it goes on its contact's timeline, and a recurring task's next occurrence is " + 'created.',
    method: 'POST',
    path: `${base}/tasks/:id/complete`,
    tag,
    summary: "Complete a task (on its contact's timeline); a recurring task's next occurrence is created",
    params: idParams,
    response: z.object({ task: tasks.row, next: tasks.row.nullable() }),
    roles: writers,
  }),
  deferTask: defineOperation({
    id: 'crm.tasks.defer',
    description: 'Moves a task to a later due date; its reminder moves by the same amount.',
    method: 'POST',
    path: `${base}/tasks/:id/defer`,
    tag,
    summary: 'Move a task to a later due date; its reminder moves with it',
    params: idParams,
    body: taskDefer,
    response: tasks.row,
    roles: writers,
  }),
  reassignTask: defineOperation({
    id: 'crm.tasks.reassign',
    description:
      'Hands an open task to another user of the organization. The change is written to the activity stream and, ' +
      "when the task concerns a contact, to that contact's timeline, naming the previous and the new assignee.",
    method: 'POST',
    path: `${base}/tasks/:id/reassign`,
    tag,
    summary: 'Hand an open task to another user (on the timeline, with the old and new assignee)',
    params: idParams,
    body: taskReassign,
    response: tasks.row,
    roles: writers,
  }),
  myOpenTasks: defineOperation({
    id: 'crm.tasks.mine',
    description: 'Your open tasks, soonest due first, tasks without a due date last.',
    method: 'GET',
    path: `${base}/tasks/mine`,
    tag,
    summary: 'Your open tasks, soonest due first (tasks without a due date last)',
    query: myTasksQuery,
    response: pageOf(tasks.row),
    roles: staff,
  }),
};

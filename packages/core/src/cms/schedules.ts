import * as z from 'zod';
import { locale } from '../platform/contracts.js';
import * as f from '../shared/fields.js';
import { defineOperation, idParams, refusedDescription } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { allRoles, base, id, refuse, tag, writers } from './common.js';
import { publishAction, scheduleStatus } from './enums.js';
import { schedules } from './rows.gen.js';

// Scheduled publishing actions.

export type ScheduleRow = z.output<typeof schedules.row>;
export const scheduleCreate = z.strictObject({
  entryId: id,
  /** PUBLISH makes the draft live, UPDATE pushes the current draft of a live entry, UNPUBLISH takes it offline, ARCHIVE archives it. */
  action: z.enum(publishAction),
  /** When to run; must be in the future. */
  scheduledFor: f.timestamp(),
  /** The locale acted on (PUBLISH, UPDATE, UNPUBLISH); default: the entry's source locale. */
  locale: locale.optional(),
});
/** Moves a pending schedule. */
export const scheduleUpdate = z.strictObject({ scheduledFor: f.timestamp() });
export const scheduleFilters = z.object({
  entryId: f.text().optional(),
  status: z.enum(scheduleStatus).optional(),
  action: z.enum(publishAction).optional(),
  locale: f.text().optional(),
  from: f.timestamp().optional().describe('Scheduled at or after'),
  to: f.timestamp().optional().describe('Scheduled before'),
});
export const scheduleSortable = ['scheduledFor', 'createdAt', 'executedAt', 'status', 'action'] as const;

export const scheduleOps = {
  listSchedules: defineOperation({
    id: 'cms.schedules.list',
    description: 'Scheduled publishing actions with their status, soonest first unless `sort` says otherwise.',
    method: 'GET',
    path: `${base}/schedules`,
    tag,
    summary: 'Scheduled publishing actions (default order: soonest first)',
    query: listQuery.extend(scheduleFilters.shape),
    response: pageOf(schedules.row),
    roles: allRoles,
  }),
  getSchedule: defineOperation({
    id: 'cms.schedules.get',
    description: 'One scheduled action with its status, and its error when it FAILED.',
    method: 'GET',
    path: `${base}/schedules/:id`,
    tag,
    summary: 'Get a schedule (with its error when it failed)',
    params: idParams,
    response: schedules.row,
    roles: allRoles,
  }),
  createSchedule: defineOperation({
    id: 'cms.schedules.create',
    description:
      'Schedules PUBLISH, UPDATE, UNPUBLISH or ARCHIVE of an entry (or of one locale) at a future time; the ' +
      'job queue runs it then, retrying on failure. An expiry after which the entry goes offline may be ' +
      'given.',
    method: 'POST',
    path: `${base}/schedules`,
    tag,
    summary: 'Schedule PUBLISH, UPDATE, UNPUBLISH or ARCHIVE of an entry (optionally one locale) at a future time',
    body: scheduleCreate,
    response: schedules.row,
    status: 201,
    roles: writers,
  }),
  updateSchedule: defineOperation({
    id: 'cms.schedules.update',
    description: 'Moves a pending scheduled action to another future time; only pending ones can move.',
    method: 'PATCH',
    path: `${base}/schedules/:id`,
    tag,
    summary: 'Move a pending schedule to another (future) time',
    params: idParams,
    body: scheduleUpdate,
    response: schedules.row,
    roles: writers,
  }),
  cancelSchedule: defineOperation({
    id: 'cms.schedules.cancel',
    description: 'Cancels a pending scheduled action; it stays in the list as CANCELLED.',
    method: 'POST',
    path: `${base}/schedules/:id/cancel`,
    tag,
    summary: 'Cancel a pending schedule',
    params: idParams,
    response: schedules.row,
    roles: writers,
  }),
  deleteScheduleRefused: defineOperation({
    id: 'cms.schedules.delete',
    description: refusedDescription,
    method: 'DELETE',
    path: `${base}/schedules/:id`,
    tag,
    summary: refuse('cancel a schedule instead; the history is kept'),
    params: idParams,
    response: z.never(),
    roles: writers,
  }),
};

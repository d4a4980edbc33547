import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams, refusedDescription } from '../shared/operation.js';
import { pageOf } from '../shared/pagination.js';
import { base, deleted, id, staff, tag, writers } from './common.js';
import { contactActivities, contactNotes } from './rows.gen.js';

// A contact's timeline: the activities the rules write, calls and meetings logged by hand, and notes
// (pinned first), merged into one paged list per contact and per company.

/** What people log by hand; deals, tasks, emails, forms and campaigns write the other kinds. */
export const manualContactActivityType = ['CALL_OUTBOUND', 'CALL_INBOUND', 'MEETING', 'EMAIL_SENT', 'EMAIL_RECEIVED'] as const;
export const contactActivityLog = z.strictObject({
  contactId: id,
  activityType: z.enum(manualContactActivityType),
  subject: f.text().min(1).max(500),
  description: f.longText().max(100_000).nullable().optional(),
  dealId: id.nullable().optional(),
  scheduledAt: f.timestamp().nullable().optional(),
  /** Minutes. */
  duration: z.number().int().min(0).max(10_000).nullable().optional(),
  outcome: f.text().max(500).nullable().optional(),
});
export const noteCreate = z.strictObject({
  contactId: id,
  content: f.longText().min(1).max(100_000),
  isPinned: z.boolean().optional(),
});
export const noteUpdate = z.strictObject({ content: f.longText().min(1).max(100_000).optional(), isPinned: z.boolean().optional() });

export const timelineItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('note'), id: z.string(), at: z.string(), pinned: z.boolean(), note: contactNotes.row }),
  z.object({ kind: z.literal('activity'), id: z.string(), at: z.string(), pinned: z.literal(false), activity: contactActivities.row }),
]);
export type TimelineItem = z.output<typeof timelineItem>;
export const timelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});

const refused = (method: 'PATCH' | 'DELETE') =>
  defineOperation({
    id: `crm.contactActivities.${method === 'PATCH' ? 'update' : 'delete'}`,
    method,
    path: `${base}/contact-activities/:id`,
    tag,
    summary: 'Not allowed: the timeline is a record of what happened',
    description: refusedDescription,
    params: idParams,
    ...(method === 'PATCH' ? { body: z.unknown() } : {}),
    response: z.never(),
    roles: writers,
  });

export const timelineOps = {
  logContactActivity: defineOperation({
    id: 'crm.contactActivities.create',
    description: 'Logs a call, meeting or email with a contact; it appears on their timeline.',
    method: 'POST',
    path: `${base}/contact-activities`,
    tag,
    summary: 'Log a call, meeting or email with a contact on their timeline',
    body: contactActivityLog,
    response: contactActivities.row,
    status: 201,
    roles: writers,
  }),
  updateContactActivityRefused: refused('PATCH'),
  deleteContactActivityRefused: refused('DELETE'),
  createNote: defineOperation({
    id: 'crm.contactNotes.create',
    description: "Writes a note on a contact's timeline; it may be pinned to stay on top.",
    method: 'POST',
    path: `${base}/contact-notes`,
    tag,
    summary: 'Write a note on a contact',
    body: noteCreate,
    response: contactNotes.row,
    status: 201,
    roles: writers,
  }),
  updateNote: defineOperation({
    id: 'crm.contactNotes.update',
    description: 'Edits or pins a note: its author, or an OWNER or ADMIN.',
    method: 'PATCH',
    path: `${base}/contact-notes/:id`,
    tag,
    summary: 'Edit or pin a note (its author, or an OWNER/ADMIN)',
    params: idParams,
    body: noteUpdate,
    response: contactNotes.row,
    roles: writers,
  }),
  deleteNote: defineOperation({
    id: 'crm.contactNotes.delete',
    description: 'Deletes a note: its author, or an OWNER or ADMIN.',
    method: 'DELETE',
    path: `${base}/contact-notes/:id`,
    tag,
    summary: 'Delete a note (its author, or an OWNER/ADMIN)',
    params: idParams,
    response: deleted,
    roles: writers,
  }),
  contactTimeline: defineOperation({
    id: 'crm.contacts.timeline',
    description: "A contact's notes and activities in one list, a page at a time: pinned notes first, then newest " + 'first.',
    method: 'GET',
    path: `${base}/contacts/:id/timeline`,
    tag,
    summary: "A contact's notes and activities in one list: pinned notes first, then newest first",
    params: idParams,
    query: timelineQuery,
    response: pageOf(timelineItem),
    roles: staff,
  }),
  companyTimeline: defineOperation({
    id: 'crm.companies.timeline',
    description: 'The timelines of every contact of a company (a client) merged into one: pinned notes first, then ' + 'newest first.',
    method: 'GET',
    path: `${base}/companies/:id/timeline`,
    tag,
    summary: 'The timelines of every contact of a company (a client) merged: pinned notes first, then newest first',
    params: idParams,
    query: timelineQuery,
    response: pageOf(timelineItem),
    roles: staff,
  }),
};

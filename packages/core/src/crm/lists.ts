import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams, refusedDescription } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { base, id, staff, tag, writers } from './common.js';
import { contactActivityType, contactListType, emailInteractionType } from './enums.js';
import { contactListMembers, contactLists, contacts } from './rows.gen.js';

// Contact lists: STATIC (members added by hand), SUPPRESSION (never mailed) and DYNAMIC (a segment:
// rules over the contact's fields, custom fields, tags, scores, consent, activity, list membership and
// deal stages, nested all/any groups, compiled to one SQL query and evaluated live).

/** The contact fields a segment rule compares as text (enums by their value). */
export const segmentFields = [
  'firstName',
  'lastName',
  'email',
  'jobTitle',
  'department',
  'companyName',
  'companyId',
  'city',
  'state',
  'country',
  'contactType',
  'status',
  'source',
  'ownerId',
] as const;
const textValue = z.string().max(500);
const compare = z.enum(['gt', 'gte', 'lt', 'lte', 'eq']);
const withinDays = z.number().int().min(1).max(3650);

/** One condition of a segment. Text comparisons ignore case; `isSet`/`isNotSet` need no value. */
export const segmentCondition = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('field'),
      field: z.enum(segmentFields),
      op: z.enum(['eq', 'neq', 'contains', 'in', 'isSet', 'isNotSet']),
      value: z.union([textValue, z.array(textValue).min(1).max(100)]).optional(),
    })
    .refine((c) => (c.op === 'in' ? Array.isArray(c.value) : c.op.startsWith('is') || typeof c.value === 'string'), {
      message: 'A text value (a list of values for `in`; none for isSet/isNotSet)',
      path: ['value'],
    }),
  z.strictObject({
    kind: z.literal('customField'),
    key: z.string().min(1).max(64),
    /** `eq` on a multiselect field matches when the value is one of the chosen options. */
    op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'isSet', 'isNotSet']),
    value: z.union([textValue, z.number(), z.boolean()]).optional(),
  }),
  z.strictObject({ kind: z.literal('tag'), op: z.enum(['has', 'hasNot']), tag: z.string().trim().min(1).max(100) }),
  z.strictObject({ kind: z.literal('score'), score: z.enum(['leadScore', 'engagementScore']), op: compare, value: z.number().int() }),
  z.strictObject({ kind: z.literal('consent'), marketingConsent: z.boolean() }),
  /** Opened, clicked, … an email (any campaign) within the last `withinDays` days (ever without it). */
  z.strictObject({ kind: z.literal('email'), interaction: z.enum(emailInteractionType), withinDays: withinDays.optional() }),
  /** An event of the contact's timeline within the last `withinDays` days (ever without it). */
  z.strictObject({ kind: z.literal('activity'), activityType: z.enum(contactActivityType), withinDays: withinDays.optional() }),
  /** A member of another list (a dynamic one by its own rules). */
  z.strictObject({ kind: z.literal('list'), listId: id }),
  /** A contact of a deal (primary or linked) that is in this stage now. */
  z.strictObject({ kind: z.literal('dealStage'), stageId: z.string().min(1).max(100), pipelineId: id.optional() }),
]);
export type SegmentCondition = z.output<typeof segmentCondition>;

/** A segment: conditions and nested groups, every one (`all`) or at least one (`any`) holding; `not` negates. */
export type SegmentRule =
  | SegmentCondition
  | { kind: 'group'; match: 'all' | 'any'; rules: SegmentRule[] }
  | { kind: 'not'; rule: SegmentRule };
export const segmentRule: z.ZodType<SegmentRule> = z.lazy(() =>
  z.union([
    segmentCondition,
    z.strictObject({ kind: z.literal('group'), match: z.enum(['all', 'any']), rules: z.array(segmentRule).min(1).max(50) }),
    z.strictObject({ kind: z.literal('not'), rule: segmentRule }),
  ]),
);

const listFields = z.strictObject({
  name: f.text().min(1).max(200),
  description: f.text().max(2000).nullable().optional(),
  /** Required for DYNAMIC lists, refused for the others. */
  segmentRules: segmentRule.nullable().optional(),
});
export const contactListCreate = listFields.extend({ listType: z.enum(contactListType).default('STATIC') });
/** The type of a list is fixed once created. */
export const contactListUpdate = listFields.partial();
/** A list; `memberCount` is counted when read, exactly. */
export const contactListRow = contactLists.row.extend({ segmentRules: segmentRule.nullable() });

export const contactIds = z.strictObject({ contactIds: z.array(id).min(1).max(1000) });
export const membersChanged = z.object({
  /** Contacts that were added (or removed); ids already in (or not in) the list are not counted. */
  changed: z.number().int(),
  memberCount: z.number().int(),
});
export const segmentPreview = z.strictObject({
  segmentRules: segmentRule,
  /** How many matching contacts to show beside the count. */
  sampleSize: z.number().int().min(0).max(50).default(10),
});
export const segmentPreviewResult = z.object({ count: z.number().int(), sample: z.array(contacts.row) });

const listsBase = `${base}/contact-lists`;
export const listOps = {
  listContactLists: defineOperation({
    id: 'crm.contactLists.list',
    method: 'GET',
    path: listsBase,
    tag,
    summary: 'Contact lists (static, dynamic and suppression) with their exact member counts',
    description: 'Newest first, a page at a time; filter by `listType`. `memberCount` is counted when read, dynamic lists by their rules.',
    query: listQuery.extend({ listType: z.enum(contactListType).optional() }),
    response: pageOf(contactListRow),
    roles: staff,
  }),
  getContactList: defineOperation({
    id: 'crm.contactLists.get',
    method: 'GET',
    path: `${listsBase}/:id`,
    tag,
    summary: 'A contact list with its exact member count',
    description: 'A dynamic list is evaluated now. An id of another organization answers 404.',
    params: idParams,
    response: contactListRow,
    roles: staff,
  }),
  createContactList: defineOperation({
    id: 'crm.contactLists.create',
    method: 'POST',
    path: listsBase,
    tag,
    summary: 'Create a static, dynamic (segment rules) or suppression list',
    description:
      'A DYNAMIC list needs `segmentRules` (checked: known custom fields, lists of this organization, no list ' +
      'containing itself); STATIC and SUPPRESSION lists take members by hand and refuse rules.',
    body: contactListCreate,
    response: contactListRow,
    status: 201,
    roles: writers,
  }),
  updateContactList: defineOperation({
    id: 'crm.contactLists.update',
    method: 'PATCH',
    path: `${listsBase}/:id`,
    tag,
    summary: 'Rename a list or change a dynamic list’s rules',
    description: 'The list type is fixed; rules are checked as on create.',
    params: idParams,
    body: contactListUpdate,
    response: contactListRow,
    roles: writers,
  }),
  listMembers: defineOperation({
    id: 'crm.contactLists.members',
    method: 'GET',
    path: `${listsBase}/:id/members`,
    tag,
    summary: 'The contacts of a list, newest first (a dynamic list evaluated now)',
    description: 'A page at a time (`limit`, `cursor`); a dynamic list is its segment evaluated at the moment of the call.',
    params: idParams,
    query: listQuery.pick({ limit: true, cursor: true }),
    response: pageOf(contacts.row),
    roles: staff,
  }),
  addMembers: defineOperation({
    id: 'crm.contactLists.addMembers',
    method: 'POST',
    path: `${listsBase}/:id/members`,
    tag,
    summary: 'Add contacts to a static or suppression list',
    description: 'Contacts already in the list are skipped; a dynamic list is 409 (its rules decide); unknown contacts are 400.',
    params: idParams,
    body: contactIds,
    response: membersChanged,
    roles: writers,
  }),
  removeMembers: defineOperation({
    id: 'crm.contactLists.removeMembers',
    method: 'POST',
    path: `${listsBase}/:id/members/remove`,
    tag,
    summary: 'Remove contacts from a static or suppression list',
    description: 'Contacts not in the list are skipped; a dynamic list is 409.',
    params: idParams,
    body: contactIds,
    response: membersChanged,
    roles: writers,
  }),
  previewSegment: defineOperation({
    id: 'crm.contactLists.preview',
    method: 'POST',
    path: `${listsBase}/preview`,
    tag,
    summary: 'Count (and sample) the contacts a segment matches, without saving it',
    description: 'The same single query a dynamic list runs: the exact count and the newest matching contacts.',
    body: segmentPreview,
    response: segmentPreviewResult,
    roles: staff,
  }),
  createListMember: defineOperation({
    id: 'crm.contactListMembers.create',
    method: 'POST',
    path: `${base}/contact-list-members`,
    tag,
    summary: 'Add one contact to a static or suppression list',
    description: 'As adding members: a dynamic list is 409.',
    body: contactListMembers.create.pick({ listId: true, contactId: true, source: true }),
    response: contactListMembers.row,
    status: 201,
    roles: writers,
  }),
  updateListMemberRefused: defineOperation({
    id: 'crm.contactListMembers.update',
    method: 'PATCH',
    path: `${base}/contact-list-members/:id`,
    tag,
    summary: 'Not allowed: remove the member and add it to the other list',
    description: refusedDescription,
    params: idParams,
    body: z.unknown(),
    response: z.never(),
    roles: writers,
  }),
};

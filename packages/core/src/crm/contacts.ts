import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { admins, base, deleted, id, staff, tag, writers } from './common.js';
import { contactStatus, contactType, leadSource } from './enums.js';
import { contacts, customFields, savedFilters } from './rows.gen.js';

// Contacts with their rules: normalised email (unique per organization, case-insensitively), E.164
// phones, custom fields checked against their definitions, consent with its date and source; search,
// saved filters; custom field definitions.

/** An email as stored: trimmed, Unicode-normalised and lower-cased, so `Ada@X.com` and `ada@x.com` are one contact. */
export const contactEmail = z
  .string()
  .trim()
  .transform((s) => s.normalize('NFC').toLowerCase())
  .pipe(z.email({ message: 'Expected an email address' }).max(320));

// Scores stay writable (tests and imports set them); the scoring job overwrites them when it recomputes.
const contactFields = contacts.create.extend({
  email: contactEmail.nullable().optional(),
  /** Any common notation; stored as E.164 (`+14155550123`). Without a `+` prefix the contact's `country` (ISO code) decides. */
  phone: f.text().max(64).nullable().optional(),
  mobile: f.text().max(64).nullable().optional(),
  /** Two-letter ISO country code or a country name. */
  country: f.text().max(100).nullable().optional(),
  tags: f.array(z.string().trim().min(1).max(500)).optional(),
  /** Values by custom field key; each is checked against its definition (`/v1/crm/custom-fields`). */
  customFields: z.record(z.string().max(64), f.json()).optional(),
  /** Where marketing consent was given (a form, an import, a call). The date is set when consent turns on. */
  marketingConsentSource: f.text().max(500).nullable().optional(),
});
export const contactCreate = contactFields;
export const contactUpdate = contactFields.partial();

/** The filters of the contact list, also what a saved filter stores. */
export const contactFilter = z.strictObject({
  /** Substring of the name, email or company, case-insensitive (at least 2 characters). */
  q: z.string().trim().min(2).max(200).optional(),
  status: z.enum(contactStatus).optional(),
  contactType: z.enum(contactType).optional(),
  source: z.enum(leadSource).optional(),
  /** Contacts having every one of these tags. */
  tags: z.union([z.string().max(100), z.array(z.string().max(100)).max(20)]).optional(),
  ownerId: id.optional(),
  companyId: id.optional(),
  minLeadScore: z.coerce.number().int().optional(),
  marketingConsent: z.union([z.boolean(), f.queryBool()]).optional(),
});
export const contactListQuery = listQuery.extend(contactFilter.shape).extend({
  /** Apply a saved filter; filters given beside it override its values. */
  filterId: id.optional(),
});

export const savedFilterCreate = z.strictObject({
  name: f.text().min(1).max(200),
  filters: contactFilter,
  /** Visible to the whole team (otherwise only to its creator). */
  isShared: z.boolean().optional(),
});
export const savedFilterRow = savedFilters.row.extend({ filters: contactFilter });

/** `json` takes any JSON value, for structured data a host app keeps on its contacts. */
export const customFieldType = ['text', 'number', 'boolean', 'date', 'select', 'multiselect', 'url', 'email', 'json'] as const;
export type CustomFieldType = (typeof customFieldType)[number];
export const customFieldCreate = z
  .strictObject({
    key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/, 'Expected a key like "industry" or "annual_revenue"'),
    label: f.text().min(1).max(200),
    fieldType: z.enum(customFieldType),
    /** The choices of `select` and `multiselect` fields. */
    options: z.array(z.string().min(1).max(200)).max(200).optional(),
    isRequired: z.boolean().optional(),
  })
  .refine((d) => !['select', 'multiselect'].includes(d.fieldType) || (d.options?.length ?? 0) > 0, {
    message: 'A select field needs options',
    path: ['options'],
  });
export const customFieldUpdate = z.strictObject({
  label: f.text().min(1).max(200).optional(),
  options: z.array(z.string().min(1).max(200)).max(200).optional(),
  isRequired: z.boolean().optional(),
});

/** Everything held on one contact (GDPR access/portability): the row and every row of every table that references it. */
export const contactExport = z.object({
  exportedAt: z.string(),
  contact: contacts.row,
  /** Rows by table name (`contact_activities`, `deal_contacts`, …), each row as stored; tables without rows are listed empty. */
  related: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

/** What an erasure did to each table that references the contact. */
export const contactErasure = z.object({
  contact: contacts.row,
  tables: z.record(z.string(), z.object({ action: z.enum(['kept', 'anonymised', 'deleted']), rows: z.number().int() })),
});

/** The contact fields a merge chooses between; the rest (ids, scores, dates) follow the survivor. */
export const mergeableFields = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'mobile',
  'jobTitle',
  'department',
  'companyName',
  'companyId',
  'linkedIn',
  'twitter',
  'instagram',
  'avatarUrl',
  'addressLine1',
  'addressLine2',
  'city',
  'state',
  'postalCode',
  'country',
  'contactType',
  'status',
  'source',
  'ownerId',
] as const;
export type MergeableField = (typeof mergeableFields)[number];

export const contactMerge = z.strictObject({
  /** The contacts merged into the survivor (the path's contact) and then deleted. */
  duplicateIds: z.array(id).min(1).max(20),
  /**
   * How a field both sides fill is settled: `survivor` keeps the survivor's value, `newest` takes the most recently
   * updated contact's. A field only one side fills is always kept.
   */
  prefer: z.enum(['survivor', 'newest']).default('survivor'),
  /** Per field, the id of the contact (survivor or a duplicate) whose value wins, over `prefer`. */
  fields: z.partialRecord(z.enum(mergeableFields), id).optional(),
});
export const contactMergeResult = z.object({
  contact: contacts.row,
  mergedIds: z.array(z.string()),
  /** Rows re-pointed to the survivor, by table name; rows that would have doubled a survivor's (a list membership) are dropped. */
  moved: z.record(z.string(), z.number().int()),
});

export const duplicateGroup = z.object({
  /** What the contacts share: an email (plus-addressing ignored, `ada+news@x.com` is `ada@x.com`) or a phone (phone or mobile). */
  matchedOn: z.enum(['email', 'phone']),
  value: z.string(),
  contacts: z.array(contacts.row),
});
export const duplicatesQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

const contactsBase = `${base}/contacts`;
export const contactOps = {
  listContacts: defineOperation({
    id: 'crm.contacts.list',
    description:
      'Contacts, newest first, a page at a time: `q` searches name, email and company; filter (status, ' +
      'company, consent, …), or apply a saved filter.',
    method: 'GET',
    path: contactsBase,
    tag,
    summary: 'Contacts, newest first: search by name, email or company (`q`), filter, or apply a saved filter',
    query: contactListQuery,
    response: pageOf(contacts.row),
    roles: staff,
  }),
  getContact: defineOperation({
    id: 'crm.contacts.get',
    description: 'One contact by id, with its custom fields.',
    method: 'GET',
    path: `${contactsBase}/:id`,
    tag,
    summary: 'Get a contact',
    params: idParams,
    response: contacts.row,
    roles: staff,
  }),
  createContact: defineOperation({
    id: 'crm.contacts.create',
    description:
      'Creates a contact. The email is unique in the organization regardless of case (409); phone numbers ' +
      'are stored as E.164; custom fields are checked against their definitions.',
    method: 'POST',
    path: contactsBase,
    tag,
    summary: 'Create a contact (email unique per organization regardless of case; phones stored as E.164)',
    body: contactCreate,
    response: contacts.row,
    status: 201,
    roles: writers,
  }),
  updateContact: defineOperation({
    id: 'crm.contacts.update',
    description: "Changes the fields given. A status change is written to the contact's timeline; the email stays " + 'unique (409).',
    method: 'PATCH',
    path: `${contactsBase}/:id`,
    tag,
    summary: 'Update a contact; a status change is written to its timeline',
    params: idParams,
    body: contactUpdate,
    response: contacts.row,
    roles: writers,
  }),
  exportContact: defineOperation({
    id: 'crm.contacts.export',
    method: 'GET',
    path: `${contactsBase}/:id/export`,
    tag,
    summary: 'Export everything held on a contact as JSON (GDPR access request): every table that references it',
    description:
      'OWNER/ADMIN only. Gathers the contact and every row of every table that references it, found from ' +
      "the schema's foreign keys, so a new table is never left out. A contact of another organization " +
      'answers 404.',
    params: idParams,
    response: contactExport,
    roles: admins,
  }),
  eraseContact: defineOperation({
    id: 'crm.contacts.erase',
    method: 'POST',
    path: `${contactsBase}/:id/erase`,
    tag,
    summary: 'Erase a contact (GDPR): personal fields removed, activity kept anonymised, the address kept suppressed',
    description:
      'The contact row stays, anonymised and DO_NOT_CONTACT, so deals and campaign statistics keep their counts. Notes and form ' +
      'submissions are deleted; timeline entries, tasks and email interactions lose their free text. A hash of the email joins the ' +
      'organization’s suppression list, so an import or a form cannot bring the address back. The erasure itself is recorded ' +
      'without personal data.',
    params: idParams,
    response: contactErasure,
    roles: admins,
  }),
  mergeContacts: defineOperation({
    id: 'crm.contacts.merge',
    method: 'POST',
    path: `${contactsBase}/:id/merge`,
    tag,
    summary: 'Merge duplicates into this contact: everything referencing them moves here, fields chosen by rule or per field',
    description:
      'Rows of every table referencing the duplicates are re-pointed to this contact (rows that would ' +
      'repeat one the survivor already has are dropped); field values follow `prefer` or a per-field pick, ' +
      'tags and custom fields are combined, and the merge is one timeline entry. The duplicates are ' +
      'deleted.',
    params: idParams,
    body: contactMerge,
    response: contactMergeResult,
    roles: writers,
  }),
  listDuplicates: defineOperation({
    id: 'crm.contacts.duplicates',
    method: 'GET',
    path: `${base}/contact-duplicates`,
    tag,
    summary: 'Contacts that look like one person: the same email (ignoring +tags) or the same phone number',
    description: 'Groups of contacts sharing an email (case and +tags ignored) or a phone or mobile number, for review before a merge.',
    query: duplicatesQuery,
    response: z.object({ data: z.array(duplicateGroup) }),
    roles: staff,
  }),
  listSavedFilters: defineOperation({
    id: 'crm.savedFilters.list',
    description: 'Your saved contact filters and those shared with the team.',
    method: 'GET',
    path: `${base}/saved-filters`,
    tag,
    summary: 'Your saved contact filters and the ones shared with the team',
    query: listQuery.omit({ sort: true }),
    response: pageOf(savedFilterRow),
    roles: staff,
  }),
  createSavedFilter: defineOperation({
    id: 'crm.savedFilters.create',
    description:
      'Saves a contact filter under a name, for you or shared with the team; apply it with `savedFilterId` ' + 'on the contact list.',
    method: 'POST',
    path: `${base}/saved-filters`,
    tag,
    summary: 'Save a contact filter',
    body: savedFilterCreate,
    response: savedFilterRow,
    status: 201,
    roles: writers,
  }),
  updateSavedFilter: defineOperation({
    id: 'crm.savedFilters.update',
    description: "Changes a saved filter's name, conditions or sharing: its creator, or an OWNER or ADMIN.",
    method: 'PATCH',
    path: `${base}/saved-filters/:id`,
    tag,
    summary: 'Change a saved filter (its creator, or an OWNER/ADMIN)',
    params: idParams,
    body: savedFilterCreate.partial(),
    response: savedFilterRow,
    roles: writers,
  }),
  deleteSavedFilter: defineOperation({
    id: 'crm.savedFilters.delete',
    description: 'Deletes a saved filter: its creator, or an OWNER or ADMIN.',
    method: 'DELETE',
    path: `${base}/saved-filters/:id`,
    tag,
    summary: 'Delete a saved filter (its creator, or an OWNER/ADMIN)',
    params: idParams,
    response: deleted,
    roles: writers,
  }),
  getSavedFilter: defineOperation({
    id: 'crm.savedFilters.get',
    description: 'One saved filter by id: yours or a shared one.',
    method: 'GET',
    path: `${base}/saved-filters/:id`,
    tag,
    summary: 'Get a saved filter',
    params: idParams,
    response: savedFilterRow,
    roles: staff,
  }),
  createCustomField: defineOperation({
    id: 'crm.customFields.create',
    description:
      'Defines a custom field of contacts: a key, a label, a type, its options and whether it is required. ' +
      "Contacts' `customFields` are then checked against it.",
    method: 'POST',
    path: `${base}/custom-fields`,
    tag,
    summary: 'Define a custom field of contacts',
    body: customFieldCreate,
    response: customFields.row,
    status: 201,
    roles: ['OWNER', 'ADMIN'],
  }),
  updateCustomField: defineOperation({
    id: 'crm.customFields.update',
    description:
      "Changes a custom field's label, options or whether it is required; its key and type stay, so stored " + 'values stay valid.',
    method: 'PATCH',
    path: `${base}/custom-fields/:id`,
    tag,
    summary: 'Relabel a custom field, change its options or whether it is required (its key and type stay)',
    params: idParams,
    body: customFieldUpdate,
    response: customFields.row,
    roles: ['OWNER', 'ADMIN'],
  }),
};

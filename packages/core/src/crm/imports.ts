import * as z from 'zod';
import { defineOperation, idParams, refusedDescription } from '../shared/operation.js';
import { base, id, staff, tag, writers } from './common.js';
import { contactImports } from './rows.gen.js';

// CSV imports of contacts, run as a background job: column mapping, dedupe by email, per-row errors
// with line numbers, progress read from the import's row, resumed from its checkpoint after a crash.

/** The contact fields a CSV column can fill. `tags` splits a cell on `,` or `;`; `marketingConsent` reads yes/no, true/false, 1/0. */
export const contactImportFields = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'mobile',
  'jobTitle',
  'department',
  'companyName',
  'linkedIn',
  'twitter',
  'instagram',
  'addressLine1',
  'addressLine2',
  'city',
  'state',
  'postalCode',
  'country',
  'contactType',
  'status',
  'source',
  'tags',
  'marketingConsent',
  'marketingConsentSource',
] as const;
export type ContactImportField = (typeof contactImportFields)[number];

/** `skip` leaves a contact whose email is already there as it is; `update` writes the file's non-empty cells over it. */
export const importDedupe = ['skip', 'update'] as const;

export const contactImportCreate = z.strictObject({
  /** The CSV, uploaded first with `sdk.platform.files.upload` (UTF-8, a header line, comma-separated). */
  fileId: id,
  /** CSV header → contact field. Columns left out are ignored; `firstName` and `lastName` must be mapped. */
  mapping: z
    .record(z.string().min(1).max(200), z.enum(contactImportFields))
    .refine((m) => Object.keys(m).length <= 100, 'At most 100 columns'),
  dedupe: z.enum(importDedupe).default('skip'),
  /** Check every line and count what would be created, updated, skipped and refused, writing no contact. */
  dryRun: z.boolean().default(false),
});

/** A line the import did not take: its line number in the file, the column and field, and why (never the cell's value). */
export const contactImportError = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string(),
});

export const contactImportStatus = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export const contactImportRow = contactImports.row.extend({
  mapping: z.record(z.string(), z.enum(contactImportFields)),
  dedupe: z.enum(importDedupe),
  status: z.enum(contactImportStatus),
  /** The first 10,000 errors; `errorCount` counts them all. */
  errors: z.array(contactImportError),
});

const importsBase = `${base}/contact-imports`;
const refusal = 'an import is written by its job; start another instead';
export const importOps = {
  createContactImport: defineOperation({
    id: 'crm.contactImports.create',
    method: 'POST',
    path: importsBase,
    tag,
    summary: 'Import contacts from an uploaded CSV in the background; poll the import for progress and per-row errors',
    description:
      'Answers 201 with the import at QUEUED; its job reads the file as a stream in batches, each committed with the ' +
      'import’s counters and checkpoint, so progress (`processedBytes` of `totalBytes`, `processedRows`) shows while it runs and ' +
      'a crashed job resumes after its last batch. Rows are deduplicated by email, against the organization and within the file; ' +
      'addresses erased under GDPR are refused. Running the same file again with `skip` changes nothing. With `dryRun` it ' +
      'checks every line and fills the same counters and errors, writing no contact: what a real run would create, update, ' +
      'skip and refuse.',
    body: contactImportCreate,
    response: contactImportRow,
    status: 201,
    roles: writers,
  }),
  contactImportErrorsCsv: defineOperation({
    id: 'crm.contactImports.errorsCsv',
    method: 'GET',
    path: `${importsBase}/:id/errors.csv`,
    tag,
    summary: 'Download the lines an import did not take as CSV (line, column, field, message)',
    description:
      'A `text/csv` attachment, one row per refused line in file order, for a spreadsheet beside the original file. ' +
      'Like the import’s `errors`, it names the column and field and says why, and never repeats a cell’s value; ' +
      'it holds the first 10,000 (`errorCount` counts them all). Available while the import runs, for what it has read so far.',
    params: idParams,
    response: z.file(),
    responseType: 'binary',
    roles: staff,
  }),
  updateContactImportRefused: defineOperation({
    id: 'crm.contactImports.update',
    description: refusedDescription,
    method: 'PATCH',
    path: `${importsBase}/:id`,
    tag,
    summary: `Not allowed: ${refusal}`,
    params: idParams,
    body: z.unknown(),
    response: z.never(),
    roles: writers,
  }),
  deleteContactImportRefused: defineOperation({
    id: 'crm.contactImports.delete',
    description: refusedDescription,
    method: 'DELETE',
    path: `${importsBase}/:id`,
    tag,
    summary: `Not allowed: ${refusal}`,
    params: idParams,
    response: z.never(),
    roles: writers,
  }),
};

import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams, refusedDescription } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { allRoles, base, id, tag, writers } from './common.js';
import { entryRow } from './entries.js';
import { versions } from './rows.gen.js';

// Versions of an entry: written by saves and restores only; list, get, diff and restore.

export const versionSummary = versions.row.omit({ data: true, meta: true });
export type VersionSummary = z.output<typeof versionSummary>;
export type VersionRow = z.output<typeof versions.row>;
export const versionParams = z.object({ id, number: z.coerce.number().int().min(1) });
export const versionDiffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
/** One field that differs between two versions. */
export const fieldChange = z.object({
  field: z.string(),
  before: f.json().optional(),
  after: f.json().optional(),
  change: z.enum(['added', 'removed', 'changed']),
});
export type FieldChange = z.output<typeof fieldChange>;
export const versionDiff = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(fieldChange) });
export const restoreBody = z.strictObject({
  /** The entry version the restore is based on (or `If-Match`). */
  version: z.number().int().min(1).optional(),
  changeNote: f.text().max(1000).optional(),
});

const readonlyVersions = 'Versions are written by entry saves and restores';
export const versionOps = {
  listVersions: defineOperation({
    id: 'cms.entries.versions.list',
    description: 'The saved versions of an entry, newest first, each with who saved it, when, and the fields it ' + 'changed.',
    method: 'GET',
    path: `${base}/entries/:id/versions`,
    tag,
    summary: 'Versions of an entry, newest first',
    params: idParams,
    query: listQuery.omit({ sort: true }),
    response: pageOf(versionSummary),
    roles: allRoles,
  }),
  getVersion: defineOperation({
    id: 'cms.entries.versions.get',
    description: 'One version of an entry by number, with its full data as saved then.',
    method: 'GET',
    path: `${base}/entries/:id/versions/:number`,
    tag,
    summary: 'One version of an entry, with its data',
    params: versionParams,
    response: versions.row,
    roles: allRoles,
  }),
  diffVersions: defineOperation({
    id: 'cms.entries.versions.diff',
    description:
      'Compares two versions of an entry (`from`, `to`) field by field: what was added, removed or changed, ' + 'with the values of both.',
    method: 'GET',
    path: `${base}/entries/:id/diff`,
    tag,
    summary: 'Field-by-field difference between two versions',
    params: idParams,
    query: versionDiffQuery,
    response: versionDiff,
    roles: allRoles,
  }),
  restoreVersion: defineOperation({
    id: 'cms.entries.versions.restore',
    description:
      "Copies a version's data into the entry as a new version. The entry's status is unchanged: restoring " + 'never publishes.',
    method: 'POST',
    path: `${base}/entries/:id/versions/:number/restore`,
    tag,
    summary: 'Restore a version into the draft as a new version (never publishes)',
    params: versionParams,
    body: restoreBody,
    response: entryRow,
    roles: writers,
  }),
  /** The generic resource's writes are closed: history is written only by saves. */
  createVersionRefused: defineOperation({
    id: 'cms.versions.create',
    description: refusedDescription,
    method: 'POST',
    path: `${base}/versions`,
    tag,
    summary: `Not allowed: ${readonlyVersions}`,
    body: z.unknown(),
    response: z.never(),
    roles: writers,
  }),
  updateVersionRefused: defineOperation({
    id: 'cms.versions.update',
    description: refusedDescription,
    method: 'PATCH',
    path: `${base}/versions/:id`,
    tag,
    summary: `Not allowed: ${readonlyVersions}`,
    params: idParams,
    body: z.unknown(),
    response: z.never(),
    roles: writers,
  }),
  deleteVersionRefused: defineOperation({
    id: 'cms.versions.delete',
    description: refusedDescription,
    method: 'DELETE',
    path: `${base}/versions/:id`,
    tag,
    summary: `Not allowed: ${readonlyVersions}; maxVersions prunes them`,
    params: idParams,
    response: z.never(),
    roles: writers,
  }),
};

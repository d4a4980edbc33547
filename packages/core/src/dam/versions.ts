import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { base, tag, writers } from './common.js';
import { assets, versions } from './rows.gen.js';

// Versions of an asset: a new file (UPDATE, REVISION) or an earlier one brought back (RESTORE) becomes
// the one current version, the asset points at its file, and its renditions are made again. The asset
// keeps its id, so whatever uses it keeps pointing at it.

export const versionUploadQuery = z.object({
  changeType: z.enum(['UPDATE', 'REVISION']).default('UPDATE'),
  changeNote: f.text().max(2000).optional(),
  fileName: f.text().max(255).optional(),
});
export const versionRestore = z.strictObject({ changeNote: f.text().max(2000).optional() });
export const versionResult = z.object({ asset: assets.row, version: versions.row });

export const versionOps = {
  uploadVersion: defineOperation({
    id: 'dam.assets.uploadVersion',
    description:
      'Uploads a new version of an asset as the raw request body. It becomes the current version, the old ' +
      'ones stay, and the renditions are made again.',
    method: 'POST',
    path: `${base}/assets/:id/versions`,
    tag,
    summary: 'Upload a new version of an asset as the raw request body (its renditions are made again)',
    params: idParams,
    query: versionUploadQuery,
    bodyType: 'binary',
    response: versionResult,
    status: 201,
    roles: writers,
  }),
  restoreVersion: defineOperation({
    id: 'dam.versions.restore',
    description:
      'Makes an earlier version current again by adding a new version of kind RESTORE with its bytes; ' + 'history is never rewritten.',
    method: 'POST',
    path: `${base}/versions/:id/restore`,
    tag,
    summary: 'Make an earlier version current again, as a new RESTORE version',
    params: idParams,
    body: versionRestore,
    response: versionResult,
    status: 201,
    roles: writers,
  }),
};

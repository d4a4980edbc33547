import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { allRoles, base, id, tag, writers } from './common.js';
import { licenseType } from './enums.js';
import { assets, renditions } from './rows.gen.js';

// Uploads into a library (multipart from forms, a raw byte stream from server code), and the
// renditions the job queue makes of them.

/** A library's upload rules (`settings` of `asset_libraries`); every key is optional. */
export const librarySettings = z.looseObject({
  /** Media types allowed, with wildcards: `image/*`, `video/*`, `application/pdf`. Empty or absent: any type. */
  allowedFileTypes: z.array(z.string().max(200)).max(100).optional(),
  /** Largest file in bytes. */
  maxFileSize: z.number().int().positive().optional(),
  /**
   * How stored file names are built: `{client}`, `{project}`, `{library}`, `{folder}`, `{date}` (YYYYMMDD),
   * `{name}` (the uploaded name) and `{user}`; empty tokens drop out with their separator. The extension
   * of the sniffed type is appended.
   */
  namingConvention: z.string().max(500).optional(),
  /** Uploads wait as PENDING for approval; otherwise they are APPROVED at once. */
  requireApproval: z.boolean().optional(),
  /** Uploads are tagged (OCR, objects, faces, labels from names, EXIF and colours) by a job. */
  autoTagging: z.boolean().optional(),
});
export type LibrarySettings = z.output<typeof librarySettings>;

const tagList = z
  .union([z.array(f.text().max(100)).max(100), z.string().max(5000)])
  .transform((v) => (typeof v === 'string' ? v.split(',') : v).map((t) => t.trim()).filter(Boolean))
  .describe('Tags, as a list or comma-separated');

/** What describes an upload besides its bytes (query parameters of the streaming upload, parts of the multipart one). */
export const uploadFields = z.object({
  libraryId: id,
  folderId: id.optional().describe('A folder of the library; its `defaultMetadata` applies'),
  fileName: f.text().max(255).optional().describe("The file's name as the user had it (the part's file name by default)"),
  name: f.text().max(500).optional().describe("The asset's display name (default: the file name without extension)"),
  description: f.longText().max(20_000).optional(),
  tags: tagList.optional(),
  projectId: id.optional().describe('The project, for `{project}` in the naming convention'),
});
export const multipartUpload = uploadFields.extend({
  file: z.file({ error: 'Required: the file to upload' }).describe('The bytes; the type is sniffed from them, whatever the part claims'),
});

/** An asset of the same library with the same SHA-256. */
export const duplicate = z.object({ id: z.string(), name: z.string(), folderId: z.string().nullable() });
export const uploadResult = z.object({
  asset: assets.row,
  /** SHA-256 of the bytes, hex. */
  checksum: z.string(),
  /** The sniffed media type. */
  mimeType: z.string(),
  size: z.number(),
  /** Assets of the library holding the same bytes (reported, not refused). */
  duplicates: z.array(duplicate),
});

/** A rendition with where to load it: a content-addressed URL once COMPLETED, else null. */
export const renditionWithUrl = renditions.row.extend({ url: z.string().nullable() });

export const uploadOps = {
  uploadAsset: defineOperation({
    id: 'dam.assets.upload',
    description:
      "Uploads one file into a library (or a folder of it) as `multipart/form-data`. The library's allowed " +
      'types and maximum size are enforced (415, 413); the asset gets its first version, and its renditions ' +
      'are queued.',
    method: 'POST',
    path: `${base}/assets/upload`,
    tag,
    summary: 'Upload a file into a library or folder (multipart/form-data)',
    body: multipartUpload,
    bodyType: 'multipart',
    response: uploadResult,
    status: 201,
    roles: writers,
  }),
  streamUpload: defineOperation({
    id: 'dam.assets.uploadStream',
    description:
      'Uploads one file as the raw request body, streamed without buffering; its name, library and folder ' +
      'ride in the query. The same rules as the multipart upload apply.',
    method: 'POST',
    path: `${base}/assets/upload-stream`,
    tag,
    summary: 'Upload a file as the raw request body, streamed (server code: the SDK sends Buffers and streams this way)',
    query: uploadFields,
    bodyType: 'binary',
    response: uploadResult,
    status: 201,
    roles: writers,
  }),
  assetRenditions: defineOperation({
    id: 'dam.assets.renditions',
    description:
      "The renditions of an asset's current version, each with its status (PENDING, PROCESSING, COMPLETED or FAILED) and, " +
      'once completed, its URL.',
    method: 'GET',
    path: `${base}/assets/:id/renditions`,
    tag,
    summary: "An asset's renditions with their status and URLs",
    params: idParams,
    response: z.object({ data: z.array(renditionWithUrl) }),
    roles: allRoles,
  }),
  retryRendition: defineOperation({
    id: 'dam.renditions.retry',
    description: 'Queues a FAILED rendition again: it returns to PENDING and a worker makes it.',
    method: 'POST',
    path: `${base}/renditions/:id/retry`,
    tag,
    summary: 'Make a FAILED rendition again (it goes back to PENDING and the job queue takes it)',
    params: idParams,
    response: renditions.row,
    roles: writers,
  }),
  renditionContent: defineOperation({
    id: 'dam.renditions.content',
    description: "Serves a rendition's bytes at a URL named by their SHA-256, so it can be cached forever; needs no " + 'credentials.',
    method: 'GET',
    path: `${base}/renditions/:id/:file`,
    tag,
    summary: "A rendition's bytes under its content-addressed URL (`<sha256>.<ext>`), cacheable forever",
    params: z.object({ id, file: z.string().max(100) }),
    response: z.file(),
    responseType: 'binary',
    auth: 'public',
  }),
};

/**
 * What a folder's `defaultMetadata` may hold: these keys fill the asset's own fields on upload (tags are
 * added to the upload's); any other key is copied into the asset's `metadata`. A key of the wrong shape is ignored.
 */
export const folderDefaults = z.looseObject({
  tags: z.array(f.text().max(100)).max(100).optional().catch(undefined),
  license: z.enum(licenseType).optional().catch(undefined),
  licenseDetails: f.json().optional().catch(undefined),
  copyrightHolder: f.text().optional().catch(undefined),
  copyrightYear: f.int().optional().catch(undefined),
  usageRights: f.longText().optional().catch(undefined),
});

// The tus resumable upload protocol (https://tus.io/protocols/resumable-upload), which Uppy's tus plugin and
// tus-js-client speak: create with POST (metadata `libraryId`, `folderId`, `filename`, `name`, `tags`,
// `description`, `projectId`), then HEAD for the offset and PATCH from it, on any instance. The last PATCH
// replies 200 with the upload's result (`uploadResult`).
const tusReply = z.unknown().describe('A tus protocol reply (status and Upload-* headers); the last PATCH carries `uploadResult` as JSON');
const tusParams = z.object({ id: z.string().min(1).max(64) });
export const tusOps = {
  tusCreate: defineOperation({
    id: 'dam.tus.create',
    description:
      'Starts a resumable upload (tus 1.0 creation). `Upload-Length` is the size; `Upload-Metadata` carries ' +
      "the file name, type, library and folder. The library's rules are checked before any byte is stored.",
    method: 'POST',
    path: `${base}/tus`,
    tag,
    summary: 'Start a resumable (tus) upload into a library; `Upload-Metadata` names the library and folder',
    bodyType: 'binary',
    response: tusReply,
    status: 201,
    roles: writers,
  }),
  tusOffset: defineOperation({
    id: 'dam.tus.offset',
    description:
      'Tells a tus client how many bytes of the upload have arrived (`Upload-Offset`), so it resumes from ' + 'there after a break.',
    method: 'GET',
    path: `${base}/tus/:id`,
    tag,
    summary: 'How much of a tus upload has arrived (HEAD: `Upload-Offset`)',
    params: tusParams,
    response: tusReply,
    roles: writers,
  }),
  tusPatch: defineOperation({
    id: 'dam.tus.patch',
    description: 'Appends bytes to a tus upload at `Upload-Offset`. The chunk that completes it creates the asset.',
    method: 'PATCH',
    path: `${base}/tus/:id`,
    tag,
    summary: 'Send more bytes of a tus upload from its offset; the last one creates the asset',
    params: tusParams,
    bodyType: 'binary',
    response: tusReply,
    status: 204,
    roles: writers,
  }),
  tusTerminate: defineOperation({
    id: 'dam.tus.terminate',
    description: 'Abandons a tus upload and deletes the bytes received so far.',
    method: 'DELETE',
    path: `${base}/tus/:id`,
    tag,
    summary: 'Abandon a tus upload and drop what arrived',
    params: tusParams,
    response: tusReply,
    status: 204,
    roles: writers,
  }),
};

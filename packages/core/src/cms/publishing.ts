import * as z from 'zod';
import { locale } from '../platform/contracts.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { base, tag, writers } from './common.js';
import { entryRow } from './entries.js';
import { localizations } from './rows.gen.js';

// Publishing: an entry (or one locale) goes live, offline, archived or back.

export const publishBody = z.strictObject({
  /** Publish one translation (or the source locale); default: the entry's source locale. */
  locale: locale.optional(),
  /** Publish only if the draft is still at this version (what the publisher saw); 409 otherwise. */
  version: z.number().int().min(1).optional(),
});
export const unpublishBody = z.strictObject({ locale: locale.optional() });
/** The entry after a publish action, and the translation when one locale other than the source was acted on. */
export const publishResult = z.object({ entry: entryRow, localization: localizations.row.nullable() });

export const publishingOps = {
  publishEntry: defineOperation({
    id: 'cms.entries.publish',
    method: 'POST',
    path: `${base}/entries/:id/publish`,
    tag,
    summary:
      "Publish now: the draft (or one locale's translation) goes live after validation (required fields, image alt text, workflow " +
      'approval)',
    description:
      'The source and every locale go through the one readiness check (`GET /v1/cms/entries/{id}/readiness` shows it): 409 ' +
      'when the entry is archived or, under an approval workflow, not approved; 400 naming each field under `data.` for ' +
      'missing or invalid values and images without alt text. A translation (`locale`) must be APPROVED and goes live over ' +
      "its source's published version: the source must be live (409 otherwise), and the non-localized fields served in " +
      'that locale are the ones the source has live, never its unpublished draft.',
    params: idParams,
    body: publishBody,
    response: publishResult,
    roles: writers,
  }),
  unpublishEntry: defineOperation({
    id: 'cms.entries.unpublish',
    description:
      'Takes the entry offline in its source locale (or in one `locale`): delivery stops serving it. The ' +
      'content and its versions stay.',
    method: 'POST',
    path: `${base}/entries/:id/unpublish`,
    tag,
    summary: 'Take the source locale (or one locale) offline',
    params: idParams,
    body: unpublishBody,
    response: publishResult,
    roles: writers,
  }),
  archiveEntry: defineOperation({
    id: 'cms.entries.archive',
    description:
      'Archives an entry: every locale goes offline and pending schedules are cancelled. Unarchive brings ' + 'it back as a DRAFT.',
    method: 'POST',
    path: `${base}/entries/:id/archive`,
    tag,
    summary: 'Archive an entry: every locale goes offline, pending schedules are cancelled',
    params: idParams,
    response: entryRow,
    roles: writers,
  }),
  unarchiveEntry: defineOperation({
    id: 'cms.entries.unarchive',
    description: 'Brings an archived entry back as a DRAFT; publish it again to put it online.',
    method: 'POST',
    path: `${base}/entries/:id/unarchive`,
    tag,
    summary: 'Bring an archived entry back as a DRAFT',
    params: idParams,
    response: entryRow,
    roles: writers,
  }),
};

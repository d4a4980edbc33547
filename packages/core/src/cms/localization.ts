import * as z from 'zod';
import { locale } from '../platform/contracts.js';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { seoMeta } from './entries.js';
import { allRoles, base, deleted, id, slug, tag, writers } from './common.js';
import { localizationStatus } from './enums.js';
import { localizations } from './rows.gen.js';

// Translations of entries per organization locale, and the missing-translations report of a content type.

export type LocalizationRow = z.output<typeof localizations.row>;
export const localeParams = z.object({ id, locale });
export const localizationPut = z.strictObject({
  /** Values of the type's localized fields in this locale; other fields are shared from the source entry. */
  data: z.record(z.string(), f.json()),
  slug: slug.optional(),
  /**
   * This locale's SEO and social fields; the ones left empty are served from the source entry's. Replaces the
   * translation's previous ones when given.
   */
  meta: seoMeta.optional(),
  /** Translation status (default: IN_PROGRESS for a new translation; REVIEW and APPROVED need every required localized field). */
  status: z.enum(localizationStatus).optional(),
});
export const localizationCreate = localizationPut.extend({ entryId: id, locale });
export const localizationUpdate = localizationPut.partial();
export const missingTranslationsQuery = listQuery.omit({ sort: true }).extend({ locale: f.text().max(35).optional() });
/** One entry with translation gaps: per org locale (other than its own), what is missing. */
export const missingTranslation = z.object({
  entryId: z.string(),
  title: z.string(),
  locale: z.string(),
  /** Locales with no translation at all. */
  missing: z.array(z.string()),
  /** Locales whose translation is older than the last change of a localized source field. */
  outdated: z.array(z.string()),
  /** Locales with a translation not yet APPROVED (and not OUTDATED): PENDING, IN_PROGRESS or REVIEW. */
  notApproved: z.array(z.string()),
});
export const missingTranslationsReport = pageOf(missingTranslation).extend({
  locales: z.array(z.string()),
  /** Per locale, over every entry of the type: how many lack it, are outdated, are not approved. */
  summary: z.record(
    z.string(),
    z.object({ missing: z.number().int(), outdated: z.number().int(), notApproved: z.number().int(), approved: z.number().int() }),
  ),
});

export const localizationOps = {
  listTranslations: defineOperation({
    id: 'cms.entries.translations.list',
    description: 'The translations of an entry, one per locale, with their status and whether they are current with ' + 'the source.',
    method: 'GET',
    path: `${base}/entries/:id/localizations`,
    tag,
    summary: 'Translations of an entry',
    params: idParams,
    response: z.object({ data: z.array(localizations.row) }),
    roles: allRoles,
  }),
  getTranslation: defineOperation({
    id: 'cms.entries.translations.get',
    description: "An entry's translation in one locale: its localized data, title, slug and status.",
    method: 'GET',
    path: `${base}/entries/:id/localizations/:locale`,
    tag,
    summary: 'The translation of an entry in one locale',
    params: localeParams,
    response: localizations.row,
    roles: allRoles,
  }),
  putTranslation: defineOperation({
    id: 'cms.entries.translations.put',
    description:
      "Creates or replaces the translation of an entry in one of the organization's locales. Only the " +
      "type's localized fields are taken, validated like the entry's data.",
    method: 'PUT',
    path: `${base}/entries/:id/localizations/:locale`,
    tag,
    summary: 'Create or update the translation of an entry in one of the organization locales',
    params: localeParams,
    body: localizationPut,
    response: localizations.row,
    roles: writers,
  }),
  deleteTranslation: defineOperation({
    id: 'cms.entries.translations.delete',
    description: "Deletes an entry's translation in one locale; delivery falls back to the default locale.",
    method: 'DELETE',
    path: `${base}/entries/:id/localizations/:locale`,
    tag,
    summary: 'Delete a translation',
    params: localeParams,
    response: deleted,
    roles: writers,
  }),
  createLocalization: defineOperation({
    id: 'cms.localizations.create',
    description:
      'Creates a translation row directly; prefer `PUT /v1/cms/entries/{id}/localizations/{locale}`, which ' +
      'validates it against the type.',
    method: 'POST',
    path: `${base}/localizations`,
    tag,
    summary: 'Create a translation',
    body: localizationCreate,
    response: localizations.row,
    status: 201,
    roles: writers,
  }),
  updateLocalization: defineOperation({
    id: 'cms.localizations.update',
    description: "Changes a translation row by id; prefer the PUT of an entry's locale, which validates it against the type.",
    method: 'PATCH',
    path: `${base}/localizations/:id`,
    tag,
    summary: 'Update a translation',
    params: idParams,
    body: localizationUpdate,
    response: localizations.row,
    roles: writers,
  }),
  deleteLocalization: defineOperation({
    id: 'cms.localizations.delete',
    description: 'Deletes a translation row by id; delivery falls back to the default locale.',
    method: 'DELETE',
    path: `${base}/localizations/:id`,
    tag,
    summary: 'Delete a translation',
    params: idParams,
    response: deleted,
    roles: writers,
  }),
  missingTranslations: defineOperation({
    id: 'cms.contentTypes.missingTranslations',
    description:
      'For a content type: each entry with the organization locales in which it has no approved ' +
      'translation, or one older than the source.',
    method: 'GET',
    path: `${base}/content-types/:id/missing-translations`,
    tag,
    summary: 'Entries of the type lacking an approved, current translation in some organization locale',
    params: idParams,
    query: missingTranslationsQuery,
    response: missingTranslationsReport,
    roles: allRoles,
  }),
};

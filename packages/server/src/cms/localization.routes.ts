import { localizationOps as ops } from '@spokestack/core/cms';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import {
  createTranslation,
  deleteTranslation,
  getTranslation,
  listTranslations,
  missingTranslations,
  putTranslation,
  updateTranslation,
} from './localization.js';

/** Translations of entries, by entry and locale or by id, and the missing-translations report. @example localizationRoutes(router, db) */
export function localizationRoutes(router: Router, db: Db): void {
  router.on(ops.listTranslations, ({ ctx, params }) => listTranslations(db, ctx, params.id));
  router.on(ops.getTranslation, ({ ctx, params }) => getTranslation(db, ctx, params.id, params.locale));
  router.on(ops.putTranslation, ({ ctx, params, body }) => putTranslation(db, ctx, params.id, params.locale, body));
  router.on(ops.deleteTranslation, ({ ctx, params }) => deleteTranslation(db, ctx, { entryId: params.id, locale: params.locale }));
  router.on(ops.createLocalization, ({ ctx, body }) => createTranslation(db, ctx, body));
  router.on(ops.updateLocalization, ({ ctx, params, body }) => updateTranslation(db, ctx, params.id, body));
  router.on(ops.deleteLocalization, ({ ctx, params }) => deleteTranslation(db, ctx, { id: params.id }));
  router.on(ops.missingTranslations, ({ ctx, params, query }) => missingTranslations(db, ctx, params.id, query));
}

import { cmsOps as ops } from '@spokestack/core/cms';
import type { Context } from 'hono';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../http/env.js';
import { HttpError, badRequest } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import {
  checkSchemaChange,
  createContentType,
  deleteContentType,
  getContentType,
  listContentTypes,
  updateContentType,
} from './content-types.js';
import { cmsContext, createEntry, deleteEntry, getEntry, listEntries, restoreVersion, updateEntry } from './entries.js';
import {
  createTranslation,
  deleteTranslation,
  getTranslation,
  listTranslations,
  missingTranslations,
  putTranslation,
  updateTranslation,
} from './localization.js';
import {
  createCategory,
  createTag,
  deleteCategory,
  deleteTag,
  getCategory,
  getTag,
  listCategories,
  listTags,
  updateCategory,
  updateTag,
} from './taxonomy.js';
import { diffVersions, getVersions, listVersions } from './versions.js';

/**
 * The version a write is based on: the body's `version`, or the `If-Match` header (`"3"` or `W/"3"`;
 * `*` means any). Both may be sent only when they agree.
 */
export function expectedVersion(c: Context<AppEnv>, bodyVersion: number | undefined): number | undefined {
  const header = c.req.header('if-match')?.trim();
  if (!header || header === '*') return bodyVersion;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header);
  if (!match) throw badRequest([{ path: 'headers.if-match', message: 'Expected an entity tag like "3" (the entry version)' }]);
  const version = Number(match[1]);
  if (bodyVersion !== undefined && bodyVersion !== version)
    throw badRequest([{ path: 'body.version', message: `Disagrees with If-Match (${version})` }]);
  return version;
}

/** Sets the entry's `ETag` (its version) on the reply. */
const tagged = <T extends { version: number }>(c: Context<AppEnv>, entry: T): T => {
  c.header('ETag', `"${entry.version}"`);
  return entry;
};

const refuseVersionWrites = () => {
  throw new HttpError(
    405,
    'https://spokestack.dev/problems/method-not-allowed',
    'Method not allowed',
    'Versions are written by entry saves and restores, and pruned by maxVersions',
  );
};

/**
 * Routes of CMS content: content types (schema checks, migrations, missing-translations report),
 * entries (validation, search, optimistic concurrency), versions (list, diff, restore), translations,
 * tags and categories. They replace the generic CRUD of those resources.
 *
 * @example registerContentRoutes(deps) // from registerCmsRoutes, before the generic CRUD
 */
export function registerContentRoutes(deps: AppDeps): void {
  const { db, clock, router } = deps;
  const cms = (ctx: TenantContext) => cmsContext(ctx, clock);

  router.on(ops.listContentTypes, ({ ctx, query }) => listContentTypes(db, cms(ctx), query));
  router.on(ops.getContentType, ({ ctx, params }) => getContentType(db, cms(ctx), params.id));
  router.on(ops.createContentType, ({ ctx, body }) => createContentType(db, cms(ctx), body));
  router.on(ops.updateContentType, ({ ctx, params, body }) => updateContentType(db, cms(ctx), params.id, body));
  router.on(ops.deleteContentType, ({ ctx, params }) => deleteContentType(db, cms(ctx), params.id));
  router.on(ops.checkSchema, ({ ctx, params, body }) => checkSchemaChange(db, cms(ctx), params.id, body));
  router.on(ops.missingTranslations, ({ ctx, params, query }) => missingTranslations(db, cms(ctx), params.id, query));

  router.on(ops.listEntries, ({ ctx, query }) => listEntries(db, cms(ctx), query));
  router.on(ops.getEntry, async ({ ctx, params, c }) => {
    const entry = await getEntry(db, cms(ctx), params.id);
    if (c.req.header('if-none-match') === `"${entry.version}"`) return c.body(null, 304, { ETag: `"${entry.version}"` });
    return tagged(c, entry);
  });
  router.on(ops.createEntry, async ({ ctx, body, c }) => tagged(c, await createEntry(db, cms(ctx), body)));
  router.on(ops.updateEntry, async ({ ctx, params, body, c }) =>
    tagged(c, await updateEntry(db, cms(ctx), params.id, { ...body, version: expectedVersion(c, body.version) })),
  );
  router.on(ops.deleteEntry, ({ ctx, params, query, c }) => deleteEntry(db, cms(ctx), params.id, expectedVersion(c, query.version)));

  router.on(ops.listVersions, async ({ ctx, params, query }) => {
    const context = cms(ctx);
    await getEntry(db, context, params.id);
    return listVersions(db, context, params.id, query);
  });
  router.on(ops.getVersion, async ({ ctx, params }) => {
    const context = cms(ctx);
    await getEntry(db, context, params.id);
    const [version] = await getVersions(db, context, params.id, [params.number]);
    return version!;
  });
  router.on(ops.diffVersions, async ({ ctx, params, query }) => {
    const context = cms(ctx);
    await getEntry(db, context, params.id);
    return diffVersions(db, context, params.id, query.from, query.to);
  });
  router.on(ops.restoreVersion, async ({ ctx, params, body, c }) =>
    tagged(
      c,
      await restoreVersion(db, cms(ctx), params.id, params.number, {
        expectedVersion: expectedVersion(c, body.version),
        changeNote: body.changeNote,
      }),
    ),
  );
  router.on(ops.createVersionRefused, refuseVersionWrites);
  router.on(ops.updateVersionRefused, refuseVersionWrites);
  router.on(ops.deleteVersionRefused, refuseVersionWrites);

  router.on(ops.listTranslations, ({ ctx, params }) => listTranslations(db, cms(ctx), params.id));
  router.on(ops.getTranslation, ({ ctx, params }) => getTranslation(db, cms(ctx), params.id, params.locale));
  router.on(ops.putTranslation, ({ ctx, params, body }) => putTranslation(db, cms(ctx), params.id, params.locale, body));
  router.on(ops.deleteTranslation, ({ ctx, params }) => deleteTranslation(db, cms(ctx), { entryId: params.id, locale: params.locale }));
  router.on(ops.createLocalization, ({ ctx, body }) => createTranslation(db, cms(ctx), body));
  router.on(ops.updateLocalization, ({ ctx, params, body }) => updateTranslation(db, cms(ctx), params.id, body));
  router.on(ops.deleteLocalization, ({ ctx, params }) => deleteTranslation(db, cms(ctx), { id: params.id }));

  router.on(ops.listTags, ({ ctx, query }) => listTags(db, cms(ctx), query));
  router.on(ops.getTag, ({ ctx, params }) => getTag(db, cms(ctx), params.id));
  router.on(ops.createTag, ({ ctx, body }) => createTag(db, cms(ctx), body));
  router.on(ops.updateTag, ({ ctx, params, body }) => updateTag(db, cms(ctx), params.id, body));
  router.on(ops.deleteTag, ({ ctx, params }) => deleteTag(db, cms(ctx), params.id));

  router.on(ops.listCategories, ({ ctx, query }) => listCategories(db, cms(ctx), query));
  router.on(ops.getCategory, ({ ctx, params }) => getCategory(db, cms(ctx), params.id));
  router.on(ops.createCategory, ({ ctx, body }) => createCategory(db, cms(ctx), body));
  router.on(ops.updateCategory, ({ ctx, params, body }) => updateCategory(db, cms(ctx), params.id, body));
  router.on(ops.deleteCategory, ({ ctx, params, query }) => deleteCategory(db, cms(ctx), params.id, { cascade: query.cascade }));
}

import type { LocalizationStatus, localizationPut } from '@spokestack/core/cms';
import { and, asc, count, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { pageLimit } from '../db/paging.js';
import { checkReferences, scopeOf, tableInfo } from '../db/resource-service.js';
import { badRequest, conflict, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { type StoredContentType, getContentType } from './content-types.js';
import { checkData, checkRefs, checkUnique, conflictError, dataError, titleFor } from './entry-data.js';
import { type Entry, type Localization, getEntry, lockEntry, lockTranslation, orgLocales } from './entry-rows.js';
import { contentEntries, contentLocalizations } from './schema.js';
import { allocateSlug, lockTypeLocale, slugify } from './slugs.js';
import { type EntryData, changedFieldsOf, sameJson } from './versions.js';

// A translation is a `content_localizations` row of an entry: the values of the type's localized
// fields in one of the organization's locales (other fields are shared with the source entry), with
// its own title, slug, translation status and publish state.

type PutInput = z.output<typeof localizationPut>;

/**
 * The SEO and social fields a translation sets itself: blank ones (and `noIndex: false`) are left out,
 * so delivery serves the source's for them; null when it sets none.
 */
function ownSeo(meta: NonNullable<PutInput['meta']>): EntryData | null {
  const own = Object.entries(meta).filter(
    ([, v]) => v !== null && v !== undefined && v !== '' && v !== false && !(Array.isArray(v) && !v.length),
  );
  return own.length ? (Object.fromEntries(own) as EntryData) : null;
}

const entryInfo = tableInfo(contentEntries);

/** Statuses that claim the translation is complete, so every required localized field must be there. */
const complete: readonly LocalizationStatus[] = ['REVIEW', 'APPROVED'];

/**
 * The translations of an entry the caller can see.
 *
 * @example const { data } = await listTranslations(db, ctx, entry.id)
 */
export async function listTranslations(db: Db, ctx: TenantContext, entryId: string) {
  await getEntry(db, ctx, entryId);
  const data = await db
    .select()
    .from(contentLocalizations)
    .where(and(eq(contentLocalizations.organizationId, ctx.organizationId), eq(contentLocalizations.entryId, entryId)))
    .orderBy(asc(contentLocalizations.locale));
  return { data };
}

/**
 * The translation of an entry in one locale; 404 when there is none.
 *
 * @example const fr = await getTranslation(db, ctx, entry.id, 'fr')
 */
export async function getTranslation(db: Db, ctx: TenantContext, entryId: string, locale: string): Promise<Localization> {
  await getEntry(db, ctx, entryId);
  const [row] = await db
    .select()
    .from(contentLocalizations)
    .where(
      and(
        eq(contentLocalizations.organizationId, ctx.organizationId),
        eq(contentLocalizations.entryId, entryId),
        eq(contentLocalizations.locale, locale),
      ),
    );
  if (!row) throw notFound(`Translation "${locale}"`);
  return row;
}

/**
 * Writes a translation: the locale must be one of the organization's (and not the source's own), only
 * localized fields may be given, each is validated by its type, and required ones must be there once
 * the status is REVIEW or APPROVED. The title follows the type's title field when it is localized
 * (else the source title); the slug is derived from it, unique per (type, locale).
 */
async function saveTranslation(
  tx: Db,
  ctx: TenantContext,
  entry: Entry,
  type: StoredContentType,
  locale: string,
  existing: Localization | undefined,
  input: Partial<PutInput> & { data?: Record<string, Json> },
  paths = { locale: 'params.locale' },
) {
  const { locales } = await orgLocales(tx, ctx);
  if (!locales.includes(locale))
    throw badRequest([{ path: paths.locale, message: `Not one of the organization locales (${locales.join(', ')})` }]);
  if (locale === entry.locale)
    throw badRequest([{ path: paths.locale, message: `"${locale}" is the entry's own locale; edit the entry itself` }]);
  const before = (existing?.data ?? {}) as EntryData;
  const given = input.data ?? before;
  const meta = input.meta ? ownSeo(input.meta) : ((existing?.meta ?? null) as EntryData | null);
  if (meta?.ogImageId)
    await checkReferences(tx, entryInfo, ctx, { ogImageId: meta.ogImageId }).catch(() => {
      throw badRequest([{ path: 'body.meta.ogImageId', message: 'No file with this id' }]);
    });
  const dataChanged = !existing || !sameJson(before, given) || !sameJson(existing.meta ?? null, meta);
  const status: LocalizationStatus =
    input.status ??
    (existing
      ? dataChanged && (existing.status === 'OUTDATED' || existing.status === 'PENDING')
        ? 'IN_PROGRESS'
        : existing.status
      : Object.keys(given).length
        ? 'IN_PROGRESS'
        : 'PENDING');
  const { data, issues, refs } = checkData(type.schema, given, { mode: 'translation', required: complete.includes(status) });
  issues.push(...(await checkRefs(tx, ctx, refs)));
  if (issues.length) throw dataError(issues);
  await lockTypeLocale(tx, ctx, type.id, locale);
  const unique = await checkUnique(
    tx,
    ctx,
    type,
    locale,
    Object.fromEntries(
      changedFieldsOf(before, data)
        .filter((k) => k in data)
        .map((k) => [k, data[k]!]),
    ),
    entry.id,
    'translation',
  );
  if (unique.length) throw conflictError(unique);

  const localizedTitle = type.schema.fields.find((f) => f.name === type.titleField)?.localized && typeof data[type.titleField] === 'string';
  const title = localizedTitle ? titleFor(type, data) : entry.title;
  let slug = existing?.slug;
  if (input.slug !== undefined && input.slug !== existing?.slug)
    slug = await allocateSlug(tx, ctx, type.id, locale, { base: input.slug, explicit: true }, { localizationId: existing?.id });
  else if (!slug) slug = await allocateSlug(tx, ctx, type.id, locale, { base: slugify(title) }, { localizationId: existing?.id });

  const translated = dataChanged ? { translatedById: ctx.actor.id, translatedAt: ctx.now } : {};
  const values = { data, meta, title, slug, status, ...translated, updatedAt: ctx.now };
  const [row] = existing
    ? await tx.update(contentLocalizations).set(values).where(eq(contentLocalizations.id, existing.id)).returning()
    : await tx
        .insert(contentLocalizations)
        .values({ ...values, organizationId: ctx.organizationId, entryId: entry.id, locale, createdAt: ctx.now })
        .returning();
  await recordActivity(tx, ctx, {
    action: dataChanged ? 'translated' : 'translation_updated',
    entityType: 'content_entries',
    entityId: entry.id,
    entityTitle: entry.title,
    clientId: entry.clientId,
    projectId: entry.projectId,
    metadata: { locale, status, ...(existing ? { from: existing.status } : {}), changedFields: changedFieldsOf(before, data) },
  });
  return row!;
}

/**
 * Creates or replaces the translation of an entry in one locale (`data` replaces the translated values).
 *
 * @example await putTranslation(db, ctx, entry.id, 'fr', { data: { title: 'Bonjour' }, status: 'REVIEW' })
 */
export async function putTranslation(db: Db, ctx: TenantContext, entryId: string, locale: string, input: PutInput): Promise<Localization> {
  return transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, entryId);
    const type = await getContentType(tx, ctx, entry.contentTypeId);
    return saveTranslation(tx, ctx, entry, type, locale, await lockTranslation(tx, ctx, entryId, locale), input);
  });
}

/**
 * Creates a translation (409 when the entry already has one in that locale).
 *
 * @example await createTranslation(db, ctx, { entryId, locale: 'de', data: { title: 'Hallo' } })
 */
export async function createTranslation(
  db: Db,
  ctx: TenantContext,
  input: PutInput & { entryId: string; locale: string },
): Promise<Localization> {
  return transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, input.entryId).catch(() => {
      throw badRequest([{ path: 'body.entryId', message: 'No entry with this id' }]);
    });
    const type = await getContentType(tx, ctx, entry.contentTypeId);
    if (await lockTranslation(tx, ctx, entry.id, input.locale))
      throw conflict(`The entry already has a "${input.locale}" translation`, {}, [
        { path: 'body.entryId', message: 'Already translated into this locale; update the translation instead' },
        { path: 'body.locale', message: 'Already translated; update it instead' },
      ]);
    return saveTranslation(tx, ctx, entry, type, input.locale, undefined, input, { locale: 'body.locale' });
  });
}

/**
 * Updates a translation by its id; `data` names the fields to change (`null` clears one).
 *
 * @example await updateTranslation(db, ctx, localization.id, { status: 'APPROVED' })
 */
export async function updateTranslation(db: Db, ctx: TenantContext, id: string, input: Partial<PutInput>): Promise<Localization> {
  return transaction(db, async (tx) => {
    const [found] = await tx
      .select()
      .from(contentLocalizations)
      .where(and(eq(contentLocalizations.organizationId, ctx.organizationId), eq(contentLocalizations.id, id)));
    if (!found) throw notFound('Translation');
    const entry = await lockEntry(tx, ctx, found.entryId);
    const existing = await lockTranslation(tx, ctx, found.entryId, found.locale);
    const type = await getContentType(tx, ctx, entry.contentTypeId);
    const data = input.data ? { ...(existing!.data as EntryData), ...input.data } : undefined;
    return saveTranslation(tx, ctx, entry, type, found.locale, existing, { ...input, data });
  });
}

/**
 * Deletes the translation of an entry in one locale, by entry and locale or by the translation's id.
 *
 * @example await deleteTranslation(db, ctx, { entryId, locale: 'fr' })
 */
export async function deleteTranslation(db: Db, ctx: TenantContext, by: { entryId: string; locale: string } | { id: string }) {
  return transaction(db, async (tx) => {
    const [row] = await tx
      .delete(contentLocalizations)
      .where(
        and(
          eq(contentLocalizations.organizationId, ctx.organizationId),
          'id' in by
            ? eq(contentLocalizations.id, by.id)
            : and(eq(contentLocalizations.entryId, by.entryId), eq(contentLocalizations.locale, by.locale)),
        ),
      )
      .returning();
    if (!row) throw notFound('Translation');
    const [entry] = await tx.select().from(contentEntries).where(eq(contentEntries.id, row.entryId));
    await recordActivity(tx, ctx, {
      action: 'translation_deleted',
      entityType: 'content_entries',
      entityId: row.entryId,
      entityTitle: entry?.title ?? row.title,
      clientId: entry?.clientId,
      projectId: entry?.projectId,
      metadata: { locale: row.locale },
    });
    return { id: row.id, deleted: true as const };
  });
}

/**
 * The missing-translations report of a content type: for every entry and every organization locale
 * other than the entry's own (or just `locale`), whether the translation is missing, OUTDATED or not
 * yet APPROVED. Lists (paged by entry) only entries with a gap, and sums up each locale over the type.
 *
 * @example const report = await missingTranslations(db, ctx, type.id, { locale: 'fr' })
 */
export async function missingTranslations(
  db: Db,
  ctx: TenantContext,
  typeId: string,
  query: { limit?: number; cursor?: string; locale?: string },
) {
  const type = await getContentType(db, ctx, typeId);
  const { locales: all } = await orgLocales(db, ctx);
  if (query.locale && !all.includes(query.locale))
    throw badRequest([{ path: 'query.locale', message: `Not one of the organization locales (${all.join(', ')})` }]);
  const locales = query.locale ? [query.locale] : all;
  const limit = pageLimit(query.limit);
  const e = contentEntries;
  const l = contentLocalizations;
  const ofType = and(scopeOf(entryInfo, ctx), eq(e.contentTypeId, type.id));
  const targets = sql`unnest(array[${sql.join(
    locales.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[])`;
  // An entry has a gap when some target locale other than its own has no APPROVED translation.
  const gap = sql`exists (select 1 from ${targets} as t(locale) where t.locale <> ${e.locale} and not exists
    (select 1 from ${l} where ${l.entryId} = ${e.id} and ${l.locale} = t.locale and ${l.status} = 'APPROVED'))`;
  const rows = await db
    .select({ id: e.id, title: e.title, locale: e.locale })
    .from(e)
    .where(and(ofType, gap, query.cursor ? gt(e.id, query.cursor) : undefined))
    .orderBy(asc(e.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const translations = page.length
    ? await db
        .select({ entryId: l.entryId, locale: l.locale, status: l.status })
        .from(l)
        .where(
          and(
            eq(l.organizationId, ctx.organizationId),
            inArray(
              l.entryId,
              page.map((r) => r.id),
            ),
          ),
        )
    : [];
  const data = page.map((entry) => {
    const statusOf = new Map(translations.filter((t) => t.entryId === entry.id).map((t) => [t.locale, t.status]));
    const wanted = locales.filter((x) => x !== entry.locale);
    return {
      entryId: entry.id,
      title: entry.title,
      locale: entry.locale,
      missing: wanted.filter((x) => !statusOf.has(x)),
      outdated: wanted.filter((x) => statusOf.get(x) === 'OUTDATED'),
      notApproved: wanted.filter((x) => statusOf.has(x) && statusOf.get(x) !== 'APPROVED' && statusOf.get(x) !== 'OUTDATED'),
    };
  });

  const [bySource, byStatus] = await Promise.all([
    db.select({ locale: e.locale, count: count() }).from(e).where(ofType).groupBy(e.locale),
    db
      .select({ locale: l.locale, status: l.status, count: count() })
      .from(l)
      .innerJoin(e, eq(e.id, l.entryId))
      .where(and(ofType, inArray(l.locale, locales), ne(e.locale, l.locale)))
      .groupBy(l.locale, l.status),
  ]);
  const total = bySource.reduce((n, r) => n + r.count, 0);
  const summary = Object.fromEntries(
    locales.map((x) => {
      const candidates = total - (bySource.find((r) => r.locale === x)?.count ?? 0);
      const counts = (s: LocalizationStatus[]) =>
        byStatus.filter((r) => r.locale === x && s.includes(r.status)).reduce((n, r) => n + r.count, 0);
      const translated = counts(['PENDING', 'IN_PROGRESS', 'REVIEW', 'APPROVED', 'OUTDATED']);
      return [
        x,
        {
          missing: candidates - translated,
          outdated: counts(['OUTDATED']),
          notApproved: counts(['PENDING', 'IN_PROGRESS', 'REVIEW']),
          approved: counts(['APPROVED']),
        },
      ];
    }),
  );
  return { locales, summary, data, nextCursor: rows.length > limit ? page.at(-1)!.id : null };
}

import { and, eq, isNotNull } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import { badRequest, conflict, notFound } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { getContentType } from './content-types.js';
import { type EntryReply, type Localization, getEntry, lockEntry, orgLocales } from './entry-rows.js';
import { cancelPendingSchedules, publishEntry, publishLocale, setEntryStatus, unpublishLocale } from './publish-state.js';
import { contentEntries, contentLocalizations } from './schema.js';
import { assertReady, readinessBlockers } from './readiness.js';
import { announceChange } from './webhooks.js';

// Publishing now: what may go live. publish-state.ts moves the published columns (`publishEntry`,
// `publishLocale`, `unpublishLocale`, `setEntryStatus`); readiness.ts decides whether it may, with the
// same check for the source and every locale.

async function translationOf(tx: Db, ctx: TenantContext, entryId: string, locale: string): Promise<Localization> {
  const [row] = await tx
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

async function checkLocale(tx: Db, ctx: TenantContext, locale: string, path: string) {
  const { locales } = await orgLocales(tx, ctx);
  if (!locales.includes(locale)) throw badRequest([{ path, message: `Not one of the organization locales (${locales.join(', ')})` }]);
}

export interface PublishResult {
  entry: EntryReply;
  localization: Localization | null;
}

/**
 * Publishes an entry now: its source locale or one translation, after the one readiness check
 * (`readinessBlockers`: approval under a workflow, complete and valid data, image alt text, expiry; for
 * a translation, APPROVED and over a live source, whose published shared fields it takes). Pending
 * PUBLISH schedules of that locale are superseded (cancelled), except `scheduleId`, the schedule
 * running this publish.
 *
 * @example const { entry } = await publishNow(db, ctx, id, { version: 7 })
 */
export async function publishNow(
  db: Db,
  ctx: TenantContext,
  id: string,
  options: { locale?: string; version?: number; scheduleId?: string } = {},
): Promise<PublishResult> {
  const localization = await transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, id, options.version);
    const type = await getContentType(tx, ctx, entry.contentTypeId);
    const locale = options.locale ?? entry.locale;
    if (locale !== entry.locale) {
      await checkLocale(tx, ctx, locale, 'body.locale');
      await translationOf(tx, ctx, id, locale);
    }
    // One check for the source and every locale: workflow, data, alt text, expiry, translation state.
    assertReady(await readinessBlockers(tx, ctx, entry, type, { locale }), 'be published');
    await cancelPendingSchedules(tx, ctx, id, {
      actions: ['PUBLISH'],
      locale: locale === entry.locale ? null : locale,
      except: options.scheduleId,
      reason: 'Superseded: published',
    });
    if (locale !== entry.locale) return (await publishLocale(tx, ctx, id, locale)) as Localization;
    if (entry.scheduledFor) await tx.update(contentEntries).set({ scheduledFor: null }).where(eq(contentEntries.id, id));
    await publishEntry(tx, ctx, id, { expectedVersion: options.version });
    return null;
  });
  return { entry: await getEntry(db, ctx, id), localization };
}

/**
 * Takes one locale of an entry offline now (the source by default); 409 when it is not live.
 *
 * @example await unpublishNow(db, ctx, id, { locale: 'fr' })
 */
export async function unpublishNow(db: Db, ctx: TenantContext, id: string, options: { locale?: string } = {}): Promise<PublishResult> {
  const localization = await transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, id);
    const locale = options.locale ?? entry.locale;
    if (locale === entry.locale) {
      if (entry.publishedSlug === null) throw conflict(`The entry is not live in "${locale}"`, { status: entry.status });
      await unpublishLocale(tx, ctx, id, locale);
      return null;
    }
    await checkLocale(tx, ctx, locale, 'body.locale');
    const translation = await translationOf(tx, ctx, id, locale);
    if (translation.publishedSlug === null) throw conflict(`The "${locale}" translation is not live`);
    return (await unpublishLocale(tx, ctx, id, locale)) as Localization;
  });
  return { entry: await getEntry(db, ctx, id), localization };
}

/**
 * Takes whatever is live of an entry offline, for schedules (nothing live is not an error): one
 * locale, or every locale (expiry).
 *
 * @example await takeOffline(tx, ctx, entryId, { allLocales: true })
 */
export async function takeOffline(
  tx: Db,
  ctx: TenantContext,
  id: string,
  options: { locale?: string | null; allLocales?: boolean },
): Promise<void> {
  const entry = await lockEntry(tx, ctx, id);
  const live = await tx
    .select({ locale: contentLocalizations.locale })
    .from(contentLocalizations)
    .where(and(eq(contentLocalizations.entryId, id), isNotNull(contentLocalizations.publishedSlug)));
  const locales = options.allLocales ? [entry.locale, ...live.map((l) => l.locale)] : [options.locale ?? entry.locale];
  for (const locale of locales) {
    const isLive = locale === entry.locale ? entry.publishedSlug !== null : live.some((l) => l.locale === locale);
    if (isLive) await unpublishLocale(tx, ctx, id, locale);
  }
}

/**
 * Archives an entry: every locale goes offline and its pending schedules are cancelled (except
 * `exceptSchedule`, the one running the archive). 409 when already archived.
 *
 * @example await archiveEntry(db, ctx, id)
 */
export async function archiveEntry(db: Db, ctx: TenantContext, id: string, options: { exceptSchedule?: string } = {}): Promise<EntryReply> {
  await transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, id);
    if (entry.status === 'ARCHIVED') throw conflict('The entry is already archived', { status: entry.status });
    // The live translations, read before they go offline, so their caches hear of it like of an unpublish.
    const live = await tx
      .select({ locale: contentLocalizations.locale, slug: contentLocalizations.publishedSlug })
      .from(contentLocalizations)
      .where(
        and(
          eq(contentLocalizations.organizationId, ctx.organizationId),
          eq(contentLocalizations.entryId, id),
          isNotNull(contentLocalizations.publishedSlug),
        ),
      );
    for (const { locale, slug } of live)
      await announceChange(tx, ctx, 'entry.unpublished', { id, contentTypeId: entry.contentTypeId, locale, slug });
    await tx
      .update(contentLocalizations)
      .set({ publishedData: null, publishedTitle: null, publishedSlug: null, updatedAt: ctx.now })
      .where(and(eq(contentLocalizations.entryId, id), isNotNull(contentLocalizations.publishedSlug)));
    await cancelPendingSchedules(tx, ctx, id, { except: options.exceptSchedule, reason: 'Entry archived' });
    await setEntryStatus(tx, ctx, id, 'ARCHIVED', { action: 'archived', scheduledFor: null });
  });
  return getEntry(db, ctx, id);
}

/**
 * Brings an archived entry back as a DRAFT (409 when it is not archived).
 *
 * @example await unarchiveEntry(db, ctx, id)
 */
export async function unarchiveEntry(db: Db, ctx: TenantContext, id: string): Promise<EntryReply> {
  await transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, id);
    if (entry.status !== 'ARCHIVED') throw conflict(`The entry is not archived (${entry.status})`, { status: entry.status });
    await setEntryStatus(tx, ctx, id, 'DRAFT', { action: 'unarchived' });
  });
  return getEntry(db, ctx, id);
}

import { isDeepStrictEqual } from 'node:util';
import type { ContentStatus, PublishAction } from '@spokestack/core/cms';
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { conflict, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { getContentType } from './content-types.js';
import { type Entry, type EntryReply, type Localization, getEntry, lockEntry, lockTranslation } from './entry-rows.js';
import { translationAsPublished } from './readiness.js';
import { contentEntries, contentLocalizations, publishSchedules } from './schema.js';
import { assertPublishedSlugFree, lockTypeLocale } from './slugs.js';
import { seoOf } from './versions.js';
import { announceChange } from './webhooks.js';

// The publish state of an entry: its status, the published columns of the source and of each
// translation (what the delivery API serves), and its pending schedules. These move it and record
// the activity, with no policy of their own: publishing (what may go live), schedules (when) and
// workflows (after which review) decide, and call these in their transactions.

/**
 * The SEO and social fields to serve until the next publish of the source: an edit to them, like an
 * edit to `data`, stays private until then. A translation's publish snapshots its own (`meta`), served
 * over the source's published ones.
 */
export const publishedMetaOf = (entry: Entry) => seoOf(entry);

/**
 * Publishes the source locale of an entry: copies the draft (`data`, `title`, `slug`) into the published
 * columns the delivery API serves, sets status PUBLISHED, `publishedAt` and `publishedById`. Translations
 * keep their own publish state (`publishLocale`). The draft version does not change; pass
 * `expectedVersion` to publish only the version a reviewer saw (409 otherwise). A published slug already
 * served by another entry of the type and locale is refused (409).
 *
 * @example await publishEntry(db, ctx, id, { expectedVersion: 7 })
 */
export async function publishEntry(
  db: Db,
  ctx: TenantContext,
  id: string,
  options: { expectedVersion?: number } = {},
): Promise<EntryReply> {
  await transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, id, options.expectedVersion);
    // Publishing what is already live is a no-op (no second write, no second activity): a double click
    // or 20 parallel publishes, serialized by the row lock, publish once.
    if (
      entry.status === 'PUBLISHED' &&
      entry.publishedTitle === entry.title &&
      entry.publishedSlug === entry.slug &&
      isDeepStrictEqual(entry.publishedData, entry.data) &&
      isDeepStrictEqual(entry.publishedMeta, publishedMetaOf(entry))
    )
      return;
    await lockTypeLocale(tx, ctx, entry.contentTypeId, entry.locale);
    await assertPublishedSlugFree(tx, ctx, entry.contentTypeId, entry.locale, entry.slug, { entryId: id });
    await tx
      .update(contentEntries)
      .set({
        publishedData: entry.data,
        publishedTitle: entry.title,
        publishedSlug: entry.slug,
        publishedMeta: publishedMetaOf(entry),
        status: 'PUBLISHED',
        publishedAt: ctx.now,
        publishedById: ctx.actor.id,
        updatedAt: ctx.now,
      })
      .where(eq(contentEntries.id, id));
    await recordActivity(tx, ctx, {
      action: 'published',
      entityType: 'content_entries',
      entityId: id,
      entityTitle: entry.title,
      clientId: entry.clientId,
      projectId: entry.projectId,
      metadata: { locale: entry.locale, version: entry.version },
    });
    await announceChange(tx, ctx, 'entry.published', { id, contentTypeId: entry.contentTypeId, locale: entry.locale, slug: entry.slug });
  });
  return getEntry(db, ctx, id);
}

/**
 * Takes the source locale of an entry offline: status UNPUBLISHED and the published columns cleared
 * (`publishedAt` keeps the time it was last published). Translations keep their own state.
 *
 * @example await unpublishEntry(db, ctx, id)
 */
export async function unpublishEntry(db: Db, ctx: TenantContext, id: string): Promise<EntryReply> {
  await transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, id);
    await tx
      .update(contentEntries)
      .set({ publishedData: null, publishedTitle: null, publishedSlug: null, status: 'UNPUBLISHED', updatedAt: ctx.now })
      .where(eq(contentEntries.id, id));
    await recordActivity(tx, ctx, {
      action: 'unpublished',
      entityType: 'content_entries',
      entityId: id,
      entityTitle: entry.title,
      clientId: entry.clientId,
      projectId: entry.projectId,
      metadata: { locale: entry.locale },
    });
    const slug = entry.publishedSlug;
    await announceChange(tx, ctx, 'entry.unpublished', { id, contentTypeId: entry.contentTypeId, locale: entry.locale, slug });
  });
  return getEntry(db, ctx, id);
}

/**
 * Moves an entry to a workflow status (DRAFT, IN_REVIEW, APPROVED, SCHEDULED, ARCHIVED) and records
 * `action` (e.g. 'submitted', 'approved'). Archiving also takes it offline. PUBLISHED and UNPUBLISHED go
 * through `publishEntry` / `unpublishEntry`, which move the published columns. Call it inside your own
 * transaction to combine it with other writes (it takes the entry's row lock).
 *
 * @example await setEntryStatus(tx, ctx, id, 'IN_REVIEW', { action: 'submitted' })
 */
export async function setEntryStatus(
  db: Db,
  ctx: TenantContext,
  id: string,
  status: Exclude<ContentStatus, 'PUBLISHED' | 'UNPUBLISHED'>,
  options: { action: string; expectedVersion?: number; metadata?: Record<string, Json>; scheduledFor?: Date | null },
): Promise<Entry> {
  return transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, id, options.expectedVersion);
    const offline = status === 'ARCHIVED' ? { publishedData: null, publishedTitle: null, publishedSlug: null } : {};
    const [row] = await tx
      .update(contentEntries)
      .set({
        ...offline,
        status,
        ...(options.scheduledFor !== undefined ? { scheduledFor: options.scheduledFor } : {}),
        updatedAt: ctx.now,
      })
      .where(eq(contentEntries.id, id))
      .returning();
    await recordActivity(tx, ctx, {
      action: options.action,
      entityType: 'content_entries',
      entityId: id,
      entityTitle: entry.title,
      clientId: entry.clientId,
      projectId: entry.projectId,
      metadata: { from: entry.status, to: status, ...options.metadata },
    });
    // Archiving takes a live source offline: its caches must hear of it like of an unpublish.
    if (status === 'ARCHIVED' && entry.publishedSlug !== null)
      await announceChange(tx, ctx, 'entry.unpublished', {
        id,
        contentTypeId: entry.contentTypeId,
        locale: entry.locale,
        slug: entry.publishedSlug,
      });
    return row!;
  });
}

/**
 * Publishes one locale of an entry. The source locale publishes the entry itself (`publishEntry`); any
 * other publishes its translation over the source's *published* version: its published columns get the
 * translated values merged over the shared (non-localized) fields the source has live, its title and
 * slug, and its own SEO and social fields. Whether it may (APPROVED, complete, source live) is publishing's
 * readiness check. Other locales, and the source, keep their state.
 *
 * @example await publishLocale(db, ctx, entry.id, 'fr')
 */
export async function publishLocale(
  db: Db,
  ctx: TenantContext,
  entryId: string,
  locale: string,
): Promise<Localization | Awaited<ReturnType<typeof publishEntry>>> {
  const [source] = await db
    .select({ locale: contentEntries.locale })
    .from(contentEntries)
    .where(and(eq(contentEntries.organizationId, ctx.organizationId), eq(contentEntries.id, entryId)));
  if (!source) throw notFound('Entry');
  if (source.locale === locale) return publishEntry(db, ctx, entryId);
  return transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, entryId);
    const translation = await lockTranslation(tx, ctx, entryId, locale);
    if (!translation) throw notFound(`Translation "${locale}"`);
    if (entry.publishedSlug === null) throw conflict(`The "${entry.locale}" source is not live; publish it before its translations`);
    const type = await getContentType(tx, ctx, entry.contentTypeId);
    await lockTypeLocale(tx, ctx, type.id, locale);
    await assertPublishedSlugFree(tx, ctx, type.id, locale, translation.slug, { localizationId: translation.id });
    const [row] = await tx
      .update(contentLocalizations)
      .set({
        publishedData: translationAsPublished(type, entry, translation),
        publishedTitle: translation.title,
        publishedSlug: translation.slug,
        publishedMeta: translation.meta,
        publishedAt: ctx.now,
        updatedAt: ctx.now,
      })
      .where(eq(contentLocalizations.id, translation.id))
      .returning();
    await recordActivity(tx, ctx, {
      action: 'published',
      entityType: 'content_entries',
      entityId: entryId,
      entityTitle: translation.title,
      clientId: entry.clientId,
      projectId: entry.projectId,
      metadata: { locale },
    });
    await announceChange(tx, ctx, 'entry.published', { id: entryId, contentTypeId: entry.contentTypeId, locale, slug: translation.slug });
    return row!;
  });
}

/**
 * Takes one locale of an entry offline: the source locale unpublishes the entry (`unpublishEntry`),
 * any other clears its translation's published columns. Other locales keep their state.
 *
 * @example await unpublishLocale(db, ctx, entry.id, 'fr')
 */
export async function unpublishLocale(
  db: Db,
  ctx: TenantContext,
  entryId: string,
  locale: string,
): Promise<Localization | Awaited<ReturnType<typeof unpublishEntry>>> {
  const [source] = await db
    .select({ locale: contentEntries.locale })
    .from(contentEntries)
    .where(and(eq(contentEntries.organizationId, ctx.organizationId), eq(contentEntries.id, entryId)));
  if (!source) throw notFound('Entry');
  if (source.locale === locale) return unpublishEntry(db, ctx, entryId);
  return transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, entryId);
    const translation = await lockTranslation(tx, ctx, entryId, locale);
    if (!translation) throw notFound(`Translation "${locale}"`);
    const [row] = await tx
      .update(contentLocalizations)
      .set({ publishedData: null, publishedTitle: null, publishedSlug: null, publishedMeta: null, updatedAt: ctx.now })
      .where(eq(contentLocalizations.id, translation.id))
      .returning();
    await recordActivity(tx, ctx, {
      action: 'unpublished',
      entityType: 'content_entries',
      entityId: entryId,
      entityTitle: translation.title,
      clientId: entry.clientId,
      projectId: entry.projectId,
      metadata: { locale },
    });
    const slug = translation.publishedSlug;
    await announceChange(tx, ctx, 'entry.unpublished', { id: entryId, contentTypeId: entry.contentTypeId, locale, slug });
    return row!;
  });
}

/**
 * Cancels an entry's pending schedules (some actions, one locale, all but one), with the reason in
 * their `error`. Call it in the caller's transaction.
 *
 * @example await cancelPendingSchedules(tx, ctx, entry.id, { reason: 'Entry archived' })
 */
export async function cancelPendingSchedules(
  tx: Db,
  ctx: TenantContext,
  entryId: string,
  options: { actions?: PublishAction[]; locale?: string | null; except?: string; reason: string },
): Promise<number> {
  const rows = await tx
    .update(publishSchedules)
    .set({ status: 'CANCELLED', error: options.reason })
    .where(
      and(
        eq(publishSchedules.organizationId, ctx.organizationId),
        eq(publishSchedules.entryId, entryId),
        eq(publishSchedules.status, 'PENDING'),
        options.actions ? inArray(publishSchedules.action, options.actions) : undefined,
        options.locale === undefined
          ? undefined
          : options.locale === null
            ? isNull(publishSchedules.locale)
            : eq(publishSchedules.locale, options.locale),
        options.except ? ne(publishSchedules.id, options.except) : undefined,
      ),
    )
    .returning({ id: publishSchedules.id });
  return rows.length;
}

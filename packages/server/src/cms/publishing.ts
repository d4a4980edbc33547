import type { FieldError } from '@spokestack/core';
import { and, eq, isNotNull } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import { badRequest, conflict, notFound } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { type StoredContentType, getContentType } from './content-types.js';
import { checkData, checkRefs } from './entry-data.js';
import { type Entry, type EntryReply, type Localization, getEntry, lockEntry, orgLocales } from './entry-rows.js';
import { missingAltText } from './media.js';
import { cancelPendingSchedules, publishEntry, publishLocale, setEntryStatus, unpublishLocale } from './publish-state.js';
import { contentEntries, contentLocalizations } from './schema.js';
import type { EntryData } from './versions.js';
import { workflowFor } from './workflows.js';

// Publishing: what may go live and when. publish-state.ts moves the published columns
// (`publishEntry`, `publishLocale`, `unpublishLocale`, `setEntryStatus`); these rules decide whether
// it may: the data must be complete and valid, images need alt text, and entries of a type with an
// approval workflow go live only once approved.

/**
 * Refuses (400, naming each field under `data.`) data that must not go live: missing required
 * fields, invalid values or references, images without alt text; and an `expiresAt` already past.
 *
 * @example await assertPublishable(tx, ctx, type, entry.data as EntryData, entry.expiresAt)
 */
export async function assertPublishable(
  tx: Db,
  ctx: TenantContext,
  type: StoredContentType,
  data: EntryData,
  expiresAt: Date | null,
): Promise<void> {
  const { issues, refs } = checkData(type.schema, data, { mode: 'entry', required: true });
  issues.push(...(await checkRefs(tx, ctx, refs)), ...(await missingAltText(tx, ctx, type.schema, data)));
  const errors: FieldError[] = issues.map((i) => ({ path: `data.${i.path}`, message: i.message }));
  if (expiresAt && expiresAt <= ctx.now)
    errors.push({ path: 'expiresAt', message: 'The entry has already expired; move or clear expiresAt first' });
  if (errors.length) throw badRequest(errors, `The entry cannot go live: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
}

/**
 * With an approval workflow (the type's, or the organization's default), only an APPROVED entry (or
 * one scheduled after approval) goes live; 409 otherwise.
 *
 * @example await assertApproved(tx, ctx, type, entry)
 */
export async function assertApproved(tx: Db, ctx: TenantContext, type: StoredContentType, entry: Entry): Promise<void> {
  if (entry.status === 'APPROVED' || entry.status === 'SCHEDULED') return;
  const workflow = await workflowFor(tx, ctx, type);
  if (workflow)
    throw conflict(
      `Entries of "${type.slug}" go live only once approved through the workflow "${workflow.name}"; this one is ${entry.status}. Submit it for review first`,
      {
        status: entry.status,
        workflowId: workflow.id,
      },
    );
}

/** The translation data as it would go live: the source's shared (non-localized) fields under the translated ones. */
const mergedTranslation = (type: StoredContentType, entry: Entry, translation: Localization): EntryData => ({
  ...Object.fromEntries(Object.entries(entry.data as EntryData).filter(([k]) => !type.schema.fields.find((f) => f.name === k)?.localized)),
  ...(translation.data as EntryData),
});

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
 * Publishes an entry now: its source locale (after the approval, validation and alt-text checks) or
 * one translation (which must be APPROVED and complete). Pending PUBLISH schedules of that locale are
 * superseded (cancelled), except `scheduleId`, the schedule running this publish.
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
    if (entry.status === 'ARCHIVED') throw conflict('The entry is archived; unarchive it before publishing', { status: entry.status });
    const type = await getContentType(tx, ctx, entry.contentTypeId);
    const locale = options.locale ?? entry.locale;
    if (locale === entry.locale) {
      await assertApproved(tx, ctx, type, entry);
      await assertPublishable(tx, ctx, type, entry.data as EntryData, entry.expiresAt);
      await cancelPendingSchedules(tx, ctx, id, {
        actions: ['PUBLISH'],
        locale: null,
        except: options.scheduleId,
        reason: 'Superseded: published',
      });
      if (entry.scheduledFor) await tx.update(contentEntries).set({ scheduledFor: null }).where(eq(contentEntries.id, id));
      await publishEntry(tx, ctx, id, { expectedVersion: options.version });
      return null;
    }
    await checkLocale(tx, ctx, locale, 'body.locale');
    const translation = await translationOf(tx, ctx, id, locale);
    const alt = await missingAltText(tx, ctx, type.schema, mergedTranslation(type, entry, translation));
    if (alt.length) throw badRequest(alt.map((i) => ({ path: `data.${i.path}`, message: i.message })));
    await cancelPendingSchedules(tx, ctx, id, {
      actions: ['PUBLISH'],
      locale,
      except: options.scheduleId,
      reason: 'Superseded: published',
    });
    return (await publishLocale(tx, ctx, id, locale)) as Localization;
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

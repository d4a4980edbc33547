import { type EntryReadiness, type ReadinessBlocker, contentBlockerCodes, editEffectOf, entryActions } from '@spokestack/core/cms';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { badRequest, conflict } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { type StoredContentType, getContentType } from './content-types.js';
import { checkData, checkRefs } from './entry-data.js';
import { type Entry, type Localization, getEntry, orgLocales } from './entry-rows.js';
import { missingAltText } from './media.js';
import { contentRevisions, contentLocalizations } from './schema.js';
import { type EntryData, sameJson } from './versions.js';
import { mayDecide, workflowFor } from './workflow-rules.js';

// The one readiness check: what stands between an entry (its source locale, or one translation) and
// going live. Publish runs all of it; submitting for review and approving run its content part, so an
// approved entry can always be published; schedules run it for the time they are set for; the
// readiness operation shows it to the editor with the action row derived from it.

/** When the check is made: publishing now, or a schedule publishing at `at` (expiry compared to it). */
export interface ReadinessOptions {
  /** The locale to check; default the entry's own. */
  locale?: string;
  /** The time the content would go live (a schedule's); default now. */
  at?: Date;
  /** For a translation scheduled after its source: the source will be live by then. */
  sourceLiveBy?: boolean;
}

/**
 * A translation as it goes live: its localized fields over the shared (non-localized) fields of the
 * source's *published* version — never the source's unpublished draft.
 */
export const translationAsPublished = (type: StoredContentType, entry: Entry, translation: Localization): EntryData => {
  const localized = new Set(type.schema.fields.filter((f) => f.localized).map((f) => f.name));
  const source = (entry.publishedData ?? {}) as EntryData;
  return { ...Object.fromEntries(Object.entries(source).filter(([k]) => !localized.has(k))), ...(translation.data as EntryData) };
};

async function translationRow(db: Db, ctx: TenantContext, entryId: string, locale: string): Promise<Localization | undefined> {
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
  return row;
}

/** The content blockers of some data: required fields, valid values and references, image alt text. */
async function dataBlockers(
  db: Db,
  ctx: TenantContext,
  type: StoredContentType,
  data: EntryData,
  live: EntryData,
  mode: 'entry' | 'translation',
): Promise<ReadinessBlocker[]> {
  const { issues, refs } = checkData(type.schema, data, { mode, required: true });
  issues.push(...(await checkRefs(db, ctx, refs)));
  const alt = await missingAltText(db, ctx, type.schema, live);
  return [
    ...issues.map((i) => ({ code: 'invalid-data' as const, path: `data.${i.path}`, message: i.message })),
    ...alt.map((i) => ({ code: 'missing-alt-text' as const, path: `data.${i.path}`, message: i.message })),
  ];
}

/**
 * Every blocker of publishing one locale of an entry now (or at `options.at`): archived; under an
 * approval workflow, not approved; invalid or incomplete data, missing alt text, an expiry already
 * past; for a translation, a missing or not-APPROVED translation and a source that is not live (a
 * translation goes live over its source's published version). Empty when publishing would succeed.
 *
 * @example const blockers = await readinessBlockers(tx, ctx, entry, type, { locale: 'fr' })
 */
export async function readinessBlockers(
  db: Db,
  ctx: TenantContext,
  entry: Entry,
  type: StoredContentType,
  options: ReadinessOptions = {},
): Promise<ReadinessBlocker[]> {
  const at = options.at ?? ctx.now;
  const blockers: ReadinessBlocker[] = [];
  if (entry.status === 'ARCHIVED') blockers.push({ code: 'archived', path: null, message: 'The entry is archived; unarchive it first' });
  const locale = options.locale ?? entry.locale;
  if (locale === entry.locale) {
    if (entry.status !== 'APPROVED' && entry.status !== 'SCHEDULED' && entry.status !== 'ARCHIVED') {
      const workflow = await workflowFor(db, ctx, type);
      if (workflow)
        blockers.push({
          code: 'not-approved',
          path: null,
          message:
            `Entries of "${type.slug}" go live only once approved through the workflow "${workflow.name}"; this one is ` +
            `${entry.status}`,
        });
    }
    const data = entry.data as EntryData;
    blockers.push(...(await dataBlockers(db, ctx, type, data, data, 'entry')));
    if (entry.expiresAt && entry.expiresAt <= at)
      blockers.push({ code: 'expired', path: 'expiresAt', message: 'The entry has already expired; move or clear expiresAt first' });
    return blockers;
  }
  const translation = await translationRow(db, ctx, entry.id, locale);
  if (!translation) return [...blockers, { code: 'no-translation', path: null, message: `The entry has no "${locale}" translation` }];
  if (translation.status !== 'APPROVED')
    blockers.push({
      code: 'translation-not-approved',
      path: null,
      message: `The "${locale}" translation is ${translation.status}; only an APPROVED translation can be published`,
    });
  if (entry.publishedSlug === null && !options.sourceLiveBy)
    blockers.push({
      code: 'source-not-live',
      path: null,
      message: `A translation goes live over the published "${entry.locale}" source, and the source is not live; publish it first`,
    });
  blockers.push(
    ...(await dataBlockers(db, ctx, type, translation.data as EntryData, translationAsPublished(type, entry, translation), 'translation')),
  );
  return blockers;
}

/**
 * Refuses what `readinessBlockers` found, for `what` ('be published', 'be submitted for review', …):
 * state blockers (archived, not approved, translation status, source not live) are 409; content
 * blockers are 400 naming each field under `data.` (and `expiresAt`). `contentOnly` ignores the
 * state ones (submit and approve check what publish will require of the content).
 *
 * @example assertReady(await readinessBlockers(tx, ctx, entry, type), 'be published')
 */
export function assertReady(blockers: ReadinessBlocker[], what: string, options: { contentOnly?: boolean } = {}): void {
  const content = blockers.filter((b) => contentBlockerCodes.includes(b.code));
  const state = options.contentOnly ? [] : blockers.filter((b) => !contentBlockerCodes.includes(b.code));
  if (state.length)
    throw conflict(`The entry cannot ${what}: ${state.map((b) => b.message).join('; ')}`, { blockers: state.map((b) => b.code) });
  if (content.length) {
    const errors = content.map((b) => ({ path: b.path ?? 'data', message: b.message }));
    throw badRequest(errors, `The entry cannot ${what}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
}

/**
 * The readiness of an entry (or one translation) for the editor: blockers, what an edit does to the
 * review state, and the caller's action row.
 *
 * @example const { ready, blockers, actions } = await getReadiness(db, ctx, entry.id, { locale: 'fr' })
 */
export async function getReadiness(db: Db, ctx: TenantContext, id: string, query: { locale?: string }): Promise<EntryReadiness> {
  const entry = await getEntry(db, ctx, id);
  const type = await getContentType(db, ctx, entry.contentTypeId);
  const locale = query.locale ?? entry.locale;
  const source = locale === entry.locale;
  if (!source) {
    const { locales } = await orgLocales(db, ctx);
    if (!locales.includes(locale))
      throw badRequest([{ path: 'query.locale', message: `Not one of the organization locales (${locales.join(', ')})` }]);
  }
  const row = entry as unknown as Entry;
  const [blockers, workflow, translation, [pending]] = await Promise.all([
    readinessBlockers(db, ctx, row, type, { locale }),
    workflowFor(db, ctx, type),
    source ? undefined : translationRow(db, ctx, id, locale),
    db
      .select()
      .from(contentRevisions)
      .where(
        and(
          eq(contentRevisions.organizationId, ctx.organizationId),
          eq(contentRevisions.entryId, id),
          eq(contentRevisions.status, 'PENDING'),
        ),
      )
      .limit(1),
  ]);
  const live = source ? entry.publishedSlug !== null : Boolean(translation?.publishedSlug);
  const hasUnpublishedChanges = source
    ? !sameJson(entry.data, entry.publishedData) || entry.title !== entry.publishedTitle || entry.slug !== entry.publishedSlug
    : Boolean(translation) &&
      (!sameJson(translationAsPublished(type, row, translation!), translation!.publishedData) ||
        translation!.title !== translation!.publishedTitle ||
        translation!.slug !== translation!.publishedSlug);
  const hasWorkflow = Boolean(workflow);
  const actions = entryActions({
    status: entry.status,
    live,
    source,
    hasWorkflow,
    role: ctx.actor.role,
    canDecide: entry.status === 'IN_REVIEW' && pending !== undefined && mayDecide(ctx.actor, pending, row, false),
    hasUnpublishedChanges,
    blockers,
  });
  return {
    entryId: id,
    locale,
    ready: blockers.length === 0,
    blockers,
    ...editEffectOf({ status: entry.status, hasWorkflow, live: entry.publishedSlug !== null }),
    actions,
  };
}

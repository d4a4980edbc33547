import type { entryCreate, entryFilters, entryUpdate } from '@spokestack/core/cms';
import { entrySortable } from '@spokestack/core/cms';
import { type SQL, and, asc, desc, eq, exists, gt, gte, lt, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from '../db/paging.js';
import { checkReferences, scopeOf, tableInfo } from '../db/resource-service.js';
import { HttpError, badRequest, conflict, mapDbError } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { releaseEntryBlocks, syncBlockUsage } from './blocks.js';
import { type StoredContentType, getContentType } from './content-types.js';
import { checkData, checkRefs, checkUnique, conflictError, dataError, localizedFields, plainTextFor, titleFor } from './entry-data.js';
import { type Entry, type EntryReply, getEntry, lockEntry, orgLocales, withTaxonomy } from './entry-rows.js';
import { syncEntryMedia } from './media.js';
import { cancelPendingSchedules, setEntryStatus } from './publish-state.js';
import { syncExpiry } from './schedules.js';
import {
  contentCategories,
  contentEntries,
  contentEntryCategories,
  contentEntryTags,
  contentLocalizations,
  contentRevisions,
  contentTags,
  contentTypes,
  entrySearchConfig,
  entrySearchVector,
  searchConfigs,
} from './schema.js';
import { allocateSlug, lockTypeLocale, slugify } from './slugs.js';
import { detachEntryTags, inSubtree, setEntryCategories, setEntryTags } from './taxonomy.js';
import { templateDefaults } from './templates.js';
import { type EntryData, changedFieldsOf, getVersions, sameJson, seoKeys, seoOf, writeVersion } from './versions.js';
import { workflowFor } from './workflows.js';

// Entries: the drafts editors write. Saves validate the data against the type, keep slugs unique,
// write versions and activity, and keep what follows the data in step (see `afterDraftSave`).
// Reading and locking rows is in entry-rows.ts; what goes live, in publish-state.ts and publishing.ts.

type CreateInput = z.output<typeof entryCreate>;
type UpdateInput = z.output<typeof entryUpdate>;
type ListInput = z.output<typeof entryFilters> & { limit?: number; cursor?: string; sort?: string };

const entryInfo = tableInfo(contentEntries);
const metaKeys = [
  'seoTitle',
  'seoDescription',
  'seoKeywords',
  'canonicalUrl',
  'noIndex',
  'ogTitle',
  'ogDescription',
  'ogImageId',
  'clientId',
  'projectId',
  'expiresAt',
] as const;
type Meta = Partial<Pick<Entry, (typeof metaKeys)[number]>>;

/** Whether a database error is a clash on the entries' (type, slug, locale) key. */
const isSlugClash = (error: unknown) => {
  const mapped = mapDbError(error);
  return mapped?.status === 409 && Array.isArray(mapped.extensions.fields) && mapped.extensions.fields.includes('slug');
};

// ---------------------------------------------------------------- validation shared by saves

const slugFieldOf = (type: StoredContentType) =>
  type.schema.fields.find((f) => f.type === 'slug') as (StoredContentType['schema']['fields'][number] & { type: 'slug' }) | undefined;

/**
 * Validates entry data for a save: field values, references (only of `fields`, the ones this save
 * changes, so a file deleted later does not block unrelated edits), then `unique` values under the
 * (type, locale) lock. Throws 400 (`body.data.<field>`) or 409 for a unique clash.
 */
async function validateForSave(
  tx: Db,
  ctx: TenantContext,
  type: StoredContentType,
  locale: string,
  input: Record<string, Json>,
  options: { defaults: boolean; entryId?: string; fields?: Set<string> },
) {
  const { data, issues, refs } = checkData(type.schema, input, { mode: 'entry', required: true, defaults: options.defaults });
  const mine = (ref: { path: string }) => !options.fields || options.fields.has(ref.path.split('.')[0]!);
  issues.push(
    ...(await checkRefs(tx, ctx, { files: refs.files.filter(mine), entries: refs.entries.filter(mine), blocks: refs.blocks.filter(mine) })),
  );
  if (issues.length) throw dataError(issues);
  await lockTypeLocale(tx, ctx, type.id, locale);
  const unique = await checkUnique(
    tx,
    ctx,
    type,
    locale,
    options.fields ? Object.fromEntries(Object.entries(data).filter(([k]) => options.fields!.has(k))) : data,
    options.entryId,
  );
  if (unique.length) throw conflictError(unique);
  return data;
}

/** Metadata columns of an input, ready for the row (times as Dates); absent keys stay absent. */
function metaOf(input: Partial<Record<(typeof metaKeys)[number], unknown>>): Meta {
  const out: Record<string, unknown> = {};
  for (const key of metaKeys)
    if (input[key] !== undefined)
      out[key] = key === 'expiresAt' && typeof input[key] === 'string' ? new Date(input[key] as string) : input[key];
  return out as Meta;
}

const sameMeta = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date ? (a as Date | null)?.getTime() === (b as Date | null)?.getTime() : sameJson(a, b);

// ---------------------------------------------------------------- create, update, delete

/**
 * Creates an entry: validates `data` against its type (defaults filled), derives the title from the
 * type's `titleField` and the slug from the title (or the slug field), unique per (type, locale) with
 * `-2`, `-3` on clashes, extracts `plainText`, links tags and categories, writes version 1 when the type
 * keeps versions, and records the activity — all in one transaction.
 *
 * @example const entry = await createEntry(db, ctx, { contentTypeId: type.id, data: { title: 'Hello', body: doc } })
 */
export async function createEntry(db: Db, ctx: TenantContext, input: CreateInput): Promise<EntryReply> {
  const row = await transaction(db, async (tx) => {
    const type = await getContentType(tx, ctx, input.contentTypeId).catch((e: unknown) => {
      throw e instanceof HttpError && e.status === 404
        ? badRequest([{ path: 'body.contentTypeId', message: 'No content type with this id' }])
        : e;
    });
    if (!type.isActive)
      throw badRequest([{ path: 'body.contentTypeId', message: 'The content type is inactive and takes no new entries' }]);
    const { locales, defaultLocale } = await orgLocales(tx, ctx);
    const locale = input.locale ?? defaultLocale;
    if (!locales.includes(locale))
      throw badRequest([{ path: 'body.locale', message: `Not one of the organization locales (${locales.join(', ')})` }]);
    const meta = metaOf(input);
    await checkReferences(tx, entryInfo, ctx, meta);
    const fromTemplate = input.templateId ? { ...(await templateDefaults(tx, ctx, input.templateId, type.id)), ...input.data } : input.data;
    const data = await validateForSave(tx, ctx, type, locale, fromTemplate, { defaults: true });
    const title = titleFor(type, data);
    const slugField = slugFieldOf(type);
    const given = input.slug ?? (slugField && typeof data[slugField.name] === 'string' ? (data[slugField.name] as string) : undefined);
    const base = given ?? slugify(slugField?.from && typeof data[slugField.from] === 'string' ? (data[slugField.from] as string) : title);
    let slug = await allocateSlug(tx, ctx, type.id, locale, {
      base,
      explicit: given !== undefined,
      path: input.slug === undefined && slugField ? `body.data.${slugField.name}` : 'body.slug',
      keyPaths: ['body.contentTypeId', ...(input.locale ? ['body.locale'] : [])],
    });
    for (let attempt = 0; ; attempt++) {
      if (slugField) data[slugField.name] = slug;
      try {
        // A savepoint per attempt: a clash with a writer that did not take the lock must not abort the transaction.
        const [created] = await transaction(tx, (sp) =>
          sp
            .insert(contentEntries)
            .values({
              ...meta,
              organizationId: ctx.organizationId,
              contentTypeId: type.id,
              locale,
              data,
              title,
              slug,
              plainText: plainTextFor(type.schema, data),
              version: 1,
              createdById: ctx.actor.id,
              lastEditedById: ctx.actor.id,
              createdAt: ctx.now,
              updatedAt: ctx.now,
            })
            .returning(),
        );
        const entry = created!;
        if (input.tagIds) await setEntryTags(tx, ctx, entry.id, input.tagIds);
        if (input.categoryIds) await setEntryCategories(tx, ctx, entry.id, input.categoryIds);
        if (type.enableVersioning)
          await writeVersion(tx, ctx, {
            entryId: entry.id,
            versionNumber: 1,
            data,
            meta: seoOf(entry),
            title,
            // Version 1 is the creation: nothing in it "changed" (its diff with nothing says what it holds).
            changedFields: [],
            changeNote: input.changeNote,
            maxVersions: type.maxVersions,
          });
        await recordActivity(tx, ctx, {
          action: 'created',
          entityType: 'content_entries',
          entityId: entry.id,
          entityTitle: title,
          clientId: entry.clientId,
          projectId: entry.projectId,
          metadata: { contentType: type.slug, locale, version: 1 },
        });
        await afterDraftSave(tx, ctx, type, undefined, entry);
        return entry;
      } catch (error) {
        if (!isSlugClash(error) || given !== undefined || attempt >= 5) throw error;
        slug = await allocateSlug(tx, ctx, type.id, locale, { base });
      }
    }
  });
  return getEntry(db, ctx, row.id);
}

interface DraftChange {
  data: EntryData;
  slug: string;
  meta: Meta;
  tagIds?: string[];
  categoryIds?: string[];
}

interface DraftOptions {
  action: 'updated' | 'restored';
  changeNote?: string;
  /** Restores always write a version, even when the data is what the draft already holds. */
  restoredFrom?: { id: string; versionNumber: number };
}

/**
 * Writes a new draft of an entry that `lockEntry` locked: title, search text, version + 1, its version
 * snapshot (for versioned types, when data, title or slug changed), taxonomy and activity. A save that
 * changes nothing writes nothing and keeps the version.
 */
async function writeDraft(
  tx: Db,
  ctx: TenantContext,
  type: StoredContentType,
  entry: Entry,
  next: DraftChange,
  options: DraftOptions,
): Promise<Entry> {
  const before = entry.data as EntryData;
  const title = titleFor(type, next.data);
  const changed = [
    ...new Set([
      ...changedFieldsOf(before, next.data),
      ...(title !== entry.title ? ['title'] : []),
      ...(next.slug !== entry.slug ? ['slug'] : []),
    ]),
  ];
  const metaChanged = Object.keys(next.meta).filter((k) => !sameMeta(entry[k as keyof Meta], next.meta[k as keyof Meta]));
  // SEO and social fields are versioned like the data; ownership (client, project) and expiry are not content.
  const seoChanged = metaChanged.filter((k) => (seoKeys as readonly string[]).includes(k)).sort();
  const tags = next.tagIds ? await setEntryTags(tx, ctx, entry.id, next.tagIds) : { added: 0, removed: 0 };
  if (next.categoryIds) await setEntryCategories(tx, ctx, entry.id, next.categoryIds);
  const taxonomy = tags.added + tags.removed > 0 || next.categoryIds !== undefined;
  if (!changed.length && !metaChanged.length && !taxonomy && !options.restoredFrom) return entry;
  const version = entry.version + 1;
  const [row] = await tx
    .update(contentEntries)
    .set({
      ...next.meta,
      data: next.data,
      title,
      slug: next.slug,
      plainText: plainTextFor(type.schema, next.data),
      version,
      lastEditedById: ctx.actor.id,
      updatedAt: ctx.now,
    })
    .where(eq(contentEntries.id, entry.id))
    .returning();
  if (type.enableVersioning && (changed.length || seoChanged.length || options.restoredFrom))
    await writeVersion(tx, ctx, {
      entryId: entry.id,
      versionNumber: version,
      data: next.data,
      meta: seoOf(row!),
      title,
      changedFields: [...changed, ...seoChanged],
      changeNote: options.changeNote ?? (options.restoredFrom ? `Restored from version ${options.restoredFrom.versionNumber}` : null),
      isRestored: Boolean(options.restoredFrom),
      restoredFromId: options.restoredFrom?.id ?? null,
      maxVersions: type.maxVersions,
    });
  await recordActivity(tx, ctx, {
    action: options.action,
    entityType: 'content_entries',
    entityId: entry.id,
    entityTitle: title,
    clientId: row!.clientId,
    projectId: row!.projectId,
    metadata: {
      changedFields: [...changed, ...metaChanged, ...(taxonomy ? ['taxonomy'] : [])],
      version,
      ...(options.restoredFrom ? { restoredFrom: options.restoredFrom.versionNumber } : {}),
    },
  });
  await afterDraftSave(tx, ctx, type, entry, row!);
  return row!;
}

/**
 * What follows every draft save of an entry, in its transaction: `content_media` rows, content block
 * usage and the expiry schedule of `expiresAt` follow the data; translations of a source whose
 * localized fields changed become OUTDATED. With a workflow, changing the content of an entry IN_REVIEW,
 * APPROVED or SCHEDULED sends it back to DRAFT (readiness's `editEffect: 'returns-to-draft'`), so
 * nothing unreviewed goes live and reviewers never approve content changed after they were asked: its
 * pending review is withdrawn (the revision SKIPPED with the reason) and a scheduled publish cancelled.
 */
async function afterDraftSave(tx: Db, ctx: TenantContext, type: StoredContentType, before: Entry | undefined, after: Entry) {
  await syncEntryMedia(tx, ctx, type.schema, before, after);
  await syncBlockUsage(tx, ctx, type.schema, before, after);
  await syncExpiry(tx, ctx, before, after);
  if (!before) return;
  const contentChanged = !sameJson(before.data, after.data) || before.title !== after.title || before.slug !== after.slug;
  const inWorkflow = before.status === 'IN_REVIEW' || before.status === 'APPROVED' || before.status === 'SCHEDULED';
  if (inWorkflow && contentChanged && (await workflowFor(tx, ctx, type))) {
    const reason =
      `Withdrawn: the entry was edited (version ${after.version}) after it was ` +
      `${before.status === 'IN_REVIEW' ? 'submitted' : 'approved'}`;
    const withdrawn = await tx
      .update(contentRevisions)
      .set({ status: 'SKIPPED', feedback: reason, reviewedAt: ctx.now })
      .where(
        and(
          eq(contentRevisions.organizationId, ctx.organizationId),
          eq(contentRevisions.entryId, after.id),
          eq(contentRevisions.status, 'PENDING'),
        ),
      )
      .returning({ id: contentRevisions.id });
    const cancelled = await cancelPendingSchedules(tx, ctx, after.id, { actions: ['PUBLISH', 'UPDATE'], locale: null, reason });
    await setEntryStatus(tx, ctx, after.id, 'DRAFT', {
      action: before.status === 'IN_REVIEW' ? 'review_withdrawn' : 'approval_voided',
      scheduledFor: null,
      metadata: { version: after.version, revisions: withdrawn.length, schedulesCancelled: cancelled },
    });
  }
  const localized = localizedFields(type.schema);
  const changed = changedFieldsOf(before.data as EntryData, after.data as EntryData);
  if (changed.some((f) => localized.includes(f)))
    await tx
      .update(contentLocalizations)
      .set({ status: 'OUTDATED', updatedAt: ctx.now })
      .where(
        and(
          eq(contentLocalizations.organizationId, ctx.organizationId),
          eq(contentLocalizations.entryId, after.id),
          ne(contentLocalizations.status, 'OUTDATED'),
        ),
      );
}

/**
 * Saves a draft of an entry. `data` names the fields to change (`null` clears one); the result is
 * validated whole. `version` (or the route's `If-Match`) is checked against the current version: a
 * stale one is refused with 409 and nothing is written. The slug stays unless `slug` (or the type's
 * slug field) changes it, or the slug field is cleared, which derives a new one from the title.
 *
 * @example await updateEntry(db, ctx, id, { data: { title: 'New title' }, version: 3 })
 */
export async function updateEntry(db: Db, ctx: TenantContext, id: string, input: UpdateInput): Promise<EntryReply> {
  await transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, id, input.version);
    const type = await getContentType(tx, ctx, entry.contentTypeId);
    const meta = metaOf(input);
    await checkReferences(tx, entryInfo, ctx, meta);
    const before = entry.data as EntryData;
    const merged: Record<string, Json> = { ...before, ...(input.data ?? {}) };
    const fields = new Set(changedFieldsOf(before, merged));
    const data = await validateForSave(tx, ctx, type, entry.locale, merged, { defaults: false, entryId: id, fields });
    const slugField = slugFieldOf(type);
    let slug = entry.slug;
    if (input.slug !== undefined && input.slug !== entry.slug)
      slug = await allocateSlug(tx, ctx, type.id, entry.locale, { base: input.slug, explicit: true }, { entryId: id });
    else if (slugField && input.slug === undefined && fields.has(slugField.name)) {
      const value = data[slugField.name];
      if (typeof value === 'string' && value !== entry.slug)
        slug = await allocateSlug(
          tx,
          ctx,
          type.id,
          entry.locale,
          { base: value, explicit: true, path: `body.data.${slugField.name}` },
          { entryId: id },
        );
      else if (value === undefined)
        slug = await allocateSlug(tx, ctx, type.id, entry.locale, { base: slugify(titleFor(type, data)) }, { entryId: id });
    }
    if (slugField) data[slugField.name] = slug;
    await writeDraft(
      tx,
      ctx,
      type,
      entry,
      { data, slug, meta, tagIds: input.tagIds, categoryIds: input.categoryIds },
      { action: 'updated', changeNote: input.changeNote },
    );
  });
  return getEntry(db, ctx, id);
}

/**
 * Deletes an entry (with its versions and translations); its tags' usage counts drop with it.
 *
 * @example await deleteEntry(db, ctx, id)
 */
export async function deleteEntry(db: Db, ctx: TenantContext, id: string, expectedVersion?: number) {
  return transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, id, expectedVersion);
    await detachEntryTags(tx, id);
    await releaseEntryBlocks(tx, ctx, id);
    await tx.delete(contentEntries).where(eq(contentEntries.id, id));
    await recordActivity(tx, ctx, {
      action: 'deleted',
      entityType: 'content_entries',
      entityId: id,
      entityTitle: entry.title,
      clientId: entry.clientId,
      projectId: entry.projectId,
    });
    return { id, deleted: true as const };
  });
}

/**
 * Restores a version into the draft as a new version marked `isRestored` (with `restoredFromId`). It
 * never publishes: the published columns and the status stay as they are. Fields the schema no longer
 * has are left out, and required fields the old version lacks (added since, or localized fields kept
 * in the source) keep their current value or take their default, so the restored draft is valid.
 *
 * @example await restoreVersion(db, ctx, entry.id, 2, { expectedVersion: 5 })
 */
export async function restoreVersion(
  db: Db,
  ctx: TenantContext,
  id: string,
  versionNumber: number,
  options: { expectedVersion?: number; changeNote?: string } = {},
): Promise<EntryReply> {
  await transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, id, options.expectedVersion);
    const type = await getContentType(tx, ctx, entry.contentTypeId);
    const [version] = await getVersions(tx, ctx, id, [versionNumber]);
    const old = version!.data as EntryData;
    const current = entry.data as EntryData;
    const data: Record<string, Json> = {};
    for (const field of type.schema.fields) {
      const value = old[field.name];
      if (value !== undefined && value !== null) data[field.name] = value;
      else if (field.required && current[field.name] !== undefined) data[field.name] = current[field.name]!;
      else if (field.required && field.default !== undefined) data[field.name] = field.default;
    }
    const fields = new Set(changedFieldsOf(current, data));
    // The SEO and social fields come back too (versions from before they were versioned have none); a
    // social image deleted since is left out rather than refusing the restore.
    const meta = version!.meta ? metaOf(version!.meta as Meta) : {};
    if (meta.ogImageId) await checkReferences(tx, entryInfo, ctx, { ogImageId: meta.ogImageId }).catch(() => delete meta.ogImageId);
    let valid: EntryData;
    try {
      valid = await validateForSave(tx, ctx, type, entry.locale, data, { defaults: false, entryId: id, fields });
    } catch (error) {
      if (error instanceof HttpError && error.status === 400)
        throw conflict(
          `Version ${versionNumber} no longer fits the content type's schema`,
          {},
          error.errors?.map((e) => ({ ...e, path: e.path.replace(/^body\.data/, `version.${versionNumber}.data`) })),
        );
      throw error;
    }
    const slugField = slugFieldOf(type);
    let slug = entry.slug;
    const wanted = slugField ? valid[slugField.name] : undefined;
    if (slugField && typeof wanted === 'string' && wanted !== entry.slug)
      slug = await allocateSlug(
        tx,
        ctx,
        type.id,
        entry.locale,
        { base: wanted, explicit: true, path: `version.${versionNumber}.data.${slugField.name}` },
        { entryId: id },
      );
    if (slugField) valid[slugField.name] = slug;
    await writeDraft(
      tx,
      ctx,
      type,
      entry,
      { data: valid, slug, meta },
      { action: 'restored', changeNote: options.changeNote, restoredFrom: { id: version!.id, versionNumber } },
    );
  });
  return getEntry(db, ctx, id);
}

// ---------------------------------------------------------------- lists and search

const searchVector = sql.raw(entrySearchVector);
const rowConfig = sql.raw(entrySearchConfig);
// Highlights are marked with control characters first, so the text can be HTML-escaped before the
// marks become <mark> tags: the snippet is safe to render as HTML.
const markStart = '\u0002';
const markStop = '\u0003';
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const toHighlight = (s: string) =>
  escapeHtml(s.replace(/[\u0000-\u0001\u0004-\u0008]/g, ''))
    .replaceAll(markStart, '<mark>')
    .replaceAll(markStop, '</mark>');

function decodeRankCursor(cursor: string): { rank: number; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; v?: unknown };
    const [rank, id] = Array.isArray(parsed.v) ? parsed.v : [];
    if (parsed.s !== 'rank' || typeof rank !== 'number' || !Number.isFinite(rank) || typeof id !== 'string') throw new Error('bad cursor');
    return { rank, id };
  } catch {
    throw badRequest([
      { path: 'query.cursor', message: 'Malformed cursor, or one from a list with a different sort; start again without it' },
    ]);
  }
}

/**
 * Lists entries the caller can see, with filters (type by id or slug, status, locale, tag by id or slug,
 * category by id or slug including its subtree, client, project, author, created/updated/published
 * ranges), keyset pagination and `sort`. With `q`, a PostgreSQL full-text search over titles and the
 * text of text and rich text fields (stemmed for the locale filter's language, or the organization's
 * default one), ranked with `ts_rank` unless `sort` is given, each item with a `highlight` snippet.
 *
 * @example const { data } = await listEntries(db, ctx, { type: 'blog-post', q: 'launch', locale: 'en' })
 */
export async function listEntries(db: Db, ctx: TenantContext, query: ListInput) {
  const limit = pageLimit(query.limit);
  const e = contentEntries;
  const where: (SQL | undefined)[] = [scopeOf(entryInfo, ctx)];
  if (query.type) {
    // Resolved first, so the planner sees a constant and can use the (organization, type, locale, status) index.
    const [type] = await db
      .select({ id: contentTypes.id })
      .from(contentTypes)
      .where(
        and(eq(contentTypes.organizationId, ctx.organizationId), or(eq(contentTypes.id, query.type), eq(contentTypes.slug, query.type))),
      )
      .limit(1);
    if (!type) return { data: [], nextCursor: null };
    where.push(eq(e.contentTypeId, type.id));
  }
  if (query.contentTypeId) where.push(eq(e.contentTypeId, query.contentTypeId));
  if (query.status) where.push(eq(e.status, query.status));
  if (query.locale) where.push(eq(e.locale, query.locale));
  if (query.clientId) where.push(eq(e.clientId, query.clientId));
  if (query.projectId) where.push(eq(e.projectId, query.projectId));
  if (query.createdById) where.push(eq(e.createdById, query.createdById));
  const ranges = [
    [e.createdAt, query.createdAfter, query.createdBefore],
    [e.updatedAt, query.updatedAfter, query.updatedBefore],
    [e.publishedAt, query.publishedAfter, query.publishedBefore],
  ] as const;
  for (const [column, from, to] of ranges) {
    if (from) where.push(gte(column, new Date(from)));
    if (to) where.push(lt(column, new Date(to)));
  }
  if (query.tag)
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(contentEntryTags)
          .innerJoin(contentTags, eq(contentTags.id, contentEntryTags.tagId))
          .where(
            and(
              eq(contentEntryTags.entryId, e.id),
              eq(contentTags.organizationId, ctx.organizationId),
              or(eq(contentTags.id, query.tag), eq(contentTags.slug, query.tag)),
            ),
          ),
      ),
    );
  if (query.category) {
    const [category] = await db
      .select({ path: contentCategories.path })
      .from(contentCategories)
      .where(
        and(
          eq(contentCategories.organizationId, ctx.organizationId),
          or(eq(contentCategories.id, query.category), eq(contentCategories.slug, query.category)),
        ),
      )
      .limit(1);
    if (!category) return { data: [], nextCursor: null };
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(contentEntryCategories)
          .innerJoin(contentCategories, eq(contentCategories.id, contentEntryCategories.categoryId))
          .where(
            and(
              eq(contentEntryCategories.entryId, e.id),
              eq(contentCategories.organizationId, ctx.organizationId),
              inSubtree(category.path),
            ),
          ),
      ),
    );
  }

  if (!query.q) {
    const keys = parseSort(query.sort, entryInfo.columns, entrySortable, '-updatedAt', e.id);
    const rows = await db
      .select()
      .from(e)
      .where(and(...where, cursorWhere(keys, query.cursor)))
      .orderBy(...orderBy(keys))
      .limit(limit + 1);
    const page = toPage(rows, limit, keys);
    return { data: await withTaxonomy(db, page.data), nextCursor: page.nextCursor };
  }

  // Stem the query for the language searched in (the locale filter, else the organization's default),
  // and also match words as written, so entries in other languages still match exact words.
  const language = (query.locale ?? (await orgLocales(db, ctx)).defaultLocale).split('-')[0]!;
  const tsquery = sql`(websearch_to_tsquery(${searchConfigs[language] ?? 'simple'}::regconfig, ${query.q}) ||
    websearch_to_tsquery('simple'::regconfig, ${query.q}))`;
  const rank = sql<number>`ts_rank(${searchVector}, ${tsquery})`;
  const headline = sql<string>`ts_headline(${rowConfig}, coalesce(${e.plainText}, ${e.title}), ${tsquery}, ${
    `StartSel=${markStart}, ` + `StopSel=${markStop}, MaxWords=30, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`
  })`;
  where.push(sql`${searchVector} @@ ${tsquery}`);
  if (query.sort) {
    const keys = parseSort(query.sort, entryInfo.columns, entrySortable, '-updatedAt', e.id);
    const rows = await db
      .select({ entry: e, highlight: headline })
      .from(e)
      .where(and(...where, cursorWhere(keys, query.cursor)))
      .orderBy(...orderBy(keys))
      .limit(limit + 1);
    const page = toPage(
      rows.map((r) => ({ ...r.entry, highlight: toHighlight(r.highlight) })),
      limit,
      keys,
    );
    return { data: await withTaxonomy(db, page.data), nextCursor: page.nextCursor };
  }
  const after = query.cursor ? decodeRankCursor(query.cursor) : undefined;
  const rows = await db
    .select({ entry: e, rank, highlight: headline })
    .from(e)
    .where(
      and(
        ...where,
        after ? or(lt(rank, sql`${after.rank}::real`), and(eq(rank, sql`${after.rank}::real`), gt(e.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(rank), asc(e.id))
    .limit(limit + 1);
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return {
    data: await withTaxonomy(
      db,
      data.map((r) => ({ ...r.entry, highlight: toHighlight(r.highlight) })),
    ),
    nextCursor:
      rows.length > limit && last ? Buffer.from(JSON.stringify({ s: 'rank', v: [last.rank, last.entry.id] })).toString('base64url') : null,
  };
}

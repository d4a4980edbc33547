import type { FieldError } from '@spokestack/core';
import type { ContentField, ContentTypeSchema, SchemaImpact, SchemaMigration } from '@spokestack/core/cms';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { badRequest } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { syncBlockUsage } from './blocks.js';
import type { StoredContentType } from './content-types.js';
import { type DataIssue, checkData, checkRefs, checkValue, emptyRefs, isEmptyValue, plainTextFor, titleFor } from './entry-data.js';
import { syncEntryMedia } from './media.js';
import { plainTextOf, textToRichText } from './richtext.js';
import { contentEntries, contentLocalizations } from './schema.js';
import { slugify } from './slugs.js';
import { type EntryData, changedFieldsOf, sameJson, seoOf, writeVersion } from './versions.js';

// Schema changes of a content type: what they do to existing entries (and translations), and the
// rewrite that carries the entries over when a `migration` says how.

/** Converts a value between field definitions for `migration.convert`; undefined when it cannot. */
function convertValue(value: Json, from: ContentField, to: ContentField): Json | undefined {
  const many = (v: Json): Json[] => (Array.isArray(v) ? v : [v]);
  // Same kind of value, different cardinality (`multiple` toggled): wrap, or keep the first.
  if (from.type === to.type) {
    const wantsMany = 'multiple' in to && to.multiple;
    if (wantsMany) return many(value);
    return Array.isArray(value) ? (value[0] ?? undefined) : value;
  }
  const asText = (v: Json): string | undefined => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (from.type === 'richtext') return plainTextOf(v);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ');
    if (from.type === 'json') return JSON.stringify(v);
    return undefined;
  };
  const text = asText(value);
  switch (to.type) {
    case 'text':
      return text;
    case 'slug':
      return text === undefined ? undefined : slugify(text);
    case 'richtext':
      return text === undefined ? undefined : (textToRichText(text) as unknown as Json);
    case 'number': {
      if (typeof value === 'boolean') return value ? 1 : 0;
      const n = text === undefined || !text.trim() ? Number.NaN : Number(text.trim());
      return Number.isFinite(n) ? n : undefined;
    }
    case 'boolean': {
      if (typeof value === 'number') return value !== 0;
      const t = text?.trim().toLowerCase();
      return t === 'true' || t === 'yes' || t === '1' ? true : t === 'false' || t === 'no' || t === '0' ? false : undefined;
    }
    case 'date':
    case 'select':
      return to.type === 'select' && to.multiple ? many(value).map((v) => asText(v) ?? '') : text?.trim();
    case 'tags':
      return Array.isArray(value)
        ? value
        : text
            ?.split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    case 'json':
      return value;
    default:
      return undefined;
  }
}

/** A change to the data of one entry (and its translations) that a schema change makes. */
export interface Rewrite {
  entryId: string;
  data?: EntryData;
  translations: { id: string; data: EntryData; outdated: boolean }[];
}

export interface Impact extends SchemaImpact {
  rewrites: Rewrite[];
}

/**
 * What a schema change does to the existing entries of a type: which ones it breaks (and why), and the
 * data each one ends up with once `migration` and field defaults are applied. Only fields whose
 * definition changed are judged, so old data the change does not touch never blocks it.
 *
 * @example const { affectedEntries, reasons } = await schemaImpact(db, ctx, type, nextSchema, { drop: ['legacy'] })
 */
export async function schemaImpact(
  db: Db,
  ctx: TenantContext,
  type: StoredContentType,
  next: ContentTypeSchema,
  migration: SchemaMigration = {},
): Promise<Impact> {
  const before = new Map(type.schema.fields.map((f) => [f.name, f]));
  const after = new Map(next.fields.map((f) => [f.name, f]));
  const drop = new Set(migration.drop ?? []);
  const convert = migration.convert ?? {};
  const defaults = migration.defaults ?? {};

  const errors: FieldError[] = [];
  for (const [i, name] of (migration.drop ?? []).entries())
    if (after.has(name) && after.get(name)!.localized === before.get(name)?.localized)
      errors.push({
        path: `body.migration.drop.${i}`,
        message: `"${name}" is still a field of the schema; only removed fields (or fields no longer localized) can be dropped`,
      });
  for (const [name, to] of Object.entries(convert)) {
    const field = after.get(name);
    if (!field || !before.has(name))
      errors.push({ path: `body.migration.convert.${name}`, message: 'Not a field of both the old and the new schema' });
    else if (field.type !== to)
      errors.push({ path: `body.migration.convert.${name}`, message: `The new schema declares "${name}" as ${field.type}` });
  }
  for (const [name, value] of Object.entries(defaults)) {
    const field = after.get(name);
    const issues: DataIssue[] = [];
    if (!field) errors.push({ path: `body.migration.defaults.${name}`, message: 'Not a field of the new schema' });
    else if (value !== null) checkValue(field, value, '', issues, emptyRefs());
    if (issues.length) errors.push({ path: `body.migration.defaults.${name}`, message: `Not a valid value: ${issues[0]!.message}` });
  }
  if (errors.length) throw badRequest(errors);

  // Fields whose definition changed in any way (added, removed, retyped, constrained) are the ones judged.
  const touched = new Set([...before.keys(), ...after.keys()].filter((name) => !sameJson(before.get(name), after.get(name))));
  const reasons = new Map<string, { field: string; reason: string; entries: Set<string> }>();
  // Fields already reported for an entry while carrying it over; validation does not repeat them.
  const carried = new Set<string>();
  const report = (entryId: string, field: string, reason: string) => {
    carried.add(`${entryId}\u0000${field}`);
    const key = `${field}\u0000${reason}`;
    if (!reasons.has(key)) reasons.set(key, { field, reason, entries: new Set() });
    reasons.get(key)!.entries.add(entryId);
  };

  /** Drop → convert → defaults for one data object; reports what cannot be carried over. */
  const carry = (entryId: string, data: EntryData, mode: 'entry' | 'translation'): EntryData => {
    const out: EntryData = {};
    for (const [key, value] of Object.entries(data)) {
      const old = before.get(key);
      const field = after.get(key);
      const kept = field && (mode === 'entry' || field.localized);
      if (!kept) {
        if (drop.has(key)) continue;
        if (!touched.has(key)) continue; // Not ours to judge: a stray key the old schema did not know either.
        report(
          entryId,
          key,
          field
            ? 'No longer localized, but translations hold values; add it to migration.drop'
            : 'Removed from the schema, but entries hold values; add it to migration.drop',
        );
        continue;
      }
      if (old && old.type !== field.type) {
        if (convert[key] === undefined) {
          report(entryId, key, `Type changes from ${old.type} to ${field.type}; add it to migration.convert`);
          continue;
        }
        const converted = convertValue(value, old, field);
        if (converted === undefined) {
          if (defaults[key] !== undefined) out[key] = defaults[key]!;
          else if (field.required && mode === 'entry')
            report(entryId, key, `A value cannot be converted to ${field.type}; give migration.defaults.${key}`);
          continue;
        }
        out[key] = converted;
        continue;
      }
      if (old && convert[key] !== undefined) {
        const converted = convertValue(value, old, field);
        if (converted !== undefined) out[key] = converted;
        continue;
      }
      out[key] = value;
    }
    if (mode === 'entry')
      for (const field of next.fields) {
        if (!touched.has(field.name) || !isEmptyValue(field, out[field.name])) continue;
        const value = defaults[field.name] ?? (field.required ? field.default : undefined);
        if (value !== undefined && value !== null) out[field.name] = value;
      }
    return out;
  };

  const entries = await db
    .select({ id: contentEntries.id, data: contentEntries.data, locale: contentEntries.locale })
    .from(contentEntries)
    .where(and(eq(contentEntries.organizationId, ctx.organizationId), eq(contentEntries.contentTypeId, type.id)))
    .orderBy(asc(contentEntries.id));
  const translations = await db
    .select({
      id: contentLocalizations.id,
      entryId: contentLocalizations.entryId,
      data: contentLocalizations.data,
      status: contentLocalizations.status,
      locale: contentLocalizations.locale,
    })
    .from(contentLocalizations)
    .innerJoin(contentEntries, eq(contentEntries.id, contentLocalizations.entryId))
    .where(and(eq(contentLocalizations.organizationId, ctx.organizationId), eq(contentEntries.contentTypeId, type.id)));

  const translationsOf = new Map<string, typeof translations>();
  for (const t of translations) translationsOf.set(t.entryId, [...(translationsOf.get(t.entryId) ?? []), t]);
  const rewrites: Rewrite[] = [];
  // Reference checks run once for all entries; each path carries its entry id before a NUL.
  const allRefs = emptyRefs();
  const seen = new Map<string, string>(); // unique values: field + locale + value → entry id
  for (const entry of entries) {
    const data = entry.data as EntryData;
    const result = carry(entry.id, data, 'entry');
    const { issues, refs } = checkData(next, result, { mode: 'entry', required: true });
    for (const issue of issues) {
      const field = issue.path.split('.')[0]!;
      if (touched.has(field) && !carried.has(`${entry.id}\u0000${field}`)) report(entry.id, field, issue.message);
    }
    for (const kind of ['files', 'entries', 'blocks'] as const)
      for (const ref of refs[kind] as { id: string; path: string }[])
        if (touched.has(ref.path.split('.')[0]!))
          (allRefs[kind] as { path: string }[]).push({ ...ref, path: `${entry.id}\u0000${ref.path}` });
    for (const field of next.fields)
      if (field.unique && touched.has(field.name) && result[field.name] !== undefined) {
        const key = `${field.name}\u0000${entry.locale}\u0000${JSON.stringify(result[field.name])}`;
        if (seen.has(key)) {
          report(entry.id, field.name, 'Now unique, but entries share values');
          report(seen.get(key)!, field.name, 'Now unique, but entries share values');
        } else seen.set(key, entry.id);
      }
    const rewrite: Rewrite = { entryId: entry.id, translations: [] };
    if (!sameJson(result, data)) rewrite.data = result;
    for (const t of translationsOf.get(entry.id) ?? []) {
      const tData = t.data as EntryData;
      const carriedT = carry(entry.id, tData, 'translation');
      const check = checkData(next, carriedT, { mode: 'translation', required: true });
      for (const issue of check.issues) {
        const field = issue.path.split('.')[0]!;
        // A translation missing a newly required field needs translating, not a migration: it becomes OUTDATED.
        if (touched.has(field) && issue.message !== 'Required') report(entry.id, field, `${issue.message} (translation "${t.locale}")`);
      }
      const outdated = t.status !== 'OUTDATED' && check.issues.some((i) => i.message === 'Required' && touched.has(i.path));
      if (outdated || !sameJson(carriedT, tData)) rewrite.translations.push({ id: t.id, data: carriedT, outdated });
    }
    if (rewrite.data || rewrite.translations.length) rewrites.push(rewrite);
  }
  for (const issue of await checkRefs(db, ctx, allRefs)) {
    const [entryId, path] = issue.path.split('\u0000') as [string, string];
    report(entryId, path.split('.')[0]!, issue.message);
  }
  const broken = new Set([...reasons.values()].flatMap((r) => [...r.entries]));
  return {
    affectedEntries: broken.size,
    rewrittenEntries: rewrites.filter((r) => !broken.has(r.entryId)).length,
    reasons: [...reasons.values()].map((r) => ({ field: r.field, reason: r.reason, entries: r.entries.size })),
    rewrites,
  };
}

/**
 * Writes the entries a schema change rewrites, each with a new version when the type keeps them; also
 * refreshes titles and search text when their sources changed. Returns how many entries changed.
 *
 * @example const rewritten = await applyRewrites(tx, ctx, { ...type, schema }, impact.rewrites, false)
 */
export async function applyRewrites(
  tx: Db,
  ctx: TenantContext,
  type: StoredContentType,
  rewrites: Rewrite[],
  refreshAll: boolean,
): Promise<number> {
  const byId = new Map(rewrites.map((r) => [r.entryId, r]));
  if (!byId.size && !refreshAll) return 0;
  const rows = await tx
    .select()
    .from(contentEntries)
    .where(
      and(
        eq(contentEntries.organizationId, ctx.organizationId),
        eq(contentEntries.contentTypeId, type.id),
        refreshAll ? undefined : inArray(contentEntries.id, [...byId.keys()]),
      ),
    );
  let count = 0;
  for (const entry of rows) {
    const rewrite = byId.get(entry.id);
    for (const t of rewrite?.translations ?? [])
      await tx
        .update(contentLocalizations)
        .set({ data: t.data, ...(t.outdated ? { status: 'OUTDATED' as const } : {}), updatedAt: ctx.now })
        .where(eq(contentLocalizations.id, t.id));
    const before = entry.data as EntryData;
    const data = rewrite?.data ?? before;
    const title = titleFor(type, data);
    const plainText = plainTextFor(type.schema, data);
    if (!rewrite?.data && title === entry.title && plainText === entry.plainText) continue;
    const version = entry.version + 1;
    await tx
      .update(contentEntries)
      .set({ data, title, plainText, version, lastEditedById: ctx.actor.id, updatedAt: ctx.now })
      .where(eq(contentEntries.id, entry.id));
    if (rewrite?.data) {
      // Fields dropped or converted took their files and blocks with them: rebuild both from the new
      // schema (`before` undefined, as the old data read through the new schema would hide the change).
      const after = { ...entry, data, title, plainText, version };
      await syncEntryMedia(tx, ctx, type.schema, undefined, after);
      await syncBlockUsage(tx, ctx, type.schema, undefined, after);
    }
    if (type.enableVersioning && rewrite?.data)
      await writeVersion(tx, ctx, {
        entryId: entry.id,
        versionNumber: version,
        data,
        meta: seoOf(entry),
        title,
        changedFields: [...new Set([...changedFieldsOf(before, data), ...(title !== entry.title ? ['title'] : [])])],
        changeNote: 'Content type schema change',
        maxVersions: type.maxVersions,
      });
    count++;
  }
  return count;
}

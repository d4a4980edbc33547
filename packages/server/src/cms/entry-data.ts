import { type ContentField, type ContentTypeSchema, blockValue, mediaValue } from '@spokestack/core/cms';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { type HttpError, badRequest, conflict } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { files } from '../platform/schema.js';
import type { StoredContentType } from './content-types.js';
import { isEmptyRichText, plainTextOf, richTextError, richTextImages } from './richtext.js';
import { contentBlocks, contentEntries, contentLocalizations, contentTypes } from './schema.js';
import type { EntryData } from './versions.js';

// Entry data against its content type's schema: every value checked by its field type, the ids it
// points at checked against the database, `unique` fields, and what a save derives from the data
// (title, search text). Entries, translations, templates, publishing and schema migrations share it.

/** A value problem inside `data`, at a path relative to it (`body`, `gallery.1.fileId`). */
export interface DataIssue {
  path: string;
  message: string;
}

/** Ids a value points at; checked against the database in one query per kind. */
export interface DataRefs {
  files: { id: string; path: string; accept?: string[] }[];
  entries: { id: string; path: string; contentType: string }[];
  blocks: { id: string; path: string; blockTypes?: string[] }[];
}

export const emptyRefs = (): DataRefs => ({ files: [], entries: [], blocks: [] });
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const regexCache = new Map<string, RegExp>();
export const regexOf = (pattern: string) => {
  let re = regexCache.get(pattern);
  if (!re) regexCache.set(pattern, (re = new RegExp(pattern, 'u')));
  return re;
};

/** Whether a value counts as "no value" for `required`: absent, null, '', [], or an empty document. */
export function isEmptyValue(field: ContentField, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (field.type === 'richtext') return isEmptyRichText(value);
  return false;
}

export function validDate(value: string, withTime: boolean | undefined): boolean {
  if (withTime ? !dateTimePattern.test(value) : !datePattern.test(value)) return false;
  const time = Date.parse(withTime ? value : `${value}T00:00:00Z`);
  // Date.parse rolls 2025-02-30 over to March; a real date prints back as itself.
  return !Number.isNaN(time) && (withTime || new Date(time).toISOString().slice(0, 10) === value);
}

const manyOf = (
  field: { multiple?: boolean; minItems?: number; maxItems?: number },
  value: unknown,
  path: string,
  issues: DataIssue[],
): unknown[] | undefined => {
  if (!field.multiple) return [value];
  if (!Array.isArray(value)) {
    issues.push({ path, message: 'Expected an array' });
    return undefined;
  }
  if (field.minItems !== undefined && value.length < field.minItems) issues.push({ path, message: `At least ${field.minItems} items` });
  if (field.maxItems !== undefined && value.length > field.maxItems) issues.push({ path, message: `At most ${field.maxItems} items` });
  return value;
};

/**
 * Checks one field value against its definition; pushes problems and the ids it references.
 * Presence (`required`) is checked by the caller.
 *
 * @example checkValue(field, field.default, '', issues, emptyRefs()) // is a default a valid value?
 */
export function checkValue(field: ContentField, value: Json, path: string, issues: DataIssue[], refs: DataRefs): void {
  const fail = (message: string, at = path): void => {
    issues.push({ path: at, message });
  };
  switch (field.type) {
    case 'text':
    case 'slug': {
      if (typeof value !== 'string') return fail('Expected a string');
      if (field.type === 'slug') {
        if (!slugPattern.test(value) || value.length > 200) fail('Expected a slug: lowercase letters and digits, words joined by "-"');
        return;
      }
      if (field.minLength !== undefined && value.length < field.minLength) fail(`At least ${field.minLength} characters`);
      if (value.length > (field.maxLength ?? 1_000_000)) fail(`At most ${field.maxLength ?? 1_000_000} characters`);
      // The schema's words for the pattern; never the regex itself, which editors cannot read.
      if (field.pattern !== undefined && !regexOf(field.pattern).test(value)) fail(field.patternMessage ?? 'Not in the expected format');
      if (!field.multiline && /[\r\n]/.test(value)) fail('A single line is expected');
      return;
    }
    case 'richtext': {
      const error = richTextError(value);
      if (error) return fail(error.message, error.path ? `${path}.${error.path}` : path);
      if (field.maxLength !== undefined && plainTextOf(value).length > field.maxLength)
        fail(`At most ${field.maxLength} characters of text`);
      for (const image of richTextImages(value)) refs.files.push({ id: image.fileId, path: `${path}.${image.path}`, accept: ['image/*'] });
      return;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('Expected a number');
      if (field.integer && !Number.isInteger(value)) fail('Expected a whole number');
      if (field.min !== undefined && value < field.min) fail(`At least ${field.min}`);
      if (field.max !== undefined && value > field.max) fail(`At most ${field.max}`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('Expected true or false');
      return;
    case 'date': {
      if (typeof value !== 'string' || !validDate(value, field.withTime))
        return fail(
          field.withTime ? 'Expected an ISO-8601 date-time with offset, like 2025-01-31T09:00:00Z' : 'Expected a date, YYYY-MM-DD',
        );
      const t = Date.parse(field.withTime ? value : `${value}T00:00:00Z`);
      const bound = (b: string) => Date.parse(datePattern.test(b) ? `${b}T00:00:00Z` : b);
      if (field.min !== undefined && t < bound(field.min)) fail(`On or after ${field.min}`);
      if (field.max !== undefined && t > bound(field.max)) fail(`On or before ${field.max}`);
      return;
    }
    case 'select': {
      const values = manyOf(field, value, path, issues);
      if (!values) return;
      const allowed = new Set(field.options.map((o) => o.value));
      values.forEach((v, i) => {
        if (typeof v !== 'string' || !allowed.has(v))
          fail(`Expected one of ${[...allowed].map((a) => `"${a}"`).join(', ')}`, field.multiple ? `${path}.${i}` : path);
      });
      if (field.multiple && new Set(values).size !== values.length) fail('Values repeat');
      return;
    }
    case 'media': {
      const values = manyOf(field, value, path, issues);
      values?.forEach((v, i) => {
        const at = field.multiple ? `${path}.${i}` : path;
        const parsed = mediaValue.safeParse(v);
        if (!parsed.success) return fail('Expected { fileId, alt?, caption? }', at);
        refs.files.push({ id: parsed.data.fileId, path: `${at}.fileId`, accept: field.accept });
      });
      return;
    }
    case 'relation': {
      const values = manyOf(field, value, path, issues);
      values?.forEach((v, i) => {
        const at = field.multiple ? `${path}.${i}` : path;
        if (typeof v !== 'string' || !v || v.length > 64) return fail('Expected an entry id', at);
        refs.entries.push({ id: v, path: at, contentType: field.contentType });
      });
      if (values && new Set(values).size !== values.length) fail('Entries repeat');
      return;
    }
    case 'tags': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim() && v.length <= 100))
        return fail('Expected an array of tags (non-empty strings of at most 100 characters)');
      if (field.maxItems !== undefined && value.length > field.maxItems) fail(`At most ${field.maxItems} tags`);
      if (new Set(value).size !== value.length) fail('Tags repeat');
      return;
    }
    case 'json':
      return;
    case 'blocks': {
      if (!Array.isArray(value)) return fail('Expected an array of blocks');
      if (field.minItems !== undefined && value.length < field.minItems) fail(`At least ${field.minItems} blocks`);
      if (field.maxItems !== undefined && value.length > field.maxItems) fail(`At most ${field.maxItems} blocks`);
      value.forEach((v, i) => {
        const parsed = blockValue.safeParse(v);
        if (!parsed.success) return fail('Expected { type, data } or { blockId }', `${path}.${i}`);
        if ('blockId' in parsed.data)
          refs.blocks.push({ id: parsed.data.blockId, path: `${path}.${i}.blockId`, blockTypes: field.blockTypes });
        else if (field.blockTypes && !field.blockTypes.includes(parsed.data.type))
          fail(`Block type must be one of ${field.blockTypes.join(', ')}`, `${path}.${i}.type`);
      });
      return;
    }
  }
}

export interface CheckOptions {
  /** `entry`: the source, every field. `translation`: localized fields only. */
  mode: 'entry' | 'translation';
  /** Whether `required` is enforced (always for entries; for translations in REVIEW/APPROVED and on publish). */
  required: boolean;
  /** Fill absent fields with their `default` (new entries). */
  defaults?: boolean;
}

/**
 * Checks entry data against a type's schema without the database: unknown fields, presence, and each
 * value by its field type. Returns the data (with defaults filled when asked and null values removed),
 * the problems by path, and the ids to check against the database.
 *
 * @example const { data, issues, refs } = checkData(type.schema, body.data, { mode: 'entry', required: true, defaults: true })
 */
export function checkData(
  schema: ContentTypeSchema,
  input: Record<string, Json>,
  options: CheckOptions,
): { data: EntryData; issues: DataIssue[]; refs: DataRefs } {
  const issues: DataIssue[] = [];
  const refs = emptyRefs();
  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  const data: EntryData = {};
  for (const [key, value] of Object.entries(input)) {
    const field = byName.get(key);
    if (!field) issues.push({ path: key, message: 'Unknown field' });
    else if (options.mode === 'translation' && !field.localized)
      issues.push({ path: key, message: 'Not a localized field: its value is shared with the source entry' });
    else if (value !== null) data[key] = value;
  }
  for (const field of schema.fields) {
    if (options.mode === 'translation' && !field.localized) continue;
    if (!(field.name in data) && options.defaults && field.default !== undefined && field.default !== null)
      data[field.name] = field.default;
    const value = data[field.name];
    // A malformed document is an error even when it holds no text (which would make it look "empty").
    const malformed = field.type === 'richtext' && value !== undefined && value !== null ? richTextError(value) : undefined;
    if (malformed) {
      issues.push({ path: malformed.path ? `${field.name}.${malformed.path}` : field.name, message: malformed.message });
      continue;
    }
    if (isEmptyValue(field, value)) {
      if (options.required && field.required) issues.push({ path: field.name, message: 'Required' });
      // Empty strings and lists carry nothing; store them as absent so `required` and uniqueness agree.
      if (value !== undefined && (value === '' || (Array.isArray(value) && !value.length))) delete data[field.name];
      continue;
    }
    checkValue(field, value!, field.name, issues, refs);
  }
  return { data, issues, refs };
}

/**
 * Checks the ids entry data points at: files of the organization (of an accepted type), entries of the
 * organization of the declared type, content blocks of the organization. One query per kind.
 *
 * @example issues.push(...(await checkRefs(tx, ctx, refs)))
 */
export async function checkRefs(db: Db, ctx: TenantContext, refs: DataRefs): Promise<DataIssue[]> {
  const issues: DataIssue[] = [];
  if (refs.files.length) {
    const rows = await db
      .select({ id: files.id, mimeType: files.mimeType })
      .from(files)
      .where(and(eq(files.organizationId, ctx.organizationId), inArray(files.id, [...new Set(refs.files.map((r) => r.id))])));
    const mime = new Map(rows.map((r) => [r.id, r.mimeType]));
    for (const ref of refs.files) {
      const type = mime.get(ref.id);
      if (type === undefined) issues.push({ path: ref.path, message: 'No file with this id' });
      else if (ref.accept?.length && !ref.accept.some((a) => (a.endsWith('/*') ? type.startsWith(a.slice(0, -1)) : a === type)))
        issues.push({ path: ref.path, message: `The file is ${type}; accepted: ${ref.accept.join(', ')}` });
    }
  }
  if (refs.entries.length) {
    const rows = await db
      .select({ id: contentEntries.id, type: contentTypes.slug })
      .from(contentEntries)
      .innerJoin(contentTypes, eq(contentTypes.id, contentEntries.contentTypeId))
      .where(
        and(eq(contentEntries.organizationId, ctx.organizationId), inArray(contentEntries.id, [...new Set(refs.entries.map((r) => r.id))])),
      );
    const typeOf = new Map(rows.map((r) => [r.id, r.type]));
    for (const ref of refs.entries) {
      const type = typeOf.get(ref.id);
      if (type === undefined) issues.push({ path: ref.path, message: 'No entry with this id' });
      else if (type !== ref.contentType)
        issues.push({ path: ref.path, message: `Must be an entry of type "${ref.contentType}" (this one is "${type}")` });
    }
  }
  if (refs.blocks.length) {
    const rows = await db
      .select({ id: contentBlocks.id, blockType: contentBlocks.blockType })
      .from(contentBlocks)
      .where(
        and(eq(contentBlocks.organizationId, ctx.organizationId), inArray(contentBlocks.id, [...new Set(refs.blocks.map((r) => r.id))])),
      );
    const typeOf = new Map(rows.map((r) => [r.id, r.blockType]));
    for (const ref of refs.blocks) {
      const type = typeOf.get(ref.id);
      if (type === undefined) issues.push({ path: ref.path, message: 'No content block with this id' });
      else if (ref.blockTypes && !ref.blockTypes.includes(type))
        issues.push({ path: ref.path, message: `Block type must be one of ${ref.blockTypes.join(', ')}` });
    }
  }
  return issues;
}

/**
 * Values of `unique` fields already held by another entry of the type in the same locale (source entries
 * in that locale, and translations into it). Returns one problem per clashing field.
 *
 * @example issues.push(...(await checkUnique(tx, ctx, type, 'en', data, entry.id)))
 */
export async function checkUnique(
  db: Db,
  ctx: TenantContext,
  type: StoredContentType,
  locale: string,
  data: EntryData,
  exceptEntryId?: string,
  mode: 'entry' | 'translation' = 'entry',
): Promise<DataIssue[]> {
  const issues: DataIssue[] = [];
  for (const field of type.schema.fields) {
    if (!field.unique || !(field.name in data) || (mode === 'translation' && !field.localized)) continue;
    const value = JSON.stringify(data[field.name]);
    const [source] = await db
      .select({ id: contentEntries.id })
      .from(contentEntries)
      .where(
        and(
          eq(contentEntries.organizationId, ctx.organizationId),
          eq(contentEntries.contentTypeId, type.id),
          eq(contentEntries.locale, locale),
          exceptEntryId ? ne(contentEntries.id, exceptEntryId) : undefined,
          sql`${contentEntries.data} -> ${field.name} = ${value}::jsonb`,
        ),
      )
      .limit(1);
    let clash = Boolean(source);
    if (!clash && field.localized) {
      const [translated] = await db
        .select({ id: contentLocalizations.id })
        .from(contentLocalizations)
        .innerJoin(contentEntries, eq(contentEntries.id, contentLocalizations.entryId))
        .where(
          and(
            eq(contentLocalizations.organizationId, ctx.organizationId),
            eq(contentEntries.contentTypeId, type.id),
            eq(contentLocalizations.locale, locale),
            exceptEntryId ? ne(contentLocalizations.entryId, exceptEntryId) : undefined,
            sql`${contentLocalizations.data} -> ${field.name} = ${value}::jsonb`,
          ),
        )
        .limit(1);
      clash = Boolean(translated);
    }
    if (clash) issues.push({ path: field.name, message: `Another ${type.name} in "${locale}" already has this value` });
  }
  return issues;
}

/** `unique` clashes as a 409 naming each field under `prefix`. */
export const conflictError = (issues: DataIssue[], prefix = 'body.data'): HttpError =>
  conflict(
    `A value that must be unique is already taken: ${issues.map((i) => i.path).join(', ')}`,
    { fields: issues.map((i) => i.path) },
    issues.map((i) => ({ path: `${prefix}.${i.path}`, message: i.message })),
  );

/** Field problems as a 400 with paths under `prefix` (`body.data`). */
export const dataError = (issues: DataIssue[], prefix = 'body.data'): HttpError =>
  badRequest(issues.map((i) => ({ path: i.path ? `${prefix}.${i.path}` : prefix, message: i.message })));

/**
 * The entry title: the value of the type's `titleField` (a text field), or "Untitled".
 *
 * @example titleFor(type, { title: 'Hello' }) // 'Hello'
 */
export function titleFor(type: { titleField: string }, data: EntryData): string {
  const value = data[type.titleField];
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 500) : 'Untitled';
}

/**
 * The text of every text and rich text field, one per line, for full-text search.
 *
 * @example plainTextFor(schema, data) // 'Hello\nFirst paragraph'
 */
export function plainTextFor(schema: ContentTypeSchema, data: EntryData): string | null {
  const parts = schema.fields.flatMap((field) => {
    const value = data[field.name];
    if (field.type === 'text' && typeof value === 'string') return [value];
    if (field.type === 'richtext' && value !== undefined) return [plainTextOf(value)];
    return [];
  });
  const text = parts.filter(Boolean).join('\n');
  return text || null;
}

/** Localized field names of a schema. */
export const localizedFields = (schema: ContentTypeSchema) => schema.fields.filter((f) => f.localized).map((f) => f.name);

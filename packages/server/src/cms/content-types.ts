import {
  type ContentField,
  type ContentTypeSchema,
  type SchemaImpact,
  type SchemaMigration,
  contentTypeSchema,
  mediaValue,
  blockValue,
} from '@spokestack/core/cms';
import type { FieldError } from '@spokestack/core';
import type { cmsOps } from '@spokestack/core/cms';
import { type SQL, and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from '../db/paging.js';
import { checkReferences, tableInfo } from '../db/resource-service.js';
import { type HttpError, badRequest, conflict, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import { files } from '../platform/schema.js';
import { syncBlockUsage } from './blocks.js';
import type { CmsContext } from './entries.js';
import { syncEntryMedia } from './media.js';
import { isEmptyRichText, plainTextOf, richTextError, richTextImages, textToRichText } from './richtext.js';
import { contentBlocks, contentEntries, contentLocalizations, contentTypes } from './schema.js';
import { type EntryData, changedFieldsOf, sameJson, writeVersion } from './versions.js';

export type ContentTypeRow = typeof contentTypes.$inferSelect & { schema: ContentTypeSchema };
type Input<K extends keyof typeof cmsOps> = z.output<NonNullable<(typeof cmsOps)[K]['body']>>;

// ---------------------------------------------------------------- field values

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

const emptyRefs = (): DataRefs => ({ files: [], entries: [], blocks: [] });
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const _isRecord = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const regexCache = new Map<string, RegExp>();
const regexOf = (pattern: string) => {
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

function validDate(value: string, withTime: boolean | undefined): boolean {
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
 */
function checkValue(field: ContentField, value: Json, path: string, issues: DataIssue[], refs: DataRefs): void {
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
      if (field.pattern !== undefined && !regexOf(field.pattern).test(value)) fail(`Does not match the pattern ${field.pattern}`);
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
export async function checkRefs(db: Db, ctx: CmsContext, refs: DataRefs): Promise<DataIssue[]> {
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
  ctx: CmsContext,
  type: ContentTypeRow,
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

// ---------------------------------------------------------------- type definitions

/**
 * Rules of a type definition beyond the field contract: the title field is a text field, limits are
 * coherent, patterns compile, defaults are valid values, slug sources and relation targets exist.
 */
async function checkDefinition(
  db: Db,
  ctx: CmsContext,
  schema: ContentTypeSchema,
  titleField: string,
  ownSlug: string,
  paths = { schema: 'body.schema', titleField: 'body.titleField' },
) {
  const errors: FieldError[] = [];
  const at = (i: number, key: string) => `${paths.schema}.fields.${i}.${key}`;
  const title = schema.fields.find((f) => f.name === titleField);
  if (title?.type !== 'text')
    errors.push({
      path: paths.titleField,
      message: `Must name a text field of the schema${title ? ` ("${titleField}" is ${title.type})` : ` (no field "${titleField}")`}`,
    });
  const relationTypes = new Set<string>();
  schema.fields.forEach((field, i) => {
    if ('minLength' in field && field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength)
      errors.push({ path: at(i, 'minLength'), message: 'Greater than maxLength' });
    if ('minItems' in field && field.minItems !== undefined && field.maxItems !== undefined && field.minItems > field.maxItems)
      errors.push({ path: at(i, 'minItems'), message: 'Greater than maxItems' });
    if (field.type === 'number' && field.min !== undefined && field.max !== undefined && field.min > field.max)
      errors.push({ path: at(i, 'min'), message: 'Greater than max' });
    if (field.type === 'date')
      for (const key of ['min', 'max'] as const) {
        const v = field[key];
        if (v !== undefined && !validDate(v, false) && !validDate(v, true))
          errors.push({ path: at(i, key), message: 'Expected a date (YYYY-MM-DD) or an ISO-8601 date-time' });
      }
    if (field.type === 'text' && field.pattern !== undefined) {
      try {
        regexOf(field.pattern);
      } catch {
        errors.push({ path: at(i, 'pattern'), message: 'Not a valid regular expression' });
      }
    }
    if (field.type === 'select' && new Set(field.options.map((o) => o.value)).size !== field.options.length)
      errors.push({ path: at(i, 'options'), message: 'Option values repeat' });
    if (field.type === 'slug' && field.from !== undefined && schema.fields.find((f) => f.name === field.from)?.type !== 'text')
      errors.push({ path: at(i, 'from'), message: 'Must name a text field of the schema' });
    if (field.unique && !['text', 'number', 'date', 'select', 'slug', 'relation', 'boolean'].includes(field.type))
      errors.push({ path: at(i, 'unique'), message: `A ${field.type} field cannot be unique` });
    if (field.unique && 'multiple' in field && field.multiple)
      errors.push({ path: at(i, 'unique'), message: 'A field holding several values cannot be unique' });
    if (field.type === 'relation' && field.contentType !== ownSlug) relationTypes.add(field.contentType);
    if (field.default !== undefined && field.default !== null) {
      const issues: DataIssue[] = [];
      checkValue(field, field.default, '', issues, emptyRefs());
      if (issues.length) errors.push({ path: at(i, 'default'), message: `Not a valid value: ${issues[0]!.message}` });
    }
  });
  if (schema.fields.filter((f) => f.type === 'slug').length > 1)
    errors.push({ path: `${paths.schema}.fields`, message: 'At most one slug field' });
  if (relationTypes.size) {
    const found = await db
      .select({ slug: contentTypes.slug })
      .from(contentTypes)
      .where(and(eq(contentTypes.organizationId, ctx.organizationId), inArray(contentTypes.slug, [...relationTypes])));
    const known = new Set(found.map((r) => r.slug));
    schema.fields.forEach((field, i) => {
      if (field.type === 'relation' && field.contentType !== ownSlug && !known.has(field.contentType))
        errors.push({ path: at(i, 'contentType'), message: `No content type with slug "${field.contentType}"` });
    });
  }
  if (errors.length) throw badRequest(errors);
}

// ---------------------------------------------------------------- schema changes

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
interface Rewrite {
  entryId: string;
  data?: EntryData;
  translations: { id: string; data: EntryData; outdated: boolean }[];
}

interface Impact extends SchemaImpact {
  rewrites: Rewrite[];
}

/**
 * What a schema change does to the existing entries of a type: which ones it breaks (and why), and the
 * data each one ends up with once `migration` and field defaults are applied. Only fields whose
 * definition changed are judged, so old data the change does not touch never blocks it.
 */
async function schemaImpact(
  db: Db,
  ctx: CmsContext,
  type: ContentTypeRow,
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

// ---------------------------------------------------------------- service

const info = tableInfo(contentTypes);
const label = 'Content type';

/**
 * Slugifies a name: lowercase ASCII words joined by `-` (accents folded), at most 80 characters.
 *
 * @example slugify('Case Study: Café') // 'case-study-cafe'
 */
export function slugify(text: string, fallback = 'untitled'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || fallback;
}

const asType = (row: typeof contentTypes.$inferSelect): ContentTypeRow => ({ ...row, schema: contentTypeSchema.parse(row.schema) });

/**
 * One content type of the caller's organization, with its schema parsed; 404 otherwise. Content types
 * are readable by every member, CLIENT ones included (their editors render from them).
 *
 * @example const type = await getContentType(db, ctx, id)
 */
export async function getContentType(db: Db, ctx: CmsContext, idOrSlug: string, bySlug = false): Promise<ContentTypeRow> {
  const [row] = await db
    .select()
    .from(contentTypes)
    .where(
      and(eq(contentTypes.organizationId, ctx.organizationId), bySlug ? eq(contentTypes.slug, idOrSlug) : eq(contentTypes.id, idOrSlug)),
    )
    .limit(1);
  if (!row) throw notFound(label);
  return asType(row);
}

/**
 * A page of the organization's content types.
 *
 * @example const { data } = await listContentTypes(db, ctx, { isActive: true })
 */
export async function listContentTypes(
  db: Db,
  ctx: CmsContext,
  query: { limit?: number; cursor?: string; sort?: string; slug?: string; isActive?: boolean; workflowId?: string },
) {
  const keys = parseSort(query.sort, info.columns, ['name', 'slug', 'createdAt', 'updatedAt'], 'name', contentTypes.id);
  const limit = pageLimit(query.limit);
  const where: (SQL | undefined)[] = [
    eq(contentTypes.organizationId, ctx.organizationId),
    query.slug ? eq(contentTypes.slug, query.slug) : undefined,
    query.isActive === undefined ? undefined : eq(contentTypes.isActive, query.isActive),
    query.workflowId ? eq(contentTypes.workflowId, query.workflowId) : undefined,
  ];
  const rows = await db
    .select()
    .from(contentTypes)
    .where(and(...where, cursorWhere(keys, query.cursor)))
    .orderBy(...orderBy(keys))
    .limit(limit + 1);
  const page = toPage(rows, limit, keys);
  return { data: page.data.map(asType), nextCursor: page.nextCursor };
}

/**
 * Creates a content type after checking its schema and title field.
 *
 * @example await createContentType(db, ctx, { name: 'Blog Post', schema: { fields: [{ name: 'title', type: 'text', required: true }] } })
 */
export async function createContentType(db: Db, ctx: CmsContext, input: Input<'createContentType'>): Promise<ContentTypeRow> {
  return transaction(db, async (tx) => {
    const slug = input.slug ?? slugify(input.name, 'type');
    const titleField = input.titleField ?? 'title';
    await checkDefinition(tx, ctx, input.schema, titleField, slug);
    await checkReferences(tx, info, ctx, { workflowId: input.workflowId });
    const [row] = await tx
      .insert(contentTypes)
      .values({
        ...input,
        slug,
        titleField,
        organizationId: ctx.organizationId,
        createdById: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordActivity(tx, ctx, { action: 'created', entityType: 'content_types', entityId: row!.id, entityTitle: row!.name });
    return asType(row!);
  });
}

/**
 * The effect a schema (and title field) change would have on existing entries, without applying it.
 *
 * @example const impact = await checkSchemaChange(db, ctx, type.id, { schema, migration: { drop: ['legacy'] } })
 */
export async function checkSchemaChange(db: Db, ctx: CmsContext, id: string, input: Input<'checkSchema'>): Promise<SchemaImpact> {
  const type = await getContentType(db, ctx, id);
  await checkDefinition(db, ctx, input.schema, input.titleField ?? type.titleField, type.slug);
  const { rewrites: _rewrites, ...impact } = await schemaImpact(db, ctx, type, input.schema, input.migration);
  return impact;
}

/**
 * Updates a content type. A schema change that would break existing entries is refused with 409
 * (`affectedEntries`, `reasons`) unless `migration` carries them over; then every affected entry (and
 * translation) is rewritten in the same transaction, each with a new version when the type keeps them.
 *
 * @example await updateContentType(db, ctx, id, { schema, migration: { defaults: { subtitle: '' }, drop: ['legacy'] } })
 */
export async function updateContentType(db: Db, ctx: CmsContext, id: string, input: Input<'updateContentType'>): Promise<ContentTypeRow> {
  return transaction(db, async (tx) => {
    const [locked] = await tx
      .select()
      .from(contentTypes)
      .where(and(eq(contentTypes.organizationId, ctx.organizationId), eq(contentTypes.id, id)))
      .for('update');
    if (!locked) throw notFound(label);
    const type = asType(locked);
    const { migration, ...changes } = input;
    const schema = changes.schema ?? type.schema;
    const titleField = changes.titleField ?? type.titleField;
    const slug = changes.slug ?? type.slug;
    const schemaChanged = !sameJson(schema, type.schema);
    if (schemaChanged || titleField !== type.titleField || slug !== type.slug) await checkDefinition(tx, ctx, schema, titleField, slug);
    if (changes.workflowId) await checkReferences(tx, info, ctx, { workflowId: changes.workflowId });
    if (slug !== type.slug) {
      // Relation fields name their target type by slug; renaming one that is targeted would orphan them.
      const targeted = await relationsTo(tx, ctx, type);
      if (targeted > 0)
        throw conflict(
          `Relation fields of ${targeted} other content type(s) point at "${type.slug}"; change them first`,
          { targetedBy: targeted },
          [{ path: 'body.slug', message: 'Targeted by relation fields' }],
        );
    }
    let rewritten = 0;
    if (schemaChanged || titleField !== type.titleField) {
      const impact = await schemaImpact(tx, ctx, type, schema, migration);
      if (impact.affectedEntries > 0)
        throw conflict(
          `The schema change would break ${impact.affectedEntries} existing entr${impact.affectedEntries === 1 ? 'y' : 'ies'}; send a migration saying how to carry them over`,
          { affectedEntries: impact.affectedEntries, rewrittenEntries: impact.rewrittenEntries, reasons: impact.reasons },
          impact.reasons.map((r) => ({
            path: `body.schema.${r.field}`,
            message: `${r.reason} (${r.entries} entr${r.entries === 1 ? 'y' : 'ies'})`,
          })),
        );
      const next = { ...type, schema, titleField };
      rewritten = await applyRewrites(
        tx,
        ctx,
        next,
        impact.rewrites,
        titleField !== type.titleField ||
          schema.fields.some(
            (f) =>
              !sameJson(
                f,
                type.schema.fields.find((o) => o.name === f.name),
              ) &&
              (f.type === 'text' || f.type === 'richtext'),
          ),
      );
    }
    const [row] = await tx
      .update(contentTypes)
      .set({ ...changes, schema, titleField, slug, updatedAt: ctx.now })
      .where(eq(contentTypes.id, id))
      .returning();
    await recordActivity(tx, ctx, {
      action: migration ? 'migrated' : 'updated',
      entityType: 'content_types',
      entityId: id,
      entityTitle: row!.name,
      metadata: {
        changedFields: Object.keys(changes),
        rewrittenEntries: rewritten,
        ...(migration ? { migration: migration as Json } : {}),
      },
    });
    return asType(row!);
  });
}

/** How many other types of the organization have relation fields pointing at `type`. */
async function relationsTo(tx: Db, ctx: CmsContext, type: ContentTypeRow): Promise<number> {
  const [row] = await tx
    .select({ count: count() })
    .from(contentTypes)
    .where(
      and(
        eq(contentTypes.organizationId, ctx.organizationId),
        ne(contentTypes.id, type.id),
        sql`${contentTypes.schema} -> 'fields' @> ${JSON.stringify([{ type: 'relation', contentType: type.slug }])}::jsonb`,
      ),
    );
  return row!.count;
}

/** Writes the entries a schema change rewrites; also refreshes titles and search text when their sources changed. */
async function applyRewrites(tx: Db, ctx: CmsContext, type: ContentTypeRow, rewrites: Rewrite[], refreshAll: boolean): Promise<number> {
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
        title,
        changedFields: [...new Set([...changedFieldsOf(before, data), ...(title !== entry.title ? ['title'] : [])])],
        changeNote: 'Content type schema change',
        maxVersions: type.maxVersions,
      });
    count++;
  }
  return count;
}

/**
 * Deletes a content type; one that still has entries is refused (409).
 *
 * @example await deleteContentType(db, ctx, id)
 */
export async function deleteContentType(db: Db, ctx: CmsContext, id: string) {
  return transaction(db, async (tx) => {
    const type = await getContentType(tx, ctx, id);
    const [used] = await tx
      .select({ count: count() })
      .from(contentEntries)
      .where(and(eq(contentEntries.organizationId, ctx.organizationId), eq(contentEntries.contentTypeId, id)));
    if (used!.count > 0)
      throw conflict(`The content type still has ${used!.count} entr${used!.count === 1 ? 'y' : 'ies'}; delete them first`, {
        entries: used!.count,
      });
    const targeted = await relationsTo(tx, ctx, type);
    if (targeted > 0)
      throw conflict(`Relation fields of ${targeted} other content type(s) point at "${type.slug}"; change them first`, {
        targetedBy: targeted,
      });
    await tx.delete(contentTypes).where(eq(contentTypes.id, id));
    await recordActivity(tx, ctx, { action: 'deleted', entityType: 'content_types', entityId: id, entityTitle: type.name });
    return { id, deleted: true as const };
  });
}

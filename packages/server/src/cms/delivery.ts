import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  type ContentTypeSchema,
  type DeliveredEntry,
  contentTypeSchema,
  type deliveryListQuery,
  type previewTokenBody,
} from '@spokestack/core/cms';
import { type SQL, and, eq, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { badRequest, forbidden, notFound, unauthorized } from '../http/problem.js';
import type { Clock } from '../platform/clock.js';
import type { TenantContext } from '../platform/context.js';
import type { FileService } from '../platform/files.js';
import { withImageUrls } from './richtext.js';
import { contentEntries, contentTypes } from './schema.js';

// ---------------------------------------------------------------- signed tokens

const prefixes = { preview: 'pv', review: 'rv' } as const;
type Purpose = keyof typeof prefixes;

/**
 * A compact signed token: `<pv|rv>_<payload>.<signature>`, HMAC-SHA256 with the server secret over the
 * purpose and the payload, so a token minted for one purpose (a preview) is never valid for another
 * (a review link, a session). `exp` is in unix seconds.
 *
 * @example const token = signToken(secret, 'preview', { o: orgId, e: entryId, exp: 1735689600 })
 */
export function signToken(secret: string, purpose: Purpose, payload: Record<string, string | number>): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${purpose}:${body}`).digest('base64url');
  return `${prefixes[purpose]}_${body}.${signature}`;
}

/**
 * The payload of a token `signToken` made for `purpose`, or undefined when it is malformed, forged or
 * expired.
 *
 * @example const claims = verifyToken<{ o: string; exp: number }>(secret, 'preview', token, clock.now())
 */
export function verifyToken<T extends { exp: number }>(secret: string, purpose: Purpose, token: string, now: Date): T | undefined {
  const match = new RegExp(`^${prefixes[purpose]}_([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)$`).exec(token);
  if (!match) return undefined;
  const expected = createHmac('sha256', secret).update(`${purpose}:${match[1]}`).digest();
  const given = Buffer.from(match[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as T;
    return typeof payload.exp === 'number' && payload.exp * 1000 > now.getTime() ? payload : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- delivery

interface PreviewClaims {
  o: string;
  e?: string;
  t?: string;
  exp: number;
}

/** One row of the delivery queries: a served variant (source or translation) of an entry. */
interface DeliveryRow {
  type_id: string;
  type_updated: string;
  default_locale: string;
  id: string | null;
  locale: string;
  fallback: boolean;
  slug: string;
  title: string;
  data: Record<string, Json> | string;
  /** Drafts of translations: the source's data, whose non-localized fields the translation shares. */
  source_data: Record<string, Json> | string | null;
  published_at: string | null;
  seo_title: string | null;
  seo_description: string | null;
  seo_keywords: string[];
  canonical_url: string | null;
  no_index: boolean;
  og_title: string | null;
  og_description: string | null;
  og_image_id: string | null;
  tags: string[];
  categories: string[];
  sort_cursor: string | null;
}

interface RelatedRow {
  id: string;
  type_id: string;
  type_slug: string;
  type_updated: string;
  locale: string;
  fallback: boolean;
  slug: string;
  title: string;
  data: Record<string, Json> | string;
  published_at: string | null;
}

type ListQuery = z.output<typeof deliveryListQuery>;
type Mode = 'published' | 'draft';

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []));
const jsonOf = (value: Record<string, Json> | string | null): Record<string, Json> =>
  typeof value === 'string' ? (JSON.parse(value) as Record<string, Json>) : (value ?? {});
/** PostgreSQL's text form of a timestamptz (`2025-01-01 09:00:00.123+00`) as ISO-8601 UTC. */
const isoOf = (value: string | null): string | null => {
  if (value === null) return null;
  const time = new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
};
const list = (values: string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** What a delivery query reads: one entry by slug, or a page of a list. */
export interface DeliveryQueryInput {
  organizationId: string;
  typeSlug: string;
  /** The requested locale; the organization's default when undefined. */
  locale: string | undefined;
  mode: Mode;
  limit: number;
  /** Lists: sort, cursor and filters. */
  list?: {
    sort: 'publishedAt' | 'title';
    desc: boolean;
    after?: { value: string; id: string };
    tag?: string;
    category?: string;
    where: [string, string][];
  };
  /** Get: the slug. */
  slug?: string;
  /** A preview token's entry. */
  entryId?: string;
}

const dialect = new PgDialect();
const slotPrefix = '\u0000slot:';
type Slot = { value: string } | { constant: unknown };
/** Compiled statements by query shape: building the SQL costs more than running it. */
const compiled = new Map<string, { text: string; slots: Slot[] }>();

/**
 * The statement (text and parameters) the delivery API sends for a query; also how a benchmark runs
 * the very same SQL through a bare driver. The SQL text depends only on the query's shape (mode, which
 * filters, sort, page size, filtered field names), so it is built once per shape with placeholders
 * and the values are slotted into its parameters.
 *
 * @example const { text, params } = deliveryStatement({ organizationId, typeSlug: 'article', locale: 'en', mode: 'published', limit: 20, list: { sort: 'publishedAt', desc: true, where: [] } })
 */
export function deliveryStatement(input: DeliveryQueryInput): { text: string; params: unknown[] } {
  const l = input.list;
  const values: Record<string, string | undefined> = {
    org: input.organizationId,
    type: input.typeSlug,
    locale: input.locale,
    slug: input.slug,
    entry: input.entryId,
    afterValue: l?.after?.value,
    afterId: l?.after?.id,
    tag: l?.tag,
    category: l?.category,
    ...Object.fromEntries((l?.where ?? []).map(([, value], i) => [`where${i}`, value])),
  };
  const key = JSON.stringify([
    input.mode,
    input.limit,
    Object.entries(values).map(([k, v]) => (v === undefined ? '' : k)),
    l && [l.sort, l.desc, l.where.map(([field]) => field)],
  ]);
  let statement = compiled.get(key);
  if (!statement) {
    const slot = (name: string) => (values[name] === undefined ? undefined : `${slotPrefix}${name}`);
    const placeholders: DeliveryQueryInput = {
      ...input,
      organizationId: slot('org')!,
      typeSlug: slot('type')!,
      locale: slot('locale'),
      slug: slot('slug'),
      entryId: slot('entry'),
      list: l && {
        ...l,
        after: l.after && { value: slot('afterValue')!, id: slot('afterId')! },
        tag: slot('tag'),
        category: slot('category'),
        where: l.where.map(([field], i) => [field, slot(`where${i}`)!]),
      },
    };
    const query = dialect.sqlToQuery(deliverySql(placeholders));
    const slots = query.params.map(
      (p): Slot => (typeof p === 'string' && p.startsWith(slotPrefix) ? { value: p.slice(slotPrefix.length) } : { constant: p }),
    );
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, (statement = { text: query.sql, slots }));
  }
  return { text: statement.text, params: statement.slots.map((s) => ('value' in s ? values[s.value] : s.constant)) };
}

/**
 * Runs a delivery query as a prepared statement, parsed and planned once per connection rather than
 * on every request (Drizzle prepares only named queries): this is the hottest path of the API.
 */
async function runPrepared<T>(db: Db, input: DeliveryQueryInput): Promise<T[]> {
  const { text, params } = deliveryStatement(input);
  return rowsOf<T>(await db._.session.prepareQuery({ sql: text, params }, undefined, 'delivery', false).execute());
}

/**
 * The SQL of one delivery query. Every variant an entry can be served in is one branch of a UNION ALL,
 * each ordered and limited on its own index, so a page costs a few index scans whatever the size of
 * the type: published sources in the locale, approved published translations into it, and (for
 * another locale than the default) default-locale sources that have no such translation (fallback).
 * The type and the default locale are looked up in the same statement: one round trip per request.
 */
function deliverySql(input: DeliveryQueryInput): SQL {
  const { organizationId: org, mode } = input;
  const published = mode === 'published';
  // The requested locale; when absent, the organization's default (from the CTE).
  const L = input.locale === undefined ? sql`t.default_locale` : sql`${input.locale}::text`;
  const src = {
    slug: sql.raw(published ? 'e.published_slug' : 'e.slug'),
    title: sql.raw(published ? 'e.published_title' : 'e.title'),
    data: sql.raw(published ? 'e.published_data' : 'e.data'),
    at: sql.raw(published ? 'e.published_at' : 'e.updated_at'),
    live: published ? sql`e.published_slug is not null` : sql`e.status <> 'ARCHIVED'`,
  };
  const tr = {
    slug: sql.raw(published ? 'l.published_slug' : 'l.slug'),
    title: sql.raw(published ? 'l.published_title' : 'l.title'),
    data: sql.raw(published ? 'l.published_data' : 'l.data'),
    at: sql.raw(published ? 'l.published_at' : 'l.updated_at'),
    // Published: only APPROVED translations with a published snapshot are served. Drafts: any translation.
    live: published ? sql`l.published_slug is not null and l.status = 'APPROVED'` : sql`e.status <> 'ARCHIVED'`,
  };
  const served = (alias: 'l2') => (published ? sql.raw(`${alias}.published_slug is not null and ${alias}.status = 'APPROVED'`) : sql`true`);
  const sortOf = (v: typeof src) => (input.list?.sort === 'title' ? v.title : v.at);
  // The NULLS order matches the delivery indexes (published_at DESC NULLS LAST, title ASC NULLS LAST, and
  // their backward scans), so each branch reads its index in order and stops after the page; published
  // rows have no NULLs, so it changes nothing else.
  const descending = input.list?.desc !== false;
  const nulls = (input.list?.sort === 'title') === descending ? 'nulls first' : 'nulls last';
  const dir = sql.raw(`${descending ? 'desc' : 'asc'} ${nulls}`);
  const cmp = sql.raw(input.list?.desc === false ? '>' : '<');
  const sortType = sql.raw(input.list?.sort === 'title' ? 'text' : 'timestamptz');

  // Filters on the served data and the entry's taxonomy, the same in every branch.
  const filters = (v: typeof src): SQL[] => {
    const out: SQL[] = [];
    if (input.entryId) out.push(sql`e.id = ${input.entryId}`);
    const l = input.list;
    if (!l) return out;
    if (l.tag)
      out.push(
        sql`exists (select 1 from content_entry_tags et join content_tags tg on tg.id = et.tag_id where et.entry_id = e.id and tg.organization_id = ${org} and tg.slug = ${l.tag})`,
      );
    if (l.category)
      out.push(
        sql`exists (select 1 from content_entry_categories ec join content_categories c on c.id = ec.category_id, (select path from content_categories where organization_id = ${org} and slug = ${l.category}) p where ec.entry_id = e.id and c.organization_id = ${org} and (c.path = p.path or c.path like p.path || '/%'))`,
      );
    for (const [field, value] of l.where) out.push(sql`${v.data} ->> ${field} = ${value}`);
    if (l.after) out.push(sql`(${sortOf(v)}, e.id) ${cmp} (${l.after.value}::${sortType}, ${l.after.id})`);
    return out;
  };
  const where = (parts: SQL[]) => sql.join(parts, sql` and `);

  // Published replies carry the SEO and social fields as last published; previews carry the draft's.
  const entryCols = published
    ? sql`e.id, e.published_meta->>'seoTitle' as seo_title, e.published_meta->>'seoDescription' as seo_description,
        array(select jsonb_array_elements_text(coalesce(e.published_meta->'seoKeywords', '[]'))) as seo_keywords,
        e.published_meta->>'canonicalUrl' as canonical_url, coalesce((e.published_meta->>'noIndex')::boolean, false) as no_index,
        e.published_meta->>'ogTitle' as og_title, e.published_meta->>'ogDescription' as og_description, e.published_meta->>'ogImageId' as og_image_id`
    : sql`e.id, e.seo_title, e.seo_description, e.seo_keywords, e.canonical_url, e.no_index, e.og_title, e.og_description, e.og_image_id`;
  const sourceCols = (fallback: boolean, v: typeof src) =>
    sql`${entryCols}, e.locale, ${sql.raw(String(fallback))} as fallback, ${v.slug} as slug, ${v.title} as title, ${v.data} as data, null::jsonb as source_data, ${v.at}::text as published_at, ${sortOf(v)} as sort_value`;
  const translationCols = sql`${entryCols}, l.locale, false as fallback, ${tr.slug} as slug, ${tr.title} as title, ${tr.data} as data, ${published ? sql`null::jsonb` : sql`e.data`} as source_data, ${tr.at}::text as published_at, ${sortOf(tr)} as sort_value`;
  const typeScope = sql`e.organization_id = ${org} and e.content_type_id = t.id`;
  const noTranslation = sql`not exists (select 1 from content_localizations l2 where l2.entry_id = e.id and l2.locale = ${L} and ${served('l2')})`;

  let inner: SQL;
  if (input.slug !== undefined) {
    const slug = input.slug;
    inner = sql`select * from (
      (select 1 as rank, ${translationCols} from content_localizations l join content_entries e on e.id = l.entry_id
        where l.organization_id = ${org} and l.locale = ${L} and ${tr.slug} = ${slug} and ${tr.live} and ${typeScope} ${input.entryId ? sql`and e.id = ${input.entryId}` : sql``} limit 1)
      union all
      (select 2, ${sourceCols(false, src)} from content_entries e
        where ${typeScope} and e.locale = ${L} and ${src.slug} = ${slug} and ${src.live} ${input.entryId ? sql`and e.id = ${input.entryId}` : sql``} limit 1)
      union all
      (select 3, ${entryCols}, coalesce(l.locale, e.locale), l.id is null, coalesce(${tr.slug}, ${src.slug}), coalesce(${tr.title}, ${src.title}), coalesce(${tr.data}, ${src.data}),
          ${published ? sql`null::jsonb` : sql`case when l.id is null then null else e.data end`}, coalesce(${tr.at}, ${src.at})::text, coalesce(${tr.at}, ${src.at})
        from content_entries e left join content_localizations l on l.entry_id = e.id and l.locale = ${L} and ${tr.live}
        where ${typeScope} and e.locale = t.default_locale and t.default_locale <> ${L} and ${src.slug} = ${slug} and ${src.live} ${input.entryId ? sql`and e.id = ${input.entryId}` : sql``} limit 1)
    ) u order by rank limit 1`;
  } else {
    const limit = input.limit + 1;
    const order = sql`order by sort_value ${dir}, id ${dir} limit ${limit}`;
    const sourceBranch = (locale: SQL, fallback: boolean, extra: SQL[]) =>
      sql`(select ${sourceCols(fallback, src)} from content_entries e where ${where([typeScope, sql`e.locale = ${locale}`, src.live, ...extra, ...filters(src)])} ${order})`;
    inner = sql`select * from (
      ${sourceBranch(L, false, [])}
      union all
      (select ${translationCols} from content_localizations l join content_entries e on e.id = l.entry_id
        where ${where([sql`l.organization_id = ${org}`, sql`l.locale = ${L}`, tr.live, typeScope, ...filters(tr)])} ${order})
      union all
      ${sourceBranch(sql`t.default_locale`, true, [sql`t.default_locale <> ${L}`, noTranslation])}
    ) u ${order}`;
  }

  return sql`with t as materialized (
      select ct.id, ct.updated_at::text as updated, o.default_locale from content_types ct join organizations o on o.id = ct.organization_id
      where ct.organization_id = ${org} and ct.slug = ${input.typeSlug} and ct.is_active
    )
    select t.id as type_id, t.updated as type_updated, t.default_locale, x.*,
      array(select tg.slug from content_entry_tags et join content_tags tg on tg.id = et.tag_id where et.entry_id = x.id order by tg.slug) as tags,
      array(select c.path from content_entry_categories ec join content_categories c on c.id = ec.category_id where ec.entry_id = x.id order by c.path) as categories,
      x.sort_value::text as sort_cursor
    from t left join lateral (${inner}) x on true`;
}

/** What the routes need from a delivery reply: the JSON and its headers. */
export interface DeliveryReply {
  body: string;
  etag: string;
  locale: string;
  preview: boolean;
}

/**
 * The delivery API for public sites: published content only (the published snapshot columns), by
 * type and slug or as filtered, sorted, paged lists, with locale fallback, resolved relations (one
 * level, published only), shared blocks inlined and media URLs a browser loads without credentials.
 * Drafts only with a preview token. Each reply is serialized once; its ETag is a hash of the bytes.
 *
 * @example
 * const delivery = createDelivery({ db, files, secret, clock })
 * const reply = await delivery.get(ctx, 'blog-post', 'hello-world', { locale: 'fr' }, 'https://api.example.com')
 */
export function createDelivery(deps: { db: Db; files: FileService; secret: string; clock: Clock }) {
  const { db, files, secret, clock } = deps;
  // Schemas by type id, checked against the type's updated_at that every query returns: never stale,
  // and fetched only after a type changes.
  const schemas = new Map<string, { updated: string; slug: string; schema: ContentTypeSchema }>();

  async function schemaOf(typeId: string, updated: string) {
    const cached = schemas.get(typeId);
    if (cached?.updated === updated) return cached;
    const [row] = await db
      .select({ slug: contentTypes.slug, schema: contentTypes.schema, updated: sql<string>`${contentTypes.updatedAt}::text` })
      .from(contentTypes)
      .where(eq(contentTypes.id, typeId));
    if (!row) throw notFound('Content type');
    const entry = { updated: row.updated, slug: row.slug, schema: contentTypeSchema.parse(row.schema) };
    if (schemas.size > 10_000) schemas.clear();
    schemas.set(typeId, entry);
    return entry;
  }

  /** Checks a preview token against the caller's organization and what it previews; the claims. */
  function preview(ctx: TenantContext, token: string | undefined): PreviewClaims | undefined {
    if (token === undefined) return undefined;
    const claims = verifyToken<PreviewClaims>(secret, 'preview', token, clock.now());
    if (!claims || claims.o !== ctx.organizationId) throw unauthorized('Invalid or expired preview token');
    return claims;
  }

  /** Related entries (published only, in the locale with fallback), blocks, by id. */
  async function related(ctx: TenantContext, locale: string, defaultLocale: string, entryIds: string[], blockIds: string[]) {
    const [entries, blocks] = await Promise.all([
      entryIds.length
        ? db
            .execute(
              sql`select e.id, ct.id as type_id, ct.slug as type_slug, ct.updated_at::text as type_updated, coalesce(l.locale, e.locale) as locale, (l.id is null and e.locale <> ${locale}) as fallback,
                coalesce(l.published_slug, e.published_slug) as slug, coalesce(l.published_title, e.published_title) as title, coalesce(l.published_data, e.published_data) as data,
                coalesce(l.published_at, e.published_at)::text as published_at
              from content_entries e join content_types ct on ct.id = e.content_type_id
              left join content_localizations l on l.entry_id = e.id and l.locale = ${locale} and l.published_slug is not null and l.status = 'APPROVED'
              where e.organization_id = ${ctx.organizationId} and e.id in (${list(entryIds)})
                and (l.id is not null or (e.published_slug is not null and e.locale in (${locale}, ${defaultLocale})))`,
            )
            .then((r) => rowsOf<RelatedRow>(r))
        : [],
      blockIds.length
        ? db
            .execute(
              sql`select id, block_type, data from content_blocks where organization_id = ${ctx.organizationId} and id in (${list(blockIds)})`,
            )
            .then((r) => rowsOf<{ id: string; block_type: string; data: Record<string, Json> | string }>(r))
        : [],
    ]);
    return { entries: new Map(entries.map((e) => [e.id, e])), blocks: new Map(blocks.map((b) => [b.id, b])) };
  }

  /** Entry data as delivered: media with URLs, relations and shared blocks resolved (through `resolve`). */
  function shape(
    schema: ContentTypeSchema,
    data: Record<string, Json>,
    origin: string,
    resolve?: { entry(id: string): Json; block(id: string): Json | undefined },
  ): Record<string, Json> {
    const out: Record<string, Json> = { ...data };
    for (const field of schema.fields) {
      const value = out[field.name];
      if (value === undefined || value === null) continue;
      if (field.type === 'media') {
        const withUrl = (v: Json): Json =>
          typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.fileId === 'string'
            ? { ...v, url: origin + files.signedUrl(v.fileId) }
            : v;
        out[field.name] = Array.isArray(value) ? value.map(withUrl) : withUrl(value);
      } else if (field.type === 'richtext') {
        out[field.name] = withImageUrls(value, (id) => origin + files.signedUrl(id));
      } else if (field.type === 'relation' && resolve) {
        out[field.name] = Array.isArray(value)
          ? value.map((id) => (typeof id === 'string' ? resolve.entry(id) : null))
          : typeof value === 'string'
            ? resolve.entry(value)
            : null;
      } else if (field.type === 'blocks' && resolve && Array.isArray(value)) {
        out[field.name] = value.map((item) => {
          const id =
            typeof item === 'object' && item !== null && !Array.isArray(item) && typeof item.blockId === 'string'
              ? item.blockId
              : undefined;
          return id === undefined ? item : (resolve.block(id) ?? { blockId: id, type: null, data: null });
        });
      }
    }
    return out;
  }

  /** Ids the data points at: related entries and shared blocks. */
  function refsOf(schema: ContentTypeSchema, data: Record<string, Json>, entryIds: Set<string>, blockIds: Set<string>) {
    for (const field of schema.fields) {
      const value = data[field.name];
      if (field.type === 'relation') for (const id of Array.isArray(value) ? value : [value]) if (typeof id === 'string') entryIds.add(id);
      if (field.type === 'blocks' && Array.isArray(value))
        for (const item of value)
          if (typeof item === 'object' && item !== null && !Array.isArray(item) && typeof item.blockId === 'string')
            blockIds.add(item.blockId);
    }
  }

  /** Builds delivered entries from rows: one follow-up query only when relations or blocks are present. */
  async function build(
    ctx: TenantContext,
    rows: DeliveryRow[],
    requested: string,
    origin: string,
    options: { fields?: Set<string>; preview: boolean },
  ): Promise<DeliveredEntry[]> {
    if (!rows.length) return [];
    const { schema, slug: typeSlug } = await schemaOf(rows[0]!.type_id, rows[0]!.type_updated);
    const localized = new Set(schema.fields.filter((f) => f.localized).map((f) => f.name));
    const datas = rows.map((row) => {
      let data = jsonOf(row.data);
      // A translation's draft holds its localized fields; the others are the source's.
      if (row.source_data !== null)
        data = { ...Object.fromEntries(Object.entries(jsonOf(row.source_data)).filter(([k]) => !localized.has(k))), ...data };
      if (options.fields) data = Object.fromEntries(Object.entries(data).filter(([k]) => options.fields!.has(k)));
      return data;
    });
    const entryIds = new Set<string>();
    const blockIds = new Set<string>();
    for (const data of datas) refsOf(schema, data, entryIds, blockIds);
    let resolve: Parameters<typeof shape>[3];
    if (entryIds.size || blockIds.size) {
      const found = await related(ctx, requested, rows[0]!.default_locale, [...entryIds], [...blockIds]);
      const relatedSchemas = new Map<string, ContentTypeSchema>();
      for (const r of found.entries.values())
        if (!relatedSchemas.has(r.type_id)) relatedSchemas.set(r.type_id, (await schemaOf(r.type_id, r.type_updated)).schema);
      resolve = {
        entry(id) {
          const r = found.entries.get(id);
          if (!r) return null;
          return {
            id: r.id,
            type: r.type_slug,
            locale: r.locale,
            fallback: r.fallback,
            slug: r.slug,
            title: r.title,
            publishedAt: isoOf(r.published_at),
            data: shape(relatedSchemas.get(r.type_id)!, jsonOf(r.data), origin),
          };
        },
        block(id) {
          const b = found.blocks.get(id);
          return b ? { blockId: b.id, type: b.block_type, data: jsonOf(b.data) } : undefined;
        },
      };
    }
    return rows.map((row, i) => ({
      id: row.id!,
      type: typeSlug,
      locale: row.locale,
      fallback: row.fallback,
      slug: row.slug,
      title: row.title,
      publishedAt: isoOf(row.published_at),
      data: shape(schema, datas[i]!, origin, resolve),
      seo: {
        title: row.seo_title,
        description: row.seo_description,
        keywords: row.seo_keywords,
        canonicalUrl: row.canonical_url,
        noIndex: row.no_index,
      },
      og: {
        title: row.og_title,
        description: row.og_description,
        image: row.og_image_id ? { fileId: row.og_image_id, url: origin + files.signedUrl(row.og_image_id) } : null,
      },
      tags: row.tags,
      categories: row.categories,
      preview: options.preview,
    }));
  }

  const reply = (value: unknown, locale: string, preview: boolean): DeliveryReply => {
    const body = JSON.stringify(value);
    return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, locale, preview };
  };

  const decodeCursor = (cursor: string, sort: 'publishedAt' | 'title') => {
    try {
      const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
      // A cursor of another sort (or a forged one) must not reach PostgreSQL as a bad timestamp.
      if (typeof value === 'string' && typeof id === 'string' && (sort === 'title' || isoOf(value) !== null)) return { value, id };
    } catch {
      // fall through to the 400 below
    }
    throw badRequest([{ path: 'query.cursor', message: 'Malformed cursor; start again without it' }]);
  };

  /** `field:value,field:value` → pairs (values may contain ':'). */
  const parseWhere = (where: string | undefined): [string, string][] =>
    (where ?? '')
      .split(',')
      .filter((part) => part.trim())
      .map((part) => {
        const at = part.indexOf(':');
        if (at <= 0) throw badRequest([{ path: 'query.where', message: `Expected field:value, got "${part}"` }]);
        return [part.slice(0, at).trim(), part.slice(at + 1)];
      });
  const filterable = new Set(['text', 'number', 'boolean', 'select', 'date', 'slug']);

  return {
    /**
     * Mints a preview token for one entry or one content type of the caller's organization.
     *
     * @example const { token } = await delivery.previewToken(ctx, { entryId })
     */
    async previewToken(ctx: TenantContext, input: z.output<typeof previewTokenBody>) {
      if (input.entryId) {
        const [row] = await db
          .select({ id: contentEntries.id })
          .from(contentEntries)
          .where(and(eq(contentEntries.organizationId, ctx.organizationId), eq(contentEntries.id, input.entryId)));
        if (!row) throw badRequest([{ path: 'body.entryId', message: 'No entry with this id' }]);
      } else {
        const [row] = await db
          .select({ id: contentTypes.id })
          .from(contentTypes)
          .where(and(eq(contentTypes.organizationId, ctx.organizationId), eq(contentTypes.id, input.contentTypeId!)));
        if (!row) throw badRequest([{ path: 'body.contentTypeId', message: 'No content type with this id' }]);
      }
      const expiresAt = new Date(clock.now().getTime() + (input.expiresInMinutes ?? 60) * 60_000);
      const token = signToken(secret, 'preview', {
        o: ctx.organizationId,
        ...(input.entryId ? { e: input.entryId } : { t: input.contentTypeId! }),
        exp: Math.floor(expiresAt.getTime() / 1000),
      });
      return { token, expiresAt };
    },

    /**
     * One entry by type slug and slug (the slug in the requested locale, or the default locale's slug,
     * which then serves the requested locale's translation when there is one).
     *
     * @example const { body, etag } = await delivery.get(ctx, 'blog-post', 'hello-world', { locale: 'fr' }, origin)
     */
    async get(
      ctx: TenantContext,
      typeSlug: string,
      slug: string,
      query: { locale?: string; preview?: string },
      origin: string,
    ): Promise<DeliveryReply> {
      const claims = preview(ctx, query.preview);
      const rows = await runPrepared<DeliveryRow>(db, {
        organizationId: ctx.organizationId,
        typeSlug,
        locale: query.locale,
        mode: claims ? 'draft' : 'published',
        limit: 1,
        slug,
        entryId: claims?.e,
      });
      if (!rows.length) throw notFound('Content type');
      if (claims?.t && claims.t !== rows[0]!.type_id) throw forbidden('The preview token is for another content type');
      if (rows[0]!.id === null) throw notFound('Entry');
      const [entry] = await build(ctx, rows, query.locale ?? rows[0]!.default_locale, origin, { preview: Boolean(claims) });
      return reply(entry, entry!.locale, Boolean(claims));
    },

    /**
     * A page of a type's entries in a locale: newest first by default, filtered by tag, category and
     * data fields, with a cursor to the next page.
     *
     * @example const { body } = await delivery.list(ctx, 'blog-post', { locale: 'en', limit: 20 }, origin)
     */
    async list(ctx: TenantContext, typeSlug: string, query: ListQuery, origin: string): Promise<DeliveryReply> {
      const claims = preview(ctx, query.preview);
      const sort = query.sort ?? '-publishedAt';
      const limit = query.limit ?? 20;
      const where = parseWhere(query.where);
      const fields = query.fields
        ? new Set(
            query.fields
              .split(',')
              .map((f) => f.trim())
              .filter(Boolean),
          )
        : undefined;
      const bySort = sort.endsWith('title') ? 'title' : 'publishedAt';
      const rows = await runPrepared<DeliveryRow>(db, {
        organizationId: ctx.organizationId,
        typeSlug,
        locale: query.locale,
        mode: claims ? 'draft' : 'published',
        limit,
        entryId: claims?.e,
        list: {
          sort: bySort,
          desc: sort.startsWith('-'),
          after: query.cursor ? decodeCursor(query.cursor, bySort) : undefined,
          tag: query.tag,
          category: query.category,
          where,
        },
      });
      if (!rows.length) throw notFound('Content type');
      if (claims?.t && claims.t !== rows[0]!.type_id) throw forbidden('The preview token is for another content type');
      const requested = query.locale ?? rows[0]!.default_locale;
      if (where.length || fields) {
        const { schema } = await schemaOf(rows[0]!.type_id, rows[0]!.type_updated);
        const errors = [
          ...where
            .filter(([f]) => !filterable.has(schema.fields.find((x) => x.name === f)?.type ?? ''))
            .map(([f]) => ({
              path: 'query.where',
              message: `"${f}" is not a text, number, boolean, select, date or slug field of the type`,
            })),
          ...[...(fields ?? [])]
            .filter((f) => !schema.fields.some((x) => x.name === f))
            .map((f) => ({ path: 'query.fields', message: `"${f}" is not a field of the type` })),
        ];
        if (errors.length) throw badRequest(errors);
      }
      const found = rows.filter((r) => r.id !== null);
      const page = found.slice(0, limit);
      const last = page.at(-1);
      const nextCursor =
        found.length > limit && last ? Buffer.from(JSON.stringify([last.sort_cursor, last.id])).toString('base64url') : null;
      const data = await build(ctx, page, requested, origin, { fields, preview: Boolean(claims) });
      return reply({ data, nextCursor, locale: requested, preview: Boolean(claims) }, requested, Boolean(claims));
    },
  };
}
export type Delivery = ReturnType<typeof createDelivery>;

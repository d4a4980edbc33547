import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';

// The SQL of the delivery API: one statement per request, built once per query shape and run as a
// prepared statement. The service (delivery.ts) shapes its rows into replies.

/** One row of the delivery queries: a served variant (source or translation) of an entry. */
export interface DeliveryRow {
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

export interface RelatedRow {
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

type Mode = 'published' | 'draft';

/** Rows of a raw query, from either driver's result shape. */
export const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []));
/** A jsonb value as the driver returned it (parsed or text) as an object. */
export const jsonOf = (value: Record<string, Json> | string | null): Record<string, Json> =>
  typeof value === 'string' ? (JSON.parse(value) as Record<string, Json>) : (value ?? {});
/** PostgreSQL's text form of a timestamptz (`2025-01-01 09:00:00.123+00`) as ISO-8601 UTC. */
export const isoOf = (value: string | null): string | null => {
  if (value === null) return null;
  const time = new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
};
/** Values as a parameter list for `in (…)`. */
export const list = (values: string[]) =>
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
 * @example
 * const list = { sort: 'publishedAt', desc: true, where: [] }
 * const { text, params } = deliveryStatement({ organizationId, typeSlug: 'article', locale: 'en', mode: 'published', limit: 20, list })
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
 *
 * @example const rows = await runPrepared<DeliveryRow>(db, { organizationId, typeSlug, locale, mode: 'published', limit: 1, slug })
 */
export async function runPrepared<T>(db: Db, input: DeliveryQueryInput): Promise<T[]> {
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
    // A preview's publishedAt is when the entry last went live: null for a never-published draft.
    pub: sql.raw('e.published_at'),
    live: published ? sql`e.published_slug is not null` : sql`e.status <> 'ARCHIVED'`,
  };
  const tr = {
    slug: sql.raw(published ? 'l.published_slug' : 'l.slug'),
    title: sql.raw(published ? 'l.published_title' : 'l.title'),
    data: sql.raw(published ? 'l.published_data' : 'l.data'),
    at: sql.raw(published ? 'l.published_at' : 'l.updated_at'),
    pub: sql.raw('l.published_at'),
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
    sql`${entryCols}, e.locale, ${sql.raw(String(fallback))} as fallback, ${v.slug} as slug, ${v.title} as title, ${v.data} as data, null::jsonb as source_data, ${v.pub}::text as published_at, ${sortOf(v)} as sort_value`;
  const translationCols = sql`${entryCols}, l.locale, false as fallback, ${tr.slug} as slug, ${tr.title} as title, ${tr.data} as data, ${published ? sql`null::jsonb` : sql`e.data`} as source_data, ${tr.pub}::text as published_at, ${sortOf(tr)} as sort_value`;
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
          ${published ? sql`null::jsonb` : sql`case when l.id is null then null else e.data end`}, (case when l.id is null then ${src.pub} else ${tr.pub} end)::text,
          coalesce(${tr.at}, ${src.at})
        from content_entries e left join content_localizations l on l.entry_id = e.id and l.locale = ${L} and ${tr.live}
        where ${typeScope} and e.locale = t.default_locale and t.default_locale <> ${L} and ${src.slug} = ${slug} and ${src.live} ${input.entryId ? sql`and e.id = ${input.entryId}` : sql``} limit 1)
      ${
        // A translation's own slug, once it is no longer served (OUTDATED, IN_PROGRESS, …): its live source, as a fallback.
        published
          ? sql`union all
      (select 4, ${sourceCols(true, src)} from content_localizations l join content_entries e on e.id = l.entry_id
        where l.organization_id = ${org} and l.locale = ${L} and (l.published_slug = ${slug} or l.slug = ${slug})
          and ${typeScope} and ${src.live} limit 1)`
          : sql``
      }
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

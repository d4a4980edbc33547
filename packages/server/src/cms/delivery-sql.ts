import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { anyExpiredSql, expiredFilesSql } from '../dam/expired-files.js';

// The SQL of the delivery API: one statement per request, its text a function of the query's shape
// only (never of its values), run as a prepared statement so PostgreSQL parses it once per connection
// and, after its first executions, settles on one generic plan. The service (delivery.ts) shapes its
// rows into replies.

/** One row of the delivery queries: a served variant (source or translation) of an entry. */
export interface DeliveryRow {
  type_id: string;
  type_updated: string;
  default_locale: string;
  /** The type's `Cache-Control` lifetimes in seconds. */
  max_age: number;
  stale_while_revalidate: number;
  id: string | null;
  locale: string;
  fallback: boolean;
  slug: string;
  title: string;
  /** The served data, already projected to the asked `fields`. */
  data: Record<string, Json> | string;
  /** Drafts of translations: the source's data, whose non-localized fields the translation shares. */
  source_data: Record<string, Json> | string | null;
  published_at: string | null;
  /** The SEO and social fields (`seoTitle`, `ogImageId`, …): as last published, or the draft's in previews. */
  meta: Record<string, Json> | string | null;
  tags: string[];
  categories: string[];
  sort_cursor: string | null;
  /** Files of `data`, `source_data` and the social image whose DAM licence expired: left out of the reply. */
  withheld: string[] | null;
  /** The entries the relation fields name, published, in the locale with fallback (null when the type has none). */
  related: RelatedRow[] | string | null;
  /** The shared blocks the blocks fields name (null when the type has none). */
  blocks: BlockRow[] | string | null;
}

/** A shared block a blocks field names. */
export interface BlockRow {
  id: string;
  block_type: string;
  data: Record<string, Json> | string;
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
  /** Files of its data whose DAM licence expired. */
  withheld: string[] | null;
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

/** What a delivery query reads: one entry by slug, or a page of a list. */
export interface DeliveryQueryInput {
  organizationId: string;
  typeSlug: string;
  /** The requested locale; the organization's default when undefined. */
  locale: string | undefined;
  mode: Mode;
  limit: number;
  /** Only these data fields leave the database (all when undefined). */
  fields?: string[];
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
  /**
   * The type's relation and blocks fields (from its schema), whose entries and shared blocks the statement
   * returns with each row: one round trip per request, relations and media included.
   */
  refs?: { relations: string[]; blocks: string[] };
}

type Values = Record<string, string | string[] | undefined>;
/** Compiled statements by query shape, with the value each `$n` takes. */
const compiled = new Map<string, { text: string; names: string[] }>();

/**
 * The statement (text and parameters) the delivery API sends for a query. The text depends only on
 * the query's shape (mode, which filters are present, sort, page size, how many `where` pairs, whether
 * `fields` is given), never on a value: the page size is a literal (a `LIMIT $n` makes PostgreSQL's
 * generic plan assume a tenth of the table, so it keeps re-planning), every value is a parameter, and
 * one value is one parameter wherever it is used. A test holds this.
 *
 * @example
 * const list = { sort: 'publishedAt', desc: true, where: [] }
 * const { text, params } = deliveryStatement({ organizationId, typeSlug: 'article', locale: 'en', mode: 'published', limit: 20, list })
 */
export function deliveryStatement(input: DeliveryQueryInput): { text: string; params: unknown[] } {
  const l = input.list;
  const values: Values = {
    org: input.organizationId,
    type: input.typeSlug,
    locale: input.locale,
    slug: input.slug,
    entry: input.entryId,
    fields: input.fields,
    afterValue: l?.after?.value,
    afterId: l?.after?.id,
    tag: l?.tag,
    category: l?.category,
    relFields: input.refs?.relations.length ? input.refs.relations : undefined,
    blockFields: input.refs?.blocks.length ? input.refs.blocks : undefined,
    ...Object.fromEntries(
      (l?.where ?? []).flatMap(([field, value], i) => [
        [`whereField${i}`, field],
        [`whereValue${i}`, value],
      ]),
    ),
  };
  const key = JSON.stringify([
    input.mode,
    input.limit,
    Object.entries(values).map(([k, v]) => (v === undefined ? '' : k)),
    l && [l.sort, l.desc],
  ]);
  let statement = compiled.get(key);
  if (!statement) {
    const names: string[] = [];
    const p = (name: string) => {
      let at = names.indexOf(name);
      if (at < 0) at = names.push(name) - 1;
      return `$${at + 1}`;
    };
    const text = deliverySql(input, values, p);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, (statement = { text, names }));
  }
  return { text: statement.text, params: statement.names.map((name) => values[name]) };
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
 * The SQL text of one delivery query (`p(name)` is the placeholder of a value). Every variant an entry
 * can be served in is one branch of a UNION ALL, each ordered and limited on its own index, so a page
 * costs a few index scans whatever the size of the type: published sources in the locale, approved
 * published translations into it, and (for another locale than the default) default-locale sources
 * that have no such translation (fallback). The type and the default locale are looked up in the same
 * statement: one round trip per request.
 */
function deliverySql(input: DeliveryQueryInput, values: Values, p: (name: string) => string): string {
  const published = input.mode === 'published';
  const has = (name: string) => values[name] !== undefined;
  const org = p('org');
  // The requested locale; when absent, the organization's default (from the CTE).
  const L = has('locale') ? `${p('locale')}::text` : 't.default_locale';
  const variant = (alias: 'e' | 'l') => ({
    slug: `${alias}.${published ? 'published_slug' : 'slug'}`,
    title: `${alias}.${published ? 'published_title' : 'title'}`,
    data: `${alias}.${published ? 'published_data' : 'data'}`,
    at: `${alias}.${published ? 'published_at' : 'updated_at'}`,
    // A preview's publishedAt is when the entry last went live: null for a never-published draft.
    pub: `${alias}.published_at`,
    // The list's tie-breaker: the entry id (a translation's entry_id, indexed with it).
    id: alias === 'e' ? 'e.id' : 'l.entry_id',
  });
  const src = { ...variant('e'), live: published ? 'e.published_slug is not null' : "e.status <> 'ARCHIVED'" };
  // Published: only APPROVED translations with a published snapshot are served. Drafts: any translation.
  const tr = { ...variant('l'), live: published ? "l.published_slug is not null and l.status = 'APPROVED'" : "e.status <> 'ARCHIVED'" };
  const sortOf = (v: typeof src) => (input.list?.sort === 'title' ? v.title : v.at);
  // Only the asked fields leave the database; which ones is a parameter, so the text stays the same. Picked by
  // name (not by walking every key of the document), so a title-only page never copies the bodies.
  const project = (data: string) =>
    has('fields')
      ? `(select coalesce(jsonb_object_agg(k, ${data} -> k), '{}') from unnest(${p('fields')}::text[]) k where ${data} ? k)`
      : data;
  // PostgreSQL's default NULLS order for each direction, which the delivery indexes use (published_at
  // DESC, title ASC, and their backward scans), so each branch reads its index in order and stops after
  // the page; published rows have no NULLs.
  const descending = input.list?.desc !== false;
  const dir = descending ? 'desc' : 'asc';
  const cmp = descending ? '<' : '>';
  const sortType = input.list?.sort === 'title' ? 'text' : 'timestamptz';

  // Filters on the served data and the entry's taxonomy, the same in every branch.
  const filters = (v: typeof src): string[] => {
    const out: string[] = [];
    if (has('entry')) out.push(`e.id = ${p('entry')}`);
    const l = input.list;
    if (!l) return out;
    if (has('tag'))
      out.push(
        `exists (select 1 from content_entry_tags et join content_tags tg on tg.id = et.tag_id
          where et.entry_id = e.id and tg.organization_id = ${org} and tg.slug = ${p('tag')})`,
      );
    if (has('category'))
      out.push(
        `exists (select 1 from content_entry_categories ec join content_categories c on c.id = ec.category_id,
            (select path from content_categories where organization_id = ${org} and slug = ${p('category')}) pc
          where ec.entry_id = e.id and c.organization_id = ${org} and (c.path = pc.path or c.path like pc.path || '/%'))`,
      );
    l.where.forEach((_, i) => out.push(`${v.data} ->> ${p(`whereField${i}`)}::text = ${p(`whereValue${i}`)}::text`));
    if (has('afterValue')) out.push(`(${sortOf(v)}, ${v.id}) ${cmp} (${p('afterValue')}::${sortType}, ${p('afterId')}::text)`);
    return out;
  };
  const and = (parts: string[]) => parts.join(' and ');

  // The SEO and social fields: published replies carry them as last published, previews the draft's.
  const meta = published
    ? 'e.published_meta'
    : `jsonb_build_object('seoTitle', e.seo_title, 'seoDescription', e.seo_description, 'seoKeywords', to_jsonb(e.seo_keywords),
        'canonicalUrl', e.canonical_url, 'noIndex', e.no_index, 'ogTitle', e.og_title, 'ogDescription', e.og_description,
        'ogImageId', e.og_image_id)`;
  // A translation's own SEO and social fields (only those it sets) over the source's.
  const trMeta = `(coalesce(${meta}, '{}'::jsonb) || coalesce(l.${published ? 'published_meta' : 'meta'}, '{}'::jsonb))`;
  const sourceCols = (fallback: boolean) =>
    `e.id, ${meta} as meta, e.locale, ${fallback} as fallback, ${src.slug} as slug, ${src.title} as title, ${project(src.data)} as data,
      null::jsonb as source_data, ${src.pub}::text as published_at, ${sortOf(src)} as sort_value`;
  const translationCols = `e.id, ${trMeta} as meta, l.locale, false as fallback, ${tr.slug} as slug, ${tr.title} as title,
      ${project(tr.data)} as data,
      ${published ? 'null::jsonb' : project('e.data')} as source_data, ${tr.pub}::text as published_at, ${sortOf(tr)} as sort_value`;
  const typeScope = `e.organization_id = ${org} and e.content_type_id = t.id`;
  const servedL2 = published ? " and l2.published_slug is not null and l2.status = 'APPROVED'" : '';
  const noTranslation = `not exists (select 1 from content_localizations l2 where l2.entry_id = e.id and l2.locale = ${L}${servedL2})`;
  const onlyEntry = has('entry') ? ` and e.id = ${p('entry')}` : '';

  let inner: string;
  if (has('slug')) {
    const slug = p('slug');
    inner = `select * from (
      (select 1 as rank, ${translationCols} from content_localizations l join content_entries e on e.id = l.entry_id
        where l.organization_id = ${org} and l.locale = ${L} and ${tr.slug} = ${slug} and ${tr.live} and ${typeScope}${onlyEntry} limit 1)
      union all
      (select 2, ${sourceCols(false)} from content_entries e
        where ${typeScope} and e.locale = ${L} and ${src.slug} = ${slug} and ${src.live}${onlyEntry} limit 1)
      union all
      (select 3, e.id, ${trMeta}, coalesce(l.locale, e.locale), l.id is null, coalesce(${tr.slug}, ${src.slug}),
          coalesce(${tr.title}, ${src.title}), ${project(`coalesce(${tr.data}, ${src.data})`)},
          ${published ? 'null::jsonb' : `case when l.id is null then null else ${project('e.data')} end`},
          (case when l.id is null then ${src.pub} else ${tr.pub} end)::text, coalesce(${tr.at}, ${src.at})
        from content_entries e left join content_localizations l on l.entry_id = e.id and l.locale = ${L} and ${tr.live}
        where ${typeScope} and e.locale = t.default_locale and t.default_locale <> ${L} and ${src.slug} = ${slug}
          and ${src.live}${onlyEntry} limit 1)
      ${
        // A translation's own slug, once it is no longer served (OUTDATED, IN_PROGRESS, …): its live source, as a fallback.
        published
          ? `union all
      (select 4, ${sourceCols(true)} from content_localizations l join content_entries e on e.id = l.entry_id
        where l.organization_id = ${org} and l.locale = ${L} and (l.published_slug = ${slug} or l.slug = ${slug})
          and ${typeScope} and ${src.live}${onlyEntry} limit 1)`
          : ''
      }
    ) u order by rank limit 1`;
  } else {
    // A literal: the page size is part of the shape (see deliveryStatement).
    const limit = Math.trunc(input.limit) + 1;
    const order = (v: typeof src) => `order by ${sortOf(v)} ${dir}, ${v.id} ${dir} limit ${limit}`;
    const sourceBranch = (locale: string, fallback: boolean, extra: string[]) =>
      `(select ${sourceCols(fallback)} from content_entries e
        where ${and([typeScope, `e.locale = ${locale}`, src.live, ...extra, ...filters(src)])} ${order(src)})`;
    inner = `select * from (
      ${sourceBranch(L, false, [])}
      union all
      (select ${translationCols} from content_localizations l join content_entries e on e.id = l.entry_id
        where ${and([`l.organization_id = ${org}`, `l.locale = ${L}`, tr.live, typeScope, ...filters(tr)])} ${order(tr)})
      union all
      ${sourceBranch('t.default_locale', true, [`t.default_locale <> ${L}`, noTranslation])}
    ) u order by sort_value ${dir}, id ${dir} limit ${limit}`;
  }

  // What each row points at, read in the same statement: the ids in its relation and blocks fields (of its
  // data and, for a translation's draft, of the source's data it shares), and every `fileId` in it.
  const docs = `(select x.data as d union all select x.source_data where x.source_data is not null) docs`;
  const idsIn = (fields: string, item: string) => `select ${item} from ${docs}, jsonb_each(docs.d) f,
      jsonb_array_elements(case jsonb_typeof(f.value) when 'array' then f.value else jsonb_build_array(f.value) end) item
    where f.key = any(${p(fields)}::text[])`;
  const fileIdsOf = (data: string) =>
    `array(select distinct jsonb_path_query(${data}, 'lax $.**.fileId ? (@.type() == "string")') #>> '{}')`;
  // Once per statement: does the organization have expired media at all? Only then are the rows' files looked up
  // (their ids gathered once per row, `offset 0` keeping PostgreSQL from inlining them into each union branch).
  const withheldOf = (ids: string) =>
    `case when ${anyExpiredSql(org)} then (select ${expiredFilesSql(org, 'f.ids')} from (select ${ids} as ids offset 0) f)
      else '{}'::text[] end`;
  // Related entries as the delivery API serves them: published, in the requested locale or else its source's
  // (the requested or the default locale), one level deep.
  const related = has('relFields')
    ? `(select coalesce(jsonb_agg(r), '[]'::jsonb) from (
        select e.id, ct.id as type_id, ct.slug as type_slug, ct.updated_at::text as type_updated, coalesce(l.locale, e.locale) as locale,
          (l.id is null and e.locale <> ${L}) as fallback, coalesce(l.published_slug, e.published_slug) as slug,
          coalesce(l.published_title, e.published_title) as title, coalesce(l.published_data, e.published_data) as data,
          coalesce(l.published_at, e.published_at)::text as published_at,
          ${withheldOf(fileIdsOf('coalesce(l.published_data, e.published_data)'))} as withheld
        from content_entries e join content_types ct on ct.id = e.content_type_id and ct.organization_id = ${org}
        left join content_localizations l on l.entry_id = e.id and l.locale = ${L} and l.published_slug is not null
          and l.status = 'APPROVED'
        where e.organization_id = ${org} and e.id in (${idsIn('relFields', "item #>> '{}'")})
          and (l.id is not null or (e.published_slug is not null and e.locale in (${L}, t.default_locale)))
      ) r)`
    : 'null::jsonb';
  const blocks = has('blockFields')
    ? `(select coalesce(jsonb_agg(b), '[]'::jsonb) from (select b.id, b.block_type, b.data from content_blocks b
        where b.organization_id = ${org} and b.id in (${idsIn('blockFields', "item ->> 'blockId'")})) b)`
    : 'null::jsonb';

  return `with t as materialized (
      select ct.id, ct.updated_at::text as updated, ct.delivery_max_age, ct.delivery_stale_while_revalidate, o.default_locale
      from content_types ct join organizations o on o.id = ct.organization_id
      where ct.organization_id = ${org} and ct.slug = ${p('type')} and ct.is_active
    )
    select t.id as type_id, t.updated as type_updated, t.default_locale, t.delivery_max_age as max_age,
      t.delivery_stale_while_revalidate as stale_while_revalidate, x.*,
      array(select tg.slug from content_entry_tags et join content_tags tg on tg.id = et.tag_id
        where et.entry_id = x.id order by tg.slug) as tags,
      array(select c.path from content_entry_categories ec join content_categories c on c.id = ec.category_id
        where ec.entry_id = x.id order by c.path) as categories,
      x.sort_value::text as sort_cursor,
      ${withheldOf(`${fileIdsOf('x.data')} || ${fileIdsOf('x.source_data')} || array_remove(array[x.meta ->> 'ogImageId'], null)`)}
        as withheld, ${related} as related, ${blocks} as blocks
    from t left join lateral (${inner}) x on true`;
}

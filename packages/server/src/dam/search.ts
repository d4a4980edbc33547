import { type RightsStatus, rightsWarningDays, type searchQuery } from '@spokestack/core/dam';
import { alias } from 'drizzle-orm/pg-core';
import { type SQL, and, arrayContains, eq, getTableColumns, gt, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { rowsOf } from '../cms/delivery-sql.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from '../db/paging.js';
import { badRequest } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { assetVisible, folderVisible } from './access.js';
import { assetFolders, assets } from './schema.js';

// Asset search in PostgreSQL. The document is weighted: name (A), tags and AI labels (B), description
// (C), built by the migration's IMMUTABLE `asset_search_document` and indexed by GIN. Each word of the
// query matches as a prefix (`launc` finds "launch"), and a near spelling of the name (pg_trgm's word
// similarity, trigram-indexed) also counts, so one typo does not empty the result. Everything runs inside
// the caller's visibility, in one statement; paging is by keyset on (rank, id) with words, (createdAt, id)
// without. Facets count the same hits; a colour matches by CIELAB distance (ΔE 1976) to the nearest of
// `aiMetadata.colors`.

type Query = z.output<typeof searchQuery>;
const day = 86_400_000;

// Both expressions are those of the migration's indexes (`assets_search_idx`, `assets_name_trgm_idx`),
// written the same way so that the planner matches them.
const document = sql`asset_search_document(${assets.name}, ${assets.tags}, ${assets.description}, ${assets.aiMetadata})`;
const lowerName = sql`lower(${assets.name})`;

/** From this word similarity on (pg_trgm's `<%`), a near spelling of the name matches: "snowfeld" finds "snowfield". */
export const nameSimilarity = 0.5;
/** The default `colorTolerance`: a ΔE of 20 keeps the same hue and shade, and lets lighter or darker go. */
export const defaultColorTolerance = 20;

const width = sql`(${assets.metadata}->>'width')::float8`;
const height = sql`(${assets.metadata}->>'height')::float8`;
/** landscape, portrait or square from the stored width and height; null when the asset has none. */
// Nested CASEs: only they guarantee that the types are checked before the casts run.
const orientation = sql<string | null>`case when jsonb_typeof(${assets.metadata}->'width') = 'number'
  and jsonb_typeof(${assets.metadata}->'height') = 'number' then case when ${width} <= 0 or ${height} <= 0 then null
  when ${width} > ${height} then 'landscape' when ${width} < ${height} then 'portrait' else 'square' end end`;

/** Where the licence stands, as a condition; `expiring` is the warning window before `expiresAt`. */
function rightsWhere(status: RightsStatus, now: Date): SQL {
  const horizon = new Date(now.getTime() + rightsWarningDays * day);
  switch (status) {
    case 'none':
      return and(isNull(assets.expiresAt), ne(assets.status, 'EXPIRED'))!;
    case 'expired':
      return or(eq(assets.status, 'EXPIRED'), lte(assets.expiresAt, now))!;
    case 'expiring':
      return and(ne(assets.status, 'EXPIRED'), gt(assets.expiresAt, now), lte(assets.expiresAt, horizon))!;
    default:
      return and(ne(assets.status, 'EXPIRED'), gt(assets.expiresAt, horizon))!;
  }
}

/**
 * The folder and its descendants, by path prefix, as a sub-select of the search's one statement (the assets'
 * own visibility hides what lies in a library the caller does not see).
 */
function subtree(db: Db, ctx: TenantContext, folderId: string): SQL {
  const root = alias(assetFolders, 'root');
  const below = db
    .select({ id: assetFolders.id })
    .from(root)
    .innerJoin(
      assetFolders,
      and(
        eq(assetFolders.libraryId, root.libraryId),
        or(eq(assetFolders.path, root.path), sql`starts_with(${assetFolders.path}, ${root.path} || '/')`),
      ),
    )
    .where(and(eq(root.organizationId, ctx.organizationId), eq(root.id, folderId)));
  return inArray(assets.folderId, below);
}

/** An empty page for a folder the caller does not see is a mistake, said as a 400. */
async function assertFolder(db: Db, ctx: TenantContext, folderId: string): Promise<void> {
  const [folder] = await db
    .select({ id: assetFolders.id })
    .from(assetFolders)
    .where(and(folderVisible(db, ctx), eq(assetFolders.id, folderId)));
  if (!folder) throw badRequest([{ path: 'query.folderId', message: 'No folder with this id' }]);
}

const rankCursor = {
  encode: (rank: number, id: string) => Buffer.from(JSON.stringify({ r: rank, i: id })).toString('base64url'),
  decode(cursor: string): { r: number; i: string } {
    try {
      const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { r?: unknown; i?: unknown };
      if (typeof parsed.r === 'number' && Number.isFinite(parsed.r) && typeof parsed.i === 'string' && parsed.i.length <= 64)
        return { r: parsed.r, i: parsed.i };
    } catch {}
    throw badRequest([{ path: 'query.cursor', message: 'Malformed cursor, or one from another search; start again without it' }]);
  },
};

/**
 * A page of the assets the caller sees that match the words and filters, best first (newest first
 * without words).
 *
 * @example const { data, nextCursor } = await searchAssets(db, ctx, { q: 'beach', tags: ['summer'], folderId, rights: 'active' })
 */
export async function searchAssets(db: Db, ctx: TenantContext, query: Query) {
  const filters: (SQL | undefined)[] = [
    assetVisible(db, ctx),
    query.assetType?.length ? inArray(assets.assetType, query.assetType) : undefined,
    query.status?.length ? inArray(assets.status, query.status) : undefined,
    query.license?.length ? inArray(assets.license, query.license) : undefined,
    query.tags?.length ? arrayContains(assets.tags, query.tags) : undefined,
    query.libraryId ? eq(assets.libraryId, query.libraryId) : undefined,
    query.folderId ? subtree(db, ctx, query.folderId) : undefined,
    query.rights ? rightsWhere(query.rights, ctx.now) : undefined,
    query.createdAfter ? gte(assets.createdAt, new Date(query.createdAfter)) : undefined,
    query.createdBefore ? lte(assets.createdAt, new Date(query.createdBefore)) : undefined,
    query.orientation?.length ? inArray(orientation, query.orientation) : undefined,
    query.color
      ? sql`asset_color_distance(${assets.aiMetadata}->'colors', ${query.color}) <= ${query.colorTolerance ?? defaultColorTolerance}`
      : undefined,
  ];
  const limit = pageLimit(query.limit);
  const columns = getTableColumns(assets);
  const words =
    query.q
      ?.toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 20) ?? [];
  const tsquery = sql`to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' & ')})`;
  const phrase = words.join(' ');
  // `<%` (pg_trgm's word similarity at least its threshold, set below for this transaction) rather than the
  // function, so that the trigram index serves the near spellings as the search index serves the words.
  const match = words.length ? or(sql`${document} @@ ${tsquery}`, sql`${phrase} <% ${lowerName}`) : undefined;
  const hits = and(...filters, match);
  // The facets count the whole search, so only the first page (no cursor) carries them.
  const withFacets = async <T extends { data: unknown[] }>(on: Db, page: Promise<T>) => {
    const [result, facets] = await Promise.all([page, query.facets && !query.cursor ? facetsOf(on, hits) : undefined]);
    if (!result.data.length && query.folderId) await assertFolder(on, ctx, query.folderId);
    return facets ? { ...result, facets } : result;
  };

  if (!words.length) {
    const keys = parseSort('-createdAt', columns, ['createdAt'], '-createdAt', assets.id);
    const rows = db
      .select({ ...columns, rank: sql<number | null>`null` })
      .from(assets)
      .where(and(hits, cursorWhere(keys, query.cursor)))
      .orderBy(...orderBy(keys))
      .limit(limit + 1);
    return withFacets(
      db,
      rows.then((r) => toPage(r, limit, keys)),
    );
  }

  const rank = sql<number>`(ts_rank(${document}, ${tsquery})::float8 + word_similarity(${phrase}, ${lowerName})::float8)`;
  const after = query.cursor ? rankCursor.decode(query.cursor) : undefined;
  return transaction(db, async (tx) => {
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(nameSimilarity)}, true)`);
    return withFacets(tx, ranked(tx));
  });
  function ranked(tx: Db) {
    return tx
      .select({ ...columns, rank })
      .from(assets)
      .where(and(hits, after ? sql`(${rank} < ${after.r} or (${rank} = ${after.r} and ${assets.id} > ${after.i}))` : undefined))
      .orderBy(sql`${rank} desc`, assets.id)
      .limit(limit + 1)
      .then((rows) => {
        const data = rows.slice(0, limit);
        const last = data.at(-1);
        return { data, nextCursor: rows.length > limit && last ? rankCursor.encode(last.rank, last.id) : null };
      });
  }
}

type Facets = Record<'type' | 'tags' | 'orientation' | 'status', { value: string; count: number }[]>;
/** How many tag values the facets list: the most frequent. */
const facetTags = 50;

/**
 * Counts of the hits per type, tag, orientation and status, in one statement over the hits (visibility
 * and every filter included), most frequent first.
 */
async function facetsOf(db: Db, hits: SQL | undefined): Promise<Facets> {
  const hit = db
    .select({ assetType: assets.assetType, status: assets.status, tags: assets.tags, orientation: sql`${orientation}`.as('orientation') })
    .from(assets)
    .where(hits);
  const rows = rowsOf<{ facet: keyof Facets; value: string; count: number }>(
    await db.execute(sql`with hit as materialized (${hit})
      select 'type' as facet, asset_type::text as value, count(*)::int as count from hit group by 2
      union all select 'status', status::text, count(*)::int from hit group by 2
      union all select 'orientation', orientation, count(*)::int from hit where orientation is not null group by 2
      union all (select 'tags', t, count(*)::int from hit, unnest(hit.tags) t group by 2 order by 3 desc, 2 limit ${facetTags})`),
  );
  const facets: Facets = { type: [], tags: [], orientation: [], status: [] };
  for (const row of rows) facets[row.facet].push({ value: row.value, count: Number(row.count) });
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return facets;
}

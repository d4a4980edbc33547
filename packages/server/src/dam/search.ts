import { type RightsStatus, rightsWarningDays, type searchQuery } from '@spokestack/core/dam';
import { type SQL, and, arrayContains, eq, getTableColumns, gt, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from '../db/paging.js';
import { badRequest } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { assetVisible, folderVisible } from './access.js';
import { assetFolders, assets } from './schema.js';

// Asset search in PostgreSQL. The document is weighted: name (A), tags (B), description and AI labels
// (C); each word of the query matches as a prefix (`launc` finds "launch"), and a near spelling of the
// name (pg_trgm's word similarity) also counts, so one typo does not empty the result. Everything runs
// inside the caller's visibility; paging is by keyset on (rank, id) with words, (createdAt, id) without.

type Query = z.output<typeof searchQuery>;
const day = 86_400_000;

const ai = assets.aiMetadata;
const labelList = sql`case when jsonb_typeof(${ai}->'labels') = 'array' then ${ai}->'labels' else '[]'::jsonb end`;
const labels = sql`coalesce((select string_agg(l->>'name', ' ') from jsonb_array_elements(${labelList}) l), '')`;
const document = sql`(setweight(to_tsvector('simple', ${assets.name}), 'A')
  || setweight(to_tsvector('simple', array_to_string(${assets.tags}, ' ')), 'B')
  || setweight(to_tsvector('simple', coalesce(${assets.description}, '')), 'C')
  || setweight(to_tsvector('simple', ${labels}), 'C'))`;

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

/** The folder and its descendants, by path prefix; 400 when the caller sees no such folder. */
async function subtree(db: Db, ctx: TenantContext, folderId: string): Promise<SQL> {
  const [folder] = await db
    .select({ libraryId: assetFolders.libraryId, path: assetFolders.path })
    .from(assetFolders)
    .where(and(folderVisible(db, ctx), eq(assetFolders.id, folderId)));
  if (!folder) throw badRequest([{ path: 'query.folderId', message: 'No folder with this id' }]);
  const below = db
    .select({ id: assetFolders.id })
    .from(assetFolders)
    .where(
      and(
        eq(assetFolders.libraryId, folder.libraryId),
        or(eq(assetFolders.path, folder.path), sql`starts_with(${assetFolders.path}, ${`${folder.path}/`})`),
      ),
    );
  return inArray(assets.folderId, below);
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
    query.folderId ? await subtree(db, ctx, query.folderId) : undefined,
    query.rights ? rightsWhere(query.rights, ctx.now) : undefined,
    query.createdAfter ? gte(assets.createdAt, new Date(query.createdAfter)) : undefined,
    query.createdBefore ? lte(assets.createdAt, new Date(query.createdBefore)) : undefined,
  ];
  const limit = pageLimit(query.limit);
  const columns = getTableColumns(assets);
  const words =
    query.q
      ?.toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 20) ?? [];

  if (!words.length) {
    const keys = parseSort('-createdAt', columns, ['createdAt'], '-createdAt', assets.id);
    const rows = await db
      .select({ ...columns, rank: sql<number | null>`null` })
      .from(assets)
      .where(and(...filters, cursorWhere(keys, query.cursor)))
      .orderBy(...orderBy(keys))
      .limit(limit + 1);
    return toPage(rows, limit, keys);
  }

  const tsquery = sql`to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' & ')})`;
  const phrase = words.join(' ');
  const similar = sql`word_similarity(${phrase}, lower(${assets.name}))`;
  const rank = sql<number>`(ts_rank(${document}, ${tsquery})::float8 + ${similar}::float8)`;
  const after = query.cursor ? rankCursor.decode(query.cursor) : undefined;
  const rows = await db
    .select({ ...columns, rank })
    .from(assets)
    .where(
      and(
        ...filters,
        or(sql`${document} @@ ${tsquery}`, sql`${similar} >= 0.5`),
        after ? sql`(${rank} < ${after.r} or (${rank} = ${after.r} and ${assets.id} > ${after.i}))` : undefined,
      ),
    )
    .orderBy(sql`${rank} desc`, assets.id)
    .limit(limit + 1);
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? rankCursor.encode(last.rank, last.id) : null };
}

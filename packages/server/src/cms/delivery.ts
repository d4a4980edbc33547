import { createHash } from 'node:crypto';
import { type ContentTypeSchema, type DeliveredEntry, contentTypeSchema, type deliveryListQuery } from '@spokestack/core/cms';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { badRequest, forbidden, gone, notFound } from '../http/problem.js';
import { expiredFiles } from '../dam/expired-files.js';
import type { TenantContext } from '../platform/context.js';
import {
  type BlockRow,
  type DeliveryQueryInput,
  type DeliveryRow,
  type RelatedRow,
  isoOf,
  jsonOf,
  rowsOf,
  runPrepared,
} from './delivery-sql.js';
import { previewClaims } from './preview-tokens.js';
import { withImageUrls } from './richtext.js';
import { contentTypes } from './schema.js';

type ListQuery = z.output<typeof deliveryListQuery>;

/** What the routes need from a delivery reply: the JSON and its headers. */
export interface DeliveryReply {
  body: string;
  etag: string;
  locale: string;
  preview: boolean;
  /** The type's shared-cache lifetimes, in seconds (`Cache-Control`). */
  cache: { maxAge: number; staleWhileRevalidate: number };
  /**
   * Cache keys naming what the reply holds (`Surrogate-Key`, `Cache-Tag`): `type-<id>` for lists (any
   * publish in the type changes them), `entry-<id>` for each entry served or embedded as a relation,
   * so a CDN purge by key removes exactly the replies a publish changed.
   */
  keys: string[];
}

/**
 * The stable URL of a file in a published entry: the same for as long as the entry serves the file
 * (file ids name immutable bytes), so a statically built or cached site keeps its images; it answers
 * 404 once the file leaves the entry's published content or the entry is unpublished.
 *
 * @example mediaUrl(entry.id, fileId) // '/v1/delivery/media/<entry>/<file>'
 */
export const mediaUrl = (entryId: string, fileId: string) => `/v1/delivery/media/${entryId}/${fileId}`;

/**
 * The file behind a `mediaUrl`, when the entry's published content holds it: a media field or a rich
 * text image (any `fileId` in the published data of the source or of an approved published
 * translation), or the published social image. The entry and the file are of one organization. A file
 * whose DAM licence expired is withheld: 410.
 *
 * @example const file = await publishedMedia(db, entryId, fileId) // undefined → 404
 */
export async function publishedMedia(db: Db, entryId: string, fileId: string) {
  const holds = (data: string) => `jsonb_path_exists(${data}, '$.** ? (@.fileId == $f)', jsonb_build_object('f', f.id::text))`;
  const [row] = rowsOf<{
    id: string;
    organization_id: string;
    name: string;
    mime_type: string;
    checksum: string | null;
    storage_key: string;
  }>(
    await db.execute(
      sql`select f.id, f.organization_id, f.name, f.mime_type, f.checksum, f.storage_key
        from files f join content_entries e on e.organization_id = f.organization_id
        where f.id = ${fileId} and e.id = ${entryId} and (
          (e.published_slug is not null and (${sql.raw(holds('e.published_data'))} or e.published_meta->>'ogImageId' = f.id))
          or exists (select 1 from content_localizations l where l.entry_id = e.id and l.published_slug is not null
            and l.status = 'APPROVED' and (${sql.raw(holds('l.published_data'))} or l.published_meta->>'ogImageId' = f.id)))`,
    ),
  );
  if (row && (await expiredFiles(db, row.organization_id, [row.id])).size)
    throw gone('This file’s licence has expired; it is no longer delivered');
  return row;
}

/**
 * The delivery API for public sites: published content only (the published snapshot columns), by
 * type and slug or as filtered, sorted, paged lists, with locale fallback, resolved relations (one
 * level, published only), shared blocks inlined and media URLs a browser loads without credentials.
 * Drafts only with a preview token. Each reply is serialized once; its ETag is a hash of the bytes.
 * One per app (the CMS routes make it): it keeps the parsed schemas of the types it served.
 *
 * @example
 * const delivery = createDelivery()
 * const reply = await delivery.get(db, ctx, 'blog-post', 'hello-world', { locale: 'fr' }, 'https://api.example.com')
 */
export function createDelivery() {
  // Schemas by type id, checked against the type's updated_at that every query returns: never stale,
  // and fetched only after a type changes.
  const schemas = new Map<string, { updated: string; slug: string; schema: ContentTypeSchema }>();

  async function schemaOf(db: Db, typeId: string, updated: string) {
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

  // The relation and blocks fields of a type, by organization and type slug, which the delivery statement needs
  // before it runs (it returns what they point at): checked against the type's updated_at every reply carries.
  const refsByType = new Map<string, { updated: string; refs: { relations: string[]; blocks: string[] } }>();

  /**
   * Runs the delivery statement with the type's relation and blocks fields, so one round trip brings the rows,
   * their related entries, shared blocks and withheld media. The first request for a type (or the first after
   * it changed) learns its fields from the reply's type and, when they differ from what was sent, runs again.
   */
  async function fetchRows(db: Db, ctx: TenantContext, input: DeliveryQueryInput): Promise<DeliveryRow[]> {
    const key = `${ctx.organizationId}\u0000${input.typeSlug}`;
    const known = refsByType.get(key);
    const rows = await runPrepared<DeliveryRow>(db, { ...input, refs: known?.refs });
    const type = rows[0];
    if (!type || type.type_updated === known?.updated) return rows;
    const { schema } = await schemaOf(db, type.type_id, type.type_updated);
    const named = (kind: string) => schema.fields.filter((f) => f.type === kind).map((f) => f.name);
    const refs = { relations: named('relation'), blocks: named('blocks') };
    if (refsByType.size > 10_000) refsByType.clear();
    refsByType.set(key, { updated: type.type_updated, refs });
    const same = (a: string[] = [], b: string[] = []) => a.join('\u0000') === b.join('\u0000');
    if (same(refs.relations, known?.refs.relations) && same(refs.blocks, known?.refs.blocks)) return rows;
    return runPrepared<DeliveryRow>(db, { ...input, refs });
  }

  /**
   * Entry data as delivered: media with URLs (`urlOf`) — those `withheld` (their DAM licence expired)
   * dropped — relations and shared blocks resolved (through `resolve`).
   */
  function shape(
    schema: ContentTypeSchema,
    data: Record<string, Json>,
    urlOf: (fileId: string) => string,
    withheld: Set<string>,
    resolve?: { entry(id: string): Json; block(id: string): Json | undefined },
  ): Record<string, Json> {
    const out: Record<string, Json> = { ...data };
    for (const field of schema.fields) {
      const value = out[field.name];
      if (value === undefined || value === null) continue;
      if (field.type === 'media') {
        const media = (v: Json) => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.fileId === 'string';
        const delivered = (v: Json) => !media(v) || !withheld.has((v as { fileId: string }).fileId);
        const withUrl = (v: Json): Json =>
          media(v) ? { ...(v as Record<string, Json>), url: urlOf((v as { fileId: string }).fileId) } : v;
        out[field.name] = Array.isArray(value) ? value.filter(delivered).map(withUrl) : delivered(value) ? withUrl(value) : null;
      } else if (field.type === 'richtext') {
        out[field.name] = withImageUrls(value, urlOf);
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

  /** A jsonb array as the driver returned it (parsed or text), as a list. */
  const listOf = <T>(value: T[] | string | null): T[] => (typeof value === 'string' ? (JSON.parse(value) as T[]) : (value ?? []));

  /** Builds delivered entries from rows, which carry their related entries, blocks and withheld media. */
  async function build(
    db: Db,
    ctx: TenantContext,
    rows: DeliveryRow[],
    origin: string,
    options: { preview: boolean },
  ): Promise<{ entries: DeliveredEntry[]; related: string[] }> {
    if (!rows.length) return { entries: [], related: [] };
    const { schema, slug: typeSlug } = await schemaOf(db, rows[0]!.type_id, rows[0]!.type_updated);
    // Published media get a stable URL per entry (see mediaUrl); drafts in preview, short-lived signed ones.
    const urlFor = (entryId: string) =>
      options.preview ? (fileId: string) => origin + ctx.files.url(fileId) : (fileId: string) => origin + mediaUrl(entryId, fileId);
    const localized = new Set(schema.fields.filter((f) => f.localized).map((f) => f.name));
    const datas = rows.map((row) => {
      let data = jsonOf(row.data);
      // A translation's draft holds its localized fields; the others are the source's.
      if (row.source_data !== null)
        data = { ...Object.fromEntries(Object.entries(jsonOf(row.source_data)).filter(([k]) => !localized.has(k))), ...data };
      return data;
    });
    // Media whose DAM licence expired leave what is delivered (their URLs answer 410 too).
    const withheld = new Set(rows.flatMap((row) => row.withheld ?? []));
    const found = new Map<string, RelatedRow>();
    const blocks = new Map<string, BlockRow>();
    for (const row of rows) {
      for (const r of listOf<RelatedRow>(row.related)) found.set(r.id, r);
      for (const b of listOf<BlockRow>(row.blocks)) blocks.set(b.id, b);
    }
    for (const r of found.values()) for (const id of r.withheld ?? []) withheld.add(id);
    const relatedSchemas = new Map<string, ContentTypeSchema>();
    for (const r of found.values())
      if (!relatedSchemas.has(r.type_id)) relatedSchemas.set(r.type_id, (await schemaOf(db, r.type_id, r.type_updated)).schema);
    const resolve: Parameters<typeof shape>[4] = {
      entry(id) {
        const r = found.get(id);
        if (!r) return null;
        return {
          id: r.id,
          type: r.type_slug,
          locale: r.locale,
          fallback: r.fallback,
          slug: r.slug,
          title: r.title,
          publishedAt: isoOf(r.published_at),
          data: shape(relatedSchemas.get(r.type_id)!, jsonOf(r.data), urlFor(r.id), withheld),
        };
      },
      block(id) {
        const b = blocks.get(id);
        return b ? { blockId: b.id, type: b.block_type, data: jsonOf(b.data) } : undefined;
      },
    };
    const entries = rows.map((row, i) => {
      const meta = jsonOf(row.meta);
      const text = (key: string) => (typeof meta[key] === 'string' ? (meta[key] as string) : null);
      const og = text('ogImageId');
      const ogImage = og && !withheld.has(og) ? og : null;
      const urlOf = urlFor(row.id!);
      return {
        id: row.id!,
        type: typeSlug,
        locale: row.locale,
        fallback: row.fallback,
        slug: row.slug,
        title: row.title,
        publishedAt: isoOf(row.published_at),
        data: shape(schema, datas[i]!, urlOf, withheld, resolve),
        seo: {
          title: text('seoTitle'),
          description: text('seoDescription'),
          keywords: Array.isArray(meta.seoKeywords) ? meta.seoKeywords.filter((k): k is string => typeof k === 'string') : [],
          canonicalUrl: text('canonicalUrl'),
          noIndex: meta.noIndex === true,
        },
        og: {
          title: text('ogTitle'),
          description: text('ogDescription'),
          image: ogImage ? { fileId: ogImage, url: urlOf(ogImage) } : null,
        },
        tags: row.tags,
        categories: row.categories,
        preview: options.preview,
      };
    });
    return { entries, related: [...found.keys()] };
  }

  const reply = (value: unknown, row: DeliveryRow, locale: string, preview: boolean, keys: string[]): DeliveryReply => {
    const body = JSON.stringify(value);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    return { body, etag, locale, preview, cache: { maxAge: row.max_age, staleWhileRevalidate: row.stale_while_revalidate }, keys };
  };
  const entryKeys = (built: { entries: DeliveredEntry[]; related: string[] }) => [
    ...new Set([...built.entries.map((e) => `entry-${e.id}`), ...built.related.map((id) => `entry-${id}`)]),
  ];

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
     * One entry by type slug and slug (the slug in the requested locale, or the default locale's slug,
     * which then serves the requested locale's translation when there is one).
     *
     * @example const { body, etag } = await delivery.get(db, ctx, 'blog-post', 'hello-world', { locale: 'fr' }, origin)
     */
    async get(
      db: Db,
      ctx: TenantContext,
      typeSlug: string,
      slug: string,
      query: { locale?: string; preview?: string },
      origin: string,
    ): Promise<DeliveryReply> {
      const claims = previewClaims(ctx, query.preview);
      const rows = await fetchRows(db, ctx, {
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
      const built = await build(db, ctx, rows, origin, { preview: Boolean(claims) });
      const entry = built.entries[0]!;
      return reply(entry, rows[0]!, entry.locale, Boolean(claims), entryKeys(built));
    },

    /**
     * A page of a type's entries in a locale: newest first by default, filtered by tag, category and
     * data fields, with a cursor to the next page.
     *
     * @example const { body } = await delivery.list(db, ctx, 'blog-post', { locale: 'en', limit: 20 }, origin)
     */
    async list(db: Db, ctx: TenantContext, typeSlug: string, query: ListQuery, origin: string): Promise<DeliveryReply> {
      const claims = previewClaims(ctx, query.preview);
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
      const rows = await fetchRows(db, ctx, {
        organizationId: ctx.organizationId,
        typeSlug,
        locale: query.locale,
        mode: claims ? 'draft' : 'published',
        limit,
        entryId: claims?.e,
        fields: fields && [...fields],
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
        const { schema } = await schemaOf(db, rows[0]!.type_id, rows[0]!.type_updated);
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
      const built = await build(db, ctx, page, origin, { preview: Boolean(claims) });
      const value = { data: built.entries, nextCursor, locale: requested, preview: Boolean(claims) };
      return reply(value, rows[0]!, requested, Boolean(claims), [`type-${rows[0]!.type_id}`, ...entryKeys(built)]);
    },
  };
}
export type Delivery = ReturnType<typeof createDelivery>;

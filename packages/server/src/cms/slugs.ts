import { and, eq, like, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { conflict } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { contentEntries, contentLocalizations } from './schema.js';

// Slugs: made from names and titles, unique per (type, locale) among drafts (source entries in that
// locale and translations into it) and again among what the delivery API serves.

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

/**
 * Serializes the writers of one (type, locale): slug allocation and `unique` field checks read, then
 * write, so two concurrent saves must not both see a value as free.
 */
export const lockTypeLocale = (tx: Db, ctx: TenantContext, typeId: string, locale: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cms.entries:${ctx.organizationId}:${typeId}:${locale}`}))`);

/**
 * Slugs in use in one (type, locale) that equal `base` or extend it with `-n`: by source entries in that
 * locale and by translations into it (the delivery API finds both by slug).
 */
async function takenSlugs(
  tx: Db,
  ctx: TenantContext,
  typeId: string,
  locale: string,
  base: string,
  except: { entryId?: string; localizationId?: string },
) {
  const near = (column: typeof contentEntries.slug | typeof contentLocalizations.slug) => or(eq(column, base), like(column, `${base}-%`));
  const [sources, translations] = await Promise.all([
    tx
      .select({ slug: contentEntries.slug })
      .from(contentEntries)
      .where(
        and(
          eq(contentEntries.organizationId, ctx.organizationId),
          eq(contentEntries.contentTypeId, typeId),
          eq(contentEntries.locale, locale),
          near(contentEntries.slug),
          except.entryId ? ne(contentEntries.id, except.entryId) : undefined,
        ),
      ),
    tx
      .select({ slug: contentLocalizations.slug })
      .from(contentLocalizations)
      .innerJoin(contentEntries, eq(contentEntries.id, contentLocalizations.entryId))
      .where(
        and(
          eq(contentLocalizations.organizationId, ctx.organizationId),
          eq(contentEntries.contentTypeId, typeId),
          eq(contentLocalizations.locale, locale),
          near(contentLocalizations.slug),
          except.localizationId ? ne(contentLocalizations.id, except.localizationId) : undefined,
        ),
      ),
  ]);
  return new Set([...sources, ...translations].map((r) => r.slug));
}

/**
 * A slug for `wanted` in one (type, locale). An explicit slug must be free (409 naming `path`); a
 * derived one gets `-2`, `-3`, … until it is.
 *
 * @example const slug = await allocateSlug(tx, ctx, type.id, 'en', { base: 'hello-world' }, { entryId })
 */
export async function allocateSlug(
  tx: Db,
  ctx: TenantContext,
  typeId: string,
  locale: string,
  wanted: { base: string; explicit?: boolean; path?: string; keyPaths?: string[] },
  except: { entryId?: string; localizationId?: string } = {},
): Promise<string> {
  const base = wanted.base.slice(0, 190);
  const taken = await takenSlugs(tx, ctx, typeId, locale, base, except);
  if (!taken.has(base)) return base;
  if (wanted.explicit)
    throw conflict(`The slug "${base}" is already used in "${locale}"`, { fields: ['slug'] }, [
      { path: wanted.path ?? 'body.slug', message: 'Already used by another entry of this type and locale' },
      // Like every unique clash, name the other parts of the key the request sent.
      ...(wanted.keyPaths ?? []).map((path) => ({ path, message: 'Part of the (type, slug, locale) key that clashes' })),
    ]);
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * A published slug must be unique among what the delivery API serves for one (type, locale): published
 * source entries in that locale and published translations into it.
 */
export async function assertPublishedSlugFree(
  tx: Db,
  ctx: TenantContext,
  typeId: string,
  locale: string,
  slug: string,
  except: { entryId?: string; localizationId?: string },
) {
  const [source] = await tx
    .select({ id: contentEntries.id })
    .from(contentEntries)
    .where(
      and(
        eq(contentEntries.organizationId, ctx.organizationId),
        eq(contentEntries.contentTypeId, typeId),
        eq(contentEntries.locale, locale),
        eq(contentEntries.publishedSlug, slug),
        except.entryId ? ne(contentEntries.id, except.entryId) : undefined,
      ),
    )
    .limit(1);
  const [translation] = source
    ? [source]
    : await tx
        .select({ id: contentLocalizations.id })
        .from(contentLocalizations)
        .innerJoin(contentEntries, eq(contentEntries.id, contentLocalizations.entryId))
        .where(
          and(
            eq(contentLocalizations.organizationId, ctx.organizationId),
            eq(contentEntries.contentTypeId, typeId),
            eq(contentLocalizations.locale, locale),
            eq(contentLocalizations.publishedSlug, slug),
            except.localizationId ? ne(contentLocalizations.id, except.localizationId) : undefined,
          ),
        )
        .limit(1);
  if (translation)
    throw conflict(`Another published entry already uses the slug "${slug}" in "${locale}"`, {}, [
      { path: 'slug', message: 'Already published by another entry' },
    ]);
}

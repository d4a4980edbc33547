import * as z from 'zod';
import { locale } from '../platform/contracts.js';
import * as f from '../shared/fields.js';
import { defineOperation } from '../shared/operation.js';
import { pageOf } from '../shared/pagination.js';
import { allRoles, base, id, tag, writers } from './common.js';

// The delivery API that public sites read published content through, and preview tokens for drafts.

export const previewTokenBody = z
  .strictObject({
    /** Preview this entry's draft (every locale). */
    entryId: id.optional(),
    /** Preview the drafts of every entry of this type. */
    contentTypeId: id.optional(),
    expiresInMinutes: z.number().int().min(1).max(1440).optional(),
  })
  .refine((b) => (b.entryId === undefined) !== (b.contentTypeId === undefined), {
    message: 'Give exactly one of entryId and contentTypeId',
    path: ['entryId'],
  });
export const previewToken = z.object({ token: z.string(), expiresAt: f.timestamp() });

const deliveryQueryBase = z.object({
  /** The locale wanted (default: the organization's default locale). Missing or unapproved translations fall back to the default locale. */
  locale: locale.optional(),
  /** A preview token (from `POST /v1/cms/preview-tokens`): serves drafts instead of published content. */
  preview: z.string().max(2000).optional(),
});
export const deliveryGetQuery = deliveryQueryBase;
export const deliveryListQuery = deliveryQueryBase.extend({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
  /** `-publishedAt` (default, newest first), `publishedAt`, `title` or `-title`. */
  sort: z.enum(['-publishedAt', 'publishedAt', 'title', '-title']).optional(),
  /** Tag slug. */
  tag: f.text().max(200).optional(),
  /** Category slug; entries in it or any category below it. */
  category: f.text().max(200).optional(),
  /** Comma-separated data fields to return (default: all). */
  fields: f.text().max(2000).optional(),
  /** `field:value` equality filters on data fields (text, number, boolean, select, date, slug), comma-separated. */
  where: f.text().max(2000).optional(),
});
export const deliveryTypeParams = z.object({ type: z.string().min(1).max(200) });
export const deliverySlugParams = z.object({ type: z.string().min(1).max(200), slug: z.string().min(1).max(200) });
export const deliveryMediaParams = z.object({ entryId: z.string().min(1).max(100), fileId: z.string().min(1).max(100) });

/** A delivered media value: the stored `{ fileId, alt?, caption? }` with a URL a browser loads without credentials. */
export const deliveredMedia = z.object({ fileId: z.string(), alt: z.string().optional(), caption: z.string().optional(), url: z.string() });
/** A delivered entry; relation fields hold the related entries (published only, one level deep) or null. */
export const deliveredEntry = z.object({
  id: z.string(),
  /** Content type slug. */
  type: z.string(),
  /** The locale served. */
  locale: z.string(),
  /** True when the requested locale had no published, approved translation and the default locale was served. */
  fallback: z.boolean(),
  slug: z.string(),
  title: z.string(),
  publishedAt: f.timestamp().nullable(),
  data: z.record(z.string(), f.json()),
  seo: z.object({
    title: z.string().nullable(),
    description: z.string().nullable(),
    keywords: z.array(z.string()),
    canonicalUrl: z.string().nullable(),
    noIndex: z.boolean(),
  }),
  og: z.object({
    title: z.string().nullable(),
    description: z.string().nullable(),
    image: z.object({ fileId: z.string(), url: z.string() }).nullable(),
  }),
  /** Tag slugs. */
  tags: z.array(z.string()),
  /** Category paths, e.g. `/marketing/social`. */
  categories: z.array(z.string()),
  /** True when served through a preview token (a draft). */
  preview: z.boolean(),
});
export type DeliveredEntry = z.output<typeof deliveredEntry>;
export const deliveryList = pageOf(deliveredEntry).extend({ locale: z.string(), preview: z.boolean() });
export type DeliveryList = z.output<typeof deliveryList>;

export const deliveryOps = {
  createPreviewToken: defineOperation({
    id: 'cms.previewTokens.create',
    description:
      'Mints a short-lived signed token with which the delivery API (`?preview=`) serves the drafts of one ' +
      "entry or of one content type, for a site's preview mode. It grants nothing else.",
    method: 'POST',
    path: `${base}/preview-tokens`,
    tag,
    summary: 'Mint a short-lived token that lets the delivery API serve drafts of one entry or one content type',
    body: previewTokenBody,
    response: previewToken,
    status: 201,
    roles: writers,
  }),
  deliveryList: defineOperation({
    id: 'cms.delivery.list',
    description:
      'Published entries of a content type for public sites: read with a publishable key. Filter by tag, ' +
      'category or `where` on data fields, choose `fields`, sort and page; relations and media come ' +
      'resolved. A locale without an approved translation falls back to the default locale. Send ' +
      '`If-None-Match` for a 304.',
    method: 'GET',
    path: '/v1/delivery/:type',
    tag: 'Delivery',
    auth: 'publishable',
    params: deliveryTypeParams,
    query: deliveryListQuery,
    response: deliveryList,
    summary:
      'Published entries of a content type (publishable keys welcome): filters, sort, pagination, relations and media resolved, locale ' +
      'fallback; ETag and 304',
    roles: allRoles,
  }),
  deliveryGet: defineOperation({
    id: 'cms.delivery.get',
    description:
      "One published entry by content type and slug (the locale's slug, or the default locale's), with " +
      'relations and media resolved and locale fallback. Unpublished entries are 404 unless a preview token ' +
      'is given. Send `If-None-Match` for a 304.',
    method: 'GET',
    path: '/v1/delivery/:type/:slug',
    tag: 'Delivery',
    auth: 'publishable',
    params: deliverySlugParams,
    query: deliveryGetQuery,
    response: deliveredEntry,
    summary:
      'One published entry by content type and slug (the slug of the locale, or of the default locale) with locale fallback; ETag and 304',
    roles: allRoles,
  }),
  deliveryMedia: defineOperation({
    id: 'cms.delivery.media',
    description:
      'The bytes of a file a published entry uses, at the stable URL delivery replies give; cacheable as ' +
      "immutable. Once the file leaves the entry's published content, or the entry goes offline, it answers " +
      '404.',
    method: 'GET',
    path: '/v1/delivery/media/:entryId/:fileId',
    tag: 'Delivery',
    auth: 'public',
    params: deliveryMediaParams,
    response: z.file(),
    responseType: 'binary',
    summary:
      'A file of a published entry at the stable URL delivery replies give it (`Cache-Control: public, immutable`); ' +
      "404 once the file is no longer in the entry's published content or the entry is unpublished",
  }),
};

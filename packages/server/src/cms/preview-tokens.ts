import type { previewTokenBody } from '@spokestack/core/cms';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import { badRequest, unauthorized } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { contentEntries, contentTypes } from './schema.js';

// Preview tokens (purpose `preview`) let a site render drafts through the delivery API: one entry,
// or every entry of one content type, of one organization, for a limited time.

/** What a preview token carries: the organization, and the entry (`e`) or the content type (`t`) it previews. */
export interface PreviewClaims {
  o: string;
  e?: string;
  t?: string;
}

/**
 * Mints a preview token for one entry or one content type of the caller's organization.
 *
 * @example const { token, expiresAt } = await createPreviewToken(db, ctx, { entryId, expiresInMinutes: 30 })
 */
export async function createPreviewToken(db: Db, ctx: TenantContext, input: z.output<typeof previewTokenBody>) {
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
  const expiresAt = new Date(ctx.now.getTime() + (input.expiresInMinutes ?? 60) * 60_000);
  const previews: Record<string, string> = input.entryId ? { e: input.entryId } : { t: input.contentTypeId! };
  return { token: ctx.signer.token('preview', { o: ctx.organizationId, ...previews }, expiresAt), expiresAt };
}

/**
 * The claims of a preview token sent with a delivery request, or undefined when none was sent; 401
 * for a token that is forged, expired, of another kind or of another organization.
 *
 * @example const claims = previewClaims(ctx, query.preview) // claims?.e: the one entry it shows
 */
export function previewClaims(ctx: TenantContext, token: string | undefined): PreviewClaims | undefined {
  if (token === undefined) return undefined;
  const { o, e, t } = ctx.signer.verify<Partial<Record<'o' | 'e' | 't', string | number>>>('preview', token, ctx.now) ?? {};
  // Exactly one of an entry and a content type, of the caller's organization.
  if (o !== ctx.organizationId || (typeof e === 'string') === (typeof t === 'string'))
    throw unauthorized('Invalid or expired preview token');
  return typeof e === 'string' ? { o: ctx.organizationId, e } : { o: ctx.organizationId, t: t as string };
}

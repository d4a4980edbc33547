import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { TenantContext } from '../platform/context.js';
import { contactListMembers } from './schema.js';

// The GDPR suppression list's keys, apart from gdpr.ts so that contact writes (contacts.ts, which gdpr.ts
// builds on) can check them without an import cycle.

/** The suppression key of an address: a SHA-256 of its normalised form, so the address itself is not kept. */
export const suppressionKey = (email: string) =>
  `gdpr-erasure sha256:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;

/**
 * Which of these addresses were erased under GDPR in this organization (their hash is on the suppression list).
 *
 * @example const erased = await erasedEmails(db, ctx, rows.map((r) => r.email)); rows.filter((r) => !erased.has(r.email))
 */
export async function erasedEmails(db: Db, ctx: TenantContext, emails: string[]): Promise<Set<string>> {
  if (!emails.length) return new Set();
  const byKey = new Map(emails.map((e) => [suppressionKey(e), e]));
  const rows = await db
    .select({ source: contactListMembers.source })
    .from(contactListMembers)
    .where(and(eq(contactListMembers.organizationId, ctx.organizationId), inArray(contactListMembers.source, [...byKey.keys()])));
  return new Set(rows.map((r) => byKey.get(r.source!)!));
}

import type { emailEvents } from '@spokestack/core/crm';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { pageHeaders } from '../http/html.js';
import { unauthorized } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import { type AppContext, type TenantContext, systemActor } from '../platform/context.js';
import { recordContactActivity } from './activities.js';
import { emailCampaigns, emailInteractions, emailLinks, emailRecipients } from './schema.js';
import { applyBounce, changeContactStatus } from './sending.js';

// What comes back from campaign messages: the open pixel, tracked links, one-click unsubscribe (RFC 8058)
// and bounce/complaint notices. The public ends carry tokens signed for their purpose (`tracking` for the
// pixel and links, with the kind inside; `unsubscribe`), naming the organization and the recipient; a
// link's target is read from `email_links`, never from the request, so a token cannot redirect anywhere else.

type Claims = { o: string; r: string; k?: string; l?: string };
/** A transparent 1×1 GIF. */
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
/** Where a request came from, kept on the interaction. */
export interface Visitor {
  ip?: string;
  userAgent?: string;
}

const systemCtx = (app: AppContext, organizationId: string): TenantContext => ({ ...app, organizationId, actor: systemActor() });

/** The recipient a token names, in its organization, once it has been sent. */
async function recipientOf(db: Db, ctx: TenantContext, id: string) {
  const [row] = await db
    .select({ recipient: emailRecipients, subject: emailCampaigns.subject, name: emailCampaigns.name, parent: emailCampaigns.campaignId })
    .from(emailRecipients)
    .innerJoin(emailCampaigns, eq(emailCampaigns.id, emailRecipients.emailCampaignId))
    .where(and(eq(emailRecipients.organizationId, ctx.organizationId), eq(emailRecipients.id, id)));
  return row;
}

// Engagement moves a recipient forward, never back: an unsubscribed or bounced recipient stays so.
const engaged = (to: 'OPENED' | 'CLICKED') =>
  sql`case when ${emailRecipients.status} in ('SENT', 'DELIVERED'${sql.raw(to === 'CLICKED' ? ", 'OPENED'" : '')})
    then ${to}::email_recipient_status
    else ${emailRecipients.status} end`;

/** Counts one engagement: recipient, campaign counters (unique on the recipient's first), interaction and timeline. */
async function engage(
  db: Db,
  ctx: TenantContext,
  recipientId: string,
  kind: 'OPENED' | 'CLICKED',
  visitor: Visitor,
  link?: { id: string; url: string },
) {
  return transaction(db, async (tx) => {
    const found = await recipientOf(tx, ctx, recipientId);
    if (!found?.recipient.sentAt) return undefined;
    const r = emailRecipients;
    const [after] = await tx
      .update(r)
      .set(
        kind === 'OPENED'
          ? {
              openCount: sql`${r.openCount} + 1`,
              openedAt: sql`coalesce(${r.openedAt}, ${ctx.now.toISOString()}::timestamptz)`,
              status: engaged(kind),
            }
          : {
              clickCount: sql`${r.clickCount} + 1`,
              clickedAt: sql`coalesce(${r.clickedAt}, ${ctx.now.toISOString()}::timestamptz)`,
              status: engaged(kind),
            },
      )
      .where(and(eq(r.organizationId, ctx.organizationId), eq(r.id, recipientId)))
      .returning({ openCount: r.openCount, clickCount: r.clickCount });
    const first = kind === 'OPENED' ? after!.openCount === 1 : after!.clickCount === 1;
    const c = emailCampaigns;
    await tx
      .update(c)
      .set(
        kind === 'OPENED'
          ? { opened: sql`${c.opened} + 1`, uniqueOpens: sql`${c.uniqueOpens} + ${first ? 1 : 0}` }
          : { clicked: sql`${c.clicked} + 1`, uniqueClicks: sql`${c.uniqueClicks} + ${first ? 1 : 0}` },
      )
      .where(and(eq(c.organizationId, ctx.organizationId), eq(c.id, found.recipient.emailCampaignId)));
    const contactId = found.recipient.contactId;
    if (link) {
      // Unique per link: this recipient's first click on it (its earlier clicks are interactions with its URL).
      const earlier = contactId
        ? await tx
            .select({ id: emailInteractions.id })
            .from(emailInteractions)
            .where(
              and(
                eq(emailInteractions.organizationId, ctx.organizationId),
                eq(emailInteractions.contactId, contactId),
                eq(emailInteractions.emailCampaignId, found.recipient.emailCampaignId),
                eq(emailInteractions.interactionType, 'CLICKED'),
                eq(emailInteractions.linkUrl, link.url),
              ),
            )
            .limit(1)
        : [];
      await tx
        .update(emailLinks)
        .set({ clickCount: sql`${emailLinks.clickCount} + 1`, uniqueClicks: sql`${emailLinks.uniqueClicks} + ${earlier.length ? 0 : 1}` })
        .where(and(eq(emailLinks.organizationId, ctx.organizationId), eq(emailLinks.id, link.id)));
    }
    if (contactId) {
      await tx.insert(emailInteractions).values({
        organizationId: ctx.organizationId,
        contactId,
        emailCampaignId: found.recipient.emailCampaignId,
        subject: found.subject.slice(0, 500),
        interactionType: kind,
        occurredAt: ctx.now,
        linkUrl: link?.url ?? null,
        userAgent: visitor.userAgent?.slice(0, 500) ?? null,
        ipAddress: visitor.ip?.slice(0, 64) ?? null,
      });
      // Through the timeline's one writer, which also enqueues the contact's (engagement) rescoring.
      await recordContactActivity(tx, ctx, {
        contactId,
        activityType: kind === 'OPENED' ? 'EMAIL_OPENED' : 'EMAIL_CLICKED',
        subject: kind === 'OPENED' ? `Opened “${found.name}”` : `Clicked ${link!.url} in “${found.name}”`.slice(0, 500),
        campaignId: found.parent,
        emailId: recipientId,
        performedById: null,
      });
    }
    return found;
  });
}

/**
 * The open pixel: counts the open when the token is good, and answers the GIF whatever it is (a broken image
 * in a mail client helps nobody).
 *
 * @example return trackOpen(db, app, params.token, { ip, userAgent })
 */
export async function trackOpen(db: Db, app: AppContext, token: string, visitor: Visitor): Promise<Response> {
  const claims = app.signer.verify<Claims>('tracking', token, app.now);
  if (claims && claims.k === 'o' && typeof claims.o === 'string' && typeof claims.r === 'string')
    await engage(db, systemCtx(app, claims.o), claims.r, 'OPENED', visitor);
  return new Response(pixel, {
    headers: { 'content-type': 'image/gif', 'cache-control': 'no-store, private', 'content-length': String(pixel.length) },
  });
}

/**
 * A tracked link: counts the click and redirects to the link's stored target (http or https only).
 *
 * @example return trackClick(db, app, params.token, { ip, userAgent }) // 302 Location: https://agency.test/offer
 */
export async function trackClick(db: Db, app: AppContext, token: string, visitor: Visitor): Promise<Response> {
  const claims = app.signer.verify<Claims>('tracking', token, app.now);
  if (claims?.k !== 'c' || typeof claims.o !== 'string' || typeof claims.r !== 'string' || typeof claims.l !== 'string')
    throw unauthorized('Invalid or expired link');
  const ctx = systemCtx(app, claims.o);
  const [link] = await db
    .select({ id: emailLinks.id, url: emailLinks.originalUrl, campaignId: emailLinks.emailCampaignId })
    .from(emailLinks)
    .where(and(eq(emailLinks.organizationId, claims.o), eq(emailLinks.id, claims.l)));
  let target: URL | undefined;
  try {
    target = link ? new URL(link.url) : undefined;
  } catch {
    target = undefined;
  }
  if (!link || !target || (target.protocol !== 'https:' && target.protocol !== 'http:')) throw unauthorized('Invalid or expired link');
  await engage(db, ctx, claims.r, 'CLICKED', visitor, { id: link.id, url: link.url });
  return new Response(null, { status: 302, headers: { location: target.href, 'cache-control': 'no-store, private' } });
}

function unsubscribeClaims(app: AppContext, token: string) {
  const claims = app.signer.verify<Claims>('unsubscribe', token, app.now);
  if (!claims || typeof claims.o !== 'string' || typeof claims.r !== 'string') throw unauthorized('Invalid or expired unsubscribe link');
  return claims;
}

/**
 * One-click unsubscribe: the recipient and the contact UNSUBSCRIBED, consent withdrawn, at once; twice is
 * the same as once.
 *
 * @example await unsubscribeRecipient(db, app, token) // { unsubscribed: true, email: 'ada@example.com' }
 */
export async function unsubscribeRecipient(db: Db, app: AppContext, token: string) {
  const claims = unsubscribeClaims(app, token);
  const ctx = systemCtx(app, claims.o);
  return transaction(db, async (tx) => {
    const found = await recipientOf(tx, ctx, claims.r);
    if (!found) throw unauthorized('Invalid or expired unsubscribe link');
    const { recipient } = found;
    const [changed] = await tx
      .update(emailRecipients)
      .set({ status: 'UNSUBSCRIBED', unsubscribedAt: ctx.now })
      .where(
        and(
          eq(emailRecipients.organizationId, ctx.organizationId),
          eq(emailRecipients.id, recipient.id),
          sql`${emailRecipients.unsubscribedAt} is null`,
        ),
      )
      .returning({ id: emailRecipients.id });
    if (changed) {
      await tx
        .update(emailCampaigns)
        .set({ unsubscribed: sql`${emailCampaigns.unsubscribed} + 1` })
        .where(and(eq(emailCampaigns.organizationId, ctx.organizationId), eq(emailCampaigns.id, recipient.emailCampaignId)));
      if (recipient.contactId) {
        await tx.insert(emailInteractions).values({
          organizationId: ctx.organizationId,
          contactId: recipient.contactId,
          emailCampaignId: recipient.emailCampaignId,
          subject: found.subject.slice(0, 500),
          interactionType: 'UNSUBSCRIBED',
          occurredAt: ctx.now,
        });
        await changeContactStatus(tx, ctx, recipient.contactId, 'UNSUBSCRIBED', `Unsubscribed from “${found.name}”`, true);
        await recordActivity(tx, ctx, {
          action: 'unsubscribed',
          entityType: 'contacts',
          entityId: recipient.contactId,
          entityTitle: recipient.email,
          metadata: { emailCampaignId: recipient.emailCampaignId },
        });
      }
    }
    return { unsubscribed: true as const, email: recipient.email };
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const style =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2933}' +
  'button{font:inherit;padding:.5rem 1rem;border-radius:.375rem;border:1px solid #1f2933;background:#1f2933;color:#fff;cursor:pointer}';

/** A plain page under the server's CSP; its one form may post to this server only. */
function page(title: string, body: string, status = 200): Response {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${style}</style></head>` +
    `<body><main>${body}</main></body></html>`;
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...pageHeaders(html, { formAction: "'self'" }) },
  });
}

/** The page an unsubscribe link opens: the address and a button that posts the one-click unsubscribe. Changes nothing itself. */
export async function unsubscribePage(db: Db, app: AppContext, token: string): Promise<Response> {
  const claims = app.signer.verify<Claims>('unsubscribe', token, app.now);
  const found =
    claims && typeof claims.o === 'string' && typeof claims.r === 'string'
      ? await recipientOf(db, systemCtx(app, claims.o), claims.r)
      : undefined;
  if (!found) return page('Link expired', '<h1>This link has expired</h1><p>Use the unsubscribe link of a newer message.</p>', 401);
  if (found.recipient.unsubscribedAt)
    return page(
      'Unsubscribed',
      `<h1>You are unsubscribed</h1><p>${escapeHtml(found.recipient.email)} will get no more of these emails.</p>`,
    );
  return page(
    'Unsubscribe',
    `<h1>Unsubscribe?</h1><p>${escapeHtml(found.recipient.email)} will get no more marketing emails from us.</p>` +
      `<form method="post" action="${escapeHtml(token)}"><button type="submit">Unsubscribe</button></form>`,
  );
}

/** The reply to a posted unsubscribe: JSON for mail clients and the SDK, the confirmation page for a browser's form. */
export async function unsubscribeReply(db: Db, app: AppContext, token: string, accept: string | undefined) {
  const result = await unsubscribeRecipient(db, app, token);
  if (!accept?.includes('text/html')) return result;
  return page('Unsubscribed', `<h1>You are unsubscribed</h1><p>${escapeHtml(result.email)} will get no more of these emails.</p>`);
}

/**
 * Delivery, bounce and complaint notices (a provider's webhook): each applied once per recipient.
 *
 * @example await recordEmailEvents(db, ctx, { events: [{ type: 'complaint', emailCampaignId, email: 'ada@example.com' }] })
 */
export async function recordEmailEvents(db: Db, ctx: TenantContext, input: z.output<typeof emailEvents>) {
  const unknown: number[] = [];
  let recorded = 0;
  for (const [index, event] of input.events.entries()) {
    const at = event.occurredAt ? new Date(event.occurredAt) : ctx.now;
    const done = await transaction(db, async (tx) => {
      const [row] = await tx
        .select({ recipient: emailRecipients, subject: emailCampaigns.subject })
        .from(emailRecipients)
        .innerJoin(emailCampaigns, eq(emailCampaigns.id, emailRecipients.emailCampaignId))
        .where(
          and(
            eq(emailRecipients.organizationId, ctx.organizationId),
            eq(emailRecipients.emailCampaignId, event.emailCampaignId),
            eq(emailRecipients.email, event.email),
          ),
        )
        .for('update', { of: emailRecipients });
      if (!row) return false;
      const { recipient } = row;
      const where = and(eq(emailRecipients.organizationId, ctx.organizationId), eq(emailRecipients.id, recipient.id));
      const campaign = { id: recipient.emailCampaignId, subject: row.subject };
      const bump = (column: 'delivered' | 'complained') =>
        tx
          .update(emailCampaigns)
          .set({ [column]: sql`${emailCampaigns[column]} + 1` })
          .where(and(eq(emailCampaigns.organizationId, ctx.organizationId), eq(emailCampaigns.id, campaign.id)));
      if (event.type === 'delivered') {
        if (recipient.deliveredAt) return true;
        await tx
          .update(emailRecipients)
          .set({
            deliveredAt: at,
            status: sql`case when ${emailRecipients.status} = 'SENT' then 'DELIVERED'::email_recipient_status
              else ${emailRecipients.status} end`,
          })
          .where(where);
        await bump('delivered');
      } else if (event.type === 'bounce') {
        if (recipient.bouncedAt) return true;
        const kind = event.bounceType ?? 'hard';
        await tx
          .update(emailRecipients)
          .set({ bouncedAt: at, bounceType: kind, ...(kind === 'hard' ? { status: 'BOUNCED' as const } : {}) })
          .where(where);
        await applyBounce(tx, ctx, campaign, recipient.contactId, kind, at);
      } else {
        if (recipient.complainedAt) return true;
        await tx.update(emailRecipients).set({ complainedAt: at, status: 'COMPLAINED' }).where(where);
        await bump('complained');
        if (recipient.contactId) {
          await tx.insert(emailInteractions).values({
            organizationId: ctx.organizationId,
            contactId: recipient.contactId,
            emailCampaignId: campaign.id,
            subject: row.subject.slice(0, 500),
            interactionType: 'COMPLAINED',
            occurredAt: at,
          });
          await changeContactStatus(tx, ctx, recipient.contactId, 'UNSUBSCRIBED', 'Marked a campaign as spam', true);
        }
      }
      await recordActivity(tx, ctx, {
        action: `email_${event.type}`,
        entityType: 'email_recipients',
        entityId: recipient.id,
        entityTitle: recipient.email,
        metadata: { emailCampaignId: campaign.id },
      });
      return true;
    });
    if (done) recorded++;
    else unknown.push(index);
  }
  return { recorded, unknown };
}

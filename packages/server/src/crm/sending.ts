import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { SegmentRule, emailCampaignCreate, emailCampaignSend, emailCampaignUpdate } from '@spokestack/core/crm';
import { crmResources } from '@spokestack/core/crm';
import { type SQL, and, eq, inArray, isNotNull, notInArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { transaction } from '../db/client.js';
import { type Json, newId } from '../db/columns.js';
import { resourceService } from '../db/resource-service.js';
import { rowsOf } from '../cms/delivery-sql.js';
import { badRequest, conflict, notFound } from '../http/problem.js';
import type { Job } from '../jobs/queue.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import type { Mailer } from '../platform/mailer.js';
import { recordContactActivity } from './activities.js';
import type { ContactRow } from './contacts.js';
import { listWhere, segmentWhere } from './lists.js';
import {
  campaigns,
  contactListMembers,
  contactLists,
  contacts,
  emailCampaigns,
  emailInteractions,
  emailLinks,
  emailRecipients,
  emailTemplates,
} from './schema.js';
import { checkMergeTags, htmlToText, merge, mergeValues } from './templates.js';

// Sending email campaigns.
//
// Starting a send resolves the audience into `email_recipients` rows (PENDING) in one INSERT … SELECT:
// the list's members and/or the segment's matches, minus members of every SUPPRESSION list (GDPR-erased
// addresses by their hash too), UNSUBSCRIBED, BOUNCED and DO_NOT_CONTACT contacts and those without
// marketing consent, one row per normalised address (the table's unique key holds it).
//
// The send job then works in batches. A batch is claimed with `FOR UPDATE SKIP LOCKED` (claimedBy, claimedAt),
// so two workers never hold the same recipient. Each message is then, in order: marked attempted (guarded
// by the claim: a worker whose claim was taken over sends nothing), sent over SMTP, marked SENT. A worker
// that dies leaves its claims behind; once they are older than `claimTimeoutMs`, another run takes them:
// - claimed but never attempted: sent, they were never handed to SMTP;
// - attempted but not recorded: in doubt (SMTP may have accepted the message before the crash). These are
//   NOT sent again: the choice is at-most-once, because a marketing message twice is the complaint that
//   hurts a sender's reputation, and the window is one message per dead worker. They are marked failed
//   with the reason, counted in the progress, and visible on the recipient row.
// Transient SMTP failures (4xx, connection errors) release the recipient for a retry after the claim
// timeout, up to `maxAttempts`; a 5xx refusal is a hard bounce: the recipient and the contact are BOUNCED.

type Campaign = typeof emailCampaigns.$inferSelect;
type RecipientRow = typeof emailRecipients.$inferSelect;
const campaignService = resourceService(emailCampaigns, crmResources.emailCampaigns);

/** The job that sends a campaign (and starts a scheduled one when its time comes). */
export const emailSendJobName = 'crm.emailSend';
/** Recipients claimed at once. Pausing takes effect between batches. */
export const sendBatchSize = 50;
/** How long a claim holds before another run looks at it again: longer than any SMTP exchange takes. */
export const claimTimeoutMs = 10 * 60_000;
/** SMTP attempts of one recipient before it is given up on. */
export const maxSendAttempts = 3;
/** Tracking and unsubscribe links keep working this long after the send. */
const linkLifetimeMs = 2 * 365 * 86_400_000;
const inDoubt = 'In doubt: the sender stopped during the SMTP exchange; not sent again (at-most-once)';
const unmailable = ['UNSUBSCRIBED', 'BOUNCED', 'DO_NOT_CONTACT'] as const;

const present = (row: Campaign) => ({ ...row, segmentRules: (row.segmentRules as SegmentRule | null) ?? null });

async function findCampaign(db: Db, ctx: TenantContext, id: string, lock = false): Promise<Campaign> {
  const query = db
    .select()
    .from(emailCampaigns)
    .where(and(eq(emailCampaigns.organizationId, ctx.organizationId), eq(emailCampaigns.id, id)));
  const [row] = await (lock ? query.for('update') : query);
  if (!row) throw notFound('Email campaign');
  return row;
}

type Fields = Partial<z.output<typeof emailCampaignCreate>>;

/** The references and merge tags of a campaign's fields, each refusal naming its field. */
async function checkFields(db: Db, ctx: TenantContext, input: Fields) {
  const org = ctx.organizationId;
  const owned = async (
    table: typeof campaigns | typeof contactLists | typeof emailTemplates,
    id: string | null | undefined,
    path: string,
  ) => {
    if (!id) return;
    const [row] = await db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.organizationId, org), eq(table.id, id)));
    if (!row) throw badRequest([{ path, message: 'Nothing of this organization has this id' }]);
  };
  await owned(campaigns, input.campaignId, 'body.campaignId');
  await owned(contactLists, input.listId, 'body.listId');
  await owned(emailTemplates, input.templateId, 'body.templateId');
  if (input.segmentRules) await segmentWhere(db, ctx, input.segmentRules, 'body.segmentRules');
  await checkMergeTags(db, ctx, {
    'body.subject': input.subject,
    'body.htmlContent': input.htmlContent,
    'body.plainTextContent': input.plainTextContent,
  });
}

/**
 * A DRAFT campaign. Its send is started with `sendEmailCampaign`.
 *
 * @example await createEmailCampaign(db, ctx, { name: 'March', subject: 'Hi {{firstName|there}}', htmlContent, fromName: 'Agency',
 * fromEmail: 'news@agency.test', listId })
 */
export async function createEmailCampaign(db: Db, ctx: TenantContext, input: z.output<typeof emailCampaignCreate>) {
  await checkFields(db, ctx, input);
  return present(await campaignService.create(db, ctx, { ...input, createdById: ctx.actor.id }));
}

/** @example await updateEmailCampaign(db, ctx, id, { subject: 'New subject' }) */
export async function updateEmailCampaign(db: Db, ctx: TenantContext, id: string, input: z.output<typeof emailCampaignUpdate>) {
  const before = await findCampaign(db, ctx, id);
  if (before.status !== 'DRAFT' && before.status !== 'SCHEDULED')
    throw conflict(`A ${before.status.toLowerCase()} campaign cannot change; only drafts and scheduled ones can`);
  await checkFields(db, ctx, input);
  return present(await campaignService.update(db, ctx, id, input));
}

/** The HTML and text of a campaign: its own, or its template's. */
async function contentOf(db: Db, ctx: TenantContext, campaign: Campaign) {
  let html = campaign.htmlContent;
  let text = campaign.plainTextContent;
  if (!html && campaign.templateId) {
    const [template] = await db
      .select()
      .from(emailTemplates)
      .where(and(eq(emailTemplates.organizationId, ctx.organizationId), eq(emailTemplates.id, campaign.templateId)));
    html = template?.htmlContent ?? null;
    text ??= template?.plainTextContent ?? null;
  }
  return html ? { html, text: text || htmlToText(html) } : undefined;
}

/** The condition on `contacts` of being in a campaign's audience, before the exclusions. */
async function audienceWhere(db: Db, ctx: TenantContext, campaign: Campaign): Promise<SQL | undefined> {
  const parts: SQL[] = [];
  if (campaign.listId) {
    const [list] = await db
      .select({ id: contactLists.id, listType: contactLists.listType, segmentRules: contactLists.segmentRules })
      .from(contactLists)
      .where(and(eq(contactLists.organizationId, ctx.organizationId), eq(contactLists.id, campaign.listId)));
    if (list) parts.push(await listWhere(db, ctx, list));
  }
  if (campaign.segmentRules) parts.push(await segmentWhere(db, ctx, campaign.segmentRules as SegmentRule, 'segmentRules'));
  return parts.length ? or(...parts) : undefined;
}

const normalised = sql`lower(trim(${contacts.email}))`;

/**
 * The exclusions every campaign send applies: no address, no consent, unsubscribed, bounced or not to be
 * contacted, or on any suppression list of the organization (as a member, or by the hash of an erased address).
 */
export function mailableWhere(ctx: TenantContext): SQL {
  const org = ctx.organizationId;
  return and(
    eq(contacts.organizationId, org),
    isNotNull(contacts.email),
    sql`${normalised} <> ''`,
    eq(contacts.marketingConsent, true),
    notInArray(contacts.status, [...unmailable]),
    sql`not exists (select 1 from ${contactListMembers} join ${contactLists} on ${contactLists.id} = ${contactListMembers.listId}
      where ${contactListMembers.organizationId} = ${org} and ${contactLists.organizationId} = ${org}
        and ${contactLists.listType} = 'SUPPRESSION'
        and (${contactListMembers.contactId} = ${contacts.id}
          or ${contactListMembers.source} = 'gdpr-erasure sha256:' || encode(sha256(convert_to(${normalised}, 'UTF8')), 'hex')))`,
  )!;
}

/** The distinct http(s) link targets of an HTML body, as written in its `href`s (merge-tagged ones are left untracked). */
function linksOf(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<a\b[^>]*?\bhref\s*=\s*"(https?:\/\/[^"]+)"/gi)) if (!m[1]!.includes('{{')) found.add(m[1]!);
  return [...found];
}

const decodeAttribute = (value: string) =>
  value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/**
 * Resolves the audience into PENDING recipients (one statement), collects the links to track, and marks the
 * campaign SENDING. Runs in the caller's transaction, with the campaign row locked.
 */
async function startSending(tx: Db, ctx: TenantContext, campaign: Campaign): Promise<Campaign> {
  const content = await contentOf(tx, ctx, campaign);
  if (!content) throw badRequest([{ path: 'body', message: 'The campaign has no content: give it htmlContent or a template' }]);
  const audience = await audienceWhere(tx, ctx, campaign);
  if (!audience) throw badRequest([{ path: 'body', message: 'The campaign has no audience: give it a list or segment rules' }]);
  // Ids come from the database here so that resolving stays one statement whatever the audience's size.
  const inserted = rowsOf<{ id: string }>(
    await tx.execute(sql`insert into ${emailRecipients} (id, organization_id, email_campaign_id, contact_id, email, status)
      select distinct on (${normalised}) 'r' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 24), ${ctx.organizationId},
        ${campaign.id}, ${contacts.id}, ${normalised}, 'PENDING'
      from ${contacts} where ${and(audience, mailableWhere(ctx))}
      order by ${normalised}, ${contacts.createdAt}, ${contacts.id}
      on conflict do nothing returning id`),
  );
  const urls = linksOf(content.html);
  if (urls.length)
    await tx
      .insert(emailLinks)
      .values(
        urls.map((url) => {
          return {
            organizationId: ctx.organizationId,
            emailCampaignId: campaign.id,
            originalUrl: decodeAttribute(url),
            // A unique key minted like every server token: the link's redirects carry per-recipient signed tokens instead.
            trackingUrl: randomBytes(24).toString('base64url'),
          };
        }),
      )
      .onConflictDoNothing();
  const [row] = await tx
    .update(emailCampaigns)
    .set({ status: 'SENDING', recipientCount: inserted.length, scheduledAt: campaign.scheduledAt ?? ctx.now, updatedAt: ctx.now })
    .where(and(eq(emailCampaigns.organizationId, ctx.organizationId), eq(emailCampaigns.id, campaign.id)))
    .returning();
  return row!;
}

/** The send job of a campaign at `runAt`; one per instant (a resume, which may follow a pause at any time, gets its own). */
const enqueueSend = (db: Db, ctx: TenantContext, campaignId: string, runAt: Date, resume = false) =>
  ctx.jobs.enqueue(
    emailSendJobName,
    { emailCampaignId: campaignId },
    {
      db,
      organizationId: ctx.organizationId,
      runAt,
      uniqueKey: `${emailSendJobName}:${campaignId}:${runAt.toISOString()}${resume ? `:resume:${newId()}` : ''}`,
    },
  );

function requireTransport(ctx: TenantContext) {
  if (!ctx.mailer) throw conflict('No mail transport is configured on this server (set SPOKESTACK_SMTP_URL)');
  if (!ctx.publicUrl) throw conflict('No public URL is configured for tracking and unsubscribe links (set SPOKESTACK_PUBLIC_URL)');
}

/**
 * Starts a DRAFT campaign's send now, or schedules it (`scheduledAt` ahead).
 *
 * @example await sendEmailCampaign(db, ctx, campaign.id, {}) // { status: 'SENDING', recipientCount: 120, … }
 */
export async function sendEmailCampaign(db: Db, ctx: TenantContext, id: string, input: z.output<typeof emailCampaignSend>) {
  requireTransport(ctx);
  const at = input.scheduledAt ? new Date(input.scheduledAt) : undefined;
  return transaction(db, async (tx) => {
    const campaign = await findCampaign(tx, ctx, id, true);
    if (campaign.status !== 'DRAFT') throw conflict(`This campaign is ${campaign.status.toLowerCase()}; only a draft can be sent`);
    let row: Campaign;
    if (at && at > ctx.now) {
      // The audience is resolved when the time comes, so list changes until then count; checked now all the same.
      if (!(await contentOf(tx, ctx, campaign))) throw badRequest([{ path: 'body', message: 'The campaign has no content' }]);
      if (!(await audienceWhere(tx, ctx, campaign))) throw badRequest([{ path: 'body', message: 'The campaign has no audience' }]);
      [row] = (await tx
        .update(emailCampaigns)
        .set({ status: 'SCHEDULED', scheduledAt: at, updatedAt: ctx.now })
        .where(and(eq(emailCampaigns.organizationId, ctx.organizationId), eq(emailCampaigns.id, id)))
        .returning()) as [Campaign];
      await enqueueSend(tx, ctx, id, at);
    } else {
      row = await startSending(tx, ctx, campaign);
      await enqueueSend(tx, ctx, id, ctx.now);
    }
    await recordActivity(tx, ctx, {
      action: row.status === 'SCHEDULED' ? 'scheduled' : 'send_started',
      entityType: 'email_campaigns',
      entityId: id,
      entityTitle: campaign.name,
      metadata: { recipientCount: row.recipientCount, scheduledAt: row.scheduledAt?.toISOString() ?? null },
    });
    return present(row);
  });
}

const transitions = {
  pause: { from: ['SENDING'], to: 'PAUSED' },
  resume: { from: ['PAUSED'], to: 'SENDING' },
  cancel: { from: ['SCHEDULED', 'SENDING', 'PAUSED'], to: 'CANCELLED' },
} as const;

/**
 * Pauses, resumes or cancels a send. Resuming enqueues the send job again; pausing and cancelling stop the
 * running job after its batch in hand.
 *
 * @example await changeSend(db, ctx, campaign.id, 'pause')
 */
export async function changeSend(db: Db, ctx: TenantContext, id: string, action: keyof typeof transitions) {
  const { from, to } = transitions[action];
  return transaction(db, async (tx) => {
    const campaign = await findCampaign(tx, ctx, id, true);
    if (!(from as readonly string[]).includes(campaign.status))
      throw conflict(`A ${campaign.status.toLowerCase()} campaign cannot ${action}; only ${from.join(' or ').toLowerCase()} ones can`);
    const [row] = await tx
      .update(emailCampaigns)
      .set({ status: to, updatedAt: ctx.now })
      .where(and(eq(emailCampaigns.organizationId, ctx.organizationId), eq(emailCampaigns.id, id)))
      .returning();
    if (action === 'resume') {
      requireTransport(ctx);
      await enqueueSend(tx, ctx, id, ctx.now, true);
    }
    await recordActivity(tx, ctx, { action, entityType: 'email_campaigns', entityId: id, entityTitle: campaign.name });
    return present(row!);
  });
}

/** @example const { sent, total } = await sendProgress(db, ctx, campaign.id) */
export async function sendProgress(db: Db, ctx: TenantContext, id: string) {
  const campaign = await findCampaign(db, ctx, id);
  const r = emailRecipients;
  const [counts] = await db
    .select({
      total: sql<number>`count(*)::int`,
      pending: sql<number>`(count(*) filter (where ${r.sentAt} is null and ${r.status} = 'PENDING' and ${r.failedAt} is null
        and ${r.claimedBy} is null))::int`,
      sending: sql<number>`(count(*) filter (where ${r.status} = 'PENDING' and ${r.failedAt} is null and ${r.claimedBy} is not null))::int`,
      sent: sql<number>`(count(*) filter (where ${r.sentAt} is not null))::int`,
      failed: sql<number>`(count(*) filter (where ${r.sentAt} is null and (${r.failedAt} is not null or ${r.status} = 'BOUNCED')))::int`,
      bounced: sql<number>`(count(*) filter (where ${r.status} = 'BOUNCED'))::int`,
    })
    .from(r)
    .where(and(eq(r.organizationId, ctx.organizationId), eq(r.emailCampaignId, id)));
  return {
    status: campaign.status,
    ...counts!,
    scheduledAt: campaign.scheduledAt?.toISOString() ?? null,
    sentAt: campaign.sentAt?.toISOString() ?? null,
  };
}

const sendPayload = z.object({ emailCampaignId: z.string() });

export interface SendRunOptions {
  /** The transport (the app's by default); tests pass one that dies mid-send. */
  mailer?: Mailer;
}

/** The links of one message: its pixel, its unsubscribe endpoint and page, each link's redirect. */
function linksFor(ctx: TenantContext, recipient: Pick<RecipientRow, 'id'>, expires: Date) {
  const o = ctx.organizationId;
  const base = `${ctx.publicUrl}/v1/crm/public/email`;
  const unsubscribe = `${base}/unsubscribe/${ctx.signer.token('unsubscribe', { o, r: recipient.id }, expires)}`;
  return {
    open: `${base}/open/${ctx.signer.token('tracking', { o, r: recipient.id, k: 'o' }, expires)}`,
    click: (linkId: string) => `${base}/click/${ctx.signer.token('tracking', { o, r: recipient.id, k: 'c', l: linkId }, expires)}`,
    unsubscribe,
  };
}

/** One recipient's message: merged for the contact, links tracked, the pixel appended, RFC 8058 headers set. */
function render(
  ctx: TenantContext,
  campaign: Campaign,
  content: { html: string; text: string },
  links: { id: string; href: string }[],
  recipient: Pick<RecipientRow, 'id' | 'email'>,
  contact: ContactRow | null,
) {
  const urls = linksFor(ctx, recipient, new Date(ctx.now.getTime() + linkLifetimeMs));
  const values = mergeValues(contact, { unsubscribeUrl: urls.unsubscribe });
  let html = merge(content.html, values, true);
  for (const link of links) html = html.split(`href="${link.href}"`).join(`href="${urls.click(link.id)}"`);
  const pixel = `<img src="${urls.open}" width="1" height="1" alt="" style="display:none">`;
  html = /<\/body\s*>/i.test(html) ? html.replace(/<\/body\s*>/i, `${pixel}</body>`) : `${html}${pixel}`;
  return {
    from: `${JSON.stringify(campaign.fromName)} <${campaign.fromEmail}>`,
    to: recipient.email,
    subject: merge(campaign.subject, values, false),
    html,
    text: merge(content.text, values, false),
    replyTo: campaign.replyTo ?? undefined,
    headers: {
      'List-Unsubscribe': `<${urls.unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-SpokeStack-Recipient': recipient.id,
    },
  };
}

const smtpCode = (error: unknown) =>
  error && typeof error === 'object' && 'responseCode' in error && typeof error.responseCode === 'number' ? error.responseCode : undefined;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1000);

/**
 * Sends a campaign's recipients, batch after batch, until none is left, the campaign is paused or cancelled,
 * or the rate's quota for the minute is used (then the job comes back a minute later). Starts a scheduled
 * campaign whose time has come. Safe to run twice at once and after a crash: see the top of this file.
 *
 * @example await runEmailSend(db, ctx, { emailCampaignId: campaign.id })
 */
export async function runEmailSend(db: Db, ctx: TenantContext, payload: Json, _job?: Job, options: SendRunOptions = {}): Promise<void> {
  const { emailCampaignId: id } = sendPayload.parse(payload);
  const mailer = options.mailer ?? ctx.mailer;
  const org = ctx.organizationId;
  // The run's own time: the context's instant plus what has elapsed since, so claims stay fresh in a long run.
  const started = performance.now();
  const now = () => new Date(ctx.now.getTime() + (performance.now() - started));
  const runId = `${newId()}:${randomBytes(4).toString('hex')}`;
  const r = emailRecipients;
  const mine = and(eq(r.organizationId, org), eq(r.emailCampaignId, id));

  let campaign = await findCampaign(db, ctx, id).catch(() => undefined);
  if (!campaign) return;
  if (campaign.status === 'SCHEDULED') {
    if (campaign.scheduledAt && campaign.scheduledAt > ctx.now) return;
    campaign = await transaction(db, async (tx) => {
      const locked = await findCampaign(tx, ctx, id, true);
      return locked.status === 'SCHEDULED' ? startSending(tx, ctx, locked) : locked;
    });
  }
  if (campaign.status !== 'SENDING' || !mailer) return;
  const content = await contentOf(db, ctx, campaign);
  if (!content) return;
  const links = (
    await db
      .select({ id: emailLinks.id, url: emailLinks.originalUrl })
      .from(emailLinks)
      .where(and(eq(emailLinks.organizationId, org), eq(emailLinks.emailCampaignId, id)))
  ).map((l) => ({ id: l.id, href: l.url.replace(/&/g, '&amp;') }));
  // The HTML may spell a link's `&` raw or as `&amp;`: match both spellings.
  const hrefs = links.flatMap((l) => [l, { id: l.id, href: l.href.replace(/&amp;/g, '&') }]);
  const quota = ctx.mailRatePerMinute && ctx.mailRatePerMinute > 0 ? Math.floor(ctx.mailRatePerMinute) : Number.POSITIVE_INFINITY;
  let attempted = 0;

  for (;;) {
    // Raw SQL takes instants as ISO text: postgres.js binds no Date there.
    const staleBefore = sql`${new Date(now().getTime() - claimTimeoutMs).toISOString()}::timestamptz`;
    // Claims of a dead worker that reached SMTP: in doubt, given up on (at-most-once).
    await db
      .update(r)
      .set({ failedAt: now(), sendError: inDoubt, claimedBy: null })
      .where(
        and(mine, eq(r.status, 'PENDING'), sql`${r.failedAt} is null and ${r.attemptedAt} is not null and ${r.claimedAt} < ${staleBefore}`),
      );
    const size = Math.min(sendBatchSize, quota - attempted);
    const claimed = rowsOf<{ id: string; email: string; contact_id: string | null }>(
      await db.execute(sql`update ${r} set claimed_by = ${runId}, claimed_at = ${now().toISOString()}::timestamptz
        where ${r.id} in (select ${r.id} from ${r} where ${mine} and ${r.status} = 'PENDING' and ${r.failedAt} is null
          and ${r.attemptedAt} is null and (${r.claimedAt} is null or ${r.claimedAt} < ${staleBefore})
          order by ${r.id} limit ${size} for update skip locked)
        returning ${r.id}, ${r.email}, ${r.contactId}`),
    );
    if (!claimed.length) {
      const [left] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(r)
        .where(and(mine, eq(r.status, 'PENDING'), sql`${r.failedAt} is null`));
      if (left!.n)
        await enqueueSend(db, ctx, id, new Date(now().getTime() + claimTimeoutMs)); // others' claims, or retries, come due then
      else
        await transaction(db, async (tx) => {
          const [done] = await tx
            .update(emailCampaigns)
            .set({ status: 'SENT', sentAt: now(), updatedAt: now() })
            .where(and(eq(emailCampaigns.organizationId, org), eq(emailCampaigns.id, id), eq(emailCampaigns.status, 'SENDING')))
            .returning();
          if (done) await recordActivity(tx, ctx, { action: 'sent', entityType: 'email_campaigns', entityId: id, entityTitle: done.name });
        });
      return;
    }
    const contactRows = await db
      .select()
      .from(contacts)
      .where(
        and(
          eq(contacts.organizationId, org),
          inArray(
            contacts.id,
            claimed.flatMap((c) => (c.contact_id ? [c.contact_id] : [])),
          ),
        ),
      );
    const byId = new Map(contactRows.map((c) => [c.id, c]));
    // Still mailable now? A contact who unsubscribed (or bounced) since the send started is not sent to.
    const stillMailable = new Set(
      (
        await db
          .select({ id: contacts.id })
          .from(contacts)
          .where(and(mailableWhere(ctx), inArray(contacts.id, [...byId.keys(), ''])))
      ).map((c) => c.id),
    );
    const sent: { recipientId: string; contactId: string | null; at: Date }[] = [];
    for (const recipient of claimed) {
      const contact = recipient.contact_id ? byId.get(recipient.contact_id) : undefined;
      if (!contact || !stillMailable.has(contact.id)) {
        await db
          .update(r)
          .set({ failedAt: now(), sendError: 'Suppressed since the send started (unsubscribed, bounced or erased)', claimedBy: null })
          .where(and(mine, eq(r.id, recipient.id), eq(r.claimedBy, runId)));
        continue;
      }
      // The claim guards the attempt: if it went stale and another run took the recipient, this one sends nothing.
      const [go] = await db
        .update(r)
        .set({ attemptedAt: now(), claimedAt: now(), attempts: sql`${r.attempts} + 1` })
        .where(and(mine, eq(r.id, recipient.id), eq(r.claimedBy, runId), eq(r.status, 'PENDING'), sql`${r.failedAt} is null`))
        .returning({ attempts: r.attempts });
      if (!go) continue;
      attempted++;
      try {
        await mailer.send(render(ctx, campaign, content, hrefs, recipient, contact));
      } catch (error) {
        const code = smtpCode(error);
        if (code !== undefined && code >= 500)
          await recordSmtpBounce(db, ctx, campaign, recipient.id, contact.id, `${code} ${message(error)}`);
        else
          await db
            .update(r)
            .set({
              claimedBy: null,
              attemptedAt: null,
              sendError: message(error),
              failedAt: go.attempts >= maxSendAttempts ? now() : null,
            })
            .where(and(mine, eq(r.id, recipient.id)));
        continue;
      }
      const at = now();
      await db
        .update(r)
        .set({ status: 'SENT', sentAt: at, claimedBy: null, failedAt: null, sendError: null })
        .where(and(mine, eq(r.id, recipient.id)));
      sent.push({ recipientId: recipient.id, contactId: contact.id, at });
    }
    if (sent.length) await recordSent(db, ctx, campaign, sent);
    const [state] = await db
      .select({ status: emailCampaigns.status })
      .from(emailCampaigns)
      .where(and(eq(emailCampaigns.organizationId, org), eq(emailCampaigns.id, id)));
    if (state?.status !== 'SENDING' || attempted >= quota) {
      // Claims not yet attempted go back at once, for the resumed send (or nobody, once cancelled).
      await db
        .update(r)
        .set({ claimedBy: null, claimedAt: null })
        .where(and(mine, eq(r.claimedBy, runId), sql`${r.attemptedAt} is null`));
      if (state?.status === 'SENDING') await enqueueSend(db, ctx, id, new Date(ctx.now.getTime() + 60_000));
      return;
    }
  }
}

/** The timeline of a batch: one SENT interaction and one EMAIL_SENT activity per message, in one transaction. */
async function recordSent(
  db: Db,
  ctx: TenantContext,
  campaign: Campaign,
  sent: { recipientId: string; contactId: string | null; at: Date }[],
) {
  const withContact = sent.filter((s): s is typeof s & { contactId: string } => s.contactId !== null);
  if (!withContact.length) return;
  await transaction(db, async (tx) => {
    await tx.insert(emailInteractions).values(
      withContact.map((s) => ({
        organizationId: ctx.organizationId,
        contactId: s.contactId,
        emailCampaignId: campaign.id,
        subject: campaign.subject.slice(0, 500),
        interactionType: 'SENT' as const,
        occurredAt: s.at,
      })),
    );
    await recordContactActivity(
      tx,
      ctx,
      withContact.map((s) => ({
        contactId: s.contactId,
        activityType: 'EMAIL_SENT' as const,
        subject: `Sent “${campaign.name}”`,
        campaignId: campaign.campaignId,
        emailId: s.recipientId,
        performedById: null,
      })),
    );
  });
}

/** A 5xx refusal at send time: a hard bounce of the recipient, and the contact is never mailed again. */
async function recordSmtpBounce(db: Db, ctx: TenantContext, campaign: Campaign, recipientId: string, contactId: string, error: string) {
  await transaction(db, async (tx) => {
    await tx
      .update(emailRecipients)
      .set({
        status: 'BOUNCED',
        bouncedAt: ctx.now,
        bounceType: 'hard',
        sendError: error,
        claimedBy: null,
      })
      .where(and(eq(emailRecipients.organizationId, ctx.organizationId), eq(emailRecipients.id, recipientId)));
    await applyBounce(tx, ctx, campaign, contactId, 'hard', ctx.now);
  });
}

/**
 * What a bounce does beyond the recipient row: the campaign's counter, the interaction, and for a hard one
 * the contact BOUNCED (with a STATUS_CHANGED activity). Shared by SMTP refusals and the webhook.
 */
export async function applyBounce(
  tx: Db,
  ctx: TenantContext,
  campaign: Pick<Campaign, 'id' | 'subject'>,
  contactId: string | null,
  kind: 'hard' | 'soft',
  at: Date,
) {
  await tx
    .update(emailCampaigns)
    .set({ bounced: sql`${emailCampaigns.bounced} + 1` })
    .where(and(eq(emailCampaigns.organizationId, ctx.organizationId), eq(emailCampaigns.id, campaign.id)));
  if (!contactId) return;
  await tx.insert(emailInteractions).values({
    organizationId: ctx.organizationId,
    contactId,
    emailCampaignId: campaign.id,
    subject: campaign.subject.slice(0, 500),
    interactionType: 'BOUNCED',
    occurredAt: at,
  });
  if (kind === 'hard') await changeContactStatus(tx, ctx, contactId, 'BOUNCED', 'The address bounced', false);
}

/** Sets a contact's status (and, for an unsubscribe, withdraws consent) with its timeline entry. */
export async function changeContactStatus(
  tx: Db,
  ctx: TenantContext,
  contactId: string,
  status: 'BOUNCED' | 'UNSUBSCRIBED',
  why: string,
  withdrawConsent: boolean,
) {
  const [changed] = await tx
    .update(contacts)
    .set({ status, ...(withdrawConsent ? { marketingConsent: false } : {}), updatedAt: ctx.now })
    .where(and(eq(contacts.organizationId, ctx.organizationId), eq(contacts.id, contactId)))
    .returning({ id: contacts.id });
  if (changed)
    await recordContactActivity(tx, ctx, { contactId, activityType: 'STATUS_CHANGED', subject: `${status}: ${why}`, performedById: null });
}

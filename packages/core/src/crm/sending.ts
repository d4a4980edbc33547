import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams, refusedDescription } from '../shared/operation.js';
import { admins, base, id, tag, writers } from './common.js';
import { contactEmail } from './contacts.js';
import { emailCampaignStatus } from './enums.js';
import { segmentRule } from './lists.js';
import { emailCampaigns } from './rows.gen.js';

// Email campaigns and their sending: the audience (a list and/or segment rules, minus suppression lists,
// unsubscribed, bounced and do-not-contact contacts and those without marketing consent) becomes recipient
// rows when the send starts; the job queue sends them over SMTP, each recipient claimed before it is sent so
// a crash resumes without sending anyone twice. Opens, clicks, unsubscribes (RFC 8058 one-click), bounces
// and complaints come back through signed links and a webhook.

const campaignFields = z.strictObject({
  campaignId: id.nullable().optional(),
  name: f.text().min(1).max(200),
  /** With merge tags, like the content. */
  subject: f.text().min(1).max(500),
  previewText: f.text().max(500).nullable().optional(),
  /** HTML with merge tags; the template's when not given. Links to http(s) pages are tracked when sent. */
  htmlContent: f.longText().max(500_000).nullable().optional(),
  /** Derived from the HTML when not given. */
  plainTextContent: f.longText().max(500_000).nullable().optional(),
  templateId: id.nullable().optional(),
  fromName: f.text().min(1).max(200),
  fromEmail: contactEmail,
  replyTo: contactEmail.nullable().optional(),
  /** The audience: the members of this list, and (or) the contacts matching `segmentRules`. */
  listId: id.nullable().optional(),
  segmentRules: segmentRule.nullable().optional(),
});
/** A campaign as written by people: status, counters and send times belong to the sender. */
export const emailCampaignCreate = campaignFields;
export const emailCampaignUpdate = campaignFields.partial();
export const emailCampaignRow = emailCampaigns.row.extend({ segmentRules: segmentRule.nullable() });

export const emailCampaignSend = z.strictObject({
  /** Send at this time instead of now; the audience is resolved when it comes. */
  scheduledAt: f.timestamp().optional(),
});

export const emailCampaignProgress = z.object({
  status: z.enum(emailCampaignStatus),
  /** Recipients resolved for the send. */
  total: z.number().int(),
  /** Not yet taken by a sender. */
  pending: z.number().int(),
  /** Claimed by a sender, not yet recorded as sent. */
  sending: z.number().int(),
  sent: z.number().int(),
  /** Given up on: refused by the SMTP server (bounced), out of retries, or in doubt after a crash. */
  failed: z.number().int(),
  bounced: z.number().int(),
  scheduledAt: z.string().nullable(),
  sentAt: z.string().nullable(),
});

/** The shape of bounce and complaint notices from a mail provider's webhook (or a script reading bounce mail). */
export const emailEvent = z.strictObject({
  type: z.enum(['delivered', 'bounce', 'complaint']),
  /** The campaign and the address the notice is about. */
  emailCampaignId: id,
  email: contactEmail,
  /** `hard` (the default) suppresses the contact as BOUNCED; `soft` is recorded only. */
  bounceType: z.enum(['hard', 'soft']).optional(),
  occurredAt: f.timestamp().optional(),
});
export const emailEvents = z.strictObject({ events: z.array(emailEvent).min(1).max(500) });
export const emailEventsRecorded = z.object({
  recorded: z.number().int(),
  /** Events naming no recipient of this organization's campaigns, by index. */
  unknown: z.array(z.number().int()),
});

export const unsubscribed = z.object({ unsubscribed: z.literal(true), email: z.string() });

const tokenParams = z.object({ token: z.string().min(1).max(500) });
const campaignsBase = `${base}/email-campaigns`;
const publicBase = `${base}/public/email`;
const readOnly = (name: string, path: string, method: 'POST' | 'PATCH' | 'DELETE', why: string) =>
  defineOperation({
    id: `crm.${name}.${method === 'POST' ? 'create' : method === 'PATCH' ? 'update' : 'delete'}`,
    method,
    path: method === 'POST' ? path : `${path}/:id`,
    tag,
    summary: `Not allowed: ${why}`,
    description: refusedDescription,
    ...(method === 'POST' ? {} : { params: idParams }),
    ...(method === 'DELETE' ? {} : { body: z.unknown() }),
    response: z.never(),
    roles: writers,
  });
const byTheSender = 'recipients are resolved and updated by the sender and the tracking links';
const campaignAction = (action: string, summary: string, description: string) =>
  defineOperation({
    id: `crm.emailCampaigns.${action}`,
    method: 'POST',
    path: `${campaignsBase}/:id/${action}`,
    tag,
    summary,
    description,
    params: idParams,
    response: emailCampaignRow,
    roles: writers,
  });

export const sendingOps = {
  createEmailCampaign: defineOperation({
    id: 'crm.emailCampaigns.create',
    method: 'POST',
    path: campaignsBase,
    tag,
    summary: 'Create an email campaign (DRAFT): subject and content with merge tags, sender, audience',
    description:
      'Merge tags of the subject and content are checked like a template’s; the list, the template and the segment rules ' +
      'must belong to this organization. Status and counters are the sender’s: send it with `/send`.',
    body: emailCampaignCreate,
    response: emailCampaignRow,
    status: 201,
    roles: writers,
  }),
  updateEmailCampaign: defineOperation({
    id: 'crm.emailCampaigns.update',
    method: 'PATCH',
    path: `${campaignsBase}/:id`,
    tag,
    summary: 'Change a campaign that has not started sending',
    description: 'DRAFT and SCHEDULED campaigns only (409 otherwise); checked as on create.',
    params: idParams,
    body: emailCampaignUpdate,
    response: emailCampaignRow,
    roles: writers,
  }),
  sendEmailCampaign: defineOperation({
    id: 'crm.emailCampaigns.send',
    method: 'POST',
    path: `${campaignsBase}/:id/send`,
    tag,
    summary: 'Start sending a campaign now, or schedule it',
    description:
      'A DRAFT campaign only. Now: the audience is resolved into recipients at once (`recipientCount`) and the job queue ' +
      'sends them at the server’s rate. With a future `scheduledAt`: SCHEDULED, resolved and sent when it comes. 409 when ' +
      'the server has no mail transport or public URL, 400 when the campaign has no audience or content.',
    params: idParams,
    body: emailCampaignSend,
    response: emailCampaignRow,
    roles: writers,
  }),
  pauseEmailCampaign: campaignAction(
    'pause',
    'Pause a campaign that is sending',
    'SENDING only. Messages already handed to SMTP finish; nobody else is sent to until it is resumed.',
  ),
  resumeEmailCampaign: campaignAction(
    'resume',
    'Resume a paused campaign',
    'PAUSED only: sending carries on with the recipients not yet sent, nobody twice.',
  ),
  cancelEmailCampaign: campaignAction(
    'cancel',
    'Cancel a scheduled, sending or paused campaign for good',
    'Recipients not yet sent stay PENDING and are never sent; the counters keep what was sent.',
  ),
  emailCampaignProgress: defineOperation({
    id: 'crm.emailCampaigns.progress',
    method: 'GET',
    path: `${campaignsBase}/:id/progress`,
    tag,
    summary: 'How far a send is: total, pending, sending, sent and failed recipients',
    description: 'Counted from the recipient rows when read, so it is exact while the send runs.',
    params: idParams,
    response: emailCampaignProgress,
    roles: writers,
  }),
  recordEmailEvents: defineOperation({
    id: 'crm.emailEvents.record',
    method: 'POST',
    path: `${base}/email-events`,
    tag,
    summary: 'Record delivery, bounce and complaint notices from a mail provider’s webhook',
    description:
      'Point your provider’s webhook (or a bounce-mail reader) here with a secret API key. A hard bounce marks the recipient ' +
      'BOUNCED and the contact BOUNCED (never mailed again); a complaint marks both and the contact UNSUBSCRIBED. Events ' +
      'naming no recipient come back in `unknown`; recording the same event twice counts it once.',
    body: emailEvents,
    response: emailEventsRecorded,
    roles: admins,
  }),
  trackOpen: defineOperation({
    id: 'crm.email.public.open',
    method: 'GET',
    path: `${publicBase}/open/:token`,
    tag,
    summary: 'The open-tracking pixel of a campaign message (a 1×1 GIF)',
    description:
      'No credentials: the signed token names the recipient. Counts an open (unique and total), writes an EMAIL_OPENED ' +
      'activity on the contact. A forged or expired token still gets the pixel, and counts nothing.',
    params: tokenParams,
    response: z.file(),
    responseType: 'binary',
    auth: 'public',
  }),
  trackClick: defineOperation({
    id: 'crm.email.public.click',
    method: 'GET',
    path: `${publicBase}/click/:token`,
    tag,
    summary: 'A tracked link of a campaign message: counts the click and redirects (302) to the link’s page',
    description:
      'No credentials: the signed token names the recipient and the link; the target is the link stored when the ' +
      'campaign was sent (http or https only), never taken from the request. 401 for a forged or expired token.',
    params: tokenParams,
    response: z.file(),
    responseType: 'binary',
    status: 302,
    auth: 'public',
  }),
  unsubscribe: defineOperation({
    id: 'crm.email.public.unsubscribe',
    method: 'POST',
    path: `${publicBase}/unsubscribe/:token`,
    tag,
    summary: 'One-click unsubscribe (RFC 8058): suppresses the contact at once',
    description:
      'No credentials and no body needed (mail clients post `List-Unsubscribe=One-Click`, which is ignored). The contact ' +
      'becomes UNSUBSCRIBED without marketing consent and is never mailed by a campaign again. Browsers (Accept: text/html) ' +
      'get a confirmation page. 401 for a forged or expired token.',
    params: tokenParams,
    response: unsubscribed,
    auth: 'public',
  }),
  unsubscribePage: defineOperation({
    id: 'crm.email.public.unsubscribePage',
    method: 'GET',
    path: `${publicBase}/unsubscribe/:token`,
    tag,
    summary: 'The unsubscribe page a message’s link opens: a button that confirms',
    description:
      'Plain HTML under the server’s strict CSP. Opening it changes nothing (link scanners open links); its button posts ' +
      'to the one-click endpoint.',
    params: tokenParams,
    response: z.file(),
    responseType: 'binary',
    auth: 'public',
  }),
  createRecipientRefused: readOnly('emailRecipients', `${base}/email-recipients`, 'POST', byTheSender),
  updateRecipientRefused: readOnly('emailRecipients', `${base}/email-recipients`, 'PATCH', byTheSender),
  deleteRecipientRefused: readOnly('emailRecipients', `${base}/email-recipients`, 'DELETE', byTheSender),
  createLinkRefused: readOnly('emailLinks', `${base}/email-links`, 'POST', 'links are collected from the content when sent'),
  updateLinkRefused: readOnly('emailLinks', `${base}/email-links`, 'PATCH', 'links are collected from the content when sent'),
  createInteractionRefused: readOnly('emailInteractions', `${base}/email-interactions`, 'POST', byTheSender),
  updateInteractionRefused: readOnly('emailInteractions', `${base}/email-interactions`, 'PATCH', byTheSender),
};

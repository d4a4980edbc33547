import { sendingOps as ops } from '@spokestack/core/crm';
import type { Db } from '../db/client.js';
import { type Router, refused } from '../http/router.js';
import { changeSend, createEmailCampaign, sendEmailCampaign, sendProgress, updateEmailCampaign } from './sending.js';
import { recordEmailEvents, trackClick, trackOpen, unsubscribePage, unsubscribeReply } from './tracking.js';

/** Email campaigns: writing, sending, pausing, progress; and the public ends of their messages. @example sendingRoutes(router, db) */
export function sendingRoutes(router: Router, db: Db): void {
  router.on(ops.createEmailCampaign, ({ ctx, body }) => createEmailCampaign(db, ctx, body));
  router.on(ops.updateEmailCampaign, ({ ctx, params, body }) => updateEmailCampaign(db, ctx, params.id, body));
  router.on(ops.sendEmailCampaign, ({ ctx, params, body }) => sendEmailCampaign(db, ctx, params.id, body));
  router.on(ops.pauseEmailCampaign, ({ ctx, params }) => changeSend(db, ctx, params.id, 'pause'));
  router.on(ops.resumeEmailCampaign, ({ ctx, params }) => changeSend(db, ctx, params.id, 'resume'));
  router.on(ops.cancelEmailCampaign, ({ ctx, params }) => changeSend(db, ctx, params.id, 'cancel'));
  router.on(ops.emailCampaignProgress, ({ ctx, params }) => sendProgress(db, ctx, params.id));
  router.on(ops.recordEmailEvents, ({ ctx, body }) => recordEmailEvents(db, ctx, body));
  router.on(ops.trackOpen, ({ app, params, ip, c }) => trackOpen(db, app, params.token, { ip, userAgent: c.req.header('user-agent') }));
  router.on(ops.trackClick, ({ app, params, ip, c }) => trackClick(db, app, params.token, { ip, userAgent: c.req.header('user-agent') }));
  router.on(ops.unsubscribe, ({ app, params, c }) => unsubscribeReply(db, app, params.token, c.req.header('accept')));
  router.on(ops.unsubscribePage, ({ app, params }) => unsubscribePage(db, app, params.token));
  const readOnly = 'recipients, links and interactions are written by the sender and the tracking links';
  for (const op of [
    ops.createRecipientRefused,
    ops.updateRecipientRefused,
    ops.deleteRecipientRefused,
    ops.createLinkRefused,
    ops.updateLinkRefused,
    ops.createInteractionRefused,
    ops.updateInteractionRefused,
  ])
    router.on(op, refused(readOnly));
}

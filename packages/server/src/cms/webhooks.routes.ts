import { webhookOps as ops } from '@spokestack/core/cms';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createWebhook, getWebhook, listDeliveries, listWebhooks, sendTestEvent, updateWebhook, webhooks } from './webhooks.js';

/** Publish webhook endpoints: OWNER and ADMIN only, since an endpoint learns of every publish. @example webhookRoutes(router, db) */
export function webhookRoutes(router: Router, db: Db): void {
  router.on(ops.listWebhooks, ({ ctx, query }) => listWebhooks(db, ctx, query));
  router.on(ops.getWebhook, ({ ctx, params }) => getWebhook(db, ctx, params.id));
  router.on(ops.createWebhook, ({ ctx, body }) => createWebhook(db, ctx, body));
  router.on(ops.updateWebhook, ({ ctx, params, body }) => updateWebhook(db, ctx, params.id, body));
  router.on(ops.listWebhookDeliveries, ({ ctx, params }) => listDeliveries(db, ctx, params.id));
  router.on(ops.testWebhook, ({ ctx, params }) => sendTestEvent(db, ctx, params.id));
  router.on(ops.deleteWebhook, ({ ctx, params }) => webhooks.remove(db, ctx, params.id));
}

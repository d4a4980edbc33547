import { templateOps as ops } from '@spokestack/core/crm';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createEmailTemplate, previewEmailTemplate, testSendEmailTemplate, updateEmailTemplate } from './templates.js';

/** Email templates with checked merge tags, previews and test sends. @example templateRoutes(router, db) */
export function templateRoutes(router: Router, db: Db): void {
  router.on(ops.createEmailTemplate, ({ ctx, body }) => createEmailTemplate(db, ctx, body));
  router.on(ops.updateEmailTemplate, ({ ctx, params, body }) => updateEmailTemplate(db, ctx, params.id, body));
  router.on(ops.previewEmailTemplate, ({ ctx, params, body }) => previewEmailTemplate(db, ctx, params.id, body));
  router.on(ops.testSendEmailTemplate, ({ ctx, params, body }) => testSendEmailTemplate(db, ctx, params.id, body));
}

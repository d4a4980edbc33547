import { templateOps as ops } from '@spokestack/core/cms';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createTemplate, updateTemplate } from './templates.js';

/** Page templates: writes check their defaults against the content type. @example templateRoutes(router, db) */
export function templateRoutes(router: Router, db: Db): void {
  router.on(ops.createTemplate, ({ ctx, body }) => createTemplate(db, ctx, body));
  router.on(ops.updateTemplate, ({ ctx, params, body }) => updateTemplate(db, ctx, params.id, body));
}

import { dashboardOps as ops } from '@spokestack/core/analytics';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createWidget, deleteWidget, listWidgets, updateWidget, widgetData } from './dashboards.js';

/** A dashboard's widgets and their data (the dashboards themselves are generic CRUD). @example dashboardRoutes(router, db) */
export function dashboardRoutes(router: Router, db: Db): void {
  router.on(ops.listWidgets, ({ ctx, params }) => listWidgets(db, ctx, params.id));
  router.on(ops.createWidget, ({ ctx, params, body }) => createWidget(db, ctx, params.id, body));
  router.on(ops.updateWidget, ({ ctx, params, body }) => updateWidget(db, ctx, params.id, params.widgetId, body));
  router.on(ops.deleteWidget, ({ ctx, params }) => deleteWidget(db, ctx, params.id, params.widgetId));
  router.on(ops.widgetData, ({ ctx, params, query }) => widgetData(db, ctx, params.id, params.widgetId, query));
}

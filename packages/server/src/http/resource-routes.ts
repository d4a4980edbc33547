import { type ResourceDef, resourceOperations } from '@spokestack/core';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { resourceService } from '../db/resource-service.js';
import type { Router } from './router.js';

/**
 * The generic CRUD routes of every resource. A feature that needs rules on an operation registers
 * its own route for it first; the generic one is then skipped, so each path has one handler.
 */
export function registerResourceRoutes(router: Router, db: Db, tables: Record<string, PgTable>, defs: Record<string, ResourceDef>) {
  const taken = new Set(router.operations.map((op) => `${op.method} ${op.path}`));
  for (const [name, table] of Object.entries(tables)) {
    const def = defs[name];
    if (!def) throw new Error(`No contract for resource ${name}; run pnpm gen:contracts`);
    const service = resourceService(table, def);
    const ops = resourceOperations(def);
    const free = (op: { method: string; path: string }) => !taken.has(`${op.method} ${op.path}`);
    if (free(ops.list)) router.on(ops.list, ({ ctx, query }) => service.list(db, ctx, query));
    if (free(ops.get)) router.on(ops.get, ({ ctx, params }) => service.get(db, ctx, params.id));
    if (free(ops.create)) router.on(ops.create, ({ ctx, body }) => service.create(db, ctx, body));
    if (free(ops.update)) router.on(ops.update, ({ ctx, params, body }) => service.update(db, ctx, params.id, body));
    if (free(ops.delete)) router.on(ops.delete, ({ ctx, params }) => service.remove(db, ctx, params.id));
  }
}

import { entryOps as ops } from '@spokestack/core/cms';
import type { Context } from 'hono';
import type { Db } from '../db/client.js';
import type { AppEnv } from '../http/env.js';
import { badRequest } from '../http/problem.js';
import type { Router } from '../http/router.js';
import { createEntry, deleteEntry, listEntries, updateEntry } from './entries.js';
import { getEntry } from './entry-rows.js';

/**
 * The version a write is based on: the body's `version`, or the `If-Match` header (`"3"` or `W/"3"`;
 * `*` means any). Both may be sent only when they agree.
 *
 * @example updateEntry(db, ctx, id, { ...body, version: expectedVersion(c, body.version) })
 */
export function expectedVersion(c: Context<AppEnv>, bodyVersion: number | undefined): number | undefined {
  const header = c.req.header('if-match')?.trim();
  if (!header || header === '*') return bodyVersion;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header);
  if (!match) throw badRequest([{ path: 'headers.if-match', message: 'Expected an entity tag like "3" (the entry version)' }]);
  const version = Number(match[1]);
  if (bodyVersion !== undefined && bodyVersion !== version)
    throw badRequest([{ path: 'body.version', message: `Disagrees with If-Match (${version})` }]);
  return version;
}

/** Sets the entry's `ETag` (its version) on the reply. @example return tagged(c, await getEntry(db, ctx, id)) */
export const tagged = <T extends { version: number }>(c: Context<AppEnv>, entry: T): T => {
  c.header('ETag', `"${entry.version}"`);
  return entry;
};

/** Entries: validated saves, search, and optimistic concurrency through `ETag` / `If-Match`. @example entryRoutes(router, db) */
export function entryRoutes(router: Router, db: Db): void {
  router.on(ops.listEntries, ({ ctx, query }) => listEntries(db, ctx, query));
  router.on(ops.getEntry, async ({ ctx, params, c }) => {
    const entry = await getEntry(db, ctx, params.id);
    if (c.req.header('if-none-match') === `"${entry.version}"`) return c.body(null, 304, { ETag: `"${entry.version}"` });
    return tagged(c, entry);
  });
  router.on(ops.createEntry, async ({ ctx, body, c }) => tagged(c, await createEntry(db, ctx, body)));
  router.on(ops.updateEntry, async ({ ctx, params, body, c }) =>
    tagged(c, await updateEntry(db, ctx, params.id, { ...body, version: expectedVersion(c, body.version) })),
  );
  router.on(ops.deleteEntry, ({ ctx, params, query, c }) => deleteEntry(db, ctx, params.id, expectedVersion(c, query.version)));
}

import { platformOps as ops } from '@spokestack/core';
import { and, eq, getTableColumns, gte, isNull } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { transaction } from '../db/client.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from '../db/paging.js';
import { badRequest, notFound } from '../http/problem.js';
import type { RouteDeps } from '../feature.js';
import type { Router } from '../http/router.js';
import { recordActivity } from './activity.js';
import { generateApiKey, lesserRole, signSession } from './auth.js';
import { members } from './members.js';
import { apiKeys, organizations, unifiedActivities } from './schema.js';

const { keyHash: _hash, organizationId: _org, ...apiKeyColumns } = getTableColumns(apiKeys);

/** Organization, members, API keys, session tokens and the activity stream. @example platformRoutes(router, { db, auth }) */
export function platformRoutes(router: Router, deps: RouteDeps): void {
  const { db, auth } = deps;

  router.on(ops.me, async ({ ctx }) => ({
    organizationId: ctx.organizationId,
    actor: {
      type: ctx.actor.type === 'user' ? 'user' : 'apiKey',
      id: ctx.actor.id,
      name: ctx.actor.name,
      role: ctx.actor.role,
      clientId: ctx.actor.clientId,
    },
  }));

  router.on(ops.getOrganization, async ({ ctx }) => {
    const [org] = await db.select().from(organizations).where(eq(organizations.id, ctx.organizationId));
    if (!org) throw notFound('organization');
    return org;
  });
  router.on(ops.updateOrganization, ({ ctx, body }) =>
    transaction(db, async (tx) => {
      if (!Object.keys(body).length) return (await tx.select().from(organizations).where(eq(organizations.id, ctx.organizationId)))[0]!;
      const [org] = await tx.update(organizations).set(body).where(eq(organizations.id, ctx.organizationId)).returning();
      if (body.defaultLocale && !org!.locales.includes(body.defaultLocale))
        throw badRequest([{ path: 'body.defaultLocale', message: 'Must be one of the organization locales' }]);
      await recordActivity(tx, ctx, {
        action: 'updated',
        entityType: 'organizations',
        entityId: org!.id,
        entityTitle: org!.name,
        metadata: { changedFields: Object.keys(body) },
      });
      return org!;
    }),
  );

  router.on(ops.listUsers, ({ ctx, query }) => members.list(db, ctx, query));
  router.on(ops.getUser, ({ ctx, params }) => members.get(db, ctx, params.id));
  router.on(ops.createUser, ({ ctx, body }) => members.create(db, ctx, body));
  router.on(ops.updateUser, async ({ ctx, params, body }) => {
    const user = await members.update(db, ctx, params.id, body);
    auth.forget();
    return user;
  });
  router.on(ops.deleteUser, async ({ ctx, params }) => {
    const result = await members.remove(db, ctx, params.id);
    auth.forget();
    return result;
  });

  // Keys and activity are listed newest first only; the shared keyset paging keeps cursors uniform.
  const newestFirst = (columns: Record<string, PgColumn>, time: string, cursor: string | undefined) => {
    const keys = parseSort(`-${time}`, columns, [time], `-${time}`, columns.id!);
    return { keys, after: cursorWhere(keys, cursor), order: orderBy(keys) };
  };
  router.on(ops.listApiKeys, async ({ ctx, query }) => {
    const limit = pageLimit(query.limit);
    const { keys, after, order } = newestFirst(apiKeyColumns, 'createdAt', query.cursor);
    const rows = await db
      .select(apiKeyColumns)
      .from(apiKeys)
      .where(and(eq(apiKeys.organizationId, ctx.organizationId), after))
      .orderBy(...order)
      .limit(limit + 1);
    return toPage(rows, limit, keys);
  });
  router.on(ops.createApiKey, ({ ctx, body }) =>
    transaction(db, async (tx) => {
      const { secret: key, prefix, keyHash } = generateApiKey(body.kind);
      const [row] = await tx
        .insert(apiKeys)
        .values({
          organizationId: ctx.organizationId,
          name: body.name,
          kind: body.kind,
          prefix,
          keyHash,
          createdById: ctx.actor.id,
          expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
        })
        .returning(apiKeyColumns);
      await recordActivity(tx, ctx, {
        action: 'created',
        entityType: 'api_keys',
        entityId: row!.id,
        entityTitle: body.name,
        metadata: { kind: body.kind, prefix },
      });
      return { ...row!, secret: key };
    }),
  );
  router.on(ops.revokeApiKey, ({ ctx, params }) =>
    transaction(db, async (tx) => {
      const [row] = await tx
        .update(apiKeys)
        .set({ revokedAt: ctx.now })
        .where(and(eq(apiKeys.id, params.id), eq(apiKeys.organizationId, ctx.organizationId), isNull(apiKeys.revokedAt)))
        .returning(apiKeyColumns);
      if (!row) throw notFound('API key');
      await recordActivity(tx, ctx, { action: 'revoked', entityType: 'api_keys', entityId: row.id, entityTitle: row.name });
      auth.forget();
      return row;
    }),
  );

  router.on(ops.createSession, async ({ ctx, body }) => {
    const user = await members.get(db, ctx, body.userId).catch(() => {
      throw badRequest([{ path: 'body.userId', message: 'No member with this id' }]);
    });
    const role = body.role ?? user.role;
    if (lesserRole(role, user.role) !== role)
      throw badRequest([{ path: 'body.role', message: `The member's role is ${user.role}; a session may carry that role or less` }]);
    if (role === 'CLIENT' && !user.clientId)
      throw badRequest([{ path: 'body.role', message: 'The user has no client to scope a CLIENT session to' }]);
    const expiresAt = new Date((Math.floor(ctx.now.getTime() / 1000) + body.expiresIn) * 1000);
    // Without a role asked for, the session follows the membership's role up and down (OWNER caps nothing).
    const cap = body.role ?? 'OWNER';
    return { token: signSession(ctx.signer, { o: ctx.organizationId, u: user.id, r: cap, k: ctx.actor.id }, expiresAt), expiresAt };
  });

  router.on(ops.listActivity, async ({ ctx, query }) => {
    const limit = pageLimit(query.limit);
    const clientId = ctx.actor.role === 'CLIENT' ? ctx.actor.clientId : query.clientId;
    const a = unifiedActivities;
    const { keys, after, order } = newestFirst(getTableColumns(a), 'occurredAt', query.cursor);
    const rows = await db
      .select()
      .from(a)
      .where(
        and(
          eq(a.organizationId, ctx.organizationId),
          query.entityType ? eq(a.entityType, query.entityType) : undefined,
          query.entityId ? eq(a.entityId, query.entityId) : undefined,
          clientId ? eq(a.clientId, clientId) : undefined,
          query.projectId ? eq(a.projectId, query.projectId) : undefined,
          query.since ? gte(a.occurredAt, new Date(query.since)) : undefined,
          after,
        ),
      )
      .orderBy(...order)
      .limit(limit + 1);
    return toPage(rows, limit, keys);
  });
}

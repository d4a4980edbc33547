import type { z } from 'zod';
import type { userCreate, userUpdate } from '@spokestack/core';
import { and, eq, getTableColumns } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from '../db/paging.js';
import { checkReferences, tableInfo } from '../db/resource-service.js';
import { badRequest, notFound } from '../http/problem.js';
import { recordActivity } from './activity.js';
import type { TenantContext } from './context.js';
import { memberships, users } from './schema.js';

const select = { ...getTableColumns(users), role: memberships.role, clientId: memberships.clientId };
const sortable = ['createdAt', 'email', 'name'] as const;

const joined = (db: Db) => db.select(select).from(users).innerJoin(memberships, eq(memberships.userId, users.id));

/** Members of an organization: a user and their membership, read and written as one. */
export const members = {
  async list(
    db: Db,
    ctx: TenantContext,
    query: { limit?: number; cursor?: string; sort?: string; role?: string; email?: string; externalId?: string },
  ) {
    const keys = parseSort(query.sort, select, sortable, 'createdAt', users.id);
    const limit = pageLimit(query.limit);
    const rows = await joined(db)
      .where(
        and(
          eq(memberships.organizationId, ctx.organizationId),
          query.role ? eq(memberships.role, query.role as 'MEMBER') : undefined,
          query.email ? eq(users.email, query.email) : undefined,
          query.externalId ? eq(users.externalId, query.externalId) : undefined,
          cursorWhere(keys, query.cursor),
        ),
      )
      .orderBy(...orderBy(keys))
      .limit(limit + 1);
    return toPage(rows, limit, keys);
  },

  async get(db: Db, ctx: TenantContext, id: string) {
    const [row] = await joined(db)
      .where(and(eq(memberships.organizationId, ctx.organizationId), eq(users.id, id)))
      .limit(1);
    if (!row) throw notFound('user');
    return row;
  },

  async create(db: Db, ctx: TenantContext, input: z.output<typeof userCreate>) {
    return transaction(db, async (tx) => {
      await checkClient(tx, ctx, input.role, input.clientId);
      const { role, clientId, ...fields } = input;
      const [user] = await tx
        .insert(users)
        .values({ ...fields, organizationId: ctx.organizationId })
        .returning();
      await tx.insert(memberships).values({ organizationId: ctx.organizationId, userId: user!.id, role, clientId: clientId ?? null });
      await recordActivity(tx, ctx, {
        action: 'created',
        entityType: 'users',
        entityId: user!.id,
        entityTitle: user!.name,
        metadata: { role },
      });
      return members.get(tx, ctx, user!.id);
    });
  },

  async update(db: Db, ctx: TenantContext, id: string, input: z.output<typeof userUpdate>) {
    return transaction(db, async (tx) => {
      const current = await members.get(tx, ctx, id);
      const { role, clientId, ...fields } = input;
      const nextRole = role ?? current.role;
      const nextClient = clientId === undefined ? current.clientId : clientId;
      await checkClient(tx, ctx, nextRole, nextClient);
      if (Object.keys(fields).length)
        await tx
          .update(users)
          .set(fields)
          .where(and(eq(users.id, id), eq(users.organizationId, ctx.organizationId)));
      if (role !== undefined || clientId !== undefined)
        await tx
          .update(memberships)
          .set({ role: nextRole, clientId: nextClient })
          .where(and(eq(memberships.userId, id), eq(memberships.organizationId, ctx.organizationId)));
      await recordActivity(tx, ctx, {
        action: 'updated',
        entityType: 'users',
        entityId: id,
        entityTitle: fields.name ?? current.name,
        metadata: { changedFields: Object.keys(input) },
      });
      return members.get(tx, ctx, id);
    });
  },

  async remove(db: Db, ctx: TenantContext, id: string) {
    return transaction(db, async (tx) => {
      const current = await members.get(tx, ctx, id);
      await tx.delete(users).where(and(eq(users.id, id), eq(users.organizationId, ctx.organizationId)));
      await recordActivity(tx, ctx, { action: 'deleted', entityType: 'users', entityId: id, entityTitle: current.name });
      return { id, deleted: true as const };
    });
  },
};

/** CLIENT members must name a client of this organization; others must not. */
async function checkClient(db: Db, ctx: TenantContext, role: string, clientId: string | null | undefined) {
  if (role === 'CLIENT' && !clientId) throw badRequest([{ path: 'body.clientId', message: 'Required for CLIENT members' }]);
  if (clientId) await checkReferences(db, tableInfo(memberships), ctx, { clientId });
}

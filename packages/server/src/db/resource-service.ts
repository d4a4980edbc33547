import type { ResourceDef } from '@spokestack/core';
import { type SQL, and, arrayContains, eq, getTableColumns, inArray } from 'drizzle-orm';
import { type PgColumn, type PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { badRequest, forbidden, notFound } from '../http/problem.js';
import { recordActivity, titleOf } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { randomBytes } from 'node:crypto';
import { newId } from './columns.js';
import { hashPassword, verifyPassword } from '../platform/secrets.js';
import { type Db, transaction } from './client.js';
import { tokenColumns } from './managed.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from './paging.js';

type Row = Record<string, unknown>;
type Columns = Record<string, PgColumn>;

/** A foreign key the tenant check follows: `column` must name a row of `target` in the same organization. */
interface Reference {
  key: string;
  target: PgTable;
  targetId: PgColumn;
  targetOrg: PgColumn;
  label: string;
}

/** Everything the generic layer derives once from a table: columns, tenant column, references. */
export interface TableInfo {
  table: PgTable;
  name: string;
  columns: Columns;
  id: PgColumn;
  organizationId: PgColumn;
  clientId?: PgColumn;
  references: Reference[];
}

const infoCache = new WeakMap<PgTable, TableInfo>();

export function tableInfo(table: PgTable): TableInfo {
  const cached = infoCache.get(table);
  if (cached) return cached;
  const config = getTableConfig(table);
  const columns = getTableColumns(table) as Columns;
  const keyOf = new Map(Object.entries(columns).map(([key, col]) => [col, key]));
  const references = config.foreignKeys.flatMap((fk) => {
    const ref = fk.reference();
    const target = getTableColumns(ref.foreignTable) as Columns;
    const key = keyOf.get(ref.columns[0]!);
    // The organizations table is the tenant itself; its key is never taken from input.
    if (!key || key === 'organizationId' || !target.organizationId || !target.id) return [];
    return [
      {
        key,
        target: ref.foreignTable,
        targetId: target.id,
        targetOrg: target.organizationId,
        label: getTableConfig(ref.foreignTable).name.replace(/_/g, ' '),
      },
    ];
  });
  // A CLIENT member sees rows of their client; in the clients table that is the row itself.
  const clientId = config.name === 'clients' ? columns.id : columns.clientId;
  const info: TableInfo = {
    table,
    name: config.name,
    columns,
    id: columns.id!,
    organizationId: columns.organizationId!,
    clientId,
    references,
  };
  infoCache.set(table, info);
  return info;
}

/** A column of some table holding a foreign key to rows of another table. */
export interface Referrer {
  info: TableInfo;
  key: string;
  column: PgColumn;
}

/**
 * Every column of `tables` that references `target`, read from the Drizzle foreign keys: what has to follow
 * a row that is exported, merged or erased. Derived rather than listed, so a table added later that
 * references the row is found without anyone remembering it.
 *
 * @example referrersOf(contacts, allTables).map((r) => `${r.info.name}.${r.key}`) // ['contact_notes.contactId', …]
 */
export function referrersOf(target: PgTable, tables: Iterable<PgTable>): Referrer[] {
  return [...tables].flatMap((table) => {
    const info = tableInfo(table);
    return info.references.filter((ref) => ref.target === target).map((ref) => ({ info, key: ref.key, column: info.columns[ref.key]! }));
  });
}

/**
 * The tenant filter of every generic query: the organization, and for CLIENT members only rows
 * shared with their client. Tables without a `clientId` are not visible to CLIENT members at all.
 */
export function scopeOf(info: TableInfo, ctx: TenantContext): SQL {
  const org = eq(info.organizationId, ctx.organizationId);
  if (ctx.actor.role !== 'CLIENT') return org;
  if (!info.clientId || !ctx.actor.clientId) throw forbidden('Client members can only see what is shared with their client');
  return and(org, eq(info.clientId, ctx.actor.clientId))!;
}

/** JSON input to driver values: ISO strings become Dates for timestamp columns. */
export function toDbValues(info: TableInfo, input: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    out[key] = info.columns[key]?.columnType === 'PgTimestamp' && typeof value === 'string' ? new Date(value) : value;
  }
  return out;
}

/** Checks that every referenced id in `values` belongs to the caller's organization; 400 naming the field otherwise. */
export async function checkReferences(db: Db, info: TableInfo, ctx: TenantContext, values: Row): Promise<void> {
  const errors = [];
  for (const ref of info.references) {
    const value = values[ref.key];
    if (typeof value !== 'string') continue;
    const found = await db
      .select({ id: ref.targetId })
      .from(ref.target)
      .where(and(eq(ref.targetId, value), eq(ref.targetOrg, ctx.organizationId)))
      .limit(1);
    if (!found.length) errors.push({ path: `body.${ref.key}`, message: `No ${ref.label.replace(/s$/, '')} with this id` });
  }
  if (errors.length) throw badRequest(errors);
}

/**
 * What a sealed secret is bound to (AES-GCM additional data): its table, column and row, so a value
 * copied into another row or column does not open.
 *
 * @example secretContext(info, 'accessToken', row.id) // 'analytics_platforms.access_token:ckx…'
 */
export const secretContext = (info: TableInfo, key: string, id: string) => `${info.name}.${info.columns[key]!.name}:${id}`;

export interface ListInput {
  limit?: number;
  cursor?: string;
  sort?: string;
  [filter: string]: unknown;
}

/**
 * Tenant-scoped list/get/create/update/delete over one table, validated by its contract upstream.
 * Features build their rules on top and call these for the plain parts.
 *
 * @example const contacts = resourceService(contactsTable, crmResources.contacts); await contacts.list(db, ctx, { status: 'ACTIVE' })
 */
export function resourceService<T extends PgTable, D extends ResourceDef>(typedTable: T, def: D) {
  // Queries run on the untyped table (Drizzle's generics do not resolve over an abstract table);
  // results are typed as the concrete table's rows.
  const table: PgTable = typedTable;
  const info = tableInfo(table);
  const filterKeys = Object.keys(def.filters.shape);
  const defaultSort = info.columns.createdAt ? '-createdAt' : 'id';
  type Out = T['$inferSelect'];
  const label = def.entityType.replace(/_/g, ' ').replace(/s$/, '');

  const filterWhere = (query: ListInput): SQL[] =>
    filterKeys.flatMap((key) => {
      const value = query[key];
      const column = info.columns[key];
      if (value === undefined || !column) return [];
      return [column.columnType === 'PgArray' ? arrayContains(column, [value]) : eq(column, value)];
    });

  const byId = (ctx: TenantContext, id: string) => and(scopeOf(info, ctx), eq(info.id, id));

  // Write-only columns: sealed or hashed on the way in, replaced by their flag on every way out, so
  // nothing the generic layer returns can carry one.
  const secrets = Object.entries(def.secrets ?? {});
  const present = (row: Row): Out => {
    if (!secrets.length) return row as Out;
    const out = { ...row };
    for (const [key, { flag }] of secrets) {
      out[flag] = row[key] !== null && row[key] !== undefined;
      delete out[key];
    }
    return out as Out;
  };
  async function protect(ctx: TenantContext, id: string, values: Row): Promise<void> {
    for (const [key, { kind }] of secrets) {
      const value = values[key];
      if (value === undefined || value === null) continue;
      values[key] =
        kind === 'password'
          ? await hashPassword(String(value))
          : ctx.secrets.seal(typeof value === 'string' ? value : JSON.stringify(value), secretContext(info, key, id));
    }
  }
  const raw = async (db: Db, ctx: TenantContext, id: string): Promise<Row> => {
    const [row] = (await db.select().from(table).where(byId(ctx, id)).limit(1)) as Row[];
    if (!row) throw notFound(label);
    return row;
  };

  const service = {
    info,
    /**
     * Seals or hashes the secret columns of `values` in place, for rows written around the generic CRUD
     * (the demo's bulk insert), so no path stores a secret in plaintext.
     *
     * @example await platforms.protectSecrets(ctx, row.id, row); await insertMany(seed, analyticsPlatforms, [row])
     */
    protectSecrets: protect,
    /** A page of rows; `scope` replaces the tenant filter (a feature's own visibility rule, which must include the organization). */
    async list(db: Db, ctx: TenantContext, query: ListInput, extra: SQL[] = [], scope?: SQL) {
      const keys = parseSort(query.sort, info.columns, def.sortable, defaultSort, info.id);
      const limit = pageLimit(query.limit);
      const rows = await db
        .select()
        .from(table)
        .where(and(scope ?? scopeOf(info, ctx), ...filterWhere(query), ...extra, cursorWhere(keys, query.cursor)))
        .orderBy(...orderBy(keys))
        .limit(limit + 1);
      const page = toPage(rows as Row[], limit, keys);
      return { data: page.data.map(present), nextCursor: page.nextCursor };
    },
    async find(db: Db, ctx: TenantContext, id: string): Promise<Out | undefined> {
      const [row] = (await db.select().from(table).where(byId(ctx, id)).limit(1)) as Row[];
      return row && present(row);
    },
    async get(db: Db, ctx: TenantContext, id: string): Promise<Out> {
      const row = await service.find(db, ctx, id);
      if (!row) throw notFound(label);
      return row;
    },
    /** Rows by id, all in the caller's organization (missing ones are simply absent). */
    async many(db: Db, ctx: TenantContext, ids: string[]): Promise<Out[]> {
      if (!ids.length) return [];
      const rows = (await db
        .select()
        .from(table)
        .where(and(scopeOf(info, ctx), inArray(info.id, ids)))) as Row[];
      return rows.map(present);
    },
    /**
     * The plaintext of an encrypted secret column of a row (for the feature that uses it, e.g. a sync
     * with an ad platform's token); null when unset. Never put it in a reply.
     *
     * @example const token = await platforms.openSecret(db, ctx, id, 'accessToken')
     */
    async openSecret(db: Db, ctx: TenantContext, id: string, key: string): Promise<string | null> {
      if (def.secrets?.[key]?.kind !== 'encrypted') throw new Error(`${info.name}.${key} is not an encrypted column`);
      const value = (await raw(db, ctx, id))[key];
      return value === null || value === undefined ? null : ctx.secrets.open(String(value), secretContext(info, key, id));
    },
    /**
     * Whether `password` matches a hashed secret column of a row (a share link's password); false when unset.
     *
     * @example if (!(await links.checkPassword(db, ctx, id, 'password', body.password))) throw unauthorized('Wrong password')
     */
    async checkPassword(db: Db, ctx: TenantContext, id: string, key: string, password: string): Promise<boolean> {
      if (def.secrets?.[key]?.kind !== 'password') throw new Error(`${info.name}.${key} is not a password column`);
      const value = (await raw(db, ctx, id))[key];
      return typeof value === 'string' && verifyPassword(password, value);
    },
    async create(db: Db, ctx: TenantContext, input: Row, activity = true): Promise<Out> {
      return transaction(db, async (tx) => {
        const values = toDbValues(info, input);
        await checkReferences(tx, info, ctx, values);
        // Secrets are bound to their row's id, so the id is made before the insert.
        if (secrets.length) await protect(ctx, (values.id = newId()), values);
        if (info.columns.createdById && values.createdById === undefined) values.createdById = ctx.actor.id;
        for (const key of tokenColumns) if (info.columns[key]?.notNull) values[key] = randomBytes(24).toString('base64url');
        const [row] = (await tx
          .insert(table)
          .values({ ...values, organizationId: ctx.organizationId })
          .returning()) as Row[];
        if (activity)
          await recordActivity(tx, ctx, {
            action: 'created',
            entityType: def.entityType,
            entityId: String(row!.id),
            entityTitle: titleOf(row!),
            clientId: row!.clientId as string | null,
            projectId: row!.projectId as string | null,
          });
        return present(row!);
      });
    },
    async update(db: Db, ctx: TenantContext, id: string, input: Row, activity = true): Promise<Out> {
      return transaction(db, async (tx) => {
        const values = toDbValues(info, input);
        if (!Object.keys(values).length) return service.get(tx, ctx, id);
        await checkReferences(tx, info, ctx, values);
        await protect(ctx, id, values);
        const [row] = (await tx.update(table).set(values).where(byId(ctx, id)).returning()) as Row[];
        if (!row) throw notFound(label);
        if (activity)
          await recordActivity(tx, ctx, {
            action: 'updated',
            entityType: def.entityType,
            entityId: id,
            entityTitle: titleOf(row),
            clientId: row.clientId as string | null,
            projectId: row.projectId as string | null,
            metadata: { changedFields: Object.keys(values) },
          });
        return present(row);
      });
    },
    async remove(db: Db, ctx: TenantContext, id: string, activity = true): Promise<{ id: string; deleted: true }> {
      return transaction(db, async (tx) => {
        const [row] = (await tx.delete(table).where(byId(ctx, id)).returning()) as Row[];
        if (!row) throw notFound(label);
        if (activity)
          await recordActivity(tx, ctx, {
            action: 'deleted',
            entityType: def.entityType,
            entityId: id,
            entityTitle: titleOf(row),
            clientId: row.clientId as string | null,
            projectId: row.projectId as string | null,
          });
        return { id, deleted: true as const };
      });
    },
  };
  return service;
}
export type ResourceService = ReturnType<typeof resourceService>;

import * as z from 'zod';
import { membershipRole } from '../platform/enums.js';
import { writerRoles } from './access.js';
import { defineOperation, idParams } from './operation.js';
import { listQuery, pageOf } from './pagination.js';

/** A table exposed as a REST resource: its row, create and update contracts, list filters and sort keys. */
export interface ResourceDef<
  Row extends z.ZodObject = z.ZodObject,
  Create extends z.ZodObject = z.ZodObject,
  Update extends z.ZodObject = z.ZodObject,
  Filters extends z.ZodObject = z.ZodObject,
> {
  /** SDK name within its feature, e.g. `contacts`. */
  name: string;
  /** URL path, e.g. `/v1/crm/contacts`. */
  path: string;
  /** The table, used as `entityType` in the activity stream. */
  entityType: string;
  /** OpenAPI tag. */
  tag: string;
  row: Row;
  create: Create;
  update: Update;
  filters: Filters;
  /** Fields `sort=` accepts. */
  sortable: readonly string[];
  /**
   * Write-only columns: taken on create and update, never returned. `encrypted` ones are sealed with
   * the app's secret box (AES-256-GCM), `password` ones hashed (scrypt); the row says only whether one
   * is set, under `flag` (`credentialsSet`, `hasPassword`).
   */
  secrets?: Readonly<Record<string, SecretColumn>>;
}

/** How a write-only column is kept, and the boolean the row shows instead of it. */
export interface SecretColumn {
  kind: 'encrypted' | 'password';
  flag: string;
}

/** Declares a resource. @example defineResource({ name: 'contacts', path: '/v1/crm/contacts', … }) */
export function defineResource<R extends z.ZodObject, C extends z.ZodObject, U extends z.ZodObject, F extends z.ZodObject>(
  def: ResourceDef<R, C, U, F>,
): ResourceDef<R, C, U, F> {
  return def;
}

/** The five operations every resource has. The server routes them; the SDK calls them. */
export function resourceOperations<R extends z.ZodObject, C extends z.ZodObject, U extends z.ZodObject, F extends z.ZodObject>(
  def: ResourceDef<R, C, U, F>,
) {
  const base = def.path;
  const id = `${def.path.split('/')[2]}.${def.name}`;
  // CLIENT members read only rows shared with their client: resources without a clientId are staff-only.
  const shared = 'clientId' in def.row.shape || def.entityType === 'clients';
  const readers = shared ? membershipRole : writerRoles;
  return {
    list: defineOperation({
      id: `${id}.list`,
      method: 'GET',
      path: base,
      tag: def.tag,
      summary: `List ${def.name}`,
      query: listQuery.extend(def.filters.shape) as z.ZodObject<typeof listQuery.shape & F['shape']>,
      response: pageOf(def.row),
      roles: readers,
    }),
    get: defineOperation({
      id: `${id}.get`,
      method: 'GET',
      path: `${base}/:id`,
      tag: def.tag,
      summary: `Get one of ${def.name}`,
      params: idParams,
      response: def.row,
      roles: readers,
    }),
    create: defineOperation({
      id: `${id}.create`,
      method: 'POST',
      path: base,
      tag: def.tag,
      summary: `Create one of ${def.name}`,
      body: def.create,
      response: def.row,
      status: 201,
      roles: writerRoles,
    }),
    update: defineOperation({
      id: `${id}.update`,
      method: 'PATCH',
      path: `${base}/:id`,
      tag: def.tag,
      summary: `Update one of ${def.name}`,
      params: idParams,
      body: def.update,
      response: def.row,
      roles: writerRoles,
    }),
    delete: defineOperation({
      id: `${id}.delete`,
      method: 'DELETE',
      path: `${base}/:id`,
      tag: def.tag,
      summary: `Delete one of ${def.name}`,
      params: idParams,
      response: z.object({ id: z.string(), deleted: z.literal(true) }),
      roles: writerRoles,
    }),
  };
}

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
  const text = describeResource(def, shared);
  return {
    list: defineOperation({
      id: `${id}.list`,
      method: 'GET',
      path: base,
      tag: def.tag,
      summary: `List ${def.name}`,
      description: text.list,
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
      description: text.get,
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
      description: text.create,
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
      description: text.update,
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
      description: text.delete,
      params: idParams,
      response: z.object({ id: z.string(), deleted: z.literal(true) }),
      roles: writerRoles,
    }),
  };
}

/**
 * The reference text of a resource's five operations, from what its definition declares (filters, sort keys,
 * write-only fields, who shares it), so the generic CRUD of every table reads as documented as a hand-written route.
 */
function describeResource(def: ResourceDef, shared: boolean) {
  const noun = def.name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  const code = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');
  const filters = Object.keys(def.filters.shape);
  const secrets = Object.entries(def.secrets ?? {});
  const kept = secrets.some(([, secret]) => secret.kind === 'password') ? 'hashed' : 'encrypted';
  const secretNote = secrets.length
    ? ` Write-only fields (${code(secrets.map(([name]) => name))}) are ${kept} at rest and never returned; the row says only ` +
      `whether one is set (${code(secrets.map(([, secret]) => secret.flag))}).`
    : '';
  const missing = 'An id of another organization answers 404, exactly like one that does not exist.';
  const clientNote = shared ? ' CLIENT members see only the rows shared with their client.' : '';
  return {
    list:
      `The organization's ${noun}, a page at a time: \`limit\` (default 50, at most 200), then the reply's \`nextCursor\` as ` +
      `\`cursor\` for the next page. ${filters.length ? `Filter with ${code(filters)}; ` : ''}sort with \`sort=\` over ` +
      `${code(def.sortable)} (a leading \`-\` sorts descending).${clientNote}`,
    get: `One of the organization's ${noun}, by id. ${missing}${clientNote}`,
    create:
      `Creates one of the organization's ${noun} from the body and records it in the activity stream. Unknown fields and ` +
      `references to another organization's records are refused with 400 naming the field; a unique clash is 409.${secretNote}`,
    update:
      `Changes the fields the body gives and leaves the others as they are; the change goes to the activity stream. ${missing} ` +
      `A unique clash is 409.${secretNote}`,
    delete:
      `Deletes one of the organization's ${noun} and records it in the activity stream; replies \`{ id, deleted: true }\`. ` + missing,
  };
}

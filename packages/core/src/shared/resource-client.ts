import type { z } from 'zod';
import type { HttpClient, RequestOptions } from './http.js';
import type { Page } from './pagination.js';
import { type ResourceDef, resourceOperations } from './resource.js';

type Def = ResourceDef<z.ZodObject, z.ZodObject, z.ZodObject, z.ZodObject>;
/** The JSON shape of a resource's rows. */
export type RowOf<D extends Def> = z.output<D['row']>;
/** What `list()` and `iterate()` take: page size, cursor, sort and the resource's filters. */
export type ListInputOf<D extends Def> = { limit?: number; cursor?: string; sort?: string } & Partial<z.input<D['filters']>>;

/** Typed CRUD over one resource, with async iteration across every page. */
export interface ResourceClient<D extends Def> {
  /** One page. @example await sdk.crm.contacts.list({ status: 'ACTIVE', limit: 20 }) */
  list(query?: ListInputOf<D>, options?: RequestOptions): Promise<Page<RowOf<D>>>;
  /** Every row, page after page. @example for await (const c of sdk.crm.contacts.iterate()) … */
  iterate(query?: Omit<ListInputOf<D>, 'cursor'>, options?: RequestOptions): AsyncGenerator<RowOf<D>, void, undefined>;
  get(id: string, options?: RequestOptions): Promise<RowOf<D>>;
  create(body: z.input<D['create']>, options?: RequestOptions): Promise<RowOf<D>>;
  update(id: string, body: z.input<D['update']>, options?: RequestOptions): Promise<RowOf<D>>;
  delete(id: string, options?: RequestOptions): Promise<{ id: string; deleted: true }>;
}

/** Binds a resource definition to a transport. */
export function resourceClient<D extends Def>(http: HttpClient, def: D): ResourceClient<D> {
  const ops = resourceOperations(def);
  const client: ResourceClient<D> = {
    list: (query, options) => http.call(ops.list, { query } as never, options) as Promise<Page<RowOf<D>>>,
    async *iterate(query, options) {
      let cursor: string | null | undefined;
      do {
        const page = await client.list({ ...query, cursor: cursor ?? undefined } as ListInputOf<D>, options);
        yield* page.data;
        cursor = page.nextCursor;
      } while (cursor);
    },
    get: (id, options) => http.call(ops.get, { params: { id } } as never, options) as Promise<RowOf<D>>,
    create: (body, options) => http.call(ops.create, { body } as never, options) as Promise<RowOf<D>>,
    update: (id, body, options) => http.call(ops.update, { params: { id }, body } as never, options) as Promise<RowOf<D>>,
    delete: (id, options) => http.call(ops.delete, { params: { id } } as never, options) as Promise<{ id: string; deleted: true }>,
  };
  return client;
}

/** A client per resource of a registry: `{ contacts: ResourceClient, deals: ResourceClient, … }`. */
export type ResourceClients<M extends Record<string, Def>> = { [K in keyof M]: ResourceClient<M[K]> };

export function resourceClients<M extends Record<string, Def>>(http: HttpClient, defs: M): ResourceClients<M> {
  return Object.fromEntries(Object.entries(defs).map(([name, def]) => [name, resourceClient(http, def)])) as ResourceClients<M>;
}

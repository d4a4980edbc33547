import {
  type InfiniteData,
  type QueryKey,
  skipToken,
  useInfiniteQuery,
  type UseInfiniteQueryOptions,
  type UseInfiniteQueryResult,
  useMutation,
  type UseMutationOptions,
  type UseMutationResult,
  useQuery,
  useQueryClient,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { ListInputOf, Page, ResourceClient, ResourceDef, RowOf, SpokeStack, SpokeStackError } from '@spokestack/core';
import { useSpokeStack } from '../provider.js';

/**
 * The query keys of every SpokeStack hook, from the broadest prefix to one record, so a host can invalidate or
 * prefetch exactly what it needs: `['spokestack', feature, resource, 'list' | 'detail', …]`.
 *
 * @example
 * // After your own endpoint changed deals behind SpokeStack's back:
 * queryClient.invalidateQueries({ queryKey: spokestackKeys.resource('crm', 'deals') })
 */
export const spokestackKeys = {
  /** Everything SpokeStack cached. */
  all: ['spokestack'] as const,
  /** Everything of one feature, e.g. `crm`. */
  feature: (feature: string) => ['spokestack', feature] as const,
  /** Lists and records of one resource. */
  resource: (feature: string, resource: string) => ['spokestack', feature, resource] as const,
  /** Every list of a resource, whatever its filters. */
  lists: (feature: string, resource: string) => ['spokestack', feature, resource, 'list'] as const,
  /** One list: the filters, sort and page size it was asked with. */
  list: (feature: string, resource: string, query: object = {}) => ['spokestack', feature, resource, 'list', query] as const,
  /** One record. */
  detail: (feature: string, resource: string, id: string) => ['spokestack', feature, resource, 'detail', id] as const,
  /** Who the credentials belong to (`useMe`). */
  me: () => ['spokestack', 'platform', 'me'] as const,
};

/** A page list as TanStack's infinite query holds it, plus `rows`: every page's rows in order. */
export type PagedData<Row> = InfiniteData<Page<Row>, string | undefined> & { rows: Row[] };

/**
 * `select` of an infinite page query: adds `rows`, every page's rows in order, so lists render one array. Module
 * scope keeps the reference stable, so TanStack only re-runs it when the pages change.
 *
 * @example useInfiniteQuery({ queryKey, queryFn, initialPageParam: undefined, getNextPageParam, select: withRows })
 */
export function withRows<Row>(data: InfiniteData<Page<Row>, string | undefined>): PagedData<Row> {
  return { ...data, rows: data.pages.flatMap((page) => page.data) };
}

/** Where a resource client sits in the SDK: `sdk.crm.deals` is `{ feature: 'crm', resource: 'deals' }`. */
interface ResourceName {
  feature: string;
  resource: string;
}

const namesBySdk = new WeakMap<SpokeStack, Map<unknown, ResourceName>>();

/**
 * A `ResourceClient` carries no name at runtime, so its query keys come from where it sits in the SDK. The SDK's
 * namespaces are built once, so the lookup is a map read after the first call.
 */
function useResourceName(resource: object): ResourceName {
  const sdk = useSpokeStack();
  let names = namesBySdk.get(sdk);
  if (!names) {
    names = new Map();
    for (const [feature, namespace] of Object.entries(sdk) as [string, unknown][]) {
      // Feature namespaces are plain objects; `sdk.http` is a class instance with nothing to name.
      if (typeof namespace !== 'object' || namespace === null || Object.getPrototypeOf(namespace) !== Object.prototype) continue;
      for (const [resourceName, client] of Object.entries(namespace) as [string, unknown][])
        names.set(client, { feature, resource: resourceName });
    }
    namesBySdk.set(sdk, names);
  }
  const name = names.get(resource);
  if (!name)
    throw new Error(
      'This resource client is not part of the SDK given to <SpokeStackProvider>; pass one from it, e.g. useSpokeStack().crm.deals.',
    );
  return name;
}

/** The filters, sort and page size of a list; the hook manages the cursor. */
export type ResourceListQuery<D extends ResourceDef> = Omit<ListInputOf<D>, 'cursor'>;

/** The pages loaded so far, plus `rows`: every page's rows in order. */
export type ResourceListData<Row> = PagedData<Row>;

/** TanStack Query options of `useResourceList`, minus the ones it sets itself. */
export type ResourceListOptions<Row> = Omit<
  UseInfiniteQueryOptions<Page<Row>, SpokeStackError, ResourceListData<Row>, QueryKey, string | undefined>,
  'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam' | 'select'
>;

/**
 * Lists a resource page by page with TanStack's infinite query: `data.rows` holds every row loaded so far,
 * `fetchNextPage()` follows `nextCursor`, and `hasNextPage` turns false on the last page. Each set of filters is
 * cached separately, and every list of the resource refreshes after a mutation made through these hooks.
 *
 * @example
 * const sdk = useSpokeStack()
 * const deals = useResourceList(sdk.crm.deals, { stage: 'PROPOSAL', sort: '-value', limit: 25 })
 * <DataTable rows={deals.data?.rows ?? []} columns={columns} loading={deals.isPending}
 *   hasMore={deals.hasNextPage} loadingMore={deals.isFetchingNextPage} onLoadMore={() => deals.fetchNextPage()} />
 */
export function useResourceList<D extends ResourceDef>(
  resource: ResourceClient<D>,
  query?: ResourceListQuery<D>,
  options?: ResourceListOptions<RowOf<D>>,
): UseInfiniteQueryResult<ResourceListData<RowOf<D>>, SpokeStackError> {
  const { feature, resource: name } = useResourceName(resource);
  return useInfiniteQuery({
    ...options,
    queryKey: spokestackKeys.list(feature, name, query),
    // TypeScript cannot see that `Omit<T, 'cursor'> & { cursor }` is `T` while `D` is generic.
    queryFn: ({ pageParam, signal }) => resource.list({ ...query, cursor: pageParam } as ListInputOf<D>, { signal }),
    initialPageParam: undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    select: withRows,
  });
}

/** TanStack Query options of `useResource`, minus the ones it sets itself. */
export type ResourceOptions<Row> = Omit<UseQueryOptions<Row, SpokeStackError, Row, QueryKey>, 'queryKey' | 'queryFn'>;

/**
 * Reads one record by id. Pass `null` or `undefined` while the id is not known yet (a route still loading, nothing
 * selected) and the query waits instead of fetching.
 *
 * @example
 * const sdk = useSpokeStack()
 * const { data: deal, isPending, error } = useResource(sdk.crm.deals, selectedId)
 */
export function useResource<D extends ResourceDef>(
  resource: ResourceClient<D>,
  id: string | null | undefined,
  options?: ResourceOptions<RowOf<D>>,
): UseQueryResult<RowOf<D>, SpokeStackError> {
  const { feature, resource: name } = useResourceName(resource);
  return useQuery({
    ...options,
    queryKey: spokestackKeys.detail(feature, name, id ?? ''),
    queryFn: id ? ({ signal }) => resource.get(id, { signal }) : skipToken,
  });
}

/** TanStack Query mutation options of the resource mutation hooks, minus `mutationFn`. */
export type ResourceMutationOptions<TData, TVariables> = Omit<UseMutationOptions<TData, SpokeStackError, TVariables>, 'mutationFn'>;

/**
 * The base of every mutation on a resource: runs `mutationFn`, then refreshes every list of the resource so
 * tables and boards show the change. The mutation stays pending until the lists have refetched, so a button's
 * spinner covers the whole round trip. Use it for operations beyond create, update and delete (publish, restore).
 *
 * @example
 * const sdk = useSpokeStack()
 * const publish = useResourceMutation(sdk.cms.entries, {
 *   mutationFn: (id: string) => sdk.http.request('POST', `/v1/cms/entries/${id}/publish`),
 * })
 * <Button loading={publish.isPending} onClick={() => publish.mutate(entry.id)}>Publish</Button>
 */
export function useResourceMutation<D extends ResourceDef, TData, TVariables = void>(
  resource: ResourceClient<D>,
  options: ResourceMutationOptions<TData, TVariables> & { mutationFn: (variables: TVariables) => Promise<TData> },
): UseMutationResult<TData, SpokeStackError, TVariables> {
  const { feature, resource: name } = useResourceName(resource);
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    onSuccess: (...args) =>
      Promise.all([queryClient.invalidateQueries({ queryKey: spokestackKeys.lists(feature, name) }), options.onSuccess?.(...args)]),
  });
}

type CreateBody<D extends ResourceDef> = Parameters<ResourceClient<D>['create']>[0];
type UpdateBody<D extends ResourceDef> = Parameters<ResourceClient<D>['update']>[1];

/**
 * Creates a record; every list of the resource then refetches.
 *
 * @example
 * const sdk = useSpokeStack()
 * const create = useCreateResource(sdk.crm.contacts, { onSuccess: (contact) => navigate(`/contacts/${contact.id}`) })
 * create.mutate({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' })
 */
export function useCreateResource<D extends ResourceDef>(
  resource: ResourceClient<D>,
  options?: ResourceMutationOptions<RowOf<D>, CreateBody<D>>,
): UseMutationResult<RowOf<D>, SpokeStackError, CreateBody<D>> {
  return useResourceMutation(resource, { ...options, mutationFn: (body: CreateBody<D>) => resource.create(body) });
}

/** What `useUpdateResource().mutate` takes: the record's id and the fields to change. */
export interface UpdateVariables<Body> {
  id: string;
  body: Body;
}

/**
 * Changes fields of a record. The returned record replaces the cached one at once, so detail views update
 * without another request, and every list of the resource refetches.
 *
 * @example
 * const sdk = useSpokeStack()
 * const update = useUpdateResource(sdk.crm.deals)
 * update.mutate({ id: deal.id, body: { stage: 'WON' } })
 */
export function useUpdateResource<D extends ResourceDef>(
  resource: ResourceClient<D>,
  options?: ResourceMutationOptions<RowOf<D>, UpdateVariables<UpdateBody<D>>>,
): UseMutationResult<RowOf<D>, SpokeStackError, UpdateVariables<UpdateBody<D>>> {
  const { feature, resource: name } = useResourceName(resource);
  const queryClient = useQueryClient();
  return useResourceMutation(resource, {
    ...options,
    mutationFn: ({ id, body }: UpdateVariables<UpdateBody<D>>) => resource.update(id, body),
    onSuccess: (row, variables, ...rest) => {
      queryClient.setQueryData(spokestackKeys.detail(feature, name, variables.id), row);
      return options?.onSuccess?.(row, variables, ...rest);
    },
  });
}

/**
 * Deletes a record by id: its cached copy is dropped and every list of the resource refetches.
 *
 * @example
 * const sdk = useSpokeStack()
 * const remove = useDeleteResource(sdk.dam.assets, { onSuccess: () => toast({ title: 'Asset deleted' }) })
 * remove.mutate(asset.id)
 */
export function useDeleteResource<D extends ResourceDef>(
  resource: ResourceClient<D>,
  options?: ResourceMutationOptions<{ id: string; deleted: true }, string>,
): UseMutationResult<{ id: string; deleted: true }, SpokeStackError, string> {
  const { feature, resource: name } = useResourceName(resource);
  const queryClient = useQueryClient();
  return useResourceMutation(resource, {
    ...options,
    mutationFn: (id: string) => resource.delete(id),
    onSuccess: (result, id, ...rest) => {
      queryClient.removeQueries({ queryKey: spokestackKeys.detail(feature, name, id) });
      return options?.onSuccess?.(result, id, ...rest);
    },
  });
}

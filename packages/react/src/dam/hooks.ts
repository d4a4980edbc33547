import {
  keepPreviousData,
  skipToken,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type UseInfiniteQueryResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { Page, SpokeStack, SpokeStackError } from '@spokestack/core';
import type { AssetLinkView, CollectionShareView, CommentThreadView, FolderView, SearchHitView } from './types.js';
import { useSpokeStack } from '../provider.js';
import { type PagedData, spokestackKeys, useResourceList, withRows } from '../shared/query.js';

/** The DAM part of the SDK. */
export type Dam = SpokeStack['dam'];
/** What `useAssetSearch` takes: the search's filters (comma-separated lists as the API reads them), no cursor. */
export type AssetSearchQuery = Omit<NonNullable<Parameters<Dam['assets']['search']>[0]>, 'cursor'>;
/** One facet value and how many assets of the search have it. */
export interface FacetCount {
  value: string;
  count: number;
}
/** Faceted counts, when the server sends them (`facets=true`); absent on servers without facets. */
export type AssetFacets = Partial<Record<'type' | 'tags' | 'orientation' | 'status', FacetCount[]>>;
/** A page of search hits, with the facets of the whole search on the first page when the server has them. */
export type AssetSearchPage = Page<SearchHitView> & { facets?: AssetFacets };

/**
 * Query keys of the DAM hooks, under `spokestackKeys.feature('dam')` like the generic resource hooks, so
 * invalidating `spokestackKeys.resource('dam', 'assets')` refreshes every search and asset panel.
 *
 * @example queryClient.invalidateQueries({ queryKey: damKeys.renditions(asset.id) })
 */
export const damKeys = {
  search: (query: AssetSearchQuery) => [...spokestackKeys.resource('dam', 'assets'), 'search', query] as const,
  renditions: (assetId: string) => [...spokestackKeys.resource('dam', 'assets'), 'renditions', assetId] as const,
  whereUsed: (assetId: string) => [...spokestackKeys.resource('dam', 'assets'), 'where-used', assetId] as const,
  comments: (assetId: string) => [...spokestackKeys.resource('dam', 'comments'), 'asset', assetId] as const,
  links: (assetId: string) => [...spokestackKeys.resource('dam', 'links'), 'asset', assetId] as const,
  collectionShares: (collectionId: string) => [...spokestackKeys.resource('dam', 'collectionShares'), 'collection', collectionId] as const,
  publicLink: (token: string) => ['spokestack', 'dam', 'public-links', token] as const,
};

/**
 * Searches the assets the caller sees, page by page (keyset pages of 100): `data.rows` holds every hit loaded
 * so far and `data.pages[0].facets` the counts per type, tag, orientation and status when the server has
 * facets. The previous hits stay on screen while a new query loads.
 *
 * @example const { data } = useAssetSearch({ libraryId, folderId, q: 'beach', assetType: 'IMAGE' })
 */
export function useAssetSearch(
  query: AssetSearchQuery,
  options: { enabled?: boolean } = {},
): UseInfiniteQueryResult<PagedData<SearchHitView> & { facets?: AssetFacets }, SpokeStackError> {
  const sdk = useSpokeStack();
  return useInfiniteQuery({
    queryKey: damKeys.search(query),
    // `facets` is not in every server's contract yet: a server without it ignores the unknown query key.
    queryFn: ({ pageParam, signal }) =>
      sdk.dam.assets.search({ limit: 100, ...query, cursor: pageParam, facets: 'true' } as AssetSearchQuery, {
        signal,
      }) as Promise<AssetSearchPage>,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    select: (data) => ({ ...withRows(data), facets: data.pages[0]?.facets }),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

/** The libraries the caller sees. @example const { data } = useLibraries(); data?.rows.map((l) => l.name) */
export function useLibraries() {
  const sdk = useSpokeStack();
  return useResourceList(sdk.dam.libraries, { limit: 200, sort: 'name' });
}

/** Every folder of a library (a tree is built from `parentId`). @example const { data } = useFolders(library.id) */
export function useFolders(libraryId: string | null | undefined): UseQueryResult<FolderView[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: [...spokestackKeys.lists('dam', 'folders'), { libraryId }],
    queryFn: libraryId
      ? async ({ signal }) => {
          const folders: FolderView[] = [];
          for await (const folder of sdk.dam.folders.iterate({ libraryId, limit: 200, sort: 'path' }, { signal })) folders.push(folder);
          return folders;
        }
      : skipToken,
  });
}

/** An asset's versions, newest first. @example const { data } = useAssetVersions(asset.id) */
export function useAssetVersions(assetId: string | null | undefined) {
  const sdk = useSpokeStack();
  return useResourceList(sdk.dam.versions, { assetId: assetId ?? '', sort: '-versionNumber' }, { enabled: !!assetId });
}

/**
 * An asset's renditions with their status and content-addressed URLs (relative to the API). Cached for a
 * minute: a grid asks for each visible tile's thumbnail as it scrolls by.
 *
 * @example const thumb = useAssetRenditions(asset.id).data?.find((r) => r.renditionType === 'THUMBNAIL_MEDIUM')
 */
export function useAssetRenditions(assetId: string | null | undefined, options: { enabled?: boolean } = {}) {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: damKeys.renditions(assetId ?? ''),
    queryFn: assetId ? async ({ signal }) => (await sdk.dam.assets.renditions(assetId, { signal })).data : skipToken,
    staleTime: 60_000,
    enabled: options.enabled,
  });
}

/** The CMS entries and briefs using an asset (members only). @example const { data } = useWhereUsed(asset.id) */
export function useWhereUsed(assetId: string | null | undefined, options: { enabled?: boolean } = {}) {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: damKeys.whereUsed(assetId ?? ''),
    queryFn: assetId ? ({ signal }) => sdk.dam.assets.whereUsed(assetId, { signal }) : skipToken,
    enabled: options.enabled,
  });
}

/** An asset's comment threads with replies. @example const { data: threads } = useAssetComments(asset.id) */
export function useAssetComments(assetId: string | null | undefined): UseQueryResult<CommentThreadView[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: damKeys.comments(assetId ?? ''),
    queryFn: assetId ? async ({ signal }) => (await sdk.dam.comments.list({ assetId, limit: 200 }, { signal })).data : skipToken,
  });
}

/**
 * Comments on an asset (a point annotation optional); its threads refetch after.
 *
 * @example useCreateComment(asset.id).mutate({ content: 'Logo too small', annotation: { type: 'point', x: 0.8, y: 0.1 } })
 */
export function useCreateComment(assetId: string) {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<Parameters<Dam['comments']['create']>[0], 'assetId'>) => sdk.dam.comments.create({ ...body, assetId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: damKeys.comments(assetId) }),
  });
}

/** The share links of an asset, newest first. @example const { data: links } = useAssetLinks(asset.id) */
export function useAssetLinks(assetId: string | null | undefined): UseQueryResult<AssetLinkView[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: damKeys.links(assetId ?? ''),
    queryFn: assetId ? async ({ signal }) => (await sdk.dam.links.list({ assetId, limit: 200 }, { signal })).data : skipToken,
  });
}

/**
 * Creates and revokes an asset's share links; its list refetches after either.
 *
 * @example const { create, revoke } = useLinkMutations(asset.id); create.mutate({ password: 'spring-2025', maxDownloads: 5 })
 */
export function useLinkMutations(assetId: string) {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: damKeys.links(assetId) });
  return {
    create: useMutation({
      mutationFn: (body: Omit<Parameters<Dam['links']['create']>[0], 'assetId'>) => sdk.dam.links.create({ ...body, assetId }),
      onSuccess,
    }),
    revoke: useMutation({ mutationFn: (id: string) => sdk.dam.links.revoke(id), onSuccess }),
  };
}

/** The people a collection is shared with, oldest first. @example const { data: shares } = useCollectionShares(collection.id) */
export function useCollectionShares(collectionId: string | null | undefined): UseQueryResult<CollectionShareView[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: damKeys.collectionShares(collectionId ?? ''),
    queryFn: collectionId
      ? async ({ signal }) => (await sdk.dam.collectionShares.list({ collectionId, limit: 200, sort: 'createdAt' }, { signal })).data
      : skipToken,
  });
}

type ShareCreate = Parameters<Dam['collectionShares']['create']>[0];

/**
 * Shares a collection with an email at an access level, changes a share's level, removes a share; the list
 * refetches after each.
 *
 * @example const { add, change, remove } = useCollectionShareMutations(collection.id); add.mutate({ email, accessLevel: 'COMMENT' })
 */
export function useCollectionShareMutations(collectionId: string) {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: damKeys.collectionShares(collectionId) });
  return {
    add: useMutation({
      mutationFn: (body: Omit<ShareCreate, 'collectionId'>) => sdk.dam.collectionShares.create({ ...body, collectionId }),
      onSuccess,
    }),
    change: useMutation({
      mutationFn: ({ id, accessLevel }: { id: string; accessLevel: NonNullable<ShareCreate['accessLevel']> }) =>
        sdk.dam.collectionShares.update(id, { accessLevel }),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (id: string) => sdk.dam.collectionShares.delete(id), onSuccess }),
  };
}

/** Moves assets into a folder (null: the library root); every search refetches. @example useMoveAssets().mutate({ ids, folderId }) */
export function useMoveAssets() {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ids, folderId }: { ids: string[]; folderId: string | null }) => sdk.dam.assets.move(ids, folderId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: spokestackKeys.resource('dam', 'assets') }),
  });
}

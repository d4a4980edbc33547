import type { z } from 'zod';
import type { HttpClient, RequestOptions } from '../shared/http.js';
import type { Operation, OperationOutput } from '../shared/operation.js';
import { type ResourceClient, type ResourceClients, resourceClients } from '../shared/resource-client.js';
import { damOps as ops } from './operations.js';
import { damResources } from './rows.gen.js';
import type { collectionCreate, collectionUpdate } from './collections.js';
import type { commentCreate } from './comments.js';
import type { folderCreate, folderDeleteQuery, folderUpdate } from './folders.js';
import type { linkCreate } from './links.js';
import type { linkUploadBody, uploadLinkCreate } from './upload-links.js';
import type { shareLinkBody, sharedCommentCreate } from './shares.js';
import type { versionRestore, versionUploadQuery } from './versions.js';
import type { uploadFields } from './uploads.js';

/** What an upload reads: bytes in memory, a Blob/File, a web stream, or any async iterable of bytes (a Node `Readable`). */
export type UploadSource = Uint8Array | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** Progress of an upload: bytes sent so far, and the total when it is known. */
export interface UploadProgress {
  loaded: number;
  total?: number;
}

/** An upload's description: where it goes and how it is named, its bytes, and a progress callback. */
export interface UploadInput extends Omit<z.input<typeof uploadFields>, 'tags'> {
  file: UploadSource;
  tags?: string[];
  /** The total size, for progress of a stream (known already for bytes and Blobs). */
  size?: number;
  /** Called as bytes leave, at least once per 64 KiB, and once at the end. */
  onProgress?: (progress: UploadProgress) => void;
}

const chunkSize = 64 * 1024;
type Query<O extends Operation> = z.input<NonNullable<O['query']>>;

/** The source as a web stream of chunks of at most 64 KiB, counting what has been read. */
function streamOf(source: UploadSource, onChunk: (bytes: number) => void): ReadableStream<Uint8Array> {
  async function* chunks(): AsyncGenerator<Uint8Array> {
    if (source instanceof Uint8Array) {
      for (let i = 0; i < source.byteLength; i += chunkSize) yield source.subarray(i, i + chunkSize);
      return;
    }
    const iterable: AsyncIterable<Uint8Array> =
      typeof Blob !== 'undefined' && source instanceof Blob
        ? (source.stream() as unknown as AsyncIterable<Uint8Array>)
        : (source as AsyncIterable<Uint8Array>);
    for await (const chunk of iterable) for (let i = 0; i < chunk.byteLength; i += chunkSize) yield chunk.subarray(i, i + chunkSize);
  }
  const iterator = chunks();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else {
        onChunk(value.byteLength);
        controller.enqueue(value);
      }
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}

/** Uploads and renditions over the generic asset CRUD. */
function createAssetClient(http: HttpClient) {
  return {
    /**
     * Uploads a file into a library (or one of its folders), streamed: the bytes are never gathered in memory
     * on either side. The server sniffs the type from the bytes, enforces the library's settings, reports
     * assets with the same SHA-256 in `duplicates`, and queues metadata extraction and renditions.
     *
     * @example
     * const { asset, duplicates } = await sdk.dam.assets.upload({
     *   libraryId, folderId, file: createReadStream('hero.jpg'), fileName: 'hero.jpg', size: statSync('hero.jpg').size,
     *   onProgress: ({ loaded, total }) => console.log(loaded, '/', total),
     * })
     */
    upload(input: UploadInput, options?: RequestOptions): Promise<OperationOutput<typeof ops.streamUpload>> {
      const { file, size, onProgress, tags, ...fields } = input;
      const total =
        size ??
        (file instanceof Uint8Array ? file.byteLength : typeof Blob !== 'undefined' && file instanceof Blob ? file.size : undefined);
      const fileName = fields.fileName ?? (typeof File !== 'undefined' && file instanceof File ? file.name : undefined);
      let loaded = 0;
      const body = streamOf(file, (bytes) => {
        loaded += bytes;
        onProgress?.({ loaded, total });
      });
      const query = { ...fields, fileName, tags: tags?.join(',') };
      return http.request('POST', ops.streamUpload.path, { query, body, signal: options?.signal });
    },
    /**
     * Uploads a new version of an asset, streamed like `upload`; it becomes current and renditions are made again.
     * @example const { version } = await sdk.dam.assets.uploadVersion(asset.id, { file: bytes, changeType: 'REVISION', changeNote: 'Client
     * edits' })
     */
    uploadVersion(
      id: string,
      input: { file: UploadSource; size?: number; onProgress?: (progress: UploadProgress) => void } & z.input<typeof versionUploadQuery>,
      options?: RequestOptions,
    ): Promise<OperationOutput<typeof ops.uploadVersion>> {
      const { file, size, onProgress, ...query } = input;
      const total =
        size ??
        (file instanceof Uint8Array ? file.byteLength : typeof Blob !== 'undefined' && file instanceof Blob ? file.size : undefined);
      let loaded = 0;
      const body = streamOf(file, (bytes) => {
        loaded += bytes;
        onProgress?.({ loaded, total });
      });
      return http.request('POST', ops.uploadVersion.path.replace(':id', encodeURIComponent(id)), { query, body, signal: options?.signal });
    },
    /** Moves assets into a folder of their library (null: its root), all or none. @example await sdk.dam.assets.move([a.id, b.id],
     * spring.id) */
    move: (assetIds: string[], folderId: string | null, options?: RequestOptions) =>
      http.call(ops.moveAssets, { body: { assetIds, folderId } }, options),
    /** The renditions of an asset with their status and URLs. @example const { data } = await sdk.dam.assets.renditions(asset.id) */
    renditions: (id: string, options?: RequestOptions) => http.call(ops.assetRenditions, { params: { id } }, options),
    /**
     * Searches the assets you see by words (prefixes, name weighted highest) and filters; best matches first.
     * @example const { data } = await sdk.dam.assets.search({ q: 'beach', tags: 'summer', folderId, rights: 'expiring' })
     */
    search: (query?: Query<typeof ops.searchAssets>, options?: RequestOptions) => http.call(ops.searchAssets, { query }, options),
    /** Confirms an AI label: it becomes a tag of the asset. @example await sdk.dam.assets.confirmLabel(asset.id, 'beach') */
    confirmLabel: (id: string, label: string, options?: RequestOptions) =>
      http.call(ops.confirmAssetLabel, { params: { id, label } }, options),
    /** Removes a wrong AI label from the asset and from search. @example await sdk.dam.assets.removeLabel(asset.id, 'dog') */
    removeLabel: (id: string, label: string, options?: RequestOptions) =>
      http.call(ops.removeAssetLabel, { params: { id, label } }, options),
    /** The CMS entries and briefs using an asset. @example const { content, briefs } = await sdk.dam.assets.whereUsed(asset.id) */
    whereUsed: (id: string, options?: RequestOptions) => http.call(ops.assetWhereUsed, { params: { id } }, options),
  };
}

/** Collections: smart rules, live assets, and a manual collection's items. */
function createCollectionClient(http: HttpClient) {
  return {
    /** @example await sdk.dam.collections.create({ name: 'Summer', slug: 'summer', collectionType: 'SMART', smartRules }) */
    create: (body: z.input<typeof collectionCreate>, options?: RequestOptions) => http.call(ops.createCollection, { body }, options),
    /** @example await sdk.dam.collections.update(id, { smartRules: { conditions, match: 'any' } }) */
    update: (id: string, body: z.input<typeof collectionUpdate>, options?: RequestOptions) =>
      http.call(ops.updateCollection, { params: { id }, body }, options),
    /** A page of a collection's assets (a SMART one's matches now). @example const { data } = await sdk.dam.collections.assets(id) */
    assets: (id: string, query?: Query<typeof ops.collectionAssets>, options?: RequestOptions) =>
      http.call(ops.collectionAssets, { params: { id }, query }, options),
    /** Appends assets to a manual collection. @example await sdk.dam.collections.addItems(id, [a.id, b.id], 'Hero options') */
    addItems: (id: string, assetIds: string[], note?: string, options?: RequestOptions) =>
      http.call(ops.addCollectionItems, { params: { id }, body: { assetIds, note } }, options),
    /** Puts these items first, in this order. @example await sdk.dam.collections.orderItems(id, [c.id, a.id]) */
    orderItems: (id: string, assetIds: string[], options?: RequestOptions) =>
      http.call(ops.orderCollectionItems, { params: { id }, body: { assetIds } }, options),
    /** @example await sdk.dam.collections.removeItem(id, asset.id) */
    removeItem: (id: string, assetId: string, options?: RequestOptions) =>
      http.call(ops.removeCollectionItem, { params: { id, assetId } }, options),
  };
}

/** Comment threads and annotations on assets. */
function createCommentClient(http: HttpClient) {
  return {
    /**
     * Comments on an asset (or replies with `parentId`), optionally annotating a point, a region or a moment.
     * @example await sdk.dam.comments.create({ assetId, content: 'Logo too small', annotation: { type: 'point', x: 0.8, y: 0.1 } })
     */
    create: (body: z.input<typeof commentCreate>, options?: RequestOptions) => http.call(ops.createComment, { body }, options),
    /** An asset's threads with their replies. @example const { data } = await sdk.dam.comments.list({ assetId, isResolved: false }) */
    list: (query?: Query<typeof ops.listComments>, options?: RequestOptions) => http.call(ops.listComments, { query }, options),
    get: (id: string, options?: RequestOptions) => http.call(ops.getComment, { params: { id } }, options),
    /** Edits your comment's text. @example await sdk.dam.comments.update(id, 'Logo a little larger') */
    update: (id: string, content: string, options?: RequestOptions) =>
      http.call(ops.updateComment, { params: { id }, body: { content } }, options),
    delete: (id: string, options?: RequestOptions) => http.call(ops.deleteComment, { params: { id } }, options),
    /** @example await sdk.dam.comments.resolve(thread.id) */
    resolve: (id: string, options?: RequestOptions) => http.call(ops.resolveComment, { params: { id } }, options),
    /** @example await sdk.dam.comments.reopen(thread.id) */
    reopen: (id: string, options?: RequestOptions) => http.call(ops.reopenComment, { params: { id } }, options),
  };
}

/** The public side of collection shares: what a share link shows, and comments through it. */
function createShareClient(http: HttpClient) {
  return {
    /** What a share link shows, without credentials. @example const { assets, canComment } = await sdk.dam.shares.view(token) */
    view: (token: string, options?: RequestOptions) => http.call(ops.viewShare, { params: { token } }, options),
    /** Threads on the shared assets (COMMENT access). @example const { data } = await sdk.dam.shares.comments(token, { assetId }) */
    comments: (token: string, query?: Query<typeof ops.listSharedComments>, options?: RequestOptions) =>
      http.call(ops.listSharedComments, { params: { token }, query }, options),
    /** @example await sdk.dam.shares.comment(token, { assetId, content: 'Warmer, please', authorName: 'Ann' }) */
    comment: (token: string, body: z.input<typeof sharedCommentCreate>, options?: RequestOptions) =>
      http.call(ops.createSharedComment, { params: { token }, body }, options),
  };
}
/** The public side of collection shares. */
export type DamShareClient = ReturnType<typeof createShareClient>;

/** Collections over the generic CRUD. */
export type DamCollectionClient = Omit<ResourceClient<typeof damResources.collections>, 'create' | 'update'> &
  ReturnType<typeof createCollectionClient>;
/** Comment threads on assets. */
export type DamCommentClient = ReturnType<typeof createCommentClient>;

/** Uploads and renditions of assets. */
export type DamAssetClient = ReturnType<typeof createAssetClient>;

/** Share links of assets: create, list, revoke, and the public side (view, download) that needs no credentials. */
export type DamLinkClient = ReturnType<typeof createLinkClient>;

function createLinkClient(http: HttpClient) {
  const list = (query?: Query<typeof ops.listLinks>, options?: RequestOptions) => http.call(ops.listLinks, { query }, options);
  return {
    list,
    async *iterate(query?: Omit<Query<typeof ops.listLinks>, 'cursor'>, options?: RequestOptions) {
      let cursor: string | null | undefined;
      do {
        const page = await list({ ...query, cursor: cursor ?? undefined }, options);
        yield* page.data;
        cursor = page.nextCursor;
      } while (cursor);
    },
    get: (id: string, options?: RequestOptions) => http.call(ops.getLink, { params: { id } }, options),
    /** @example const link = await sdk.dam.links.create({ assetId, password: 'spring-2025', maxDownloads: 5, expiresAt }) */
    create: (body: z.input<typeof linkCreate>, options?: RequestOptions) => http.call(ops.createLink, { body }, options),
    /** The token stops working at once. @example await sdk.dam.links.revoke(link.id) */
    revoke: (id: string, options?: RequestOptions) => http.call(ops.revokeLink, { params: { id } }, options),
    /** What the link leads to, without credentials. @example const { asset, hasPassword } = await sdk.dam.links.view(token) */
    view: (token: string, options?: RequestOptions) => http.call(ops.viewLink, { params: { token } }, options),
    /**
     * Downloads through a link (counting toward its limit); the `Response` streams the bytes.
     * @example const bytes = new Uint8Array(await (await sdk.dam.links.download(token, 'spring-2025')).arrayBuffer())
     */
    download: (token: string, password?: string, options?: RequestOptions) =>
      http.download('POST', ops.downloadLink.path.replace(':token', encodeURIComponent(token)), {
        body: { password },
        signal: options?.signal,
      }),
  };
}

/** External upload links: create, list, revoke, and the public side (view, upload) that needs no account. */
export type DamUploadLinkClient = ReturnType<typeof createUploadLinkClient>;

function createUploadLinkClient(http: HttpClient) {
  return {
    /** @example const link = await sdk.dam.uploadLinks.create({ folderId, expiresAt, maxFiles: 20, allowedFileTypes: ['image/*'] }) */
    create: (body: z.input<typeof uploadLinkCreate>, options?: RequestOptions) => http.call(ops.createUploadLink, { body }, options),
    /** @example const { data } = await sdk.dam.uploadLinks.list({ folderId }) */
    list: (query?: Query<typeof ops.listUploadLinks>, options?: RequestOptions) => http.call(ops.listUploadLinks, { query }, options),
    /** The token stops taking files at once. @example await sdk.dam.uploadLinks.revoke(link.id) */
    revoke: (id: string, options?: RequestOptions) => http.call(ops.revokeUploadLink, { params: { id } }, options),
    /** What the link takes, without credentials. @example const { folder, filesLeft } = await sdk.dam.uploadLinks.view(token) */
    view: (token: string, options?: RequestOptions) => http.call(ops.viewUploadLink, { params: { token } }, options),
    /**
     * Uploads one file through a link, without an account, as multipart (a browser's drop page sends the same form).
     * @example
     * await sdk.dam.uploadLinks.upload(token, { file: new File([bytes], 'hero.jpg'), password: 'spring-2025', uploaderName: 'Ann' })
     */
    upload(token: string, input: Omit<z.input<typeof linkUploadBody>, 'file'> & { file: Blob }, options?: RequestOptions) {
      const form = new FormData();
      for (const [key, value] of Object.entries(input)) if (value !== undefined) form.append(key, value);
      const path = ops.uploadThroughLink.path.replace(':token', encodeURIComponent(token));
      return http.request<OperationOutput<typeof ops.uploadThroughLink>>('POST', path, { body: form, signal: options?.signal });
    },
  };
}

/** `sdk.dam`, declared so that types which embed the SDK name it rather than spell it out. */
export interface DamClient extends Omit<ResourceClients<typeof damResources>, 'links' | 'folders' | 'collections' | 'comments'> {
  links: DamLinkClient;
  uploadLinks: DamUploadLinkClient;
  shares: DamShareClient;
  collectionShares: ResourceClient<typeof damResources.collectionShares> & {
    link(id: string, body?: z.input<typeof shareLinkBody>, options?: RequestOptions): Promise<OperationOutput<typeof ops.createShareLink>>;
  };
  collections: DamCollectionClient;
  comments: DamCommentClient;
  folders: Omit<ResourceClient<typeof damResources.folders>, 'create' | 'update' | 'delete'> & {
    delete(
      id: string,
      query?: z.input<typeof folderDeleteQuery>,
      options?: RequestOptions,
    ): Promise<OperationOutput<typeof ops.deleteFolder>>;
    create(body: z.input<typeof folderCreate>, options?: RequestOptions): Promise<OperationOutput<typeof ops.createFolder>>;
    update(id: string, body: z.input<typeof folderUpdate>, options?: RequestOptions): Promise<OperationOutput<typeof ops.updateFolder>>;
  };
  assets: ResourceClient<typeof damResources.assets> & DamAssetClient;
  versions: ResourceClient<typeof damResources.versions> & {
    restore(
      id: string,
      body?: z.input<typeof versionRestore>,
      options?: RequestOptions,
    ): Promise<OperationOutput<typeof ops.restoreVersion>>;
  };
  renditions: ResourceClient<typeof damResources.renditions> & {
    retry(id: string, options?: RequestOptions): Promise<OperationOutput<typeof ops.retryRendition>>;
  };
}

/** `sdk.dam`: a typed client per dam resource, with the DAM rules' operations over the generic CRUD. */
export function createDamClient(http: HttpClient): DamClient {
  const generic = resourceClients(http, damResources);
  const assets = createAssetClient(http);
  return {
    ...generic,
    assets: { ...generic.assets, ...assets },
    links: createLinkClient(http),
    uploadLinks: createUploadLinkClient(http),
    shares: createShareClient(http),
    collectionShares: {
      ...generic.collectionShares,
      /** A signed link giving the share's access without an account.
       * @example const { token } = await sdk.dam.collectionShares.link(share.id) */
      link: (id, body = {}, options) => http.call(ops.createShareLink, { params: { id }, body }, options),
    },
    collections: { ...generic.collections, ...createCollectionClient(http) },
    comments: createCommentClient(http),
    versions: {
      ...generic.versions,
      /** @example await sdk.dam.versions.restore(first.id, { changeNote: 'Back to the approved cut' }) */
      restore: (id, body = {}, options) => http.call(ops.restoreVersion, { params: { id }, body }, options),
    },
    folders: {
      ...generic.folders,
      /** Path and depth come from the parent. @example await sdk.dam.folders.create({ libraryId, name: 'Spring', parentId: campaigns.id })
       * */
      create: (body, options) => http.call(ops.createFolder, { body }, options),
      /** Renames or moves a folder with its subtree. @example await sdk.dam.folders.update(spring.id, { parentId: archive.id }) */
      update: (id, body, options) => http.call(ops.updateFolder, { params: { id }, body }, options),
      /** Deletes a folder and its subfolders; one that holds anything needs `assets: 'move'` (with `to`) or `'delete'`.
       * @example await sdk.dam.folders.delete(spring.id, { assets: 'move', to: archive.id }) */
      delete: (id, query = {}, options) => http.call(ops.deleteFolder, { params: { id }, query }, options),
    },
    renditions: {
      ...generic.renditions,
      /** Makes a FAILED rendition again. @example await sdk.dam.renditions.retry(rendition.id) */
      retry: (id: string, options?: RequestOptions) => http.call(ops.retryRendition, { params: { id } }, options),
    },
  };
}

/** An upload's reply as the SDK returns it. */
export type DamUploadResult = OperationOutput<typeof ops.streamUpload>;

import type { SpokeStack } from '@spokestack/core';

// The DAM shapes the components render, as the SDK returns them (types only: no zod reaches the browser).
type Dam = SpokeStack['dam'];
type Data<F extends (...args: never[]) => Promise<{ data: unknown[] }>> = Awaited<ReturnType<F>>['data'][number];

/** An asset as search lists it (an asset row with its rank). */
export type SearchHitView = Data<Dam['assets']['search']>;
/** A rendition with its status and URL. */
export type RenditionView = Data<Dam['assets']['renditions']>;
/** A comment thread with its replies. */
export type CommentThreadView = Data<Dam['comments']['list']>;
/** A share link as its creator sees it. */
export type AssetLinkView = Data<Dam['links']['list']>;
/** A collection share: one email's access level on a collection. */
export type CollectionShareView = Data<Dam['collectionShares']['list']>;
/** What an upload answers: the new asset and any assets with the same bytes. */
export type UploadResultView = Awaited<ReturnType<Dam['assets']['upload']>>;
/** A folder row. */
export type FolderView = Data<Dam['folders']['list']>;

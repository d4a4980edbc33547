// `@spokestack/react/dam`: the asset browser, its grid, upload panel and detail dialog, share links, the asset
// picker for media fields, and the DAM data hooks. A separate entry point, so pages without assets never
// download Uppy or the virtualizer; `import { AssetPicker }` alone leaves the uploader out.
export { AssetBrowser, type AssetBrowserProps } from './AssetBrowser.js';
export { AssetGrid, assetDragType, type AssetGridProps } from './AssetGrid.js';
export { AssetDetail, type AssetDetailProps } from './AssetDetail.js';
export { AssetPicker, type AssetChoice, type AssetPickerProps } from './AssetPicker.js';
export { AssetThumbnail, placeholderOf, type AssetThumbnailProps } from './Thumbnail.js';
export { ShareDialog, type ShareDialogProps } from './ShareDialog.js';
export { SharedAsset, type SharedAssetProps } from './SharedAsset.js';
export { UploadPanel, useAssetUploads, type AssetTusOptions, type AssetUppy, type UploadPanelProps } from './uploads.js';
export { createSelectionStore, type SelectionState } from './selection.js';
export {
  damKeys,
  useAssetComments,
  useAssetLinks,
  useAssetRenditions,
  useAssetSearch,
  useAssetVersions,
  useCollectionShareMutations,
  useCollectionShares,
  useCreateComment,
  useFolders,
  useLibraries,
  useLinkMutations,
  useMoveAssets,
  useWhereUsed,
  type AssetFacets,
  type AssetSearchQuery,
  type AssetSearchPage,
  type Dam,
  type FacetCount,
} from './hooks.js';
export type {
  AssetLinkView,
  CollectionShareView,
  CommentThreadView,
  FolderView,
  RenditionView,
  SearchHitView,
  UploadResultView,
} from './types.js';
export {
  assetBrowserStrings,
  assetPickerStrings,
  sharedAssetStrings,
  shareDialogStrings,
  type AssetBrowserStrings,
  type AssetPickerStrings,
  type SharedAssetStrings,
  type ShareDialogStrings,
} from './strings.js';

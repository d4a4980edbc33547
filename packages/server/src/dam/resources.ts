import * as t from './schema.js';

/** DAM tables exposed as resources under `/v1/dam/…`. */
export const damTables = {
  libraries: t.assetLibraries,
  folders: t.assetFolders,
  assets: t.assets,
  versions: t.assetVersions,
  renditions: t.assetRenditions,
  collections: t.assetCollections,
  collectionItems: t.assetCollectionItems,
  collectionShares: t.collectionShares,
  links: t.assetLinks,
  comments: t.assetComments,
  briefLinks: t.briefAssetLinks,
};

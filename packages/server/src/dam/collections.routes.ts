import { damOps as ops } from '@spokestack/core/dam';
import type { Db } from '../db/client.js';
import { type Router, refused } from '../http/router.js';
import {
  addCollectionItems,
  collectionAssets,
  createCollection,
  orderCollectionItems,
  removeCollectionItem,
  updateCollection,
} from './collections.js';

/** Collections: smart rules checked on the way in, assets read live, manual items kept in order. @example collectionRoutes(router, db) */
export function collectionRoutes(router: Router, db: Db): void {
  router.on(ops.createCollection, ({ ctx, body }) => createCollection(db, ctx, body));
  router.on(ops.updateCollection, ({ ctx, params, body }) => updateCollection(db, ctx, params.id, body));
  router.on(ops.collectionAssets, ({ ctx, params, query }) => collectionAssets(db, ctx, params.id, query));
  router.on(ops.addCollectionItems, ({ ctx, params, body }) => addCollectionItems(db, ctx, params.id, body));
  router.on(ops.orderCollectionItems, ({ ctx, params, body }) => orderCollectionItems(db, ctx, params.id, body.assetIds));
  router.on(ops.removeCollectionItem, ({ ctx, params }) => removeCollectionItem(db, ctx, params.id, params.assetId));
  router.on(ops.createCollectionItemRefused, refused('Add items with POST /v1/dam/collections/:id/items'));
}

import { dealOps as ops } from '@spokestack/core/crm';
import type { Db } from '../db/client.js';
import { type Router, refused } from '../http/router.js';
import {
  addDealCompetitor,
  addDealContact,
  createDeal,
  createPipeline,
  getBoard,
  getCompanySummary,
  getForecast,
  listDealHistory,
  logDealActivity,
  moveDeal,
  removeDealContact,
  reopenDeal,
  updateDeal,
  updateDealCompetitor,
  updateDealContact,
  updatePipeline,
} from './deals.js';

const readOnly = 'the log is written by the rules: moves, wins, losses and contact changes';

/** Pipelines, deals and their contacts, activities, competitors, stage history, board and forecast. @example dealRoutes(router, db) */
export function dealRoutes(router: Router, db: Db): void {
  router.on(ops.createPipeline, ({ ctx, body }) => createPipeline(db, ctx, body));
  router.on(ops.updatePipeline, ({ ctx, params, body }) => updatePipeline(db, ctx, params.id, body));
  router.on(ops.getBoard, ({ ctx, params, query }) => getBoard(db, ctx, params.id, query));
  router.on(ops.createDeal, ({ ctx, body }) => createDeal(db, ctx, body));
  router.on(ops.updateDeal, ({ ctx, params, body }) => updateDeal(db, ctx, params.id, body));
  router.on(ops.moveDeal, ({ ctx, params, body }) => moveDeal(db, ctx, params.id, body));
  router.on(ops.reopenDeal, ({ ctx, params, body }) => reopenDeal(db, ctx, params.id, body));
  router.on(ops.listDealHistory, ({ ctx, params, query }) => listDealHistory(db, ctx, params.id, query));
  router.on(ops.getForecast, ({ ctx, query }) => getForecast(db, ctx, query));
  router.on(ops.companySummary, ({ ctx, params }) => getCompanySummary(db, ctx, params.id));
  router.on(ops.createDealContact, ({ ctx, body }) => addDealContact(db, ctx, body));
  router.on(ops.updateDealContact, ({ ctx, params, body }) => updateDealContact(db, ctx, params.id, body));
  router.on(ops.deleteDealContact, ({ ctx, params }) => removeDealContact(db, ctx, params.id));
  router.on(ops.createDealActivity, ({ ctx, body }) => logDealActivity(db, ctx, body));
  router.on(ops.createDealCompetitor, ({ ctx, body }) => addDealCompetitor(db, ctx, body));
  router.on(ops.updateDealCompetitor, ({ ctx, params, body }) => updateDealCompetitor(db, ctx, params.id, body));
  for (const op of [
    ops.updateDealActivityRefused,
    ops.deleteDealActivityRefused,
    ops.createStageHistoryRefused,
    ops.updateStageHistoryRefused,
    ops.deleteStageHistoryRefused,
  ])
    router.on(op, refused(readOnly));
}

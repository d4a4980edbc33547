import { scoringOps as ops } from '@spokestack/core/crm';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createScoringRule, deleteScoringRule, explainScore, rescoreContact, updateScoringRule } from './scoring.js';

/** Lead scoring rules (validated conditions) and a contact's explained score. @example scoringRoutes(router, db) */
export function scoringRoutes(router: Router, db: Db): void {
  router.on(ops.createScoringRule, ({ ctx, body }) => createScoringRule(db, ctx, body));
  router.on(ops.updateScoringRule, ({ ctx, params, body }) => updateScoringRule(db, ctx, params.id, body));
  router.on(ops.deleteScoringRule, ({ ctx, params }) => deleteScoringRule(db, ctx, params.id));
  router.on(ops.explainScore, ({ ctx, params }) => explainScore(db, ctx, params.id));
  router.on(ops.rescoreContact, ({ ctx, params }) => rescoreContact(db, ctx, params.id));
}

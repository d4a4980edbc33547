import * as z from 'zod';
import { membershipRole } from '../platform/enums.js';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { analyticsBase, analyticsTag } from './metrics.js';

// Cookieless web analytics: the tracker's ingestion endpoint (public; the body is read as text because
// `sendBeacon` posts text/plain), the daily rollup into the spec's aggregates, and real-time visitors.

export const webRollupInput = z.strictObject({ date: f.date() });
export const webRollupResult = z.object({
  date: z.string(),
  /** Rows written per aggregate table for the day (the day's previous rows are replaced). */
  pages: z.number().int(),
  events: z.number().int(),
  conversions: z.number().int(),
  sessions: z.number().int(),
  /** Raw events the day holds. */
  rawEvents: z.number().int(),
});
export const realtimeVisitors = z.object({
  /** Distinct visitors with an event in the last 5 minutes. */
  visitors: z.number().int(),
  pageviews: z.number().int(),
  pages: z.array(z.object({ path: z.string(), visitors: z.number().int() })),
  since: f.timestamp(),
});

export const webOps = {
  collect: defineOperation({
    id: 'analytics.collect',
    description:
      'Where the web tracker sends one pageview, event or conversion (JSON sent as text/plain, so browsers ' +
      "send it without a preflight). Needs no credentials: only the web property's own domain may send; " +
      'bots are dropped and public rate limits apply.',
    method: 'POST',
    path: `${analyticsBase}/collect`,
    tag: analyticsTag,
    summary: "The tracker's ingestion endpoint: one pageview, event or conversion (JSON sent as text/plain)",
    auth: 'public',
    response: z.object({}),
    status: 204,
  }),
  rollupWebDay: defineOperation({
    id: 'analytics.webProperties.rollup',
    description:
      "Rolls a day's raw tracker events of a web property into its page, event, conversion and session " +
      'aggregates. Running it again for the same day gives the same result.',
    method: 'POST',
    path: `${analyticsBase}/web-properties/:id/rollup`,
    tag: analyticsTag,
    summary: "Roll a day's raw events up into the page, event, conversion and session aggregates (idempotent)",
    params: idParams,
    body: webRollupInput,
    response: webRollupResult,
    roles: ['OWNER', 'ADMIN', 'MEMBER'],
  }),
  realtime: defineOperation({
    id: 'analytics.webProperties.realtime',
    description: 'Visitors of a web property in the last 5 minutes and the pages they are on.',
    method: 'GET',
    path: `${analyticsBase}/web-properties/:id/realtime`,
    tag: analyticsTag,
    summary: 'Visitors in the last 5 minutes, and the pages they are on',
    params: idParams,
    response: realtimeVisitors,
    roles: membershipRole,
  }),
};

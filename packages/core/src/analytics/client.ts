import type { z } from 'zod';
import type { HttpClient, RequestOptions } from '../shared/http.js';
import type { Operation } from '../shared/operation.js';
import { resourceClients } from '../shared/resource-client.js';
import { analyticsOps as ops } from './operations.js';
import { analyticsResources } from './rows.gen.js';

type Body<O extends Operation> = z.input<NonNullable<O['body']>>;
type Query<O extends Operation> = z.input<NonNullable<O['query']>>;

/** `sdk.analytics`: a typed client per analytics resource, with the media metrics' write path and query engine. */
export function createAnalyticsClient(http: HttpClient) {
  return {
    ...resourceClients(http, analyticsResources),
    metrics: {
      /**
       * Writes daily metrics of one level in bulk; a day sent again replaces the stored one.
       * @example await sdk.analytics.metrics.upsert({ level: 'campaign', rows: [{ campaignId, date: '2026-03-01', spend: '120.50', impressions: 48000, clicks: 960 }] })
       */
      upsert: (body: Body<typeof ops.upsertMetrics>, options?: RequestOptions) => http.call(ops.upsertMetrics, { body }, options),
      /**
       * Sums and re-derived ratios over a date range, by day/week/month × campaign/ad set/platform/client, with the previous period.
       * @example const { totals } = await sdk.analytics.metrics.query({ from: '2026-03-01', to: '2026-03-31', dimension: 'platform' })
       */
      query: (query: Query<typeof ops.queryMetrics>, options?: RequestOptions) => http.call(ops.queryMetrics, { query }, options),
    },
  };
}

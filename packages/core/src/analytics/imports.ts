import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { adCampaignStatus } from './enums.js';
import { analyticsBase, analyticsId, analyticsTag, maxUpsertRows } from './metrics.js';
import { syncLogs } from './rows.gen.js';

// Report imports (the CSV exports of Meta Ads Manager and Google Ads) and the CUSTOM_API push: both
// become campaigns, ad sets, ads and daily metrics of one platform connection, by the same mapping.

const reportPlatforms = ['META_ADS', 'GOOGLE_ADS'] as const;
const writers = ['OWNER', 'ADMIN', 'MEMBER'] as const;
const yes = z.union([z.boolean(), f.queryBool()]);

export const reportImport = z.object({
  file: z.file({ error: 'Required: the CSV export' }).describe('The CSV file as downloaded from Meta Ads Manager or Google Ads'),
  /** Read the file as this platform's export instead of detecting it. */
  platform: z.enum(reportPlatforms).optional(),
  /** The currency of rows whose file names none (default: the connection's campaigns' or USD). */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  dateOrder: z.enum(['mdy', 'dmy']).optional(),
  decimalSeparator: z.enum(['.', ',']).optional(),
  /** JSON object: per field, the header to read it from instead of the detected one (null leaves it out). */
  columns: z.string().max(5000).optional().describe('JSON, e.g. {"clicks":"Clicks (all)","reach":null}'),
  /** Only read the file and answer the mapping and the first rows, writing nothing. */
  dryRun: yes.optional(),
});

const entity = z.strictObject({
  externalId: z.string().min(1).max(500),
  name: z.string().min(1).max(500),
});
const metric = f.decimal(18, 2).optional();
/** One pushed day of one campaign, ad set or ad (the deepest one named), as a connector reports it. */
export const pushedRow = z.strictObject({
  date: f.date(),
  campaign: entity.extend({
    status: z.enum(adCampaignStatus).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
  }),
  adSet: entity.optional(),
  ad: entity.optional(),
  spend: metric,
  impressions: metric,
  reach: metric,
  clicks: metric,
  conversions: metric,
  conversionValue: metric,
});
export const metricsPush = z.strictObject({ rows: z.array(pushedRow).min(1).max(maxUpsertRows) });

/** Why a line of a file (or a pushed row) was not imported. */
export const importError = z.object({
  line: z.number().int(),
  field: z.string().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});
export const importResult = z.object({
  platform: z.string(),
  /** 0 to 1: how sure the platform detection was (1 when given). */
  confidence: z.number(),
  /** The header each field was read from. */
  columns: z.record(z.string(), z.string()),
  unmapped: z.array(z.string()),
  /** The deepest level the rows name: `ad`, `adSet`, `campaign` or `account`. */
  level: z.string().nullable(),
  rows: z.number().int(),
  /** Lines not imported, with why (at most 100 listed; `errorCount` counts them all). */
  errors: z.array(importError),
  errorCount: z.number().int(),
  /** Total and summary lines the platforms append, skipped rather than summed. */
  skippedTotals: z.number().int(),
  /** The file stopped being readable CSV before its end (nothing after that line was imported). */
  complete: z.boolean(),
  period: z.object({ from: z.string(), to: z.string() }).nullable(),
  /** Entities created or updated, and daily metric rows written per level (0 for a dry run). */
  written: z.object({
    campaigns: z.number().int(),
    adSets: z.number().int(),
    ads: z.number().int(),
    campaignDays: z.number().int(),
    adSetDays: z.number().int(),
    adDays: z.number().int(),
    accountDays: z.number().int(),
  }),
  /** Sums of what was read, as the file states them (for checking against the platform's own totals). */
  totals: z.object({ spend: z.string(), impressions: z.string(), clicks: z.string(), conversions: z.string() }),
  /** A dry run's first rows, normalized. */
  preview: z.array(z.record(z.string(), z.unknown())).nullable(),
  /** The `platform_sync_logs` row of this import (null for a dry run). */
  syncLogId: z.string().nullable(),
});
export type ImportResult = z.output<typeof importResult>;

/**
 * A background sync of a connection from a report export already uploaded (`POST /v1/platform/files`):
 * a Meta Ads or Google Ads CSV, or JSON in the push's shape (`{ "rows": [...] }` or the bare array).
 */
export const connectionSync = z.strictObject({
  fileId: analyticsId.describe('The uploaded export, a file of the same organization'),
  platform: z.enum(reportPlatforms).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  dateOrder: z.enum(['mdy', 'dmy']).optional(),
  decimalSeparator: z.enum(['.', ',']).optional(),
  /** Per field, the header to read it from instead of the detected one (null leaves it out). */
  columns: z.record(z.string().max(100), z.string().max(500).nullable()).optional(),
});

export const importOps = {
  syncPlatform: defineOperation({
    id: 'analytics.platforms.sync',
    method: 'POST',
    path: `${analyticsBase}/platforms/:id/syncs`,
    tag: analyticsTag,
    summary: "Queue a sync of a connection from an uploaded report export; follow it on the reply's sync log",
    description: 'Queues a background import of a file uploaded earlier; the reply is the sync log whose status and counts show progress.',
    params: idParams,
    body: connectionSync,
    response: syncLogs.row,
    status: 202,
    roles: writers,
  }),
  importReport: defineOperation({
    id: 'analytics.platforms.import',
    description:
      "Imports an ad platform's CSV export (Meta Ads or Google Ads) into a connection: its campaigns and " +
      'daily metrics are created or updated, and the sync is logged.',
    method: 'POST',
    path: `${analyticsBase}/platforms/:id/imports`,
    tag: analyticsTag,
    summary: 'Import a Meta Ads or Google Ads CSV export into a connection',
    params: idParams,
    body: reportImport,
    bodyType: 'multipart',
    response: importResult,
    roles: writers,
  }),
  pushMetrics: defineOperation({
    id: 'analytics.platforms.push',
    description:
      'Pushes campaigns and daily metrics from any source into a CUSTOM_API connection; idempotent per day, ' + 'logged as a sync.',
    method: 'POST',
    path: `${analyticsBase}/platforms/:id/push`,
    tag: analyticsTag,
    summary: 'Push campaigns and daily metrics from any source (CUSTOM_API connections)',
    params: idParams,
    body: metricsPush,
    response: importResult,
    roles: writers,
  }),
};

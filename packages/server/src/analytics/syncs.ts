import { analyticsResources, connectionSync, pushedRow } from '@spokestack/core/analytics';
import { and, eq } from 'drizzle-orm';
import * as z from 'zod';
import type { Json } from '../db/columns.js';
import { type Db, transaction } from '../db/client.js';
import { resourceService } from '../db/resource-service.js';
import { badRequest, HttpError } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { fileContent } from '../platform/files.js';
import { files } from '../platform/schema.js';
import { openReport, ReportFormatError, type ReportSummary, type RowError } from './importers/index.js';
import { type Connection, connectionOf, type Head, type ImportRow, ingest, pushedRows, reportOptions } from './imports.js';
import { analyticsPlatforms, platformSyncLogs } from './schema.js';

// Background syncs of a platform connection. A connector reads the rows from its source — the one
// shipped reads a report export the user uploaded (Meta/Google CSV, or JSON in the push's shape); an
// API connector would read the platform's reporting API with the connection's decrypted token — and
// the job writes them through the same idempotent upsert as a direct import, keeping its progress,
// counts and errors on the sync log queued with it. Running a sync again replaces the same days.

export const platformSyncJobName = 'analytics.platformSync';
type ConnectionSync = z.output<typeof connectionSync>;
const platforms = resourceService(analyticsPlatforms, analyticsResources.platforms);
/** Rows read between two progress writes on the sync log. */
const progressEvery = 1000;

/** What a connector reads with: the connection, its secrets opened on demand, where to start, the request. */
export interface ConnectorRun {
  db: Db;
  ctx: TenantContext;
  connection: Connection;
  /** The plaintext of one of the connection's encrypted columns (an API connector's token); null when unset. */
  secret(key: 'credentials' | 'accessToken' | 'refreshToken'): Promise<string | null>;
  /** The last successful sync, for a connector that asks its platform only for the days since. */
  since: Date | null;
  /** The uploaded export a manual sync names; null for a scheduled sync, which reads the platform itself. */
  source: ConnectionSync | null;
}

/** What a connector found: how it read the source, its rows in batches, and the counts once read. */
export interface ConnectorReport {
  head: Head;
  batches: AsyncIterable<{ rows: ImportRow[]; errors: RowError[] }>;
  summary(): ReportSummary;
}

/** A source of campaigns and daily metrics for a connection. */
export interface Connector {
  read(run: ConnectorRun): Promise<ConnectorReport>;
}

/** A source that cannot be read as it is (retrying would fail the same way): the sync fails at once. */
export class ConnectorError extends Error {}

/**
 * Reads the uploaded export a sync names: JSON (`{ "rows": [...] }` or an array of the push's rows,
 * each row checked on its own) or a Meta Ads / Google Ads CSV through the report importer.
 */
export const reportFileConnector: Connector = {
  async read({ db, ctx, connection, source }) {
    if (!source) throw new ConnectorError('A report export sync needs the uploaded file to read');
    const { body, row } = await fileContent(db, ctx, source.fileId, { tenant: ctx }).catch((error: unknown) => {
      if (error instanceof HttpError && error.status === 404) throw new ConnectorError('The export file was deleted before the sync ran');
      throw error;
    });
    const [first, rest] = body.tee();
    // The first bytes tell JSON from CSV; the other branch of the stream is what is read.
    const peek = first.getReader();
    const head = new TextDecoder().decode((await peek.read()).value ?? new Uint8Array()).trimStart();
    void peek.cancel();
    if (row.mimeType === 'application/json' || head.startsWith('{') || head.startsWith('[')) return jsonReport(connection, rest);
    const reader = await openReport(rest, reportOptions(connection, source, source.columns));
    return {
      head: reader,
      summary: () => reader.summary,
      batches: (async function* () {
        let batch = { rows: [] as ImportRow[], errors: [] as RowError[] };
        for await (const record of reader.records()) {
          if (record.type === 'row') batch.rows.push(record.row);
          else if (record.type === 'error') batch.errors.push(...record.errors);
          if (batch.rows.length >= progressEvery) {
            yield batch;
            batch = { rows: [], errors: [] };
          }
        }
        yield batch;
      })(),
    };
  },
};

const jsonExport = z.union([z.array(z.unknown()), z.object({ rows: z.array(z.unknown()) })]);

async function jsonReport(connection: Connection, body: ReadableStream<Uint8Array>): Promise<ConnectorReport> {
  let parsed: z.output<typeof jsonExport>;
  try {
    parsed = jsonExport.parse(JSON.parse(await new Response(body).text()));
  } catch {
    throw new ConnectorError('The JSON export is not an array of rows or an object with "rows"');
  }
  const list = Array.isArray(parsed) ? parsed : parsed.rows;
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  list.forEach((item, i) => {
    const check = pushedRow.safeParse(item);
    const issue = check.success ? (check.data.ad && !check.data.adSet ? 'An ad needs its ad set' : null) : null;
    if (check.success && !issue) rows.push({ ...pushedRows([check.data])[0]!, line: i + 1 });
    else {
      const first = check.error?.issues[0];
      const field = first ? first.path.join('.') : 'adSet';
      errors.push({ line: i + 1, field: null, column: field, value: null, message: issue ?? `${field}: ${first?.message}` });
    }
  });
  const head: Head = { platform: connection.platform, confidence: 1, columns: {}, unmapped: [] };
  return {
    head,
    summary: () => ({ rows: rows.length, errors: errors.length, totals: 0, complete: true }),
    batches: (async function* () {
      for (let i = 0; i < Math.max(rows.length, 1); i += progressEvery)
        yield { rows: rows.slice(i, i + progressEvery), errors: i ? [] : errors };
    })(),
  };
}

/**
 * Queues a sync of a connection from an uploaded export and answers its sync log (`queued`). The file
 * must be the organization's; a platform that contradicts the connection's is refused now, not in the job.
 *
 * @example const log = await queueSync(db, ctx, connection.id, { fileId: file.id })
 */
export async function queueSync(
  db: Db,
  ctx: TenantContext,
  connectionId: string,
  source: ConnectionSync,
): Promise<typeof platformSyncLogs.$inferSelect> {
  const connection = await connectionOf(db, ctx, connectionId);
  reportOptions(connection, source);
  const [file] = await db
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.organizationId, ctx.organizationId), eq(files.id, source.fileId)));
  if (!file) throw badRequest([{ path: 'body.fileId', message: 'No file with this id' }]);
  return transaction(db, async (tx) => {
    const [log] = await tx
      .insert(platformSyncLogs)
      .values({ organizationId: ctx.organizationId, platformId: connection.id, syncType: 'sync', status: 'queued', startedAt: ctx.now })
      .returning();
    await ctx.jobs.enqueue(platformSyncJobName, { syncLogId: log!.id, connectionId: connection.id, source } as Json, {
      organizationId: ctx.organizationId,
      uniqueKey: `${platformSyncJobName}:${log!.id}`,
      db: tx,
    });
    await recordActivity(tx, ctx, {
      action: 'sync_queued',
      entityType: 'analytics_platforms',
      entityId: connection.id,
      entityTitle: connection.name,
      clientId: connection.clientId,
      metadata: { syncLogId: log!.id, fileId: source.fileId },
    });
    return log!;
  });
}

const syncPayload = z.object({ syncLogId: z.string(), connectionId: z.string(), source: connectionSync.nullable() });

/**
 * Runs one queued sync with a connector: writes progress to the sync log as batches are read, then the
 * rows through the one upsert. A source that cannot be read fails the log at once; anything else (the
 * database, storage, a platform's outage) fails the attempt too, and the queue retries it with
 * backoff. A finished log is not run again.
 *
 * @example await runSync(db, ctx, reportFileConnector, { syncLogId, connectionId, source })
 */
export async function runSync(
  db: Db,
  ctx: TenantContext,
  connector: Connector,
  { syncLogId, connectionId, source }: z.output<typeof syncPayload>,
): Promise<void> {
  const logWhere = and(eq(platformSyncLogs.organizationId, ctx.organizationId), eq(platformSyncLogs.id, syncLogId));
  const [log] = await db.select({ status: platformSyncLogs.status }).from(platformSyncLogs).where(logWhere);
  // Deleted with its connection, or already done by an attempt whose completion was not recorded.
  if (!log || log.status === 'success' || log.status === 'partial') return;
  const connection = await connectionOf(db, ctx, connectionId);
  const started = performance.now();
  const progress = (values: Partial<typeof platformSyncLogs.$inferInsert>) => db.update(platformSyncLogs).set(values).where(logWhere);
  await progress({ status: 'running', recordsProcessed: 0, recordsFailed: 0, error: null });
  try {
    const report = await connector.read({
      db,
      ctx,
      connection,
      source,
      since: connection.lastSyncStatus === 'success' ? connection.lastSyncAt : null,
      secret: (key) => platforms.openSecret(db, ctx, connection.id, key),
    });
    const rows: ImportRow[] = [];
    const errors: RowError[] = [];
    for await (const batch of report.batches) {
      rows.push(...batch.rows);
      errors.push(...batch.errors);
      await progress({ recordsProcessed: rows.length, recordsFailed: errors.length });
    }
    await ingest(db, ctx, connection, 'sync', report.head, rows, errors, report.summary(), started, syncLogId);
  } catch (error) {
    const permanent = error instanceof ConnectorError || error instanceof ReportFormatError;
    const message = error instanceof Error ? error.message : String(error);
    const duration = Math.round(performance.now() - started);
    await transaction(db, async (tx) => {
      await tx
        .update(platformSyncLogs)
        .set({ status: 'failed', error: message.slice(0, 2000), completedAt: new Date(ctx.now.getTime() + duration), duration })
        .where(logWhere);
      await tx
        .update(analyticsPlatforms)
        .set({ lastSyncAt: ctx.now, lastSyncStatus: 'failed', lastSyncError: message.slice(0, 2000) })
        .where(and(eq(analyticsPlatforms.organizationId, ctx.organizationId), eq(analyticsPlatforms.id, connection.id)));
    });
    if (!permanent) throw error;
  }
}

/** The sync job: the queued sync, read by the report file connector (the only source a sync names today). */
export const runPlatformSync = (db: Db, ctx: TenantContext, payload: Json) =>
  runSync(db, ctx, reportFileConnector, syncPayload.parse(payload));

import { Readable } from 'node:stream';
import type { ContactImportField, contactImportCreate, contactImportError, contactImportStatus, importDedupe } from '@spokestack/core/crm';
import { contactCreate, crmResources } from '@spokestack/core/crm';
import { CsvError, parse } from 'csv-parse';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { resourceService } from '../db/resource-service.js';
import { HttpError, badRequest, mapDbError } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { fileContent } from '../platform/files.js';
import { draftContacts, insertContacts, updateContact } from './contacts.js';
import { erasedEmails } from './suppression.js';
import { contacts, crmContactImports } from './schema.js';

// CSV imports of contacts. The file is read as a stream, never whole; rows go in batches, and each
// batch commits together with the import's counters, errors and checkpoint (`processedRows`), so a job
// that dies mid-file resumes after its last committed batch: no row lost, none written twice.

export const contactImportJobName = 'crm.contactImport';
const batchRows = 500;
const maxStoredErrors = 10_000;

type ImportRow = typeof crmContactImports.$inferSelect;
type RowError = z.output<typeof contactImportError>;
type Mapping = Record<string, ContactImportField>;
/** The row as the contract types its JSON columns, which only this module writes. */
type ImportView = Omit<ImportRow, 'mapping' | 'errors' | 'status' | 'dedupe'> & {
  mapping: Mapping;
  errors: RowError[];
  status: (typeof contactImportStatus)[number];
  dedupe: (typeof importDedupe)[number];
};
const asView = (row: ImportRow) => row as unknown as ImportView;

const importService = resourceService(crmContactImports, crmResources.contactImports);

const csvOptions = { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true } as const;

/** The header line of a stored CSV, read from the start of its stream. */
async function headerOf(body: ReadableStream<Uint8Array>): Promise<string[]> {
  const input = Readable.fromWeb(body as never);
  const parser = input.pipe(parse({ ...csvOptions, to_line: 1 }));
  try {
    for await (const { record } of parser as AsyncIterable<{ record: string[] }>) return record;
    return [];
  } finally {
    input.destroy();
  }
}

/**
 * Starts an import: checks the mapping against the file's header, writes the import row and enqueues its
 * job in one transaction (so there is never an import without a job, or a job without its import).
 *
 * @example await createContactImport(db, ctx, { fileId, mapping: { 'E-mail': 'email', First: 'firstName', Last: 'lastName' } })
 */
export async function createContactImport(db: Db, ctx: TenantContext, input: z.output<typeof contactImportCreate>) {
  const mapping = input.mapping as Mapping;
  const errors = [];
  const fields = Object.values(mapping);
  for (const required of ['firstName', 'lastName'] as const)
    if (!fields.includes(required)) errors.push({ path: 'body.mapping', message: `Map a column to ${required}` });
  for (const [header, field] of Object.entries(mapping))
    if (fields.indexOf(field) !== fields.lastIndexOf(field))
      errors.push({ path: `body.mapping.${header}`, message: `${field} is mapped from more than one column` });
  if (errors.length) throw badRequest(errors);
  const file = await fileContent(db, ctx, input.fileId, { tenant: ctx }).catch((error: unknown) => {
    if (error instanceof HttpError && error.status === 404) throw badRequest([{ path: 'body.fileId', message: 'No file with this id' }]);
    throw error;
  });
  let header: string[];
  try {
    header = await headerOf(file.body);
  } catch (error) {
    if (error instanceof CsvError) throw badRequest([{ path: 'body.fileId', message: `Not a readable CSV file: ${error.message}` }]);
    throw error;
  }
  const unknown = Object.keys(mapping).filter((h) => !header.includes(h));
  if (unknown.length)
    throw badRequest(
      unknown.map((h) => ({
        path: `body.mapping.${h}`,
        message: `No such column in the file (it has: ${header.join(', ').slice(0, 300)})`,
      })),
    );
  return transaction(db, async (tx) => {
    const row = await importService.create(tx, ctx, {
      fileId: file.row.id,
      fileName: file.row.name,
      mapping,
      dedupe: input.dedupe,
      dryRun: input.dryRun,
      totalBytes: file.size,
    });
    const job = await ctx.jobs.enqueue(
      contactImportJobName,
      { importId: row.id },
      // Retries resume from the checkpoint, so a flaky storage read costs a few attempts, not the import.
      { db: tx, organizationId: ctx.organizationId, uniqueKey: `${contactImportJobName}:${row.id}`, maxAttempts: 10 },
    );
    return asView(await importService.update(tx, ctx, row.id, { jobId: job.id }, false));
  });
}

const yes = new Set(['yes', 'y', 'true', '1', 'x']);
const no = new Set(['no', 'n', 'false', '0', '']);

/** A CSV record as a contact write, or the line's errors (column and field named, value left out). */
function toContact(record: Record<string, string>, mapping: Mapping, line: number, fileName: string) {
  const values: Record<string, unknown> = {};
  const errors: RowError[] = [];
  for (const [column, field] of Object.entries(mapping)) {
    const cell = record[column]?.trim() ?? '';
    if (field === 'tags')
      values.tags = cell
        ? cell
            .split(/[,;]/)
            .map((t) => t.trim())
            .filter(Boolean)
        : undefined;
    else if (field === 'marketingConsent') {
      const v = cell.toLowerCase();
      if (yes.has(v)) values.marketingConsent = true;
      else if (!no.has(v)) errors.push({ line, column, field, message: 'Expected yes or no' });
    } else if (cell) values[field] = field === 'contactType' || field === 'status' || field === 'source' ? cell.toUpperCase() : cell;
  }
  if (values.marketingConsent && !values.marketingConsentSource) values.marketingConsentSource = `import: ${fileName}`;
  const parsed = contactCreate.safeParse({ source: 'IMPORT', ...values });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      errors.push({ line, column: columnOf(mapping, field), field: field || null, message: issue.message });
    }
  return errors.length || !parsed.success ? { line, errors } : { line, input: parsed.data };
}

const columnOf = (mapping: Mapping, field: string) => Object.entries(mapping).find(([, f]) => f === field)?.[0] ?? null;

/** A rule's refusal (a bad phone, a taken email) as the line's errors; anything else is the job's failure. */
function rowErrors(error: unknown, line: number, mapping: Mapping): RowError[] {
  const http = error instanceof HttpError ? error : mapDbError(error);
  if (!http || http.status >= 500) throw error;
  const list = http.errors?.length ? http.errors : [{ path: '', message: http.detail ?? http.title }];
  return list.map((e) => {
    const field = e.path.replace(/^body\./, '').split('.')[0] || null;
    return { line, column: field ? columnOf(mapping, field) : null, field, message: e.message };
  });
}

interface Pending {
  line: number;
  record: Record<string, string>;
  bytes: number;
}

/**
 * Writes one batch and moves the checkpoint past it, in one transaction: the new contacts in one multi-row
 * insert, so a batch is all in or (when anything fails) all out. A dry run goes through every rule the same
 * way and only counts. `seen` holds the addresses of the lines before (only those, never the rows), so the
 * same address twice in a file is one contact, in a dry run as in a real one, and after a resume.
 */
async function commitBatch(db: Db, ctx: TenantContext, imp: ImportRow, batch: Pending[], done: boolean, seen: Set<string>) {
  const mapping = imp.mapping as Mapping;
  await transaction(db, async (tx) => {
    const [current] = await tx
      .select({ processedRows: crmContactImports.processedRows, errorCount: crmContactImports.errorCount })
      .from(crmContactImports)
      .where(and(eq(crmContactImports.organizationId, ctx.organizationId), eq(crmContactImports.id, imp.id)))
      .for('update');
    // Another run got further (a lease taken over): this one's rows are already in.
    if (!current || current.processedRows !== imp.processedRows) throw new Error(`${contactImportJobName}: checkpoint moved; resuming`);
    const rows = batch.map((p) => toContact(p.record, mapping, p.line, imp.fileName));
    const emails = [...new Set(rows.flatMap((r) => (r.input?.email ? [r.input.email] : [])))];
    const known = new Map<string, string>();
    if (emails.length)
      for (const c of await tx
        .select({ id: contacts.id, email: contacts.email })
        .from(contacts)
        .where(and(eq(contacts.organizationId, ctx.organizationId), inArray(contacts.email, emails))))
        known.set(c.email!, c.id);
    const erased = await erasedEmails(tx, ctx, emails);
    const counts = { created: 0, updated: 0, skipped: 0 };
    const errors: RowError[] = [];
    const fresh: { line: number; input: NonNullable<(typeof rows)[number]['input']> }[] = [];
    for (const row of rows) {
      if (!row.input) {
        errors.push(...row.errors!);
        continue;
      }
      const email = row.input.email;
      if (email && erased.has(email)) {
        errors.push({
          line: row.line,
          column: columnOf(mapping, 'email'),
          field: 'email',
          message: 'This address was erased on request (GDPR)',
        });
        continue;
      }
      // The first line with an address wins; a later one in the same file is skipped, whatever `dedupe` says.
      const existing = email ? known.get(email) : undefined;
      const duplicate = email ? seen.has(email) : false;
      if (email) seen.add(email);
      if (duplicate || (existing && imp.dedupe === 'skip')) {
        counts.skipped++;
        continue;
      }
      if (!existing) {
        fresh.push({ line: row.line, input: row.input });
        continue;
      }
      const { source: _kept, ...changes } = row.input;
      try {
        // An update runs every rule of a contact write (its own savepoint); a dry run rolls it back.
        await transaction(tx, async (sp) => {
          await updateContact(sp, ctx, existing, changes);
          if (imp.dryRun) throw dryRunRollback;
        });
        counts.updated++;
      } catch (error) {
        if (error === dryRunRollback) counts.updated++;
        else errors.push(...rowErrors(error, row.line, mapping));
      }
    }
    const drafts = await draftContacts(
      tx,
      ctx,
      fresh.map((f) => f.input),
    );
    const valid = drafts.flatMap((draft, i) => {
      if (!(draft instanceof HttpError)) return [draft];
      errors.push(...rowErrors(draft, fresh[i]!.line, mapping));
      return [];
    });
    if (!imp.dryRun) await insertContacts(tx, ctx, valid);
    counts.created += valid.length;
    const room = Math.max(0, maxStoredErrors - current.errorCount);
    await tx
      .update(crmContactImports)
      .set({
        processedRows: imp.processedRows + batch.length,
        processedBytes: done ? imp.totalBytes : (batch.at(-1)?.bytes ?? imp.processedBytes),
        createdCount: sql`${crmContactImports.createdCount} + ${counts.created}`,
        updatedCount: sql`${crmContactImports.updatedCount} + ${counts.updated}`,
        skippedCount: sql`${crmContactImports.skippedCount} + ${counts.skipped}`,
        errorCount: sql`${crmContactImports.errorCount} + ${errors.length}`,
        errors: sql`${crmContactImports.errors} || ${JSON.stringify(errors.slice(0, room).sort((a, b) => a.line - b.line))}::jsonb`,
        ...(done ? { status: 'COMPLETED', completedAt: ctx.now } : {}),
      })
      .where(eq(crmContactImports.id, imp.id));
  });
  imp.processedRows += batch.length;
}

const dryRunRollback = new Error('dry run: rolled back');

const finish = (db: Db, ctx: TenantContext, id: string, values: Partial<ImportRow>) =>
  db
    .update(crmContactImports)
    .set(values)
    .where(and(eq(crmContactImports.organizationId, ctx.organizationId), eq(crmContactImports.id, id)));

/**
 * The import job: reads the CSV from storage as a stream, skips the rows committed before (a retry after
 * a crash), and commits the rest batch by batch. A file that stops being CSV fails the import with the
 * reason (what came before it stays imported); a storage or database failure throws, so the queue retries
 * and the next attempt resumes.
 */
export async function runContactImport(db: Db, ctx: TenantContext, payload: Json): Promise<void> {
  const { importId } = (payload ?? {}) as { importId?: string };
  if (typeof importId !== 'string') throw new Error(`${contactImportJobName}: malformed payload`);
  const [imp] = await db
    .select()
    .from(crmContactImports)
    .where(and(eq(crmContactImports.organizationId, ctx.organizationId), eq(crmContactImports.id, importId)));
  if (!imp || imp.status === 'COMPLETED' || imp.status === 'FAILED') return;
  const file = await fileContent(db, ctx, imp.fileId, { tenant: ctx }).catch((error: unknown) => {
    if (error instanceof HttpError && error.status === 404) return null;
    throw error;
  });
  if (!file) return void (await finish(db, ctx, imp.id, { status: 'FAILED', failureReason: 'The file was deleted', completedAt: ctx.now }));
  await finish(db, ctx, imp.id, { status: 'RUNNING', startedAt: imp.startedAt ?? ctx.now });
  const input = Readable.fromWeb(file.body as never);
  const parser = input.pipe(parse({ ...csvOptions, columns: true }));
  input.on('error', (error) => parser.destroy(error));
  let index = 0;
  let batch: Pending[] = [];
  const seen = new Set<string>();
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number; bytes: number };
    }>) {
      if (index++ < imp.processedRows) {
        // Committed by an earlier attempt: only its address is needed, to skip it when it comes again.
        const email = toContact(record, imp.mapping as Mapping, info.lines, imp.fileName).input?.email;
        if (email) seen.add(email);
        continue;
      }
      batch.push({ line: info.lines, record, bytes: info.bytes });
      if (batch.length === batchRows) {
        await commitBatch(db, ctx, imp, batch, false, seen);
        batch = [];
      }
    }
    await commitBatch(db, ctx, imp, batch, true, seen);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    await commitBatch(db, ctx, imp, batch, false, seen);
    await finish(db, ctx, imp.id, { status: 'FAILED', failureReason: `Not readable CSV: ${error.message}`, completedAt: ctx.now });
  } finally {
    input.destroy();
  }
}

/**
 * One CSV cell: quoted when it holds a comma, quote or line break, and a leading `=`, `+`, `-`, `@` (a header a
 * user wrote) defused with an apostrophe so that a spreadsheet shows it instead of running it as a formula.
 */
const csvCell = (value: string | number | null) => {
  const text = String(value ?? '').replace(/^[=+\-@\t\r]/, "'$&");
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The refused lines of an import as CSV text, in file order, with the import's file name for the download.
 *
 * @example const { csv } = await contactImportErrorsCsv(db, ctx, id) // 'line,column,field,message\r\n3,Last,lastName,Required\r\n'
 */
export async function contactImportErrorsCsv(db: Db, ctx: TenantContext, id: string) {
  const imp = asView(await importService.get(db, ctx, id));
  const lines = [['line', 'column', 'field', 'message'], ...imp.errors.map((e) => [e.line, e.column, e.field, e.message])];
  return { fileName: imp.fileName, csv: lines.map((cells) => `${cells.map(csvCell).join(',')}\r\n`).join('') };
}

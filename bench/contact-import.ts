import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { RawSql } from './scenario.js';

// The 10,000-row contact import, end to end through the server: upload the CSV, start the import, poll it
// to COMPLETED (its job streams the file and writes batches of multi-row inserts). The baseline is what a
// developer would write by hand: the same file parsed as a stream and written with bare multi-row INSERTs of
// 500 rows. Both are rows per second in the same run; the memory figure is the process's peak RSS above
// where it started, sampled while our import runs (the server runs in this process).

export interface ImportBenchRow {
  name: string;
  ours: number;
  baseline: number;
  ratio: number;
  /** Peak resident memory above the start of our import, in MB. */
  peakMb: number;
  note: string;
}

const batch = 500;
const firstNames = ['Ava', 'Noah', 'Sofia', 'Liam', 'Amara', 'Mateo', 'Hannah', 'Kenji', 'Chloe', 'Diego'];
const lastNames = ['Okafor', 'Lindqvist', 'Martinez', 'Chen', 'Nakamura', 'Muller', 'Patel', 'Osei', 'Kowalski', 'Garcia'];

/** A CSV of `rows` distinct contacts at `domain`, with the columns an agency's export has. */
function contactsCsv(rows: number, domain: string): string {
  const lines = ['First name,Last name,Email,Company,City,Tags'];
  for (let i = 0; i < rows; i++)
    lines.push(`${firstNames[i % 10]},${lastNames[(i * 7) % 10]} ${i},person${i}@${domain},Company ${i % 300},Oslo,"lead; import"`);
  return `${lines.join('\n')}\n`;
}

/**
 * Runs the import benchmark against a started server (`url`, `apiKey`) and its database (`sql`).
 *
 * @example const row = await runContactImportBench({ url: server.url, apiKey, sql, organizationId, rows: 10_000 })
 */
export async function runContactImportBench(options: {
  url: string;
  apiKey: string;
  sql: RawSql;
  organizationId: string;
  rows: number;
}): Promise<ImportBenchRow> {
  const { url, apiKey, sql, organizationId, rows } = options;
  const headers = { authorization: `Bearer ${apiKey}` };
  const call = async (method: string, path: string, body?: BodyInit, type?: string) => {
    const response = await fetch(url + path, { method, body, headers: { ...headers, ...(type ? { 'content-type': type } : {}) } });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${(await response.text()).slice(0, 300)}`);
    return (await response.json()) as Record<string, unknown>;
  };

  // Baseline: stream-parse and INSERT … VALUES (…), (…) in batches of 500, in one transaction per batch.
  const bare = contactsCsv(rows, 'bare.bench.test');
  let started = performance.now();
  const parser = Readable.from([bare]).pipe(parse({ columns: true }));
  let pending: Record<string, string>[] = [];
  const flush = async () => {
    if (!pending.length) return;
    const params: unknown[] = [];
    const tuples = pending.map((r) => {
      params.push(randomUUID(), organizationId, r['First name'], r['Last name'], r.Email!.toLowerCase(), r.Company, r.City);
      const n = params.length;
      return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}, 'IMPORT', array['lead','import'])`;
    });
    await sql.unsafe(
      'insert into contacts (id, organization_id, first_name, last_name, email, company_name, city, source, tags) ' +
        `values ${tuples.join(', ')}`,
      params,
    );
    pending = [];
  };
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    pending.push(record);
    if (pending.length === batch) await flush();
  }
  await flush();
  const baseline = rows / ((performance.now() - started) / 1000);

  // Ours: upload, start, poll until COMPLETED, sampling memory meanwhile.
  const csv = contactsCsv(rows, 'ours.bench.test');
  const form = new FormData();
  form.set('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
  const rssStart = process.memoryUsage().rss;
  let peak = rssStart;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  started = performance.now();
  let imported: Record<string, unknown>;
  try {
    const file = await call('POST', '/v1/platform/files', form);
    const mapping = {
      'First name': 'firstName',
      'Last name': 'lastName',
      Email: 'email',
      Company: 'companyName',
      City: 'city',
      Tags: 'tags',
    };
    const created = await call('POST', '/v1/crm/contact-imports', JSON.stringify({ fileId: file.id, mapping }), 'application/json');
    do {
      await new Promise((resolve) => setTimeout(resolve, 25));
      imported = await call('GET', `/v1/crm/contact-imports/${created.id}`);
    } while (imported.status === 'QUEUED' || imported.status === 'RUNNING');
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  if (imported.status !== 'COMPLETED' || imported.createdCount !== rows)
    throw new Error(`import ended ${String(imported.status)} with ${String(imported.createdCount)} of ${rows} created`);
  const ours = rows / seconds;
  return {
    name: `contact import (${rows.toLocaleString('en-US')} rows)`,
    ours,
    baseline,
    ratio: ours / baseline,
    peakMb: (peak - rssStart) / 1024 / 1024,
    note:
      'ours: upload + job (stream, validate, normalise, dedupe, batches of 500 multi-row inserts with activity, scoring jobs, ' +
      'progress) + polling; baseline: stream-parse + bare multi-row INSERTs of 500. The job starts at the worker’s next poll (≤ 1 s).',
  };
}

/** Prints the import row beside the HTTP scenarios' table. */
export function printImportRow(r: ImportBenchRow) {
  const f = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
  console.log(
    `\n${r.name}\n  ours ${f(r.ours)} rows/s · baseline ${f(r.baseline)} rows/s · ratio ${r.ratio.toFixed(2)} · ` +
      `memory peak +${r.peakMb.toFixed(0)} MB RSS\n  ${r.note}`,
  );
}

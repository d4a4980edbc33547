import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantContext } from '../platform/context.js';
import type { Storage } from '../platform/storage.js';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { runContactImport } from './imports.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let member: SpokeStack;
let client: SpokeStack;

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  const max = await t.sdk.platform.users.create({ email: 'max@agency.test', name: 'Max' });
  member = t.sdkFor((await t.sdk.platform.sessions.create({ userId: max.id })).token);
  const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const dana = await t.sdk.platform.users.create({ email: 'dana@acme.test', name: 'Dana', role: 'CLIENT', clientId: acme.id });
  client = t.sdkFor((await t.sdk.platform.sessions.create({ userId: dana.id })).token);
});
afterAll(() => t.close());

const upload = async (sdk: SpokeStack, csv: string, name = 'leads.csv') =>
  (await sdk.platform.files.upload(new Blob([csv], { type: 'text/csv' }), { name })).id;
async function countContacts(q: string) {
  let count = 0;
  for await (const _ of t.sdk.crm.contacts.iterate({ q, limit: 200 })) count++;
  return count;
}
const mapping = {
  First: 'firstName',
  Last: 'lastName',
  'E-mail': 'email',
  Phone: 'phone',
  Country: 'country',
  Tags: 'tags',
  Consent: 'marketingConsent',
} as const;

describe('contact imports', () => {
  it('imports in the background with per-row errors by line, dedupes by email, and changes nothing when run again', async () => {
    await t.sdk.crm.contacts.create({ firstName: 'Eve', lastName: 'Existing', email: 'eve@import.test', city: 'Oslo' });
    const fay = await t.sdk.crm.contacts.create({ firstName: 'Fay', lastName: 'Erased', email: 'fay@import.test' });
    await t.sdk.crm.contacts.erase(fay.id);
    const csv = [
      'First,Last,E-mail,Phone,Country,Tags,Consent,Ignored',
      'Ada,Lovelace,Ada@Import.test,020 7946 0958,GB,"vip; newsletter",yes,x',
      'Bob,,bob@import.test,,,,,',
      'Cy,Young,not-an-email,,,,,',
      'Dee,Dunn,dee@import.test,12345,,,,',
      'Eve,Again,eve@import.test,,,,,',
      '',
      'Ada,Twice,ADA@import.test,,,,,',
      'Fay,Back,fay@import.test,,,,,',
      'Hal,Hope,hal@import.test,,,,maybe,',
    ].join('\n');
    const fileId = await upload(member, csv);
    const started = await member.crm.contactImports.create({ fileId, mapping });
    expect(started).toMatchObject({ status: 'QUEUED', processedRows: 0, totalBytes: csv.length, fileName: 'leads.csv', dedupe: 'skip' });

    await t.runJobs();
    const done = await member.crm.contactImports.get(started.id);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      processedRows: 8,
      processedBytes: csv.length,
      createdCount: 1,
      skippedCount: 2,
      errorCount: 5,
      completedAt: '2025-03-01T10:00:00.000Z',
    });
    expect(done.errors).toEqual([
      { line: 3, column: 'Last', field: 'lastName', message: expect.any(String) },
      { line: 4, column: 'E-mail', field: 'email', message: 'Expected an email address' },
      { line: 5, column: 'Phone', field: 'phone', message: expect.stringContaining('Not a valid phone number') },
      { line: 9, column: 'E-mail', field: 'email', message: 'This address was erased on request (GDPR)' },
      { line: 10, column: 'Consent', field: 'marketingConsent', message: 'Expected yes or no' },
    ]);
    // No cell's value is kept with its error.
    expect(JSON.stringify(done.errors)).not.toMatch(/12345|not-an-email|fay@/);

    const [ada] = (await t.sdk.crm.contacts.list({ q: 'ada@import.test' })).data;
    expect(ada).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: '+442079460958',
      tags: ['vip', 'newsletter'],
      source: 'IMPORT',
      marketingConsent: true,
      marketingConsentSource: 'import: leads.csv',
    });
    expect((await t.sdk.crm.contacts.list({ q: 'eve@import.test' })).data.map((c) => [c.lastName, c.city])).toEqual([['Existing', 'Oslo']]);

    const again = await member.crm.contactImports.create({ fileId, mapping });
    await t.runJobs();
    expect(await member.crm.contactImports.get(again.id)).toMatchObject({ status: 'COMPLETED', createdCount: 0, skippedCount: 3 });
    expect((await t.sdk.crm.contacts.list({ q: 'import.test', limit: 200 })).data.map((c) => c.email).sort()).toEqual([
      'ada@import.test',
      'eve@import.test',
    ]);

    // `update` writes the file's cells over the contact with that email.
    const update = await member.crm.contactImports.create({
      fileId: await upload(member, 'First,Last,E-mail,City\nEve,Existing,EVE@import.test,Bergen\n'),
      mapping: { First: 'firstName', Last: 'lastName', 'E-mail': 'email', City: 'city' },
      dedupe: 'update',
    });
    await t.runJobs();
    expect(await member.crm.contactImports.get(update.id)).toMatchObject({ status: 'COMPLETED', updatedCount: 1, createdCount: 0 });
    expect((await t.sdk.crm.contacts.list({ q: 'eve@import.test' })).data[0]!.city).toBe('Bergen');
  });

  it('checks the mapping against the file, and keeps imports to their organization and staff', async () => {
    const fileId = await upload(t.sdk, 'First,Last,Mail\nA,B,a@b.test\n');
    expect((await problem(t.sdk.crm.contactImports.create({ fileId, mapping: { First: 'firstName' } }))).errors).toEqual([
      { path: 'body.mapping', message: 'Map a column to lastName' },
    ]);
    expect(
      (await problem(t.sdk.crm.contactImports.create({ fileId, mapping: { First: 'firstName', Last: 'lastName', Email: 'email' } })))
        .errors,
    ).toEqual([{ path: 'body.mapping.Email', message: 'No such column in the file (it has: First, Last, Mail)' }]);
    expect(
      (
        await problem(t.sdk.crm.contactImports.create({ fileId, mapping: { First: 'firstName', Last: 'firstName', Mail: 'lastName' } }))
      ).errors.map((e) => e.path),
    ).toEqual(['body.mapping.First', 'body.mapping.Last']);
    const theirs = await upload(other.sdk, 'First,Last\nA,B\n');
    expect(
      (await problem(t.sdk.crm.contactImports.create({ fileId: theirs, mapping: { First: 'firstName', Last: 'lastName' } }))).errors,
    ).toEqual([{ path: 'body.fileId', message: 'No file with this id' }]);
    const mine = await t.sdk.crm.contactImports.create({ fileId, mapping: { First: 'firstName', Last: 'lastName', Mail: 'email' } });
    await expect(other.sdk.crm.contactImports.get(mine.id)).rejects.toMatchObject({ status: 404 });
    await expect(client.crm.contactImports.create({ fileId, mapping: { First: 'firstName', Last: 'lastName' } })).rejects.toMatchObject({
      status: 403,
    });
    expect((await t.request(`/v1/crm/contact-imports/${mine.id}`, { method: 'PATCH', body: '{}' })).status).toBe(405);
    await t.runJobs();
  });

  it('a dry run counts what the import would do and writes nothing; the refused lines download as CSV', async () => {
    const kim = await t.sdk.crm.contacts.create({ firstName: 'Kim', lastName: 'Kept', email: 'kim@dry.test', city: 'Oslo' });
    const csv = [
      'First,=Last,E-mail,City',
      'Lia,New,lia@dry.test,Rome',
      'Kim,Kept,KIM@dry.test,Bergen',
      'Moe,,moe@dry.test,',
      'Lia,Again,lia@dry.test,',
      'Ned,Phone,ned@dry.test,',
    ].join('\n');
    const fileId = await upload(member, csv, 'dry run.csv');
    // A header a spreadsheet would run as a formula comes back defused in the error report.
    const mapping = { First: 'firstName', '=Last': 'lastName', 'E-mail': 'email', City: 'city' } as const;
    const dry = await member.crm.contactImports.create({ fileId, mapping, dedupe: 'update', dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, status: 'QUEUED' });
    await t.runJobs();
    const counted = await member.crm.contactImports.get(dry.id);
    expect(counted).toMatchObject({
      status: 'COMPLETED',
      processedRows: 5,
      createdCount: 2,
      updatedCount: 1,
      skippedCount: 1,
      errorCount: 1,
    });
    expect((await t.sdk.crm.contacts.list({ q: 'dry.test' })).data.map((c) => [c.email, c.city])).toEqual([['kim@dry.test', 'Oslo']]);
    expect(await t.sdk.crm.contacts.get(kim.id)).toMatchObject({ city: 'Oslo', updatedAt: kim.updatedAt });

    // The real run does what the dry run said.
    const real = await member.crm.contactImports.create({ fileId, mapping, dedupe: 'update' });
    await t.runJobs();
    const done = await member.crm.contactImports.get(real.id);
    for (const key of ['createdCount', 'updatedCount', 'skippedCount', 'errorCount', 'errors'] as const)
      expect(done[key]).toEqual(counted[key]);
    expect((await t.sdk.crm.contacts.list({ q: 'dry.test', sort: 'email' })).data.map((c) => [c.email, c.city])).toEqual([
      ['kim@dry.test', 'Bergen'],
      ['lia@dry.test', 'Rome'],
      ['ned@dry.test', null],
    ]);

    expect(done.errors).toEqual([{ line: 4, column: '=Last', field: 'lastName', message: expect.any(String) }]);
    // The message holds a comma, so it is quoted.
    expect(await member.crm.contactImports.errorsCsv(real.id)).toBe(
      `line,column,field,message\r\n4,'=Last,lastName,"${done.errors[0]!.message}"\r\n`,
    );
    expect(done.errors[0]!.message).toContain(',');
    const response = await t.request(`/v1/crm/contact-imports/${real.id}/errors.csv`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="dry_run-errors.csv"');
    await expect(other.sdk.crm.contactImports.errorsCsv(real.id)).rejects.toMatchObject({ status: 404 });
    await expect(client.crm.contactImports.errorsCsv(real.id)).rejects.toMatchObject({ status: 403 });
  });

  it('writes a batch whole or not at all: a failure mid-batch leaves none of its rows, and the retry writes them once', async () => {
    const csv = ['First,Last,E-mail', ...Array.from({ length: 600 }, (_, i) => `Batch,Person ${i},batch${i}@atomic.test`)].join('\n');
    const fileId = await upload(t.sdk, csv, 'atomic.csv');
    const started = await t.sdk.crm.contactImports.create({ fileId, mapping: { First: 'firstName', Last: 'lastName', 'E-mail': 'email' } });
    // The second batch's last write (its scoring job, after its contacts are inserted) fails.
    const ctx = t.contextFor(t.organization.id);
    const failing: TenantContext = {
      ...ctx,
      jobs: {
        ...ctx.jobs,
        enqueue: async (name, payload, options) => {
          if ((payload as { contactIds?: string[] }).contactIds?.length === 100) throw new Error('database went away');
          return ctx.jobs.enqueue(name, payload, options);
        },
      },
    };
    await expect(runContactImport(t.db, failing, { importId: started.id })).rejects.toThrow('database went away');
    expect(await t.sdk.crm.contactImports.get(started.id)).toMatchObject({ status: 'RUNNING', processedRows: 500, createdCount: 500 });
    expect(await countContacts('atomic.test')).toBe(500);

    await t.runJobs();
    expect(await t.sdk.crm.contactImports.get(started.id)).toMatchObject({ status: 'COMPLETED', processedRows: 600, createdCount: 600 });
    expect(await countContacts('atomic.test')).toBe(600);
  }, 60_000);

  it('resumes after a crash from the last committed batch: every row once, none lost', async () => {
    const rows = Array.from({ length: 1_200 }, (_, i) => `Bulk,Person ${i},bulk${i}@bulk.test`);
    const csv = ['First,Last,E-mail', ...rows].join('\n');
    const fileId = await upload(t.sdk, csv, 'bulk.csv');
    const started = await t.sdk.crm.contactImports.create({ fileId, mapping: { First: 'firstName', Last: 'lastName', 'E-mail': 'email' } });

    // The storage read dies two thirds into the file, as a worker whose disk or network goes away would.
    const ctx = t.contextFor(t.organization.id);
    const failing: Storage = {
      ...ctx.files.storage,
      async get(key) {
        const stored = await ctx.files.storage.get(key);
        if (!stored) return null;
        const bytes = new Uint8Array(await new Response(stored.body).arrayBuffer());
        let at = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (at > (bytes.length * 2) / 3) return controller.error(new Error('connection reset'));
            controller.enqueue(bytes.subarray(at, (at += 1024)));
          },
        });
        return { body, size: stored.size };
      },
    };
    const crashing: TenantContext = { ...ctx, files: { ...ctx.files, storage: failing } };
    await expect(runContactImport(t.db, crashing, { importId: started.id })).rejects.toThrow('connection reset');
    const midway = await t.sdk.crm.contactImports.get(started.id);
    expect(midway).toMatchObject({ status: 'RUNNING', processedRows: 500, createdCount: 500 });
    expect(midway.processedBytes).toBeGreaterThan(0);
    expect(midway.processedBytes).toBeLessThan(csv.length);

    await t.runJobs();
    expect(await t.sdk.crm.contactImports.get(started.id)).toMatchObject({
      status: 'COMPLETED',
      processedRows: 1_200,
      createdCount: 1_200,
    });
    let count = 0;
    const seen = new Set<string>();
    for await (const c of t.sdk.crm.contacts.iterate({ q: 'bulk.test', limit: 200 })) {
      count++;
      seen.add(c.email!);
    }
    expect([count, seen.size]).toEqual([1_200, 1_200]);
  }, 120_000);
});

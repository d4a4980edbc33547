import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp, localStorage, silentLogger } from '@spokestack/server';
import { contactListMembers, contactLists, contacts } from '../packages/server/src/crm/schema.js';
import { claimTimeoutMs, createEmailCampaign, runEmailSend, sendEmailCampaign } from '../packages/server/src/crm/sending.js';
import type { Db } from '../packages/server/src/db/client.js';
import { type Mailer, smtpMailer } from '../packages/server/src/platform/mailer.js';
import { startSmtpServer } from '../packages/server/src/testing/smtp.js';

// Sending a campaign of 10,000 messages to a loopback SMTP server (smtp-server, counting what it receives), with
// the worker killed at 5,000: its transport hands message 5,000 to SMTP and never returns, as a process that dies
// there would. A second run, once the dead run's claims have timed out, sends the rest. Reported: messages per
// second over both runs, against bare nodemailer sending the same number of messages over the same pooled
// transport (no database); and the duplicates and misses the SMTP server saw, which must both be zero.

export interface EmailSendBenchRow {
  name: string;
  ours: number;
  baseline: number;
  ratio: number;
  duplicates: number;
  missing: number;
  verdict: 'ok' | 'failed';
}

const html = '<html><body><p>Hi {{firstName|there}},</p><p>Our <a href="https://agency.test/spring">spring offer</a>.</p></body></html>';

async function seed(db: Db, organizationId: string, n: number) {
  const [list] = await db.insert(contactLists).values({ organizationId, name: 'Bench audience', createdById: 'bench' }).returning();
  for (let i = 0; i < n; i += 1000) {
    const rows = await db
      .insert(contacts)
      .values(
        Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({
          organizationId,
          firstName: `Person${i + j}`,
          lastName: 'Bench',
          email: `person${i + j}@bench.test`,
          marketingConsent: true,
        })),
      )
      .returning({ id: contacts.id });
    await db.insert(contactListMembers).values(rows.map((r) => ({ organizationId, listId: list!.id, contactId: r.id })));
  }
  return list!.id;
}

/**
 * Runs the send benchmark on a migrated database, for one organization.
 *
 * @example const row = await runEmailSendBench({ db: database.db, organizationId, messages: 10_000 })
 */
export async function runEmailSendBench(options: { db: Db; organizationId: string; messages: number }): Promise<EmailSendBenchRow> {
  const { db, organizationId, messages } = options;
  const crashAt = Math.floor(messages / 2);
  const smtp = await startSmtpServer({ parse: false });
  const filesDir = await mkdtemp(join(tmpdir(), 'spokestack-bench-mail-'));
  try {
    // Bare nodemailer (the platform's pooled transport, which is nodemailer's): the same count of messages, nothing recorded.
    const transport = smtpMailer(smtp.url);
    let started = performance.now();
    const batch = 50;
    for (let i = 0; i < messages; i += batch)
      await Promise.all(
        Array.from({ length: Math.min(batch, messages - i) }, (_, j) =>
          transport.send({ from: 'news@agency.test', to: `bare${i + j}@bench.test`, subject: 'Hi', html, text: 'Hi' }),
        ),
      );
    const baseline = messages / ((performance.now() - started) / 1000);
    transport.close();

    const spokestack = createApp({
      db,
      storage: localStorage(filesDir),
      secret: randomBytes(32).toString('hex'),
      logger: silentLogger,
      mail: { url: smtp.url, from: 'news@agency.test', publicUrl: 'https://crm.bench.test' },
    });
    const listId = await seed(db, organizationId, messages);
    const ctx = spokestack.contextFor(organizationId);
    const campaign = await createEmailCampaign(db, ctx, {
      name: 'Bench',
      subject: 'Spring news for {{firstName}}',
      htmlContent: html,
      fromName: 'The Agency',
      fromEmail: 'news@agency.test',
      listId,
    });
    await sendEmailCampaign(db, ctx, campaign.id, {});

    const real = smtpMailer(smtp.url);
    let calls = 0;
    let crashed: () => void = () => {};
    const crash = new Promise<void>((resolve) => {
      crashed = resolve;
    });
    const dying: Mailer = {
      async send(message) {
        const result = await real.send(message);
        if (++calls === crashAt) {
          crashed();
          return new Promise<never>(() => {});
        }
        return result;
      },
      close: () => {},
    };
    started = performance.now();
    void runEmailSend(db, ctx, { emailCampaignId: campaign.id }, undefined, { mailer: dying });
    await crash;
    const firstMs = performance.now() - started;
    // The restarted worker, once the dead one's claims have timed out.
    const later = { ...spokestack.contextFor(organizationId), now: new Date(Date.now() + claimTimeoutMs + 1000) };
    started = performance.now();
    await runEmailSend(db, later, { emailCampaignId: campaign.id });
    const secondMs = performance.now() - started;
    real.close();

    let duplicates = 0;
    let received = 0;
    for (const [address, count] of smtp.counts)
      if (address.endsWith('@bench.test') && address.startsWith('person')) {
        received++;
        duplicates += count - 1;
      }
    const missing = messages - received;
    const ours = received / ((firstMs + secondMs) / 1000);
    return {
      name: `email send: ${messages.toLocaleString('en-US')} messages, worker killed at ${crashAt.toLocaleString('en-US')}`,
      ours,
      baseline,
      ratio: ours / baseline,
      duplicates,
      missing,
      verdict: duplicates === 0 && missing === 0 ? 'ok' : 'failed',
    };
  } finally {
    await smtp.close();
    await rm(filesDir, { recursive: true, force: true });
  }
}

/** @example printEmailSendRow(row) */
export function printEmailSendRow(row: EmailSendBenchRow): void {
  console.log(
    `\n${row.name}\n  ours ${row.ours.toFixed(0)} messages/s · bare nodemailer ${row.baseline.toFixed(0)} messages/s · ratio ` +
      `${row.ratio.toFixed(2)} · duplicates ${row.duplicates} · missing ${row.missing} · ${row.verdict}`,
  );
}

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer } from '../platform/mailer.js';
import { smtpMailer } from '../platform/mailer.js';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { type Received, startSmtpServer } from '../testing/smtp.js';
import { claimTimeoutMs, runEmailSend } from './sending.js';
import { emailRecipients } from './schema.js';

let t: TestInstance;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let n = 0;

beforeAll(async () => {
  smtp = await startSmtpServer({ reject: (to) => to.startsWith('gone') });
  t = await createTestInstance({ mail: { url: smtp.url, from: 'news@agency.test', publicUrl: 'http://spokestack.test' } });
  other = await t.createOrg('Rival Agency');
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** Contacts with consent (unless said otherwise), each with a unique address; returns them and a static list of them. */
async function audience(specs: { name: string; email?: string; consent?: boolean; status?: 'BOUNCED' | 'DO_NOT_CONTACT' }[]) {
  n++;
  const people = [];
  for (const s of specs)
    people.push(
      await t.sdk.crm.contacts.create({
        firstName: s.name,
        lastName: 'X',
        email: s.email ?? `${s.name.toLowerCase()}.${n}@example.test`,
        marketingConsent: s.consent ?? true,
        ...(s.status ? { status: s.status } : {}),
      }),
    );
  const list = await t.sdk.crm.contactLists.create({ name: `Audience ${n}` });
  await t.sdk.crm.contactLists.addMembers(
    list.id,
    people.map((p) => p.id),
  );
  return { people, list };
}

const campaignFor = (listId: string, html = '<p>Hi {{firstName|there}}, <a href="https://agency.test/offer?a=1&amp;b=2">see</a></p>') =>
  t.sdk.crm.emailCampaigns.create({
    name: `Campaign ${n}`,
    subject: 'News for {{firstName}}',
    htmlContent: html,
    fromName: 'The Agency',
    fromEmail: 'news@agency.test',
    listId,
  });

const since = (before: number) => smtp.received.slice(before);
const addresses = (got: Received[]) => got.flatMap((m) => m.to).sort();
const header = (m: Received, name: string) => m.mail.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, ' ') ?? '';
const linkIn = (m: Received, kind: 'open' | 'click') =>
  new URL(String(m.mail.html).match(new RegExp(`http://spokestack\\.test/v1/crm/public/email/${kind}/[^"]+`))![0]).pathname;

describe('sending email campaigns', () => {
  it('sends once to each mailable contact of the audience, merged, with RFC 8058 headers, and reports progress', async () => {
    const { people, list } = await audience([
      { name: 'Ada' },
      { name: 'Bob' },
      { name: 'Cy', consent: false },
      { name: 'Di', status: 'BOUNCED' },
      { name: 'Ed', status: 'DO_NOT_CONTACT' },
      { name: 'Flo' },
    ]);
    const suppression = await t.sdk.crm.contactLists.create({ name: 'Never', listType: 'SUPPRESSION' });
    await t.sdk.crm.contactLists.addMembers(suppression.id, [people[5]!.id]);
    const campaign = await campaignFor(list.id);
    expect(campaign.status).toBe('DRAFT');
    // Segment rules can add a second list: Ada is in both, and still gets one message.
    await t.sdk.crm.emailCampaigns.update(campaign.id, { segmentRules: { kind: 'list', listId: list.id } });
    const before = smtp.received.length;
    const started = await t.sdk.crm.emailCampaigns.send(campaign.id);
    expect(started).toMatchObject({ status: 'SENDING', recipientCount: 2 });
    expect(await t.sdk.crm.emailCampaigns.progress(campaign.id)).toMatchObject({ total: 2, pending: 2, sent: 0 });
    await t.runJobs();

    const got = since(before);
    expect(addresses(got)).toEqual([people[0]!.email, people[1]!.email].sort());
    const ada = got.find((m) => m.to[0] === people[0]!.email)!;
    expect(ada.mail.subject).toBe('News for Ada');
    expect(ada.mail.from?.value[0]).toEqual({ name: 'The Agency', address: 'news@agency.test' });
    expect(ada.mail.html).toContain('<p>Hi Ada,');
    expect(ada.mail.text).toContain('Hi Ada, see (https://agency.test/offer?a=1&b=2)');
    expect(header(ada, 'list-unsubscribe')).toMatch(
      /^List-Unsubscribe: <http:\/\/spokestack\.test\/v1\/crm\/public\/email\/unsubscribe\/us_/,
    );
    expect(header(ada, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(ada.mail.html).not.toContain('https://agency.test/offer');
    expect(linkIn(ada, 'click')).toMatch(/\/click\/tk_/);
    expect(linkIn(ada, 'open')).toMatch(/\/open\/tk_/);

    expect(await t.sdk.crm.emailCampaigns.progress(campaign.id)).toMatchObject({
      status: 'SENT',
      total: 2,
      pending: 0,
      sent: 2,
      failed: 0,
    });
    const timeline = await t.sdk.crm.timelines.contact(people[0]!.id);
    expect(timeline.data.some((e) => e.kind === 'activity' && e.activity?.activityType === 'EMAIL_SENT')).toBe(true);
    expect((await problem(t.sdk.crm.emailCampaigns.send(campaign.id))).status).toBe(409);
    // Another organization sees none of it; recipients are the sender's to write.
    expect((await problem(other.sdk.crm.emailCampaigns.progress(campaign.id))).status).toBe(404);
    expect((await problem(other.sdk.crm.emailCampaigns.create({ ...campaignShape, listId: list.id }))).status).toBe(400);
    const write = await t.request('/v1/crm/email-recipients', { method: 'POST', body: '{}' });
    expect(write.status).toBe(405);
  });

  it('resumes after a worker dies mid-send: nobody twice, nobody skipped, the message in doubt not resent', async () => {
    const { people, list } = await audience([{ name: 'A1' }, { name: 'A2' }, { name: 'A3' }, { name: 'A4' }, { name: 'A5' }]);
    const campaign = await campaignFor(list.id);
    await t.sdk.crm.emailCampaigns.send(campaign.id);
    const before = smtp.received.length;
    // A transport that hands the third message to SMTP and then never returns: the worker dies before recording it.
    const real = smtpMailer(smtp.url);
    let calls = 0;
    const dying: Mailer = {
      async send(message) {
        calls++;
        const result = await real.send(message);
        if (calls === 3) return new Promise<never>(() => {});
        return result;
      },
      close: () => real.close(),
    };
    const ctx = t.contextFor(t.organization.id);
    void runEmailSend(t.db, ctx, { emailCampaignId: campaign.id }, undefined, { mailer: dying });
    await expect.poll(() => smtp.received.length - before).toBe(3);
    expect(await t.sdk.crm.emailCampaigns.progress(campaign.id)).toMatchObject({ sent: 2, sending: 3 });

    // Its claims hold until they time out: a run now sends nobody.
    await t.runJobs();
    expect(smtp.received.length - before).toBe(3);
    t.clock.advance(claimTimeoutMs + 1000);
    await t.runJobs();
    const got = since(before);
    expect(addresses(got)).toEqual(people.map((p) => p.email).sort());
    const progress = await t.sdk.crm.emailCampaigns.progress(campaign.id);
    expect(progress).toMatchObject({ status: 'SENT', total: 5, sent: 4, failed: 1, sending: 0, pending: 0 });
    const [doubt] = await t.db
      .select()
      .from(emailRecipients)
      .where(and(eq(emailRecipients.emailCampaignId, campaign.id), eq(emailRecipients.status, 'PENDING')));
    expect(doubt!.sendError).toMatch(/^In doubt/);
    real.close();
  });

  it('two workers at once never send the same recipient', async () => {
    const { people, list } = await audience([{ name: 'B1' }, { name: 'B2' }, { name: 'B3' }, { name: 'B4' }]);
    const campaign = await campaignFor(list.id);
    await t.sdk.crm.emailCampaigns.send(campaign.id);
    const before = smtp.received.length;
    const ctx = t.contextFor(t.organization.id);
    await Promise.all([
      runEmailSend(t.db, ctx, { emailCampaignId: campaign.id }),
      runEmailSend(t.db, ctx, { emailCampaignId: campaign.id }),
    ]);
    await t.runJobs();
    expect(addresses(since(before))).toEqual(people.map((p) => p.email).sort());
  });

  it('schedules on the clock, sends at the configured rate, pauses, resumes and cancels', async () => {
    const { list } = await audience([{ name: 'C1' }, { name: 'C2' }, { name: 'C3' }]);
    const campaign = await campaignFor(list.id);
    const at = new Date(t.clock.now().getTime() + 3_600_000);
    const scheduled = await t.sdk.crm.emailCampaigns.send(campaign.id, { scheduledAt: at.toISOString() });
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', recipientCount: 0 });
    const before = smtp.received.length;
    await t.runJobs();
    expect(smtp.received.length).toBe(before);
    // Two per minute: the job sends two, then comes back a minute later for the rest.
    t.clock.set(at);
    await runEmailSend(t.db, { ...t.contextFor(t.organization.id), mailRatePerMinute: 2 }, { emailCampaignId: campaign.id });
    expect(smtp.received.length - before).toBe(2);
    expect(await t.sdk.crm.emailCampaigns.progress(campaign.id)).toMatchObject({ status: 'SENDING', total: 3, sent: 2, pending: 1 });

    await t.sdk.crm.emailCampaigns.pause(campaign.id);
    t.clock.advance(60_000);
    await t.runJobs();
    expect(smtp.received.length - before).toBe(2);
    expect((await problem(t.sdk.crm.emailCampaigns.pause(campaign.id))).status).toBe(409);
    await t.sdk.crm.emailCampaigns.resume(campaign.id);
    await t.runJobs();
    expect(smtp.received.length - before).toBe(3);
    expect((await t.sdk.crm.emailCampaigns.get(campaign.id)).status).toBe('SENT');

    const { list: later } = await audience([{ name: 'D1' }]);
    const cancelled = await campaignFor(later.id);
    await t.sdk.crm.emailCampaigns.send(cancelled.id);
    await t.sdk.crm.emailCampaigns.cancel(cancelled.id);
    await t.runJobs();
    expect(smtp.received.length - before).toBe(3);
    expect(await t.sdk.crm.emailCampaigns.progress(cancelled.id)).toMatchObject({ status: 'CANCELLED', sent: 0, pending: 1 });
  });
});

const campaignShape = { name: 'X', subject: 'X', htmlContent: '<p>x</p>', fromName: 'X', fromEmail: 'x@agency.test' };

describe('tracking, unsubscribe and bounces', () => {
  let got: Received[];
  let people: Awaited<ReturnType<typeof audience>>['people'];
  let campaignId: string;
  let listId: string;

  beforeAll(async () => {
    const made = await audience([{ name: 'Gil' }, { name: 'Hal' }, { name: 'Gone', email: `gone.${n + 1}@example.test` }]);
    people = made.people;
    listId = made.list.id;
    const campaign = await campaignFor(
      listId,
      '<html><body><p>Hi {{firstName}}</p><a href="https://agency.test/a">A</a> <a href="https://agency.test/b">B</a></body></html>',
    );
    campaignId = campaign.id;
    const before = smtp.received.length;
    await t.sdk.crm.emailCampaigns.send(campaign.id);
    await t.runJobs();
    got = since(before);
  });

  it('records a 5xx refusal as a hard bounce: the contact is BOUNCED', async () => {
    expect(got).toHaveLength(2);
    const progress = await t.sdk.crm.emailCampaigns.progress(campaignId);
    expect(progress).toMatchObject({ status: 'SENT', total: 3, sent: 2, failed: 1, bounced: 1 });
    expect((await t.sdk.crm.contacts.get(people[2]!.id)).status).toBe('BOUNCED');
    expect((await t.sdk.crm.emailCampaigns.get(campaignId)).bounced).toBe(1);
  });

  it('counts opens and clicks, unique and total, per link, on the recipient, the interactions and the timeline', async () => {
    const gil = got.find((m) => m.to[0] === people[0]!.email)!;
    const open = linkIn(gil, 'open');
    for (let i = 0; i < 2; i++) {
      const pixel = await t.request(open, { headers: { authorization: '', 'user-agent': 'Mail/1.0' } });
      expect(pixel.status).toBe(200);
      expect(pixel.headers.get('content-type')).toBe('image/gif');
    }
    const clicks = [...String(gil.mail.html).matchAll(/http:\/\/spokestack\.test(\/v1\/crm\/public\/email\/click\/[^"]+)/g)].map(
      (m) => m[1]!,
    );
    expect(clicks).toHaveLength(2);
    const redirect = await t.request(clicks[0]!, { headers: { authorization: '' } });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://agency.test/a');
    await t.request(clicks[0]!, { headers: { authorization: '' } });
    expect((await t.sdk.crm.emailLinks.click(clicks[1]!.split('/').pop()!)).headers.get('location')).toBe('https://agency.test/b');

    const campaign = await t.sdk.crm.emailCampaigns.get(campaignId);
    expect(campaign).toMatchObject({ opened: 2, uniqueOpens: 1, clicked: 3, uniqueClicks: 1 });
    const links = (await t.sdk.crm.emailLinks.list({ emailCampaignId: campaignId })).data;
    expect(Object.fromEntries(links.map((l) => [l.originalUrl, [l.clickCount, l.uniqueClicks]]))).toEqual({
      'https://agency.test/a': [2, 1],
      'https://agency.test/b': [1, 1],
    });
    const recipient = (await t.sdk.crm.emailRecipients.list({ emailCampaignId: campaignId, contactId: people[0]!.id })).data[0]!;
    expect(recipient).toMatchObject({ status: 'CLICKED', openCount: 2, clickCount: 3 });
    const interactions = (await t.sdk.crm.emailInteractions.list({ contactId: people[0]!.id })).data.map((i) => i.interactionType);
    expect(interactions.filter((i) => i === 'OPENED')).toHaveLength(2);
    expect(interactions.filter((i) => i === 'CLICKED')).toHaveLength(3);
    const activities = (await t.sdk.crm.contactActivities.list({ contactId: people[0]!.id })).data.map((a) => a.activityType);
    expect(activities).toEqual(expect.arrayContaining(['EMAIL_OPENED', 'EMAIL_CLICKED']));

    // A forged pixel still answers the GIF and counts nothing; a forged or re-purposed click token is 401.
    await t.request(`${open}x`, { headers: { authorization: '' } });
    expect((await t.request(open.replace('/open/', '/click/'), { headers: { authorization: '' } })).status).toBe(401);
    const unsubscribeToken = header(gil, 'list-unsubscribe').match(/unsubscribe\/([^>]+)>/)![1]!;
    expect((await t.request(`/v1/crm/public/email/click/${unsubscribeToken}`, { headers: { authorization: '' } })).status).toBe(401);
    expect((await t.sdk.crm.emailCampaigns.get(campaignId)).opened).toBe(2);
  });

  it('unsubscribes in one click without a session; the page confirms and changes nothing itself', async () => {
    const hal = got.find((m) => m.to[0] === people[1]!.email)!;
    const url = header(hal, 'list-unsubscribe').match(/<([^>]+)>/)![1]!;
    const path = new URL(url).pathname;
    const page = await t.request(path, { headers: { authorization: '' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain(`${people[1]!.email} will get no more`);
    expect((await t.sdk.crm.contacts.get(people[1]!.id)).status).toBe('ACTIVE');

    // What a mail client posts (RFC 8058): form-encoded, no credentials.
    const posted = await t.request(path, {
      method: 'POST',
      headers: { authorization: '', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ unsubscribed: true, email: people[1]!.email });
    const contact = await t.sdk.crm.contacts.get(people[1]!.id);
    expect(contact).toMatchObject({ status: 'UNSUBSCRIBED', marketingConsent: false });
    await t.sdk.crm.emailLinks.unsubscribe(path.split('/').pop()!);
    expect((await t.sdk.crm.emailCampaigns.get(campaignId)).unsubscribed).toBe(1);
    expect((await problem(t.sdk.crm.emailLinks.unsubscribe('us_forged.x'))).status).toBe(401);

    // The next campaign to the same list leaves them out.
    const next = await campaignFor(listId);
    expect((await t.sdk.crm.emailCampaigns.send(next.id)).recipientCount).toBe(1);
    await t.sdk.crm.emailCampaigns.cancel(next.id);
  });

  it('records bounces and complaints from the webhook shape, each once', async () => {
    const events = { events: [{ type: 'complaint' as const, emailCampaignId: campaignId, email: people[0]!.email! }] };
    expect(await t.sdk.crm.emailEvents.record(events)).toEqual({ recorded: 1, unknown: [] });
    await t.sdk.crm.emailEvents.record(events);
    expect(
      await t.sdk.crm.emailEvents.record({ events: [{ type: 'bounce', emailCampaignId: campaignId, email: 'nobody@example.test' }] }),
    ).toEqual({ recorded: 0, unknown: [0] });
    expect((await t.sdk.crm.emailCampaigns.get(campaignId)).complained).toBe(1);
    expect((await t.sdk.crm.contacts.get(people[0]!.id)).status).toBe('UNSUBSCRIBED');
    // Another organization cannot report on our campaign.
    expect(await other.sdk.crm.emailEvents.record(events)).toEqual({ recorded: 0, unknown: [0] });
  });
});

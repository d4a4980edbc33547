import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let formId: string;

const post = (id: string, body: string, type: string, accept?: string) =>
  t.app.request(
    new Request(`http://spokestack.test/v1/crm/forms/${id}/submit`, {
      method: 'POST',
      body,
      headers: { 'content-type': type, ...(accept ? { accept } : {}) },
    }),
  );

beforeAll(async () => {
  // Public surfaces are limited per IP: 6 posts a minute here, so the last test can pass the limit.
  t = await createTestInstance({ rateLimits: { publicPerIp: { max: 6, windowSeconds: 60 } } });
  await t.sdk.crm.customFields.create({ key: 'budget', label: 'Budget', fieldType: 'number' });
  const form = await t.sdk.crm.forms.create({
    name: 'Webinar',
    redirectUrl: 'https://agency.test/thanks',
    consentText: 'Send me news',
    fields: [
      { name: 'email', label: 'Email', type: 'email', required: true, mapTo: 'email' },
      { name: 'first', label: 'First name', type: 'text', mapTo: 'firstName' },
      { name: 'phone', label: 'Phone', type: 'phone', mapTo: 'phone' },
      { name: 'budget', label: 'Budget', type: 'number', mapTo: 'custom.budget' },
      { name: 'size', label: 'Team size', type: 'select', options: ['1-10', '11-50'] },
      { name: 'consent', label: 'Send me news', type: 'consent' },
    ],
  });
  formId = form.id;
});
afterAll(() => t.close());

describe('forms', () => {
  it('refuses a form without a required email mapped to email, unknown mappings and a non-http redirect', async () => {
    const bad = await problem(
      t.sdk.crm.forms.create({
        name: 'Bad',
        redirectUrl: 'javascript:alert(1)',
        fields: [{ name: 'company', label: 'Company', mapTo: 'custom.nope' }],
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.errors.map((e) => e.path)).toContain('body.redirectUrl');
    const unmapped = await problem(
      t.sdk.crm.forms.create({ name: 'Bad', fields: [{ name: 'company', label: 'Company', mapTo: 'custom.nope' }] }),
    );
    expect(unmapped.errors.map((e) => e.path).sort()).toEqual(['body.fields', 'body.fields.0.mapTo']);
  });

  it('creates the contact from a JSON post: normalised email, consent with date and source, UTM on contact and timeline', async () => {
    const reply = await t.sdk.crm.forms.submit(formId, {
      email: '  Ada@Example.COM ',
      first: 'Ada',
      budget: '5000',
      size: '1-10',
      consent: true,
      utm_source: 'newsletter',
      utm_campaign: 'spring',
      sourceUrl: 'https://agency.test/webinar',
    });
    expect(reply).toEqual({ ok: true, message: expect.any(String), redirectUrl: 'https://agency.test/thanks' });
    const [ada] = (await t.sdk.crm.contacts.list({ q: 'ada@example.com' })).data;
    expect(ada).toMatchObject({
      email: 'ada@example.com',
      firstName: 'Ada',
      source: 'WEBSITE',
      marketingConsent: true,
      marketingConsentDate: t.clock.now().toISOString(),
      utmSource: 'newsletter',
      utmCampaign: 'spring',
      customFields: { budget: 5000 },
    });
    expect(ada!.marketingConsentSource).toBe('Form “Webinar”: Send me news (https://agency.test/webinar)');
    const { data: timeline } = await t.sdk.crm.contactActivities.list({ contactId: ada!.id, activityType: 'FORM_SUBMISSION' });
    expect(timeline[0]!.description).toBe('utm_source=newsletter, utm_campaign=spring, from https://agency.test/webinar');
    const { data: subs } = await t.sdk.crm.formSubmissions.list({ contactId: ada!.id });
    expect(subs[0]).toMatchObject({ formId, formName: 'Webinar', utmSource: 'newsletter', sourceUrl: 'https://agency.test/webinar' });
    expect((await t.sdk.crm.forms.get(formId)).submissionCount).toBe(1);
  });

  it('updates the same contact on a browser post with another letter case, keeps the first UTM, and redirects', async () => {
    const res = await post(formId, 'email=ADA%40example.com&first=Augusta&utm_source=ads', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://agency.test/thanks');
    const { data } = await t.sdk.crm.contacts.list({ q: 'ada@example.com' });
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ firstName: 'Augusta', utmSource: 'newsletter', marketingConsent: true });
  });

  it('names each bad answer by its field, and drops a honeypot post while answering success', async () => {
    const bad = await post(formId, JSON.stringify({ email: 'not-an-email', size: 'huge', phone: '12' }), 'application/json');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(['body.email', 'body.size']);
    const badPhone = await post(formId, JSON.stringify({ email: 'bob@example.com', phone: '12' }), 'application/json');
    expect(((await badPhone.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['body.phone']);
    const bot = await post(formId, JSON.stringify({ email: 'bot@example.com', website: 'http://spam.test' }), 'application/json');
    expect(bot.status).toBe(200);
    expect((await t.sdk.crm.contacts.list({ q: 'bot@example.com' })).data).toHaveLength(0);
  });

  it('answers 404 for an unknown or paused form, and 429 past the per-IP limit', async () => {
    await t.sdk.crm.forms.update(formId, { isActive: false });
    expect((await post(formId, JSON.stringify({ email: 'c@example.com' }), 'application/json')).status).toBe(404);
    const limited = await post('nope', JSON.stringify({ email: 'c@example.com' }), 'application/json');
    expect(limited.status).toBe(429);
  });
});

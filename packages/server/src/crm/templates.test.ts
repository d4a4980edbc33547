import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { startSmtpServer } from '../testing/smtp.js';
import { htmlToText } from './templates.js';

let t: TestInstance;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestInstance({ mail: { url: smtp.url, from: 'news@agency.test' } });
  other = await t.createOrg('Rival Agency');
  await t.sdk.crm.customFields.create({ key: 'industry', label: 'Industry', fieldType: 'text' });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const html =
  '<html><head><title>x</title><style>p{color:red}</style></head><body><h1>Hello {{firstName|there}}</h1>' +
  '<p>News for {{custom.industry|your industry}} &amp; more: <a href="https://agency.test/read">read it</a></p>' +
  '<ul><li>One</li><li>Two</li></ul></body></html>';

describe('email templates', () => {
  it('refuses unknown merge tags naming each one, and derives the text part from the HTML', async () => {
    const bad = await problem(
      t.sdk.crm.emailTemplates.create({
        name: 'Bad',
        htmlContent: '<p>{{firstname}} {{custom.shoe|x}} {{firstName}}</p>',
        plainTextContent: '{{nope}}',
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.errors).toEqual([
      { path: 'body.htmlContent', message: expect.stringContaining('Unknown merge tags: {{firstname}}, {{custom.shoe}};') },
      { path: 'body.plainTextContent', message: expect.stringContaining('{{nope}}') },
    ]);
    const template = await t.sdk.crm.emailTemplates.create({ name: 'Newsletter', htmlContent: html });
    expect(template.plainTextContent).toBe(
      'Hello {{firstName|there}}\n\nNews for {{custom.industry|your industry}} & more: read it (https://agency.test/read)\n\n- One\n- Two',
    );
    const kept = await t.sdk.crm.emailTemplates.update(template.id, { plainTextContent: 'Hi {{firstName}}' });
    expect(kept.plainTextContent).toBe('Hi {{firstName}}');
    expect((await problem(t.sdk.crm.emailTemplates.update(template.id, { htmlContent: '{{ deal }}' }))).errors[0]?.path).toBe(
      'body.htmlContent',
    );
    expect(htmlToText('<p>A&nbsp;&#233;&#x41;</p><br><a href="https://x.test">https://x.test</a>')).toBe('A éA\n\nhttps://x.test');
  });

  it('previews as a contact, escaping its values in HTML, with fallbacks where it has none', async () => {
    const template = await t.sdk.crm.emailTemplates.create({
      name: 'Hi',
      htmlContent: '<p>Hi {{firstName|there}} of {{companyName|your team}}</p>',
    });
    const eve = await t.sdk.crm.contacts.create({ firstName: '<Eve>', lastName: 'X', customFields: { industry: 'Retail' } });
    expect(await t.sdk.crm.emailTemplates.preview(template.id, { contactId: eve.id, subject: 'For {{custom.industry}}' })).toEqual({
      subject: 'For Retail',
      html: '<p>Hi &#60;Eve&#62; of your team</p>',
      text: 'Hi <Eve> of your team',
    });
    expect((await t.sdk.crm.emailTemplates.preview(template.id)).text).toBe('Hi there of your team');
    expect((await problem(t.sdk.crm.emailTemplates.preview(template.id, { subject: '{{bogus}}' }))).errors[0]?.path).toBe('body.subject');
  });

  it('test-sends over SMTP to the given addresses, HTML and text parts merged for the chosen contact', async () => {
    const template = await t.sdk.crm.emailTemplates.create({ name: 'Newsletter', htmlContent: html });
    const ada = await t.sdk.crm.contacts.create({ firstName: 'Ada', lastName: 'L', customFields: { industry: 'SaaS' } });
    const before = smtp.received.length;
    const sent = await t.sdk.crm.emailTemplates.testSend(template.id, {
      to: ['Me@Agency.test', 'boss@agency.test'],
      contactId: ada.id,
      subject: 'March for {{firstName}}',
    });
    expect(sent).toMatchObject({ subject: '[Test] March for Ada', sentTo: ['me@agency.test', 'boss@agency.test'] });
    const got = smtp.received.slice(before);
    expect(got.map((m) => m.to)).toEqual([['me@agency.test'], ['boss@agency.test']]);
    const mail = got[0]!.mail;
    expect(mail.subject).toBe('[Test] March for Ada');
    expect(mail.from?.text).toBe('news@agency.test');
    expect(mail.html).toContain('<h1>Hello Ada</h1>');
    expect(mail.html).toContain('News for SaaS &amp; more');
    expect(mail.text).toContain('News for SaaS & more: read it (https://agency.test/read)');
    const activity = (await t.sdk.platform.activity.list({ entityType: 'email_templates' })).data;
    expect(activity.some((a) => a.action === 'test_sent' && a.entityId === template.id)).toBe(true);

    // Another organization cannot send ours, nor merge our contacts into theirs.
    expect((await problem(other.sdk.crm.emailTemplates.testSend(template.id, { to: ['x@y.test'] }))).status).toBe(404);
    const theirs = await other.sdk.crm.emailTemplates.create({ name: 'T', htmlContent: '<p>{{firstName}}</p>' });
    expect((await problem(other.sdk.crm.emailTemplates.testSend(theirs.id, { to: ['x@y.test'], contactId: ada.id }))).status).toBe(400);
    expect((await problem(t.sdk.crm.emailTemplates.testSend(template.id, { to: ['not an address'] }))).status).toBe(400);
    expect(smtp.received.length).toBe(before + 2);
  });
});

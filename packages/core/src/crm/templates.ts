import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { base, id, tag, writers } from './common.js';
import { contactEmail } from './contacts.js';
import { emailTemplates } from './rows.gen.js';

// Email templates: HTML and text parts with merge tags (`{{firstName|there}}`: a contact's value, or
// the fallback after `|` when it has none), checked when saved; the text part derived from the HTML
// when not given; previews and test sends as a chosen contact.

/** The contact fields a merge tag can name; `{{custom.<key>}}` names a custom field, `{{unsubscribeUrl}}` the contact's link. */
export const mergeTagFields = [
  'firstName',
  'lastName',
  'fullName',
  'email',
  'companyName',
  'jobTitle',
  'department',
  'city',
  'country',
  'unsubscribeUrl',
] as const;

const templateFields = emailTemplates.create.extend({
  name: f.text().min(1).max(200),
  /** HTML with merge tags; values are HTML-escaped when merged. */
  htmlContent: f.longText().min(1).max(500_000),
  /** Derived from the HTML when not given (links kept as `text (url)`). */
  plainTextContent: f.longText().max(500_000).nullable().optional(),
});
export const emailTemplateCreate = templateFields;
export const emailTemplateUpdate = templateFields.partial();

export const templateRender = z.strictObject({
  /** Merge this contact's values (fallbacks stand in where it has none); without it, every tag takes its fallback. */
  contactId: id.optional(),
  /** A subject line, with merge tags too. */
  subject: f.text().max(500).optional(),
});
export const renderedEmail = z.object({ subject: z.string(), html: z.string(), text: z.string() });
export const templateTestSend = templateRender.extend({
  /** Up to 10 addresses that receive the test, marked "[Test]" in the subject. */
  to: z.array(contactEmail).min(1).max(10),
  /** The sender; the server's default sender (`SPOKESTACK_MAIL_FROM`) without it. */
  from: contactEmail.optional(),
});
export const testSendResult = renderedEmail.extend({ sentTo: z.array(z.string()) });

const templatesBase = `${base}/email-templates`;
export const templateOps = {
  createEmailTemplate: defineOperation({
    id: 'crm.emailTemplates.create',
    method: 'POST',
    path: templatesBase,
    tag,
    summary: 'Create an email template (HTML and text with merge tags like {{firstName|there}})',
    description:
      'Merge tags are checked: an unknown one is a 400 that names it. Without `plainTextContent` the text part ' +
      'is derived from the HTML.',
    body: emailTemplateCreate,
    response: emailTemplates.row,
    status: 201,
    roles: writers,
  }),
  updateEmailTemplate: defineOperation({
    id: 'crm.emailTemplates.update',
    method: 'PATCH',
    path: `${templatesBase}/:id`,
    tag,
    summary: 'Change an email template',
    description: 'Merge tags are checked as on create; new HTML without new text re-derives the text part.',
    params: idParams,
    body: emailTemplateUpdate,
    response: emailTemplates.row,
    roles: writers,
  }),
  previewEmailTemplate: defineOperation({
    id: 'crm.emailTemplates.preview',
    method: 'POST',
    path: `${templatesBase}/:id/preview`,
    tag,
    summary: 'A template merged for one contact (or with its fallbacks)',
    description: 'Sends nothing. A contact of another organization is a 400.',
    params: idParams,
    body: templateRender,
    response: renderedEmail,
    roles: writers,
  }),
  testSendEmailTemplate: defineOperation({
    id: 'crm.emailTemplates.testSend',
    method: 'POST',
    path: `${templatesBase}/:id/test-send`,
    tag,
    summary: 'Send a template to up to 10 addresses, as a chosen contact would get it',
    description: 'The subject is marked "[Test]". 409 when the server has no mail transport configured (`SPOKESTACK_SMTP_URL`).',
    params: idParams,
    body: templateTestSend,
    response: testSendResult,
    roles: writers,
  }),
};

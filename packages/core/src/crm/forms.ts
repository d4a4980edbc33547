import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { base, id, tag, writers } from './common.js';
import { forms } from './rows.gen.js';

// Public forms: a form says what it asks and where each answer goes on the contact; its public endpoint
// (no session, rate-limited per IP, with a honeypot) upserts the contact by its normalised email, keeps the
// consent with its date and source and the UTM fields, puts FORM_SUBMISSION on the timeline and starts the
// workflows that listen for the form.

/** The contact fields a form answer can fill; `custom.<key>` names a custom field. */
export const formContactFields = [
  'email',
  'firstName',
  'lastName',
  'phone',
  'mobile',
  'jobTitle',
  'department',
  'companyName',
  'city',
  'country',
] as const;

/** What a field accepts: `consent` is the marketing-consent box, `hidden` a value the page sets (a campaign code). */
export const formFieldTypes = ['text', 'email', 'textarea', 'number', 'phone', 'select', 'checkbox', 'consent', 'hidden'] as const;

export const formField = z.strictObject({
  /** The name the post uses for it (`<input name>`). */
  name: z
    .string()
    .regex(/^[A-Za-z][\w-]{0,63}$/, 'Letters, digits, "_" and "-", starting with a letter')
    .refine((n) => !/^utm_/.test(n), 'utm_* names are kept for the UTM fields'),
  label: f.text().min(1).max(200),
  type: z.enum(formFieldTypes).default('text'),
  required: z.boolean().default(false),
  /** The choices of a `select`. */
  options: z.array(z.string().min(1).max(200)).max(100).optional(),
  /** Where the answer goes on the contact: a field of `formContactFields` or `custom.<key>`; unmapped answers stay on the submission. */
  mapTo: z.string().max(80).optional(),
});
export type FormField = z.output<typeof formField>;

const formFields = z.strictObject({
  name: f.text().min(1).max(200),
  description: f.text().max(2000).nullable().optional(),
  /** At least an `email` field mapped to `email`: the contact is found or created by it. */
  fields: z.array(formField).min(1).max(50),
  /** Where a browser's post is redirected (303) after success; http(s) only. Without it the reply is JSON. */
  redirectUrl: f.httpUrl().nullable().optional(),
  /** What the consent box says, kept as the consent's source with the form's name. */
  consentText: f.text().max(2000).nullable().optional(),
  /** A field the page hides from people; a post that fills it is a bot's. */
  honeypotField: z
    .string()
    .regex(/^[A-Za-z][\w-]{0,63}$/)
    .optional(),
  isActive: z.boolean().optional(),
});
export const formCreate = formFields;
export const formUpdate = formFields.partial();
export const formRow = forms.row.extend({ fields: z.array(formField) });

/** A post: answers by field name, `utm_*`, `sourceUrl`; a browser's form post sends every value as a string. */
export const formPost = z.record(z.string().max(64), z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]));

/** The JSON reply to a post (when the form has no redirect, or the client asked for JSON). */
export const formSubmitted = z.object({
  ok: z.literal(true),
  /** What to show the person. */
  message: z.string(),
  /** Where a page should go next, when the form has a thank-you page. */
  redirectUrl: z.string().nullable(),
});

const formsBase = `${base}/forms`;
export const formOps = {
  createForm: defineOperation({
    id: 'crm.forms.create',
    method: 'POST',
    path: formsBase,
    tag,
    summary: 'Create a public form whose posts create or update contacts',
    description:
      'Fields say what the form asks and where each answer goes (`mapTo`: a contact field or `custom.<key>`); one must be ' +
      'an email mapped to `email`. The redirect must be http(s). The form is posted to `/v1/crm/forms/{id}/submit`.',
    body: formCreate,
    response: formRow,
    status: 201,
    roles: writers,
  }),
  updateForm: defineOperation({
    id: 'crm.forms.update',
    method: 'PATCH',
    path: `${formsBase}/:id`,
    tag,
    summary: 'Change a form’s fields, thank-you page or consent text',
    description: 'Checked as on create; submissions already received keep what they said.',
    params: idParams,
    body: formUpdate,
    response: formRow,
    roles: writers,
  }),
  submitForm: defineOperation({
    id: 'crm.forms.submit',
    method: 'POST',
    path: `${formsBase}/:id/submit`,
    tag,
    auth: 'public',
    summary: 'Post a form (public: no credentials), from a page or a script',
    description:
      'Takes JSON or an HTML form post (urlencoded or multipart), limited per IP. The contact is found by its normalised ' +
      'email or created; mapped answers fill it, a ticked consent box records consent with its date and source, ' +
      '`utm_source`, `utm_medium`, `utm_campaign` and `sourceUrl` are kept on the contact (first touch) and the submission. ' +
      'A filled honeypot is answered like a success and dropped. Replies 303 to the thank-you page for a browser ' +
      'post, else JSON; a missing or invalid answer is a 400 naming the field.',
    params: z.object({ id }),
    bodyType: 'form',
    body: formPost,
    response: formSubmitted,
  }),
};

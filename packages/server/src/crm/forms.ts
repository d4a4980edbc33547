import type { FieldError } from '@spokestack/core';
import type { FormField, formCreate, formPost, formUpdate } from '@spokestack/core/crm';
import { contactEmail, crmResources, formContactFields } from '@spokestack/core/crm';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { resourceService } from '../db/resource-service.js';
import { HttpError, badRequest, notFound } from '../http/problem.js';
import type { AppContext, TenantContext } from '../platform/context.js';
import { recordContactActivity } from './activities.js';
import { createContact, updateContact } from './contacts.js';
import { contactFormSubmissions, contacts, crmCustomFields, crmForms } from './schema.js';

// Public forms. A post is checked against the form's fields, then in one transaction the contact is found by
// its normalised email (or created), filled from the mapped answers, given consent when the box is ticked,
// its first-touch UTM fields kept; the submission is stored and FORM_SUBMISSION written on its timeline,
// which is what starts the workflows listening for the form (crm/automation.ts reads timeline writes).

type FormRow = typeof crmForms.$inferSelect;
type Form = Omit<FormRow, 'fields'> & { fields: FormField[] };
const formService = resourceService(crmForms, crmResources.forms);
const utmKeys = ['utm_source', 'utm_medium', 'utm_campaign'] as const;
const ticked = (v: unknown) => v === true || (typeof v === 'string' && ['on', 'true', '1', 'yes'].includes(v.trim().toLowerCase()));

async function checkForm(db: Db, ctx: TenantContext, input: Partial<z.output<typeof formCreate>>, before?: FormRow): Promise<void> {
  const fields = input.fields ?? (before?.fields as FormField[] | undefined) ?? [];
  const honeypot = input.honeypotField ?? before?.honeypotField ?? 'website';
  const defs = await db
    .select({ key: crmCustomFields.key })
    .from(crmCustomFields)
    .where(eq(crmCustomFields.organizationId, ctx.organizationId));
  const custom = new Set(defs.map((d) => `custom.${d.key}`));
  const errors: FieldError[] = [];
  const names = new Set<string>();
  fields.forEach((field, i) => {
    const path = `body.fields.${i}`;
    if (names.has(field.name)) errors.push({ path: `${path}.name`, message: `Another field is already named "${field.name}"` });
    names.add(field.name);
    if (field.name === honeypot) errors.push({ path: `${path}.name`, message: 'This is the honeypot field’s name; people never fill it' });
    if (field.mapTo && !(formContactFields as readonly string[]).includes(field.mapTo) && !custom.has(field.mapTo))
      errors.push({
        path: `${path}.mapTo`,
        message: `A contact field (${formContactFields.join(', ')}) or custom.<key> of a defined field`,
      });
    if (field.type === 'select' && !field.options?.length) errors.push({ path: `${path}.options`, message: 'A select needs its options' });
    if (field.type === 'consent' && field.mapTo) errors.push({ path: `${path}.mapTo`, message: 'The consent box sets marketing consent' });
  });
  if (fields.filter((f) => f.type === 'consent').length > 1) errors.push({ path: 'body.fields', message: 'At most one consent box' });
  if (!fields.some((f) => f.mapTo === 'email' && f.type === 'email' && f.required))
    errors.push({ path: 'body.fields', message: 'A required field of type email mapped to "email": contacts are found by it' });
  if (errors.length) throw badRequest(errors);
}

/**
 * Creates a form after checking its fields (one required email mapped to `email`, mappings known).
 *
 * @example
 * await createForm(db, ctx, { name: 'News', fields: [{ name: 'email', label: 'Email', type: 'email', required: true, mapTo: 'email' }] })
 */
export async function createForm(db: Db, ctx: TenantContext, input: z.output<typeof formCreate>): Promise<Form> {
  await checkForm(db, ctx, input);
  return (await formService.create(db, ctx, { ...input, createdById: ctx.actor.id })) as Form;
}

/** @example await updateForm(db, ctx, id, { redirectUrl: 'https://agency.test/thanks' }) */
export async function updateForm(db: Db, ctx: TenantContext, id: string, input: z.output<typeof formUpdate>): Promise<Form> {
  const before = (await formService.get(db, ctx, id)) as FormRow;
  await checkForm(db, ctx, input, before);
  return (await formService.update(db, ctx, id, input)) as Form;
}

type Post = z.output<typeof formPost>;

/** The answers as the contact takes them, or a 400 naming each field by its name in the form. */
function readAnswers(form: Form, post: Post) {
  const errors: FieldError[] = [];
  const contact: Record<string, unknown> = {};
  const customFields: Record<string, Json> = {};
  const data: Record<string, Json> = {};
  let consent = false;
  for (const field of form.fields) {
    const raw = post[field.name];
    const path = `body.${field.name}`;
    if (field.type === 'consent' || field.type === 'checkbox') {
      const on = ticked(raw);
      if (field.required && !on) errors.push({ path, message: `Required: tick “${field.label}”` });
      if (field.type === 'consent') consent = on;
      data[field.name] = on;
      if (field.mapTo?.startsWith('custom.')) customFields[field.mapTo.slice(7)] = on;
      continue;
    }
    const text = raw === undefined || raw === null ? '' : String(raw).trim();
    if (!text) {
      if (field.required) errors.push({ path, message: `Required: ${field.label}` });
      continue;
    }
    let value: Json = text;
    if (field.type === 'email') {
      const parsed = contactEmail.safeParse(text);
      if (!parsed.success) {
        errors.push({ path, message: 'Expected an email address' });
        continue;
      }
      value = parsed.data;
    } else if (field.type === 'number') {
      value = Number(text);
      if (!Number.isFinite(value)) {
        errors.push({ path, message: 'Expected a number' });
        continue;
      }
    } else if (field.type === 'select' && !field.options?.includes(text)) {
      errors.push({ path, message: `Expected one of: ${field.options?.join(', ')}` });
      continue;
    } else if (text.length > (field.type === 'textarea' ? 10_000 : 500)) {
      errors.push({ path, message: 'Too long' });
      continue;
    }
    data[field.name] = value;
    if (field.mapTo?.startsWith('custom.')) customFields[field.mapTo.slice(7)] = value;
    else if (field.mapTo) contact[field.mapTo] = value;
  }
  if (errors.length) throw badRequest(errors);
  return { contact, customFields, data, consent };
}

const firstString = (value: unknown, max: number) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : null);

/**
 * Takes a public post of a form: see the module comment. A filled honeypot stores nothing and answers as
 * a success, so a bot learns nothing. Errors name the form's own field names (`body.email`).
 *
 * @example await submitForm(db, app, form.id, { email: 'Ada@Example.com', consent: 'on', utm_source: 'newsletter' })
 */
export async function submitForm(db: Db, app: AppContext, id: string, post: Post): Promise<{ form: Form; stored: boolean }> {
  const [row] = await db
    .select()
    .from(crmForms)
    .where(and(eq(crmForms.id, id), eq(crmForms.isActive, true)));
  if (!row) throw notFound('Form');
  const form = row as Form;
  if (firstString(post[form.honeypotField], 1)) return { form, stored: false };
  const ctx: TenantContext = {
    ...app,
    organizationId: form.organizationId,
    actor: { type: 'system', id: `form:${form.id}`, name: `Form “${form.name}”`, role: 'OWNER', clientId: null },
  };
  const answers = readAnswers(form, post);
  const utm = Object.fromEntries(utmKeys.map((k) => [k, firstString(post[k], 200)])) as Record<(typeof utmKeys)[number], string | null>;
  const sourceUrl = firstString(post.sourceUrl, 2000);
  const email = answers.contact.email as string;
  const consentSource = `Form “${form.name}”${form.consentText ? `: ${form.consentText}` : ''}${sourceUrl ? ` (${sourceUrl})` : ''}`.slice(
    0,
    1000,
  );
  const fieldOf = new Map(form.fields.filter((f) => f.mapTo).map((f) => [f.mapTo!.replace(/^custom\./, 'customFields.'), f.name]));
  await transaction(db, async (tx) => {
    const [existing] = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.organizationId, ctx.organizationId), eq(contacts.email, email)))
      .for('update');
    const values = {
      ...answers.contact,
      ...(Object.keys(answers.customFields).length ? { customFields: answers.customFields } : {}),
      ...(answers.consent ? { marketingConsent: true, marketingConsentSource: consentSource } : {}),
    };
    const contact = await (existing
      ? updateContact(tx, ctx, existing.id, {
          ...values,
          // First touch: the campaign that brought the contact stays.
          ...(existing.utmSource || existing.utmMedium || existing.utmCampaign
            ? {}
            : { utmSource: utm.utm_source, utmMedium: utm.utm_medium, utmCampaign: utm.utm_campaign }),
        } as Parameters<typeof updateContact>[3])
      : createContact(tx, ctx, {
          firstName: '',
          lastName: '',
          source: 'WEBSITE',
          ...values,
          utmSource: utm.utm_source,
          utmMedium: utm.utm_medium,
          utmCampaign: utm.utm_campaign,
        } as Parameters<typeof createContact>[2])
    ).catch((error: unknown) => {
      // The contact's rules (a phone number, a custom field) speak of its fields; the poster knows the form's names.
      if (error instanceof HttpError && error.status === 400 && error.errors)
        throw badRequest(
          error.errors.map((e) => ({ ...e, path: `body.${fieldOf.get(e.path.replace(/^body\./, '')) ?? e.path.slice(5)}` })),
        );
      throw error;
    });
    await tx.insert(contactFormSubmissions).values({
      organizationId: ctx.organizationId,
      contactId: contact.id,
      formId: form.id,
      formName: form.name,
      data: answers.data,
      sourceUrl,
      utmSource: utm.utm_source,
      utmMedium: utm.utm_medium,
      utmCampaign: utm.utm_campaign,
      submittedAt: ctx.now,
    });
    await tx
      .update(crmForms)
      .set({ submissionCount: sql`${crmForms.submissionCount} + 1` })
      .where(and(eq(crmForms.organizationId, ctx.organizationId), eq(crmForms.id, form.id)));
    const campaign = Object.entries(utm)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}=${v}`);
    await recordContactActivity(tx, ctx, {
      contactId: contact.id,
      activityType: 'FORM_SUBMISSION',
      subject: `Submitted “${form.name}”`,
      description: [...campaign, ...(sourceUrl ? [`from ${sourceUrl}`] : [])].join(', ') || null,
      formId: form.id,
      performedById: null,
    });
  });
  return { form, stored: true };
}

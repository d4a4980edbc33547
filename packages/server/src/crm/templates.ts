import type { FieldError } from '@spokestack/core';
import type { emailTemplateCreate, emailTemplateUpdate, templateRender, templateTestSend } from '@spokestack/core/crm';
import { crmResources, mergeTagFields } from '@spokestack/core/crm';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { resourceService } from '../db/resource-service.js';
import { badRequest, conflict } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import type { ContactRow } from './contacts.js';
import { contacts, crmCustomFields, emailTemplates } from './schema.js';

// Merge tags and the two parts of an email. `{{name}}` or `{{name|fallback}}`, where name is a contact
// field of `mergeTagFields` or `custom.<key>`; the one renderer here serves previews, test sends and
// campaigns, so what a preview shows is what a recipient gets.

const tagPattern = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;
const templateService = resourceService(emailTemplates, crmResources.emailTemplates);

/** The merge tags of a text, as written. @example mergeTags('Hi {{firstName|there}}') // [{ name: 'firstName', fallback: 'there' }] */
export const mergeTags = (text: string) => [...text.matchAll(tagPattern)].map((m) => ({ name: m[1]!, fallback: m[2]?.trim() ?? '' }));

/**
 * Checks the merge tags of each part against the contact fields and the organization's custom fields;
 * a 400 names every unknown tag of every part.
 *
 * @example await checkMergeTags(db, ctx, { 'body.htmlContent': html, 'body.subject': subject })
 */
export async function checkMergeTags(db: Db, ctx: TenantContext, parts: Record<string, string | null | undefined>): Promise<void> {
  const defs = await db
    .select({ key: crmCustomFields.key })
    .from(crmCustomFields)
    .where(eq(crmCustomFields.organizationId, ctx.organizationId));
  const known = new Set<string>([...mergeTagFields, ...defs.map((d) => `custom.${d.key}`)]);
  const errors: FieldError[] = [];
  for (const [path, text] of Object.entries(parts)) {
    const unknown = [...new Set(mergeTags(text ?? '').map((t) => t.name))].filter((name) => !known.has(name));
    if (unknown.length)
      errors.push({
        path,
        message: `Unknown merge tags: ${unknown.map((n) => `{{${n}}}`).join(', ')}; use ${mergeTagFields.join(', ')} or custom.<key>`,
      });
  }
  if (errors.length) throw badRequest(errors);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A contact's merge values by tag name; `extra` adds per-message values (the unsubscribe link). */
export function mergeValues(contact: ContactRow | null, extra: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = { ...extra };
  if (!contact) return values;
  for (const key of mergeTagFields) {
    const value = key === 'fullName' ? `${contact.firstName} ${contact.lastName}`.trim() : (contact as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.trim()) values[key] = value;
  }
  for (const [key, value] of Object.entries(contact.customFields as Record<string, Json>))
    if (value !== null && value !== '') values[`custom.${key}`] = Array.isArray(value) ? value.join(', ') : String(value);
  return values;
}

/** Replaces each tag by its value, or its fallback; values merged into HTML are escaped. */
export const merge = (text: string, values: Record<string, string>, html: boolean) =>
  text.replace(tagPattern, (_, name: string, fallback?: string) => {
    const value = values[name] ?? fallback?.trim() ?? '';
    return html ? escapeHtml(value) : value;
  });

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The text part of an HTML email: blocks become lines, links `text (url)`, list items `- item`;
 * scripts, styles and the head are dropped.
 *
 * @example htmlToText('<p>Hi <a href="https://x.test">there</a></p>') // 'Hi there (https://x.test)'
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<a\b[^>]*?href\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a\s*>/gi, (_, href: string, inner: string) => {
      const label = inner.replace(/<[^>]+>/g, '').trim();
      return label && label !== href ? `${label} (${href})` : href;
    })
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|tr|table|ul|ol|blockquote)\s*>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|#x[\da-f]+|\w+);/gi, (whole, code: string) =>
      code.startsWith('#x') || code.startsWith('#X')
        ? String.fromCodePoint(Number.parseInt(code.slice(2), 16))
        : code.startsWith('#')
          ? String.fromCodePoint(Number(code.slice(1)))
          : (entities[code.toLowerCase()] ?? whole),
    )
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

type Create = z.output<typeof emailTemplateCreate>;

/**
 * @example await createEmailTemplate(db, ctx, { name: 'Welcome', htmlContent: '<p>Hi {{firstName|there}}</p>' })
 * // plainTextContent: 'Hi {{firstName|there}}'
 */
export async function createEmailTemplate(db: Db, ctx: TenantContext, input: Create) {
  await checkMergeTags(db, ctx, { 'body.htmlContent': input.htmlContent, 'body.plainTextContent': input.plainTextContent });
  return templateService.create(db, ctx, {
    ...input,
    plainTextContent: input.plainTextContent || htmlToText(input.htmlContent),
    createdById: ctx.actor.id,
  });
}

export async function updateEmailTemplate(db: Db, ctx: TenantContext, id: string, input: z.output<typeof emailTemplateUpdate>) {
  await templateService.get(db, ctx, id);
  await checkMergeTags(db, ctx, { 'body.htmlContent': input.htmlContent, 'body.plainTextContent': input.plainTextContent });
  const values = { ...input };
  if (input.htmlContent && !input.plainTextContent) values.plainTextContent = htmlToText(input.htmlContent);
  return templateService.update(db, ctx, id, values);
}

async function contactOf(db: Db, ctx: TenantContext, contactId: string | undefined): Promise<ContactRow | null> {
  if (!contactId) return null;
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.organizationId, ctx.organizationId), eq(contacts.id, contactId)));
  if (!row) throw badRequest([{ path: 'body.contactId', message: 'No contact of this organization with this id' }]);
  return row;
}

/** @example await previewEmailTemplate(db, ctx, template.id, { contactId: ada.id, subject: 'Hi {{firstName}}' }) */
export async function previewEmailTemplate(db: Db, ctx: TenantContext, id: string, input: z.output<typeof templateRender>) {
  const template = await templateService.get(db, ctx, id);
  await checkMergeTags(db, ctx, { 'body.subject': input.subject });
  const values = mergeValues(await contactOf(db, ctx, input.contactId));
  return {
    subject: merge(input.subject ?? template.name, values, false),
    html: merge(template.htmlContent, values, true),
    text: merge(template.plainTextContent ?? htmlToText(template.htmlContent), values, false),
  };
}

/**
 * Sends a template, merged for a contact (or with its fallbacks), to a few addresses over the app's mailer.
 *
 * @example await testSendEmailTemplate(db, ctx, template.id, { to: ['me@agency.test'], contactId: ada.id })
 */
export async function testSendEmailTemplate(db: Db, ctx: TenantContext, id: string, input: z.output<typeof templateTestSend>) {
  if (!ctx.mailer) throw conflict('No mail transport is configured on this server (set SPOKESTACK_SMTP_URL)');
  const from = input.from ?? ctx.mailFrom;
  if (!from) throw badRequest([{ path: 'body.from', message: 'A sender: the server has no default (SPOKESTACK_MAIL_FROM)' }]);
  const rendered = await previewEmailTemplate(db, ctx, id, input);
  const subject = `[Test] ${rendered.subject}`;
  for (const to of input.to) await ctx.mailer.send({ from, to, subject, html: rendered.html, text: rendered.text });
  await recordActivity(db, ctx, {
    action: 'test_sent',
    entityType: 'email_templates',
    entityId: id,
    entityTitle: rendered.subject,
    metadata: { to: input.to },
  });
  return { ...rendered, subject, sentTo: input.to };
}

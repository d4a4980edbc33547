import type { FieldError } from '@spokestack/core';
import type {
  contactCreate,
  contactFilter,
  contactListQuery,
  contactUpdate,
  customFieldCreate,
  customFieldUpdate,
  savedFilterCreate,
} from '@spokestack/core/crm';
import { crmResources } from '@spokestack/core/crm';
import { type SQL, and, arrayContains, eq, gte, or, sql } from 'drizzle-orm';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { z } from 'zod';
import { insertRows } from '../db/bulk.js';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from '../db/paging.js';
import { resourceService, tableInfo, toDbValues } from '../db/resource-service.js';
import { HttpError, badRequest, forbidden, notFound } from '../http/problem.js';
import { recordActivity, titleOf } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { users } from '../platform/schema.js';
import { enqueueRescore, recordContactActivity } from './activities.js';
import { contactSearchSql, contacts, crmCustomFields, crmSavedFilters } from './schema.js';
import { erasedEmails } from './suppression.js';
import { isAdmin } from '../platform/auth.js';

export type ContactRow = typeof contacts.$inferSelect;
type Create = z.output<typeof contactCreate>;
type Update = z.output<typeof contactUpdate>;
type Filter = z.output<typeof contactFilter>;

export const contactService = resourceService(contacts, crmResources.contacts);
const customFieldService = resourceService(crmCustomFields, crmResources.customFields);

/**
 * A phone number in E.164, or a 400 naming the field. Numbers without a `+` are read in the contact's
 * country when it is a two-letter ISO code.
 *
 * @example normalizePhone('(415) 555-0132', 'US', 'body.phone') // '+14155550132'
 */
export function normalizePhone(value: string, country: string | null | undefined, path: string): string {
  const region = country && /^[A-Za-z]{2}$/.test(country) ? (country.toUpperCase() as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(value, region);
  if (!parsed?.isValid())
    throw badRequest([
      {
        path,
        message: region
          ? `Not a valid phone number in ${region}`
          : 'Not a valid phone number; use the international form "+…" or set country',
      },
    ]);
  return parsed.format('E.164');
}

/** Trimmed, deduplicated case-insensitively (the first spelling wins), in the given order. */
export function normalizeTags(tags: string[]): string[] {
  const seen = new Map<string, string>();
  for (const tag of tags) {
    const t = tag.trim();
    if (t && !seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  }
  return [...seen.values()];
}

type Definition = typeof crmCustomFields.$inferSelect;

function customFieldError(def: Definition, value: Json): string | undefined {
  if (value === null) return undefined;
  switch (def.fieldType) {
    case 'text':
      return typeof value === 'string' && value.length <= 10_000 ? undefined : 'Expected text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'Expected a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'Expected true or false';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d\d-\d\d$/.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'Expected a date like "2025-03-01"';
    case 'url':
      return typeof value === 'string' && /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value) ? undefined : 'Expected an http(s) URL';
    case 'email':
      return typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? undefined : 'Expected an email address';
    case 'select':
      return typeof value === 'string' && def.options.includes(value) ? undefined : `Expected one of: ${def.options.join(', ')}`;
    case 'multiselect':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && def.options.includes(v))
        ? undefined
        : `Expected a list of: ${def.options.join(', ')}`;
    case 'json':
      return undefined;
    default:
      return 'Unknown field type';
  }
}

/**
 * Custom field values checked against the organization's definitions: unknown keys, wrong types,
 * choices outside a select's options, and (for the merged result) required fields left empty.
 */
function customFieldErrors(defs: Definition[], values: Record<string, Json>, changed: Record<string, Json> | undefined): FieldError[] {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(changed ?? {})) {
    const def = byKey.get(key);
    const message = def ? customFieldError(def, value) : 'No custom field with this key; define it first (/v1/crm/custom-fields)';
    if (message) errors.push({ path: `body.customFields.${key}`, message });
  }
  for (const def of defs)
    if (def.isRequired && (values[def.key] === undefined || values[def.key] === null || values[def.key] === ''))
      errors.push({ path: `body.customFields.${def.key}`, message: `Required (${def.label})` });
  return errors;
}

const customFieldDefs = (db: Db, ctx: TenantContext) =>
  db.select().from(crmCustomFields).where(eq(crmCustomFields.organizationId, ctx.organizationId));

async function checkOwner(db: Db, ctx: TenantContext, ownerId: string | null | undefined, path = 'body.ownerId') {
  if (!ownerId) return;
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, ctx.organizationId), eq(users.id, ownerId)));
  if (!user) throw badRequest([{ path, message: 'No user of this organization with this id' }]);
}

/**
 * The values of a contact write, normalised: phones to E.164, tags deduplicated, consent dates set
 * when consent changes. `before` is the stored contact on updates.
 */
function normalize(ctx: TenantContext, input: Update, before?: ContactRow): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  const country = input.country !== undefined ? input.country : before?.country;
  for (const key of ['phone', 'mobile'] as const)
    if (typeof input[key] === 'string') out[key] = input[key]!.trim() ? normalizePhone(input[key]!, country, `body.${key}`) : null;
  if (input.tags) out.tags = normalizeTags(input.tags);
  if (input.marketingConsent !== undefined && input.marketingConsent !== (before?.marketingConsent ?? false)) {
    out.marketingConsentDate = input.marketingConsentDate ?? ctx.now.toISOString();
    if (!input.marketingConsent && input.marketingConsentSource === undefined) out.marketingConsentSource = null;
  }
  if (input.dataProcessingConsent !== undefined && input.dataProcessingConsent !== (before?.dataProcessingConsent ?? false))
    out.dataProcessingConsentDate = input.dataProcessingConsentDate ?? ctx.now.toISOString();
  return out;
}

/**
 * Creates a contact. The email is stored normalised, so a second contact with the same address in
 * any letter case is a 409.
 *
 * @example await createContact(db, ctx, { firstName: 'Ada', lastName: 'Lovelace', email: 'Ada@Example.com', phone: '+44 20 7946 0958' })
 */
export async function createContact(db: Db, ctx: TenantContext, input: Create): Promise<ContactRow> {
  return transaction(db, async (tx) => {
    const [draft] = await draftContacts(tx, ctx, [input]);
    if (draft instanceof HttpError) throw draft;
    const row = await contactService.create(tx, ctx, draft!);
    if (row.marketingConsent) await recordConsent(tx, ctx, [row]);
    await enqueueRescore(tx, ctx, [row.id]);
    return row;
  });
}

/**
 * New contacts' values with every rule of a create applied (normalised, custom fields and owner checked,
 * an erased address kept unmailable), or each one's refusal as a 400 — for one contact or an import's batch
 * (the definitions and the suppression list read once).
 *
 * @example const drafts = await draftContacts(tx, ctx, inputs); const ok = drafts.filter((d) => !(d instanceof HttpError))
 */
export async function draftContacts(db: Db, ctx: TenantContext, inputs: Create[]): Promise<(Record<string, unknown> | HttpError)[]> {
  const defs = inputs.length ? await customFieldDefs(db, ctx) : [];
  const erased = await erasedEmails(db, ctx, [...new Set(inputs.flatMap((i) => (i.email ? [i.email] : [])))]);
  const drafts = [];
  for (const input of inputs)
    try {
      const values = normalize(ctx, suppressed(input, erased.has(input.email ?? '')));
      const errors = customFieldErrors(defs, input.customFields ?? {}, input.customFields);
      if (errors.length) throw badRequest(errors);
      await checkOwner(db, ctx, input.ownerId);
      await fillCompanyName(db, ctx, values);
      drafts.push(values);
    } catch (error) {
      if (!(error instanceof HttpError) || error.status >= 500) throw error;
      drafts.push(error);
    }
  return drafts;
}

/**
 * Inserts drafted contacts (`draftContacts`) in one set-based statement (`insertRows`), with their activity stream rows,
 * consent events and scoring jobs written the same way: an import's batch is a handful of statements, not
 * a few per row. Call it in the batch's transaction, so a failure leaves none of them.
 *
 * @example await insertContacts(tx, ctx, drafts.filter((d) => !(d instanceof HttpError)))
 */
export async function insertContacts(db: Db, ctx: TenantContext, drafts: Record<string, unknown>[]): Promise<ContactRow[]> {
  if (!drafts.length) return [];
  const info = tableInfo(contacts);
  const rows = await insertRows(
    db,
    contacts,
    drafts.map((d) => ({ ...(toDbValues(info, d) as typeof contacts.$inferInsert), organizationId: ctx.organizationId })),
  ).returning();
  await recordActivity(
    db,
    ctx,
    rows.map((row) => ({ action: 'created', entityType: 'contacts', entityId: row.id, entityTitle: titleOf(row) })),
  );
  await recordConsent(
    db,
    ctx,
    rows.filter((r) => r.marketingConsent),
  );
  await enqueueRescore(
    db,
    ctx,
    rows.map((r) => r.id),
  );
  return rows;
}

/**
 * A write to a contact whose address was erased under GDPR (its hash is on the suppression list): whatever it
 * says, the contact stays unmailable — no marketing consent, DO_NOT_CONTACT.
 */
const suppressed = <T extends Update>(input: T, erased: boolean): T =>
  erased ? { ...input, marketingConsent: false, marketingConsentSource: null, status: 'DO_NOT_CONTACT' } : input;

/** `companyName` follows the company (client) when it is set and no name is given. */
async function fillCompanyName(db: Db, ctx: TenantContext, values: Record<string, unknown>) {
  if (typeof values.companyId !== 'string' || values.companyName) return;
  const rows = await db.execute<{ name: string }>(
    sql`select name from clients where organization_id = ${ctx.organizationId} and id = ${values.companyId}`,
  );
  const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: { name: string }[] }).rows;
  if (list[0]) values.companyName = list[0].name;
}

const recordConsent = (tx: Db, ctx: TenantContext, rows: ContactRow[]) =>
  recordContactActivity(
    tx,
    ctx,
    rows.map((row) => ({
      contactId: row.id,
      activityType: 'STATUS_CHANGED',
      subject: row.marketingConsent ? 'Marketing consent given' : 'Marketing consent withdrawn',
      description: row.marketingConsentSource ? `Source: ${row.marketingConsentSource}` : null,
    })),
  );

/**
 * Updates a contact with the same normalisation as create; a status or consent change is written to
 * the contact's timeline.
 *
 * @example await updateContact(db, ctx, contact.id, { status: 'INACTIVE' })
 */
export async function updateContact(db: Db, ctx: TenantContext, id: string, input: Update): Promise<ContactRow> {
  return transaction(db, async (tx) => {
    const [before] = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.organizationId, ctx.organizationId), eq(contacts.id, id)))
      .for('update');
    if (!before) throw notFound('Contact');
    const email = input.email !== undefined ? input.email : before.email;
    const erased = email ? (await erasedEmails(tx, ctx, [email])).has(email) : false;
    const values = normalize(ctx, suppressed(input, erased), before);
    await checkOwner(tx, ctx, input.ownerId);
    if (input.customFields) {
      // Custom fields merge key by key; a null removes a value.
      const merged = { ...(before.customFields as Record<string, Json>), ...input.customFields };
      for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
      const errors = customFieldErrors(await customFieldDefs(tx, ctx), merged, input.customFields);
      if (errors.length) throw badRequest(errors);
      values.customFields = merged;
    }
    await fillCompanyName(tx, ctx, values);
    const row = await contactService.update(tx, ctx, id, values);
    if (row.status !== before.status)
      await recordContactActivity(tx, ctx, {
        contactId: id,
        activityType: 'STATUS_CHANGED',
        subject: `Status changed from ${before.status} to ${row.status}`,
      });
    if (row.marketingConsent !== before.marketingConsent) await recordConsent(tx, ctx, [row]);
    await enqueueRescore(tx, ctx, [id]);
    return row;
  });
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The SQL of a contact filter (its `q`, tags, score…); the plain equality filters go through the generic list. */
export function contactWhere(filter: Filter): SQL[] {
  const where: SQL[] = [];
  if (filter.q) where.push(sql`${sql.raw(contactSearchSql)} like ${`%${escapeLike(filter.q.toLowerCase())}%`}`);
  const tags = filter.tags === undefined ? [] : Array.isArray(filter.tags) ? filter.tags : [filter.tags];
  if (tags.length) where.push(arrayContains(contacts.tags, tags));
  if (filter.minLeadScore !== undefined) where.push(gte(contacts.leadScore, filter.minLeadScore));
  return where;
}

const savedInfo = tableInfo(crmSavedFilters);
type SavedFilter = Omit<typeof crmSavedFilters.$inferSelect, 'filters'> & { filters: Filter };
/** Stored filters were validated by `contactFilter` when saved. */
const asSaved = <T extends typeof crmSavedFilters.$inferSelect>(row: T) => row as unknown as SavedFilter;
const visibleFilters = (ctx: TenantContext) =>
  and(
    eq(crmSavedFilters.organizationId, ctx.organizationId),
    or(eq(crmSavedFilters.createdById, ctx.actor.id), eq(crmSavedFilters.isShared, true)),
  );

/**
 * Contacts, keyset-paged: search (`q`, a case-insensitive substring of the name, email or company,
 * served by a trigram index), filters, and a saved filter whose values the given filters override.
 *
 * @example await listContacts(db, ctx, { q: 'acme', tags: ['vip'], limit: 20 })
 */
export async function listContacts(db: Db, ctx: TenantContext, query: z.output<typeof contactListQuery>) {
  const { filterId, limit, cursor, sort, ...given } = query;
  let filter: Filter = given;
  if (filterId) {
    const saved = await getSavedFilter(db, ctx, filterId).catch(() => {
      throw badRequest([{ path: 'query.filterId', message: 'No saved filter with this id' }]);
    });
    filter = { ...saved.filters, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) };
  }
  const { q, tags, minLeadScore, ...plain } = filter;
  return contactService.list(db, ctx, { limit, cursor, sort, ...plain }, contactWhere({ q, tags, minLeadScore }));
}

/** A saved filter the caller can see (their own or a shared one). */
export async function getSavedFilter(db: Db, ctx: TenantContext, id: string) {
  const [row] = await db
    .select()
    .from(crmSavedFilters)
    .where(and(visibleFilters(ctx), eq(crmSavedFilters.id, id)));
  if (!row) throw notFound('Saved filter');
  return asSaved(row);
}

/** Your saved filters and the shared ones, by name. @example await listSavedFilters(db, ctx, {}) */
export async function listSavedFilters(db: Db, ctx: TenantContext, query: { limit?: number; cursor?: string }) {
  const keys = parseSort('name', savedInfo.columns, ['name'], 'name', crmSavedFilters.id);
  const rows = await db
    .select()
    .from(crmSavedFilters)
    .where(and(visibleFilters(ctx), cursorWhere(keys, query.cursor)))
    .orderBy(...orderBy(keys))
    .limit(pageLimit(query.limit) + 1);
  return toPage(rows.map(asSaved), pageLimit(query.limit), keys);
}

const savedFilterService = resourceService(crmSavedFilters, crmResources.savedFilters);

/** @example await createSavedFilter(db, ctx, { name: 'Hot leads', filters: { minLeadScore: 50 }, isShared: true }) */
export const createSavedFilter = async (db: Db, ctx: TenantContext, input: z.output<typeof savedFilterCreate>) =>
  asSaved(await savedFilterService.create(db, ctx, { ...input, createdById: ctx.actor.id }));

async function ownFilter(db: Db, ctx: TenantContext, id: string) {
  const row = await getSavedFilter(db, ctx, id);
  if (row.createdById !== ctx.actor.id && !isAdmin(ctx)) throw forbidden('Only its creator or an OWNER/ADMIN may change a saved filter');
  return row;
}

export async function updateSavedFilter(db: Db, ctx: TenantContext, id: string, input: Partial<z.output<typeof savedFilterCreate>>) {
  await ownFilter(db, ctx, id);
  return asSaved(await savedFilterService.update(db, ctx, id, input));
}

export async function deleteSavedFilter(db: Db, ctx: TenantContext, id: string) {
  await ownFilter(db, ctx, id);
  return savedFilterService.remove(db, ctx, id);
}

/** @example await createCustomField(db, ctx, { key: 'industry', label: 'Industry', fieldType: 'select', options: ['Retail', 'SaaS'] }) */
export const createCustomField = (db: Db, ctx: TenantContext, input: z.output<typeof customFieldCreate>) =>
  customFieldService.create(db, ctx, { ...input, options: input.options ?? [] });

export async function updateCustomField(db: Db, ctx: TenantContext, id: string, input: z.output<typeof customFieldUpdate>) {
  const before = await customFieldService.get(db, ctx, id);
  const options = input.options ?? before.options;
  if (['select', 'multiselect'].includes(before.fieldType) && !options.length)
    throw badRequest([{ path: 'body.options', message: 'A select field needs options' }]);
  return customFieldService.update(db, ctx, id, input);
}

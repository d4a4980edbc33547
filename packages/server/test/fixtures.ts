import { type ResourceDef, fields } from '@spokestack/core';
import { getTableColumns } from 'drizzle-orm';
import { type PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { emailInteractions, emailLinks, emailRecipients } from '../src/crm/schema.js';
import { tokenColumns } from '../src/db/managed.js';
import { tableInfo } from '../src/db/resource-service.js';
import { features } from '../src/features.js';
import { files } from '../src/platform/schema.js';
import type { TestInstance } from '../src/testing/index.js';

/**
 * Test fixtures for every generic resource: valid create bodies built from each resource's zod
 * contract, with required parents created first (found from the Drizzle foreign keys), all through
 * HTTP with one organization's API key.
 */

export type Row = Record<string, unknown>;

/** One generic resource: its contract, its table, and what the table says about keys. */
export interface Resource {
  /** `crm.contacts`: how tests are named and overrides are keyed. */
  key: string;
  feature: string;
  name: string;
  def: ResourceDef;
  table: PgTable;
  /** Foreign keys the API accepts (organization excluded): body field → target resource, or `files`. */
  refs: { field: string; target: Resource | 'files' }[];
  /** Unique keys as body fields (`organizationId` dropped: it is never input, always the caller's). */
  uniques: string[][];
  /** Share/tracking token columns the server mints. */
  tokens: string[];
}

const byTable = new Map<PgTable, Resource>();
/** Every generic resource of every feature module, in the app's order. */
export const resources: Resource[] = features.flatMap(({ name: feature, tables, resources: defs }) =>
  Object.entries(tables).map(([name, table]) => {
    const def = defs[name];
    if (!def) throw new Error(`fixtures: no contract for ${feature}.${name}`);
    const entry: Resource = { key: `${feature}.${name}`, feature, name, def, table, refs: [], uniques: [], tokens: [] };
    byTable.set(table, entry);
    return entry;
  }),
);
for (const entry of resources) {
  entry.refs = tableInfo(entry.table).references.map((ref) => {
    const target = ref.target === files ? 'files' : byTable.get(ref.target);
    if (!target) throw new Error(`fixtures: ${entry.key}.${ref.key} points at a table that is not a resource`);
    return { field: ref.key, target };
  });
  const keyOf = new Map(Object.entries(getTableColumns(entry.table)).map(([key, column]) => [column.name, key]));
  const config = getTableConfig(entry.table);
  entry.uniques = [
    ...config.uniqueConstraints.map((u) => u.columns.map((c) => c.name)),
    ...config.columns.filter((c) => c.isUnique).map((c) => [c.name]),
  ]
    .map((columns) => columns.map((c) => keyOf.get(c)!).filter((k) => k !== 'organizationId'))
    // Keys over server-minted tokens cannot clash through the API; resources.test.ts checks the minting.
    .filter((unique) => !unique.some((k) => tokenColumns.includes(k)));
  entry.tokens = Object.keys(getTableColumns(entry.table)).filter((k) => tokenColumns.includes(k));
}

/** A resource by its key. @example resourceByKey('crm.contacts').def.path // '/v1/crm/contacts' */
export const resourceByKey = (key: string): Resource => {
  const found = resources.find((r) => r.key === key);
  if (!found) throw new Error(`fixtures: no resource ${key}`);
  return found;
};

/**
 * Per-resource adjustments, for resources whose feature took over the generic routes with its own
 * rules (the CMS: content types validate their field list, workflows need a review stage, media
 * rows follow the entries' media fields):
 * - `create`: values merged over the generated create body;
 * - `update`: the change the round-trip test makes instead of the first plain field;
 * - `make`: how to get a row when the feature refuses plain creates, e.g. by saving a parent.
 * Which writes a feature refuses is read from its contracts (`Fixtures.refuses`), not listed here.
 */
export interface Override {
  create?: (seq: number, f: Fixtures) => Row | Promise<Row>;
  update?: (seq: number, f: Fixtures) => Row;
  make?: (f: Fixtures) => Promise<Row>;
  /** The unique keys as the feature's contract sees them, when the table's are derived (a folder's `path` from `parentId` + `slug`). */
  uniques?: string[][];
}
const cmsSchema = {
  fields: [
    { name: 'title', type: 'text' },
    { name: 'body', type: 'richtext', localized: true },
    { name: 'image', type: 'media' },
  ],
};
/** A time the CMS accepts as "in the future": a year ahead of the test clock. */
const future = (f: Fixtures, seq: number) => new Date(f.t.clock.now().getTime() + 365 * 86_400_000 + seq * 60_000).toISOString();
const soon = (f: Fixtures, seq: number) => new Date(f.t.clock.now().getTime() + 86_400_000 + seq * 60_000).toISOString();
/** The one row of `path` that belongs to an entry, made by saving that entry. */
async function rowOfEntry(f: Fixtures, path: string, entryId: unknown, key = 'entryId'): Promise<Row> {
  const reply = await f.call('GET', `${path}?${key}=${String(entryId)}`);
  if (reply.status !== 200 || reply.json.data?.length !== 1)
    throw new Error(`fixtures: expected one row of ${path} for entry ${String(entryId)}: ${JSON.stringify(reply.json)}`);
  return reply.json.data[0]!;
}
export const overrides: Record<string, Override> = {
  // A link must expire in the future; its password is write-only (`hasPassword`), so the round trip sends none.
  'dam.folders': { uniques: [['libraryId', 'parentId', 'slug']] },
  'dam.links': { create: (seq, f) => ({ expiresAt: future(f, seq), password: undefined }) },
  // Smart rules as the server stores them (with `match`); a MANUAL collection keeps them unread.
  'dam.collections': {
    create: (seq) => ({
      collectionType: 'MANUAL',
      smartRules: { conditions: [{ field: 'name', operator: 'eq', value: `value-${seq}` }], match: 'all' },
    }),
  },
  // A share names a person by email, one share per email and collection.
  'dam.collectionShares': {
    create: (seq) => ({ email: `share${seq}@example.test` }),
    update: (seq) => ({ email: `moved${seq}@example.test` }),
  },
  'dam.collectionItems': {
    // Items are added through their collection, which checks the asset's visibility.
    async make(f) {
      const collection = await f.make(resourceByKey('dam.collections'));
      const asset = await f.make(resourceByKey('dam.assets'));
      const added = await f.call('POST', `/v1/dam/collections/${String(collection.id)}/items`, { assetIds: [asset.id] });
      if (added.status !== 200) throw new Error(`fixtures: adding a collection item answered ${added.status}`);
      const reply = await f.call('GET', `/v1/dam/collection-items?collectionId=${String(collection.id)}`);
      return reply.json.data![0]!;
    },
  },
  // A comment is about the asset's current version, with no annotation (a generated one may not fit the asset).
  'dam.comments': {
    create: () => ({ versionNumber: undefined, parentId: undefined, annotation: undefined }),
    update: () => ({ content: 'Edited comment' }),
  },
  'cms.contentTypes': { create: () => ({ schema: cmsSchema, titleField: 'title' }) },
  // A past expiresAt would keep the entry from going live (schedules refuse such entries).
  'cms.entries': { create: (seq, f) => ({ data: { title: `Entry ${seq}` }, expiresAt: future(f, seq) }) },
  'cms.versions': {
    // Every entry save writes a version.
    make: async (f) => rowOfEntry(f, '/v1/cms/versions', (await f.create(resourceByKey('cms.entries'))).row.id),
  },
  'cms.media': {
    // An entry's media fields keep its content_media rows.
    async make(f) {
      const contentTypeId = await f.parent(resourceByKey('cms.contentTypes'));
      const entry = await f.create(resourceByKey('cms.entries'), {
        contentTypeId,
        data: { title: `Media ${nextSeq()}`, image: { fileId: await f.upload(), alt: 'A picture' } },
      });
      return rowOfEntry(f, '/v1/cms/media', entry.row.id);
    },
  },
  'cms.revisions': {
    // Submitting an entry of a type with a workflow opens its first review stage.
    async make(f) {
      const workflowId = (await f.make(resourceByKey('cms.workflows'))).id;
      const type = await f.create(resourceByKey('cms.contentTypes'), { ...(await f.body(resourceByKey('cms.contentTypes'))), workflowId });
      const entry = await f.create(resourceByKey('cms.entries'), { contentTypeId: type.row.id, data: { title: `Review ${nextSeq()}` } });
      const submitted = await f.call('POST', `/v1/cms/entries/${String(entry.row.id)}/submit`, {});
      if (submitted.status !== 200)
        throw new Error(`fixtures: submitting an entry answered ${submitted.status}: ${JSON.stringify(submitted.json)}`);
      return submitted.json.revision as Row;
    },
  },
  'cms.workflows': {
    create: () => ({
      isDefault: false,
      stages: [
        { name: 'Draft', status: 'DRAFT', order: 0 },
        { name: 'Review', status: 'IN_REVIEW', order: 1, assignTo: 'role:ADMIN' },
      ],
    }),
  },
  'cms.localizations': {
    async create(seq, f) {
      await f.locales(['en', 'fr']);
      return {
        locale: 'fr',
        data: { body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Bonjour ${seq}` }] }] } },
        // The translation's own SEO: blank fields are dropped (they inherit the source's), so send one that is set.
        meta: { seoTitle: `Titre ${seq}` },
      };
    },
  },
  'cms.comments': { create: () => ({ fieldName: 'title' }) },
  // `locale` left out: the entry's source locale, which the CMS stores as null.
  // Within days, before the fixture entries expire (a year on): a schedule past its entry's expiry is refused.
  'cms.schedules': {
    create: (seq, f) => ({ scheduledFor: soon(f, seq), locale: undefined }),
    update: (seq, f) => ({ scheduledFor: soon(f, seq) }),
  },
  // Contacts: a real email and phone (stored normalised), no owner or custom fields to resolve.
  'crm.contacts': {
    create: (seq) => ({ email: `contact${seq}@example.test`, phone: '+14155550100', mobile: null, ownerId: null, customFields: {} }),
  },
  // A required custom field would make every other contact fixture invalid.
  'crm.customFields': { create: () => ({ fieldType: 'text', options: [], isRequired: false }) },
  'crm.pipelines': {
    create: () => ({
      stages: [
        { id: 'open', name: 'Open', order: 0, probability: 20 },
        { id: 'won', name: 'Won', order: 1, probability: 100, isClosed: true, isWon: true },
        { id: 'lost', name: 'Lost', order: 2, probability: 0, isClosed: true },
      ],
      defaultCurrency: 'USD',
    }),
  },
  // Deals start in an open stage of their pipeline, owned by the caller.
  // An open deal has no lost reason (the server clears it).
  'crm.deals': {
    create: () => ({ stageId: 'open', currency: 'USD', probability: 20, ownerId: undefined, lostReason: null, lostReasonDetails: null }),
  },
  'crm.dealActivities': { create: () => ({ activityType: 'NOTE_ADDED' }) },
  // Tasks are assigned to the caller unless a user is named; no recurrence for the round trip.
  'crm.tasks': { create: () => ({ assignedToId: undefined, recurrence: null }) },
  'crm.contactActivities': { create: () => ({ activityType: 'MEETING' }) },
  'crm.dealCompetitors': { create: () => ({ status: 'ACTIVE' }) },
  // A line's total is computed, its discount a percentage.
  'crm.dealProducts': { create: () => ({ quantity: '2.00', unitPrice: '10.00', discount: '5.00' }) },
  // Creating a deal writes its first stage history row.
  'crm.dealStageHistory': {
    async make(f) {
      const deal = await f.create(resourceByKey('crm.deals'));
      return rowOfEntry(f, '/v1/crm/deal-stage-history', deal.row.id, 'dealId');
    },
  },
  // A campaign's sender is a real address; its audience is left empty.
  'crm.emailCampaigns': { create: (seq) => ({ fromEmail: `news${seq}@agency.test`, replyTo: null, segmentRules: null }) },
  // Recipients, links and interactions are written by the sender and the tracking links only: rows as they write them.
  'crm.emailRecipients': {
    async make(f) {
      const { row } = await f.create(resourceByKey('crm.emailCampaigns'));
      const seq = nextSeq();
      await f.t.db.insert(emailRecipients).values({
        organizationId: String(row.organizationId),
        emailCampaignId: String(row.id),
        email: `recipient${seq}@example.test`,
      });
      return rowOfEntry(f, '/v1/crm/email-recipients', row.id, 'emailCampaignId');
    },
  },
  'crm.emailLinks': {
    async make(f) {
      const { row } = await f.create(resourceByKey('crm.emailCampaigns'));
      const seq = nextSeq();
      await f.t.db.insert(emailLinks).values({
        organizationId: String(row.organizationId),
        emailCampaignId: String(row.id),
        originalUrl: `https://agency.test/${seq}`,
        trackingUrl: `fixture-${seq}`,
      });
      return rowOfEntry(f, '/v1/crm/email-links', row.id, 'emailCampaignId');
    },
  },
  'crm.emailInteractions': {
    async make(f) {
      const { row } = await f.create(resourceByKey('crm.contacts'));
      await f.t.db.insert(emailInteractions).values({
        organizationId: String(row.organizationId),
        contactId: String(row.id),
        subject: 'Fixture',
        interactionType: 'OPENED',
      });
      return rowOfEntry(f, '/v1/crm/email-interactions', row.id, 'contactId');
    },
  },
  // An import reads its CSV's header: a real one, mapped.
  'crm.contactImports': {
    async create(seq, f) {
      const form = new FormData();
      form.set('file', new Blob([`First,Last\nImported,Person ${seq}\n`], { type: 'text/csv' }), 'contacts.csv');
      const res = await f.t.request('/v1/platform/files', { method: 'POST', headers: { authorization: `Bearer ${f.apiKey}` }, body: form });
      return { fileId: ((await res.json()) as { id: string }).id, mapping: { First: 'firstName', Last: 'lastName' }, dedupe: 'skip' };
    },
  },
  // A rule's condition is checked against the scoring contract.
  'crm.leadScoringRules': { create: () => ({ condition: { kind: 'tag', tag: 'vip' }, category: 'fit', scoreChange: 5 }) },
  // A form finds contacts by a required email field; a workflow needs actions, and its trigger config fits its type.
  'crm.forms': {
    create: () => ({ fields: [{ name: 'email', label: 'Email', type: 'email', required: true, mapTo: 'email' }], redirectUrl: null }),
  },
  'crm.workflows': {
    create: () => ({
      triggerType: 'MANUAL',
      triggerConfig: {},
      conditions: null,
      actions: [{ type: 'add_tag', config: { tag: 'fixture' } }],
      runCount: undefined,
      lastRunAt: undefined,
      lastError: undefined,
    }),
  },
  // Runs are started by running a workflow; the dedupe key is the run's own (one per occasion), never the caller's.
  'crm.workflowExecutions': {
    uniques: [],
    async make(f) {
      const workflow = await f.make(resourceByKey('crm.workflows'));
      const run = await f.call('POST', `/v1/crm/workflows/${String(workflow.id)}/run`, {});
      if (run.status !== 201) throw new Error(`fixtures: running a workflow answered ${run.status}: ${JSON.stringify(run.json)}`);
      return run.json as Row;
    },
  },
  // A locked block refuses edits; the round trip edits it.
  'cms.blocks': { create: () => ({ isLocked: false }) },
};

let counter = 0;
/** A number unique within the test process, so generated strings never clash by accident. @example `slug-${nextSeq()}` */
export const nextSeq = () => ++counter;

/** Strips optional/nullable/default wrappers. */
function leafOf(schema: z.ZodType): { schema: z.ZodType; optional: boolean } {
  let s = schema;
  let optional = false;
  for (;;) {
    if (s instanceof z.ZodOptional) (optional = true), (s = s.unwrap() as z.ZodType);
    else if (s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodDefault) (optional = true), (s = s.def.innerType as z.ZodType);
    else return { schema: s, optional };
  }
}
const isOptional = (schema: z.ZodType) => schema.safeParse(undefined).success;

/** `^-?\d{1,8}(\.\d{1,2})?$` → 8 integer and 2 fraction digits. */
function decimalDigits(schema: z.ZodString): { int: number; scale: number } | undefined {
  for (const check of schema.def.checks ?? []) {
    const def = check._zod.def as { format?: string; pattern?: RegExp };
    if (def.format !== 'regex' || !def.pattern) continue;
    const m = /\\d\{1,(\d+)\}(?:\(\\\.\\d\{1,(\d+)\}\)\?)?/.exec(def.pattern.source);
    if (m) return { int: Number(m[1]), scale: Number(m[2] ?? 0) };
  }
  return undefined;
}

type LeafKind =
  | 'text'
  | 'timestamp'
  | 'date'
  | 'decimal'
  | 'int'
  | 'bool'
  | 'enum'
  | 'literal'
  | 'array'
  | 'object'
  | 'record'
  | 'union'
  | 'json';

/** What a contract field is. */
function kindOf(schema: z.ZodType): LeafKind {
  const { schema: s } = leafOf(schema);
  if (s === fields.jsonValue) return 'json';
  if (s instanceof z.ZodString) return decimalDigits(s) ? 'decimal' : 'text';
  if (s instanceof z.ZodStringFormat) return s.format === 'date' ? 'date' : s.format === 'datetime' ? 'timestamp' : 'text';
  if (s instanceof z.ZodNumber) return 'int';
  if (s instanceof z.ZodBoolean) return 'bool';
  if (s instanceof z.ZodEnum) return 'enum';
  if (s instanceof z.ZodLiteral) return 'literal';
  if (s instanceof z.ZodArray) return 'array';
  if (s instanceof z.ZodObject) return 'object';
  if (s instanceof z.ZodRecord) return 'record';
  if (s instanceof z.ZodUnion) return 'union';
  return 'json';
}

/** Candidate values for a field, most telling first; `valueFor` keeps the first the contract accepts. */
function candidates(schema: z.ZodType, key: string, seq: number): unknown[] {
  const { schema: s } = leafOf(schema);
  switch (kindOf(s)) {
    case 'json':
      return [{ fixture: seq, list: [1, 'two', true, null], nested: { key } }];
    case 'decimal': {
      const { int, scale } = decimalDigits(s as z.ZodString)!;
      return [`${String(1 + (seq % 9)).slice(0, int)}${scale ? `.${'5'.padEnd(scale, '0')}` : ''}`];
    }
    case 'text': {
      const max = (s as z.ZodString).maxLength ?? Infinity;
      const word = key.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
      return [`${key}-${seq}`, `${word}-${seq}`, `${word}${seq}`, 'en', `${key}-${seq}@fixture.test`, `https://fixture.test/${seq}`].map(
        (v) => (v.length > max ? v.slice(-max) : v),
      );
    }
    case 'timestamp':
      return [new Date(Date.UTC(2025, 0, 1) + seq * 60_000).toISOString()];
    case 'date':
      return [new Date(Date.UTC(2024, 0, 1) + seq * 86_400_000).toISOString().slice(0, 10)];
    case 'int': {
      const n = s as z.ZodNumber;
      const min = Number.isFinite(n.minValue) ? n.minValue! : 0;
      const max = Number.isFinite(n.maxValue) ? n.maxValue! : 1000;
      return [Math.min(Math.max(1 + (seq % 1000), min), max)];
    }
    case 'bool':
      return [true];
    case 'enum':
      return [(s as z.ZodEnum).options[0]];
    case 'literal':
      return [(s as z.ZodLiteral).value];
    case 'array':
      return [[valueFor((s as z.ZodArray<z.ZodType>).element, key, seq)], []];
    case 'object':
      return [objectFor((s as z.ZodObject).shape as Record<string, z.ZodType>, seq)];
    case 'record':
      return [{}];
    case 'union':
      return (s as z.ZodUnion<z.ZodType[]>).options.map((o) => valueFor(o, key, seq));
  }
}

/**
 * A valid value for one contract field, or undefined if none of the candidates passes (a rule this
 * builder does not know: optional fields are then left out, required ones need an override).
 * Strings carry `seq` so unique columns never clash by accident; decimals use every fraction digit
 * so they read back exactly as sent.
 */
function valueFor(schema: z.ZodType, key: string, seq: number): unknown {
  return candidates(schema, key, seq).find((v) => v !== undefined && schema.safeParse(v).success);
}

/** The required fields of a nested object. */
function objectFor(shape: Record<string, z.ZodType>, seq: number): Row {
  return Object.fromEntries(
    Object.entries(shape).flatMap(([key, schema]) => (isOptional(schema) ? [] : [[key, valueFor(schema, key, seq)]])),
  );
}

const columnKeys = (resource: Resource) => new Set(Object.keys(getTableColumns(resource.table)));

/**
 * The create body of a resource without its foreign keys: every required field, and every optional
 * one that is a column of the table (so the round trip covers it), then the resource's overrides.
 */
async function scalarBody(resource: Resource, schema: z.ZodObject, f: Fixtures, seq = nextSeq()): Promise<Row> {
  const refFields = new Set(resource.refs.map((r) => r.field));
  const columns = columnKeys(resource);
  const body: Row = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (refFields.has(key) || (isOptional(field) && !columns.has(key))) continue;
    const value = valueFor(field, key, seq);
    if (value !== undefined) body[key] = value;
  }
  // An override may leave a field out by setting it to undefined.
  return Object.fromEntries(
    Object.entries({ ...body, ...(await overrides[resource.key]?.create?.(seq, f)) }).filter(([, v]) => v !== undefined),
  );
}

/**
 * One field change the round-trip test makes: a plain text field if there is one, else the first
 * other scalar column; undefined for link tables, whose only fields are foreign keys.
 */
function updateFor(resource: Resource, schema: z.ZodObject, row: Row, f: Fixtures, seq = nextSeq()): Row | undefined {
  const custom = overrides[resource.key]?.update?.(seq, f);
  if (custom) return custom;
  const refFields = new Set(resource.refs.map((r) => r.field));
  const columns = columnKeys(resource);
  const rank: LeafKind[] = ['text', 'int', 'bool', 'enum', 'decimal', 'date', 'timestamp', 'array', 'json'];
  const shape = Object.entries(schema.shape as Record<string, z.ZodType>)
    .filter(([key, field]) => !refFields.has(key) && columns.has(key) && rank.includes(kindOf(field)))
    .sort((a, b) => rank.indexOf(kindOf(a[1])) - rank.indexOf(kindOf(b[1])));
  for (const [key, field] of shape) {
    const kind = kindOf(field);
    if (kind === 'bool') return { [key]: !row[key] };
    if (kind === 'enum') {
      const options = (leafOf(field).schema as z.ZodEnum).options;
      return { [key]: options.find((o) => o !== row[key]) ?? options[0] };
    }
    const value = valueFor(field, `${key}-updated`, seq);
    if (value !== undefined) return { [key]: value };
  }
  return undefined;
}

export interface Reply {
  status: number;
  headers: Headers;
  /** The parsed JSON body (problem documents included). */
  json: Row & { errors?: { path: string; message: string }[]; data?: Row[] };
}

/**
 * HTTP through the app with one organization's key, and the fixtures built on it: parents created
 * on demand, so a child's create body always points at rows of the same organization.
 *
 * @example const f = new Fixtures(t, t.apiKey); const { row } = await f.create(resourceByKey('crm.deals'))
 */
export class Fixtures {
  constructor(
    readonly t: TestInstance,
    readonly apiKey: string,
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await this.t.request(path, {
      method,
      headers: { authorization: `Bearer ${this.apiKey}`, ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Reply['json'] = {};
    try {
      json = text ? (JSON.parse(text) as Reply['json']) : {};
    } catch {
      json = { unparsed: text.slice(0, 500) };
    }
    return { status: res.status, headers: res.headers, json };
  }

  /** A small uploaded file, for the tables that reference files. */
  async upload(): Promise<string> {
    const form = new FormData();
    form.set('file', new Blob([`fixture ${nextSeq()}`], { type: 'text/plain' }), 'fixture.txt');
    const res = await this.t.request('/v1/platform/files', {
      method: 'POST',
      headers: { authorization: `Bearer ${this.apiKey}` },
      body: form,
    });
    if (res.status !== 201) throw new Error(`fixtures: upload failed with ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }

  readonly #parents = new Map<Resource | 'files', Promise<string>>();
  #locales: string[] = [];

  /** The contract the app actually serves for a resource's create or update (a feature may have replaced the generic one). */
  schemaOf(resource: Resource, method: 'POST' | 'PATCH'): z.ZodObject {
    const path = method === 'POST' ? resource.def.path : `${resource.def.path}/:id`;
    const op = this.t.router.operations.find((o) => o.method === method && o.path === path);
    if (op?.body instanceof z.ZodObject) return op.body;
    return method === 'POST' ? resource.def.create : resource.def.update;
  }

  /** Whether the feature refuses this plain write (its contract promises no reply: `response: z.never()`, answered 405). */
  refuses(resource: Resource, method: 'POST' | 'PATCH' | 'DELETE'): boolean {
    const path = method === 'POST' ? resource.def.path : `${resource.def.path}/:id`;
    return this.t.router.operations.some((o) => o.method === method && o.path === path && o.response instanceof z.ZodNever);
  }

  /** Makes sure the organization has these locales. */
  async locales(locales: string[]): Promise<void> {
    if (locales.every((l) => this.#locales.includes(l))) return;
    const reply = await this.call('PATCH', '/v1/platform/organization', { locales });
    if (reply.status !== 200) throw new Error(`fixtures: setting locales answered ${reply.status}: ${JSON.stringify(reply.json)}`);
    this.#locales = locales;
  }

  /**
   * A row of `target` (or an uploaded file) to point a foreign key at: one shared per target, which
   * keeps the suite fast, or a new one when `fresh` (a unique key includes the reference).
   */
  parent(target: Resource | 'files', fresh = false): Promise<string> {
    const make = async () => (target === 'files' ? this.upload() : String((await this.make(target)).id));
    if (fresh) return make();
    let shared = this.#parents.get(target);
    if (!shared) this.#parents.set(target, (shared = make()));
    return shared;
  }

  /**
   * A valid create body: the scalar fields plus a parent for every required foreign key. Parents are
   * shared, except for references inside a unique key (and every one when `fresh`), so rows never
   * clash by accident.
   */
  async body(resource: Resource, options: { fresh?: boolean; seq?: number } = {}): Promise<Row> {
    const schema = this.schemaOf(resource, 'POST');
    const body = await scalarBody(resource, schema, this, options.seq);
    const inUnique = new Set(resource.uniques.flat());
    const shape = schema.shape as Record<string, z.ZodType>;
    for (const ref of resource.refs)
      if (shape[ref.field] && !isOptional(shape[ref.field]!) && body[ref.field] === undefined)
        body[ref.field] = await this.parent(ref.target, options.fresh || inUnique.has(ref.field));
    return body;
  }

  /** The change the round-trip test makes: `updateFor`, or for link tables a new parent for the first reference. */
  async change(resource: Resource, row: Row): Promise<Row> {
    const scalar = updateFor(resource, this.schemaOf(resource, 'PATCH'), row, this);
    if (scalar) return scalar;
    const ref = resource.refs[0]!;
    return { [ref.field]: await this.parent(ref.target, true) };
  }

  /** A new row: created through the API, or made the feature's way (`overrides[…].make`). */
  async make(resource: Resource): Promise<Row> {
    const make = overrides[resource.key]?.make;
    return make ? make(this) : (await this.create(resource)).row;
  }

  /** Creates a row (201 expected), returning the body sent and the row received. */
  async create(resource: Resource, body?: Row): Promise<{ body: Row; row: Row }> {
    const sent = body ?? (await this.body(resource));
    const reply = await this.call('POST', resource.def.path, sent);
    if (reply.status !== 201)
      throw new Error(
        `fixtures: creating ${resource.key} answered ${reply.status}: ${JSON.stringify(reply.json)}\nbody: ${JSON.stringify(sent)}`,
      );
    return { body: sent, row: reply.json };
  }
}

/**
 * The sent fields as the row holds them, for comparing with what was sent (times compare as instants).
 * @example expect(sentValuesOf(row, body)).toEqual(body)
 */
export function sentValuesOf(row: Row, body: Row, secrets: ResourceDef['secrets'] = {}): Row {
  return Object.fromEntries(
    Object.keys(body).map((key) => {
      const value = row[key];
      const sent = body[key];
      // A write-only column comes back only as its flag: the sent value counts as seen when the flag says it is set.
      const secret = secrets[key];
      if (secret) return [key, key in row ? { leaked: value } : row[secret.flag] === (sent !== null) ? sent : { flag: row[secret.flag] }];
      if (typeof sent === 'string' && typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(sent))
        return [key, new Date(value).getTime() === new Date(sent).getTime() ? sent : value];
      return [key, value];
    }),
  );
}

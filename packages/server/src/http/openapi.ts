import { createHash } from 'node:crypto';
import type { Operation, ResourceDef } from '@spokestack/core';
import { accessOf, callersOf, fields, rolesSentence } from '@spokestack/core';
import * as z from 'zod';

type Json = Record<string, unknown>;

const problem = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } }, required: ['path', 'message'] },
    },
  },
};

/**
 * The OpenAPI 3.1 document of every served operation, derived from the same zod contracts the
 * server validates with. Resource rows and inputs are named components; everything else is inline.
 */
export function buildOpenApi(operations: Operation[], resources: ResourceDef[], info: { title: string; version: string }): Json {
  const registry = z.registry<{ id: string }>();
  const named = new Set<string>();
  const name = (schema: z.ZodType, id: string) => {
    registry.add(schema, { id });
    named.add(id);
  };
  name(fields.jsonValue, 'JsonValue');
  for (const r of resources) {
    const id = r.entityType.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase());
    name(r.row, id);
    name(r.create, `${id}Create`);
    name(r.update, `${id}Update`);
  }
  const ref = (id: string) => `#/components/schemas/${id}`;
  const components = z.toJSONSchema(registry, { uri: ref, unrepresentable: 'any', override: trim, io: 'output' }) as {
    schemas: Record<string, Json>;
  };
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const json = z.toJSONSchema(schema, { metadata: registry, io, unrepresentable: 'any', override: trim }) as Json;
    // Sub-schemas land in local $defs, whose refs would not resolve from the document's root: named ones point at
    // the shared components; unnamed ones (a recursive rule, say) become components named by their content.
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    delete json.$schema;
    const local = new Map(
      Object.keys(defs)
        .filter((k) => !named.has(k))
        .map((k) => [k, `Schema${createHash('sha256').update(JSON.stringify(defs[k])).digest('hex').slice(0, 10)}`]),
    );
    const rewrite = (value: Json): Json =>
      JSON.parse(
        JSON.stringify(value).replace(/"#\/\$defs\/([\w]+)"/g, (_, id: string) => JSON.stringify(ref(local.get(id) ?? id))),
      ) as Json;
    for (const [k, id] of local) components.schemas[id] ??= rewrite(defs[k] as Json);
    return rewrite(json);
  };
  for (const schema of Object.values(components.schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }

  const paths: Record<string, Record<string, Json>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    const parameters: Json[] = [];
    for (const [where, schema] of [
      ['path', op.params],
      ['query', op.query],
    ] as const) {
      if (!schema) continue;
      const json = toSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
      for (const [name, prop] of Object.entries(json.properties ?? {}))
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (json.required ?? []).includes(name),
          schema: prop,
          ...(prop.description ? { description: prop.description } : {}),
        });
    }
    const status = String(op.status ?? 200);
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = {
      operationId: op.id,
      summary: op.summary,
      // Who may call it first (readers and tools look for it there), then the operation's own rules.
      description: op.description ? `${rolesSentence(op)}\n\n${op.description}` : rolesSentence(op),
      tags: [op.tag],
      // Who may call it, from the same matrix the router enforces (OWNER, ADMIN, MEMBER, CLIENT sessions,
      // SECRET_KEY, PUBLISHABLE_KEY, or PUBLIC).
      'x-roles': callersOf(op),
      security: securityOf(op),
      parameters,
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                (op.bodyType === 'form' ? ['application/json', 'application/x-www-form-urlencoded'] : [requestType(op)]).map((type) => [
                  type,
                  withExample(toSchema(op.body!, 'input')),
                ]),
              ),
            },
          }
        : {}),
      ...(op.bodyType === 'binary'
        ? { requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } } }
        : {}),
      responses: {
        [status]: {
          description: 'Success',
          content: {
            [responseType(op)]:
              op.responseType === 'binary' ? { schema: toSchema(op.response, 'output') } : withExample(toSchema(op.response, 'output')),
          },
        },
        '4XX': { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: ref('Problem') } } } },
      },
    };
  }
  const usedTags = [...new Set(operations.map((op) => op.tag))];
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'SpokeStack: headless CMS, DAM, analytics and CRM for agencies. Errors are RFC 9457 problem+json; lists take limit, cursor and ' +
        'sort.',
    },
    servers: [{ url: '/' }],
    // Each feature is a tag, in the order the app mounts them, with what it is for.
    tags: usedTags.map((name) => ({ name, description: tagDescriptions[name] ?? '' })),
    security: [{ secretKey: [] }, { session: [] }],
    paths,
    components: {
      securitySchemes,
      schemas: { ...components.schemas, Problem: problem },
    },
  };

  /** A media type's schema with an example value built from it, so the reference shows a body to start from. */
  function withExample(schema: Json): Json {
    return { schema, example: exampleOf(schema, components.schemas, 0) };
  }
}

/** The three credentials the API takes, each a bearer token told apart by its prefix. */
const securitySchemes = {
  secretKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'sk_…',
    description:
      "An organization's secret API key (`Authorization: Bearer sk_…`), for the host's backend, scripts and jobs: it acts with the " +
      'ADMIN role. Keep it on the server; mint one with `POST /v1/platform/api-keys` or `spokestack-server create-org`.',
  },
  publishableKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'pk_…',
    description:
      'A publishable key (`Authorization: Bearer pk_…`): safe in a public site or app, it reads published content through the ' +
      'delivery API and nothing else.',
  },
  session: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'st_…',
    description:
      "A short-lived session token (`Authorization: Bearer st_…`) for one user of the organization and a role, minted by the host's " +
      'backend with `POST /v1/platform/sessions` and handed to the browser; the React components send it.',
  },
};

/**
 * The credentials an operation takes, from the same matrix the router enforces: none for public ones; for
 * `optional` ones (a signed URL in the query) none or any of the others.
 */
function securityOf(op: Operation): Json[] {
  const access = accessOf(op);
  if (access.public) return [];
  const schemes = [
    ...(access.secretKey ? [{ secretKey: [] }] : []),
    ...(access.roles.length ? [{ session: [] }] : []),
    ...(access.publishableKey ? [{ publishableKey: [] }] : []),
  ];
  return op.auth === 'optional' ? [{}, ...schemes] : schemes;
}

/** What each feature (an OpenAPI tag) is for, shown above its operations in the reference. */
export const tagDescriptions: Record<string, string> = {
  Platform:
    'The organization itself: its users and members, API keys, sessions for browsers, clients and projects, briefs, uploaded ' +
    'files, and the activity stream every change is recorded in.',
  DAM:
    'The creative asset store: libraries and folders, assets with versions and renditions, resumable uploads (tus), collections, ' +
    'share links and comments.',
  CMS:
    'Headless content: content types and their schemas, entries with versions and translations, taxonomy, approval workflows, ' +
    'comments, publishing and schedules, templates, blocks and media.',
  Delivery:
    'Published content for public sites and apps, read with a publishable key: entries by content type and slug, locale ' +
    'fallback, relations and media resolved, ETag and 304.',
  Analytics:
    'Ad platform connections and syncs, campaigns, ad sets and ads with their metrics, social listening, web analytics with the ' +
    'tracker, reports, attribution and currency rates.',
  CRM:
    'Contacts and companies with their timeline, sales pipelines and deals, products, tasks, saved filters, custom fields and ' +
    'form submissions.',
};

const exampleStrings: Record<string, string> = {
  'date-time': '2025-03-14T09:30:00.000Z',
  date: '2025-03-14',
  email: 'ada@northwind.example',
  uri: 'https://northwind.example/page',
  url: 'https://northwind.example/page',
  uuid: '6f1c2a4e-8b7d-4c3e-9a51-2f0e7d6b8c90',
};

// Plain strings by what their property is called, so an example reads like data rather than "string".
const namedStrings: [RegExp, string][] = [
  [/email/i, 'ada@northwind.example'],
  [/url$|href|website|linkedIn|twitter|instagram/i, 'https://northwind.example/page'],
  [/(^id$|Id$)/, 'ckz8q3x1a0000b8n5f2k7m9pq'],
  [/slug/i, 'spring-launch'],
  [/locale$/i, 'en'],
  [/currency/i, 'EUR'],
  [/color$/i, '#2563EB'],
  [/phone|mobile/i, '+493012345678'],
  [/country/i, 'DE'],
  [/^firstName$/, 'Ada'],
  [/^lastName$/, 'Lovelace'],
  [/name$|title$/i, 'Spring launch'],
];

/**
 * An example value of a JSON schema: its own `examples`/`default`/`const`, the first enum value, a value of its
 * format or its property name, or one per property — named sub-schemas followed a few levels deep, so the
 * examples stay readable.
 */
export function exampleOf(schema: Json, named: Record<string, Json>, depth: number, name = ''): unknown {
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if ('const' in schema) return schema.const;
  if ('default' in schema) return schema.default;
  if (typeof schema.$ref === 'string') {
    const target = named[schema.$ref.split('/').pop()!];
    return target && depth < 4 ? exampleOf(target, named, depth + 1, name) : {};
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = (schema[key] as Json[] | undefined)?.filter((option) => option.type !== 'null');
    if (options?.length) return exampleOf(options[0]!, named, depth, name);
  }
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'binary') return undefined;
      if (typeof schema.pattern === 'string' && schema.pattern.includes('\\d')) return '12.50'; // a decimal string
      return exampleStrings[String(schema.format)] ?? namedStrings.find(([test]) => test.test(name))?.[1] ?? 'Text';
    case 'integer':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1.5;
    case 'boolean':
      return true;
    case 'array':
      return depth < 6 && schema.items ? [exampleOf(schema.items as Json, named, depth + 1)] : [];
    case 'object': {
      if (depth >= 6) return {};
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      const entries = Object.entries(properties).map(([key, prop]) => [key, exampleOf(prop, named, depth + 1, key)] as const);
      return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
    }
    default:
      return undefined;
  }
}

/** The media type of an operation's request body: JSON, or multipart for uploads. */
export const requestType = (op: Operation) => (op.bodyType === 'multipart' ? 'multipart/form-data' : 'application/json');
/** The media type of a successful reply: JSON, or any type for file bytes. */
const responseType = (op: Operation) => (op.responseType === 'binary' ? 'application/octet-stream' : 'application/json');

// Long generated regexes (ISO dates) add nothing a reader needs beyond `format`.
function trim(ctx: { jsonSchema: Json }) {
  if (typeof ctx.jsonSchema.format === 'string') delete ctx.jsonSchema.pattern;
}

import type { Operation, ResourceDef } from '@spokestack/core';
import { callersOf, fields, rolesSentence } from '@spokestack/core';
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
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const json = z.toJSONSchema(schema, { metadata: registry, io, unrepresentable: 'any', override: trim }) as Json;
    // Named sub-schemas land in local $defs; point them at the shared components instead.
    const defs = (json.$defs ?? {}) as Json;
    delete json.$defs;
    delete json.$schema;
    const text = JSON.stringify(json).replace(/"#\/\$defs\/([\w]+)"/g, (_, id: string) => JSON.stringify(ref(id)));
    const out = JSON.parse(text) as Json;
    const local = Object.keys(defs).filter((k) => !named.has(k));
    if (local.length) out.$defs = Object.fromEntries(local.map((k) => [k, defs[k]]));
    return out;
  };
  const components = z.toJSONSchema(registry, { uri: ref, unrepresentable: 'any', override: trim, io: 'output' }) as {
    schemas: Record<string, Json>;
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
      // `optional`: credentials of the organization, or none (a signed URL in the query).
      ...(op.auth === 'public' ? { security: [] } : op.auth === 'optional' ? { security: [{}, { bearer: [] }] } : {}),
      parameters,
      ...(op.body ? { requestBody: { required: true, content: { [requestType(op)]: { schema: toSchema(op.body, 'input') } } } } : {}),
      ...(op.bodyType === 'binary'
        ? { requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } } }
        : {}),
      responses: {
        [status]: { description: 'Success', content: { [responseType(op)]: { schema: toSchema(op.response, 'output') } } },
        '4XX': { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: ref('Problem') } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'SpokeStack: headless CMS, DAM, analytics and CRM for agencies. Errors are RFC 9457 problem+json; lists take limit, cursor and ' +
        'sort.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key (sk_… / pk_…) or a session token (st_…)' } },
      schemas: { ...components.schemas, Problem: problem },
    },
  };
}

/** The media type of an operation's request body: JSON, or multipart for uploads. */
export const requestType = (op: Operation) => (op.bodyType === 'multipart' ? 'multipart/form-data' : 'application/json');
/** The media type of a successful reply: JSON, or any type for file bytes. */
const responseType = (op: Operation) => (op.responseType === 'binary' ? 'application/octet-stream' : 'application/json');

// Long generated regexes (ISO dates) add nothing a reader needs beyond `format`.
function trim(ctx: { jsonSchema: Json }) {
  if (typeof ctx.jsonSchema.format === 'string') delete ctx.jsonSchema.pattern;
}

/** A self-contained API reference page (no CDN): every operation grouped by tag, with its schemas. */
export function docsPage(doc: Json): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[ch]};`);
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Json>>))
    for (const [method, op] of Object.entries(methods)) {
      const tag = (op.tags as string[])[0]!;
      const block =
        `<details id="${esc(String(op.operationId))}"><summary><code class="m ${method}">${method.toUpperCase()}</code> ` +
        `<code>${esc(path)}</code> — ` +
        `${esc(String(op.summary))}</summary>${op.description ? `<p>${esc(String(op.description))}</p>` : ''}` +
        `<pre>${esc(JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody, responses: op.responses }, null, 2))}` +
        '</pre></details>';
      byTag.set(tag, [...(byTag.get(tag) ?? []), block]);
    }
  const sections = [...byTag].map(([tag, ops]) => `<section><h2>${esc(tag)}</h2>${ops.join('')}</section>`).join('');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>SpokeStack API reference</title><link rel="icon" href="/favicon.svg" type="image/svg+xml">` +
    `<style>body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1f2937}` +
    `summary{cursor:pointer;padding:.3rem 0}pre{background:#f3f4f6;padding:1rem;overflow:auto;font-size:12px}` +
    `.m{display:inline-block;min-width:4.5em;font-weight:600}.get{color:#047857}.post{color:#1d4ed8}` +
    `.patch,.put{color:#b45309}.delete{color:#b91c1c}</style></head><body><h1>SpokeStack API reference</h1>` +
    `<p>The machine-readable document is at <a href="/v1/openapi.json">/v1/openapi.json</a>. Authenticate with <code>` +
    `Authorization: Bearer &lt;key or token&gt;</code>.</p>${sections}</body></html>`
  );
}

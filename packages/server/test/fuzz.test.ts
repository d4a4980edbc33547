import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../src/testing/index.js';
import { Fixtures, type Row, resources } from './fixtures.js';

// Random wrong input against every operation of the OpenAPI document, with a valid API key: nothing a
// client sends may be answered with a 5xx, and every 4xx is a problem document. Seeded, so a failure
// reproduces with FUZZ_SEED=<seed printed in the failure>.

const seed = Number(process.env.FUZZ_SEED ?? 0x5eed);
/** mulberry32: small, fast, good enough to pick inputs. */
function prng(state: number) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = prng(seed);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

let t: TestInstance;
let api: Fixtures;
beforeAll(async () => {
  t = await createTestInstance();
  api = new Fixtures(t, t.apiKey);
});
afterAll(() => t.close());

type Schema = {
  $ref?: string;
  type?: string | string[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
  format?: string;
  enum?: unknown[];
  maxLength?: number;
  pattern?: string;
  required?: string[];
};
interface Op {
  id: string;
  method: string;
  path: string;
  query: { name: string; schema: Schema }[];
  body?: Schema;
}

const charsets = [
  'abcxyz019',
  ' -_./%&?#=+',
  'éüñßçÅ',
  '中文字符',
  '😀🚀👩‍💻',
  '\u0000\u0001\u001f\u007f',
  '\ud800\udfff\ufeff\u200b\u202e',
  '\'"`\\;<>{}[]$',
];
const junkString = (length = 1 + int(40)) => Array.from({ length }, () => pick([...pick(charsets)])).join('');
const junkStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  "'; drop table contacts; --",
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'null',
  'undefined',
  'true',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  '0x1F',
  '2025-02-30',
  '2025-13-01T00:00:00Z',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59-14:00',
  '0001-01-01T00:00:00+14:00',
  '+275760-09-13T00:00:00Z',
  '2025-01-01T00:00:00.123456789Z',
  '\\',
  '\n\r\t',
  '__proto__',
  'constructor',
];
const badNumbers = [
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  -(2 ** 63),
  1e308,
  -1e308,
  0.1,
  1.5,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  4_294_967_296,
  1e-320,
];
const invalidDates = [
  '2025-02-30T00:00:00Z',
  '2025-02-29',
  '0000-01-01T00:00:00Z',
  '0000-12-31',
  '10000-01-01T00:00:00Z',
  '9999-12-31T23:59:59-14:00',
  '0001-01-01T00:00:00+14:00',
  '2025-01-01T25:00:00Z',
  '2025-1-1',
  '1735689600',
  'yesterday',
  '2025-01-01T00:00:00+24:00',
];

/** Deeply nested values are spliced into the JSON text: building them as objects would overflow JSON.stringify here. */
const deep = new Map<string, string>();
function deepValue(): string {
  const depth = pick([10, 63, 65, 200, 3000, 20_000]);
  const marker = `__deep_${deep.size}__`;
  deep.set(marker, random() < 0.5 ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
  return marker;
}
function serialize(body: unknown): string {
  let text = JSON.stringify(body);
  for (const [marker, json] of deep) text = text.replaceAll(JSON.stringify(marker), json);
  return text;
}

function resolve(doc: Row, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++)
    s = (doc.components as { schemas: Record<string, Schema> }).schemas[s.$ref.split('/').pop()!] ?? {};
  const branch = s.anyOf?.find((b) => b.type !== 'null');
  return branch && !s.type ? resolve(doc, branch) : s;
}

/** A value a contract field should refuse, or one at its edge that only the database could object to. */
function wrongValue(s: Schema): unknown {
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  const generators: (() => unknown)[] = [
    () => null,
    () => pick(junkStrings),
    () => junkString(),
    () => pick(badNumbers),
    () => pick(invalidDates),
    () => deepValue(),
    () => (random() < 0.5 ? [pick(junkStrings), 1, null] : { nested: { x: pick(junkStrings) } }),
    () => 'x'.repeat(pick([10_001, 60_000])),
    // At the declared limit, with content that does not compress: valid for the contract.
    () => junkString(Math.min(s.maxLength ?? 10_000, 10_000)),
  ];
  if (type === 'string')
    generators.push(
      () => pick([true, 42, {}, []]),
      () => pick(junkStrings) + (s.enum ? String(s.enum[0]).toLowerCase() : ''),
    );
  if (type === 'integer' || type === 'number')
    generators.push(
      () => pick(['7', '1e3', '', 'abc']),
      () => pick([2_147_483_647, -2_147_483_648, Number.MAX_SAFE_INTEGER]),
    );
  if (type === 'boolean') generators.push(() => pick(['true', 1, 0, 'yes']));
  if (type === 'array')
    generators.push(
      () => ({ 0: 'a' }),
      () => Array.from({ length: pick([1001, 3]) }, () => pick(junkStrings)),
    );
  if (s.pattern) generators.push(() => pick(['99999999999999999999.99', '-0.00', '1.', '.5', '+1', '1e2', '0x10', '١٢٣']));
  return pick(generators)();
}

/** A plausible value for a field, for the operations the fixtures do not cover. */
function sample(doc: Row, schema: Schema | undefined): unknown {
  const s = resolve(doc, schema);
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'string')
    return s.format === 'date-time'
      ? '2025-06-01T12:00:00Z'
      : s.format === 'date'
        ? '2025-06-01'
        : s.format === 'email'
          ? `f${int(1e9)}@fuzz.test`
          : s.format === 'uri'
            ? 'https://fuzz.test/x'
            : s.pattern?.includes('[a-z]')
              ? 'en'
              : s.pattern
                ? '1'
                : `fuzz-${int(1e9)}`;
  if (type === 'integer' || type === 'number') return 60;
  if (type === 'boolean') return true;
  if (type === 'array') return [];
  if (type === 'object') return Object.fromEntries((s.required ?? []).map((k) => [k, sample(doc, s.properties?.[k])]));
  return null;
}

const wholeBodies: (() => string)[] = [
  () => 'null',
  () => '[]',
  () => '"body"',
  () => '42',
  () => '{"a":1,"a":2}',
  () => '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
  () => '{"unterminated":',
  () => JSON.stringify(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]))),
  () => deep.get(deepValue())!,
  () => `{"x":"${'\\u0000'.repeat(3)}"}`,
];

function randomId(): string {
  return pick([
    () => pick(junkStrings),
    () => junkString(),
    () => 'x'.repeat(pick([64, 65, 500])),
    () => `${int(1e9)}`,
    () => 'z'.repeat(24),
  ])();
}
function segment(id: string): string {
  try {
    return encodeURIComponent(id) || '%20';
  } catch {
    // A lone surrogate has no UTF-8 form; send bytes that are not UTF-8 either.
    return '%ED%A0%80';
  }
}
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

it(`never answers a 5xx to random wrong input (seed ${seed})`, { timeout: 120_000 }, async () => {
  const doc = (await api.call('GET', '/v1/openapi.json')).json;
  const ops: Op[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Row>>))
    for (const [method, op] of Object.entries(methods)) {
      const parameters = (op.parameters ?? []) as { name: string; in: string; schema: Schema }[];
      const body = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.['application/json']?.schema;
      ops.push({ id: String(op.operationId), method: method.toUpperCase(), path, query: parameters.filter((p) => p.in === 'query'), body });
    }
  expect(ops.length).toBeGreaterThan(400);

  // Real rows give the fuzzed updates and creates something to reach the database with.
  const rows = new Map<string, string>();
  const bases = new Map<string, Row>();
  for (const resource of resources) {
    const base = await api.body(resource);
    bases.set(`${resource.def.path}`, base);
    const created = await api.call('POST', resource.def.path, base);
    if (created.status === 201) rows.set(resource.def.path, String(created.json.id));
  }

  const failures: string[] = [];
  let sent = 0;
  const send = async (method: string, path: string, body?: string) => {
    sent++;
    const reply = await api.call(method, path, body);
    const problem = reply.headers.get('content-type')?.includes('application/problem+json') && reply.json.status === reply.status;
    if (reply.status >= 500 || (reply.status >= 400 && !problem))
      failures.push(
        `${method} ${path.slice(0, 300)} ${body === undefined ? '' : body.slice(0, 300)} → ${reply.status} ` +
          `${JSON.stringify(reply.json).slice(0, 300)}`,
      );
    return reply;
  };

  for (const op of shuffle(ops)) {
    const base = op.path.replace(/\/\{id\}$/, '');
    const realId = rows.get(base);
    const at = (id: string) => op.path.replace('{id}', segment(id));
    if (op.path.includes('{id}')) await send(op.method, at(randomId()), op.body ? '{}' : undefined);
    if (op.body) {
      const schema = resolve(doc, op.body);
      const props = Object.keys(schema.properties ?? {});
      for (let i = 0; i < 2; i++) {
        const body: Row =
          op.method === 'POST' && bases.has(op.path) ? { ...bases.get(op.path) } : op.method === 'POST' ? (sample(doc, schema) as Row) : {};
        if (!props.length || random() < 0.15) {
          await send(op.method, at(realId ?? randomId()), pick(wholeBodies)());
          continue;
        }
        for (let n = 1 + int(2); n > 0; n--) {
          const key = random() < 0.9 ? pick(props) : junkString(8);
          body[key] = wrongValue(resolve(doc, schema.properties?.[key]));
        }
        await send(op.method, at(realId ?? randomId()), serialize(body));
      }
    }
    if (op.query.length) {
      for (let i = 0; i < 2; i++) {
        const params = new URLSearchParams();
        for (let n = 1 + int(3); n > 0; n--) {
          const param = pick(op.query);
          const value = pick([
            () => String(wrongValue(resolve(doc, param.schema))).slice(0, 12_000),
            () => pick(junkStrings),
            () => String(pick(badNumbers)),
            () => `${pick(['', '-'])}${pick(op.query).name},${pick(['', '-'])}${junkString(6)}`,
            () =>
              Buffer.from(
                JSON.stringify({
                  s: '-createdAt,-id',
                  v: [pick([...junkStrings, ...badNumbers, true, {}, [], null]), pick([...junkStrings, 1, null])],
                }),
              ).toString('base64url'),
          ])();
          params.append(random() < 0.8 ? param.name : pick(['cursor', 'sort', 'limit']), value);
        }
        await send(op.method, `${at(realId ?? randomId())}?${params}`);
      }
    }
  }

  // Multipart uploads sit outside the JSON operations; fuzz their text parts too.
  for (const name of ['a\u0000b', 'x'.repeat(20_000), '../../etc/passwd', '\ud800']) {
    const form = new FormData();
    form.set('file', new Blob(['fuzz'], { type: 'text/plain' }), 'f.txt');
    form.set(pick(['name', 'clientId', 'projectId']), name);
    sent++;
    const res = await t.request('/v1/platform/files', { method: 'POST', body: form });
    if (res.status >= 500)
      failures.push(`POST /v1/platform/files multipart ${JSON.stringify(name).slice(0, 80)} → ${res.status} ${await res.text()}`);
  }

  expect(sent).toBeGreaterThan(600);
  expect(failures, `seed ${seed}: ${failures.length} of ${sent} requests failed`).toEqual([]);
});

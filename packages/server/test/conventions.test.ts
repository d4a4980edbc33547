import type { Contact } from '@spokestack/core/crm';
import { SpokeStackError } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { localStorage } from '../src/platform/storage.js';
import { createTestInstance, type TestInstance } from '../src/testing/index.js';
import { Fixtures, type Reply, type Row, resourceByKey } from './fixtures.js';

// The API conventions every route shares (DESIGN.md "API conventions"), checked through HTTP.

let t: TestInstance;
let api: Fixtures;
beforeAll(async () => {
  t = await createTestInstance();
  api = new Fixtures(t, t.apiKey);
});
afterAll(() => t.close());

/** Asserts a problem+json reply with this status, its request id echoed, and returns its field paths. */
function expectProblem(reply: Reply, status: number): string[] {
  expect(reply.status, JSON.stringify(reply.json)).toBe(status);
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
  const requestId = reply.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  expect(reply.json).toMatchObject({
    status,
    type: expect.stringMatching(/^https:\/\/spokestack\.dev\/problems\//),
    title: expect.any(String),
    requestId,
  });
  return (reply.json.errors ?? []).map((e) => e.path);
}

const contacts = '/v1/crm/contacts';
const valid = { firstName: 'Ada', lastName: 'Lovelace' };
let emails = 0;
/** A valid contact body; each has its own email because contacts are unique by (organization, email). */
const contact = (extra: Row = {}) => ({ ...valid, email: `c${++emails}@conventions.test`, ...extra });

describe('bad input is a 400 naming the field', () => {
  it.each<[string, unknown, string[]]>([
    [
      'wrong types',
      { firstName: 42, lastName: ['x'], leadScore: '7', marketingConsent: 'yes', tags: 'vip', lastScoreUpdate: 1 },
      ['body.firstName', 'body.lastName', 'body.leadScore', 'body.marketingConsent', 'body.tags', 'body.lastScoreUpdate'],
    ],
    ['missing required fields', { email: 'a@b.test' }, ['body.firstName', 'body.lastName']],
    ['unknown enum values', { ...valid, status: 'SLEEPING', contactType: 'lead' }, ['body.status', 'body.contactType']],
    ['oversized text', { ...valid, jobTitle: 'x'.repeat(10_001) }, ['body.jobTitle']],
    ['unknown fields', { ...valid, organizationId: 'org_x', id: 'mine', bogus: 1 }, ['body.organizationId', 'body.id', 'body.bogus']],
    ['int32 overflow', { ...valid, leadScore: 2 ** 31 }, ['body.leadScore']],
    ['fractional ints', { ...valid, leadScore: 1.5 }, ['body.leadScore']],
    ['impossible dates', { ...valid, lastScoreUpdate: '2025-02-30T10:00:00Z' }, ['body.lastScoreUpdate']],
    ['times without offset', { ...valid, lastScoreUpdate: '2025-01-01T10:00:00' }, ['body.lastScoreUpdate']],
    ['year 0, which PostgreSQL has not', { ...valid, lastScoreUpdate: '0000-06-01T00:00:00Z' }, ['body.lastScoreUpdate']],
    ['NUL characters, which PostgreSQL cannot store', { ...valid, city: 'Ber\u0000lin' }, ['body.city']],
    ['NUL characters inside JSON', { ...valid, customFields: { nested: ['ok', 'b\u0000d'] } }, ['body.customFields.nested.1']],
    ['NUL characters in JSON keys', { ...valid, customFields: { 'k\u0000': 1 } }, ['body.customFields']],
    ['a non-object body', [valid], ['body']],
  ])('%s', async (_, body, paths) => {
    const reply = await api.call('POST', contacts, body);
    expect(expectProblem(reply, 400).sort()).toEqual(expect.arrayContaining(paths.sort()));
    for (const path of paths) expect(reply.json.detail).toContain(path);
  });

  it('indexed text is limited to what its index can hold', async () => {
    const cjk = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20_000))).join('');
    expect(expectProblem(await api.call('POST', '/v1/platform/clients', { name: 'Long', slug: cjk(501) }), 400)).toEqual(['body.slug']);
    expect((await api.call('POST', '/v1/platform/clients', { name: 'Long', slug: cjk(500) })).status).toBe(201);
    const emoji = '\u{1F600}'.repeat(250);
    expect((await api.call('POST', '/v1/crm/contacts', contact({ tags: [emoji, cjk(500)] }))).status).toBe(201);
  });

  it('JSON nested too deep', async () => {
    // Sent as text: the test's own JSON.stringify would overflow on it.
    for (const deep of ['['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)]) {
      const reply = await api.call('POST', contacts, `{"firstName":"Ada","lastName":"L","customFields":${deep}}`);
      expect(expectProblem(reply, 400)).toEqual(['body.customFields']);
    }
    expect(expectProblem(await api.call('POST', contacts, '['.repeat(100_000) + ']'.repeat(100_000)), 400)[0]).toMatch(/^body/);
    // Contacts' custom fields are checked against their definitions: define one that takes any JSON.
    expect((await api.call('POST', '/v1/crm/custom-fields', { key: 'a', label: 'A', fieldType: 'json' })).status).toBe(201);
    const fine = await api.call('POST', contacts, {
      ...contact(),
      customFields: JSON.parse('{"a":'.repeat(50) + '1' + '}'.repeat(50)) as unknown,
    });
    expect(fine.status).toBe(201);
  });

  it('decimals must be strings within their precision', async () => {
    const path = '/v1/crm/products';
    for (const unitPrice of [12.5, '12.345', '1e3', '12345678901.00', '', ' 1', '1.', '.5', '+1'])
      expect(expectProblem(await api.call('POST', path, { name: 'P', code: `D${unitPrice}`, unitPrice }), 400), String(unitPrice)).toEqual([
        'body.unitPrice',
      ]);
    const ok = await api.call('POST', path, { name: 'P', code: 'D-ok', unitPrice: '-9999999999.99' });
    expect(ok.json.unitPrice).toBe('-9999999999.99');
  });

  it('malformed JSON, and JSON sent as another type', async () => {
    expect(expectProblem(await api.call('POST', contacts, '{"firstName": "Ada",'), 400)).toEqual(['body']);
    // Issue 8: JSON under another type (what a cross-site form can send) is 415, not read as JSON.
    expect(expectProblem(await api.call('POST', contacts, JSON.stringify(valid), { 'content-type': 'text/plain' }), 415)).toEqual(['body']);
  });

  it('bad path parameters', async () => {
    expect(expectProblem(await api.call('GET', `${contacts}/${'x'.repeat(500)}`), 400)).toEqual(['params.id']);
    expect(expectProblem(await api.call('PATCH', `${contacts}/${'x'.repeat(65)}`, { city: 'Oslo' }), 400)).toEqual(['params.id']);
    expect(expectProblem(await api.call('GET', `${contacts}/a%00b`), 400)).toEqual(['params.id']);
    expectProblem(await api.call('GET', `${contacts}/${encodeURIComponent("' or 1=1 --")}`), 404);
  });

  it('bad limits, cursors, sorts and filters', async () => {
    for (const limit of ['0', '201', 'abc', '-1', '1.5', ''])
      expect(expectProblem(await api.call('GET', `${contacts}?limit=${limit}`), 400), `limit=${limit}`).toEqual(['query.limit']);
    for (const cursor of [
      'garbage',
      Buffer.from('{"s":"-createdAt,-id","v":[{"x":1},"a"]}').toString('base64url'),
      Buffer.from('{"s":"-createdAt,-id","v":["not a date","a"]}').toString('base64url'),
    ])
      expect(expectProblem(await api.call('GET', `${contacts}?cursor=${cursor}`), 400)).toEqual(['query.cursor']);
    // A cursor is only good for the sort it came from.
    await api.call('POST', contacts, { ...valid, email: 'cursor-1@x.test' });
    await api.call('POST', contacts, { ...valid, email: 'cursor-2@x.test' });
    const page = await api.call('GET', `${contacts}?limit=1&sort=email`);
    expect(page.json.nextCursor).toEqual(expect.any(String));
    expect(expectProblem(await api.call('GET', `${contacts}?limit=1&sort=-email&cursor=${String(page.json.nextCursor)}`), 400)).toEqual([
      'query.cursor',
    ]);
    for (const sort of ['bogus', 'customFields', 'tags', 'email,email', '-', 'firstName,,lastName'])
      expect(expectProblem(await api.call('GET', `${contacts}?sort=${encodeURIComponent(sort)}`), 400), `sort=${sort}`).toEqual([
        'query.sort',
      ]);
    expect(expectProblem(await api.call('GET', `${contacts}?status=SLEEPING`), 400)).toEqual(['query.status']);
    expect(expectProblem(await api.call('GET', `${contacts}?marketingConsent=maybe`), 400)).toEqual(['query.marketingConsent']);
    expect(expectProblem(await api.call('GET', `${contacts}?companyId=${'x'.repeat(10_001)}`), 400)).toEqual(['query.companyId']);
    expect(expectProblem(await api.call('GET', `${contacts}?companyId=a%00b`), 400)).toEqual(['query.companyId']);
  });
});

describe('status codes', () => {
  it('401 without credentials or with bad ones', async () => {
    for (const authorization of [
      '',
      'Bearer',
      'Bearer sk_nope',
      `Basic ${Buffer.from('a:b').toString('base64')}`,
      'Bearer st_e30.forged',
      `Bearer ${t.apiKey}x`,
    ]) {
      const reply = await api.call('GET', contacts, undefined, { authorization });
      expectProblem(reply, 401);
    }
  });

  it('403 for a CLIENT session writing', async () => {
    const client = await t.sdk.platform.clients.create({ name: 'Shared Co', slug: 'shared-co' });
    const user = await t.sdk.platform.users.create({ email: 'viewer@client.test', name: 'Viewer', role: 'CLIENT', clientId: client.id });
    const { token } = await t.sdk.platform.sessions.create({ userId: user.id });
    const viewer = new Fixtures(t, token);
    const project = await t.sdk.platform.projects.create({ name: 'Shared', clientId: client.id });
    expect((await viewer.call('GET', `/v1/platform/projects/${project.id}`)).status).toBe(200);
    expectProblem(await viewer.call('POST', '/v1/platform/projects', { name: 'Mine', clientId: client.id }), 403);
    expectProblem(await viewer.call('PATCH', `/v1/platform/projects/${project.id}`, { name: 'Renamed' }), 403);
    expectProblem(await viewer.call('DELETE', `/v1/platform/projects/${project.id}`), 403);
    expect((await t.sdk.platform.projects.get(project.id)).name).toBe('Shared');
  });

  it('404 for unknown routes', async () => {
    for (const [method, path] of [
      ['GET', '/v1/nope'],
      ['GET', '/v1/crm/nope'],
      ['POST', '/v1/crm/contacts/x/y'],
      ['GET', '/nope'],
    ] as const)
      expect((await api.call(method, path)).json).toMatchObject({ status: 404, title: 'Not found' });
    expectProblem(await api.call('GET', '/v1/crm/nope'), 404);
  });

  it('405 with Allow for a known path asked with a method it is not served with', async () => {
    const reply = await api.call('PUT', contacts);
    expectProblem(reply, 405);
    expect(reply.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('409 on a unique clash, naming the fields', async () => {
    expect((await api.call('POST', '/v1/crm/products', { name: 'Retainer', code: 'RET-1', unitPrice: '100.00' })).status).toBe(201);
    const clash = await api.call('POST', '/v1/crm/products', { name: 'Other', code: 'RET-1', unitPrice: '5.00' });
    expect(expectProblem(clash, 409)).toEqual(['body.code']);
    expect(clash.json).toMatchObject({ fields: ['code'] });
    // Another organization has its own codes.
    const other = new Fixtures(t, (await t.createOrg()).apiKey);
    expect((await other.call('POST', '/v1/crm/products', { name: 'Retainer', code: 'RET-1', unitPrice: '100.00' })).status).toBe(201);
  });

  it('413 for a JSON body over the limit', async () => {
    const huge = JSON.stringify({ ...valid, notes: 'x'.repeat(6 * 1024 * 1024) });
    expectProblem(await api.call('POST', contacts, huge), 413);
    // The limit is the app's option.
    const small = createApp({ db: t.db, storage: localStorage(t.filesDir), secret: t.secret, maxBodyBytes: 1024 });
    const res = await small.app.request('http://x/v1/crm/contacts', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...valid, jobTitle: 'x'.repeat(2000) }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const ok = await small.app.request('http://x/v1/crm/contacts', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(contact({ jobTitle: 'x'.repeat(100) })),
    });
    expect(ok.status).toBe(201);
  });

  it('a request id on every reply, echoed in problems, taken from the caller when given', async () => {
    const replies = [
      await api.call('GET', contacts),
      await api.call('POST', contacts, contact()),
      await api.call('POST', contacts, {}),
      await api.call('GET', contacts, undefined, { authorization: '' }),
      await api.call('GET', '/v1/nope'),
      await api.call('GET', '/health'),
      await api.call('GET', '/v1/openapi.json'),
    ];
    const ids = replies.map((r) => r.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(/^[\w-]{8,}$/);
    expect(new Set(ids).size).toBe(ids.length);
    for (const reply of replies.filter((r) => r.status >= 400)) expect(reply.json.requestId).toBe(reply.headers.get('x-request-id'));
    const mine = await api.call('POST', contacts, {}, { 'x-request-id': 'trace-abc-123' });
    expect(mine.headers.get('x-request-id')).toBe('trace-abc-123');
    expect(mine.json.requestId).toBe('trace-abc-123');
  });
});

describe('lists', () => {
  // 120 contacts with repeated and missing values in the sort columns, tagged so other tests' rows stay out.
  const cities = ['amsterdam', 'berlin', 'cairo'];
  let all: Contact[];
  let company: string;
  beforeAll(async () => {
    company = (await t.sdk.platform.clients.create({ name: 'Paging Co', slug: 'paging-co' })).id;
    all = [];
    for (let i = 0; i < 120; i++)
      all.push(
        await t.sdk.crm.contacts.create({
          firstName: `P${i}`,
          lastName: `l${i % 4}`,
          email: `page-${i}@x.test`,
          city: i % 5 === 0 ? null : cities[i % 3],
          leadScore: i % 7,
          status: i % 2 ? 'ACTIVE' : 'INACTIVE',
          marketingConsent: i % 3 === 0,
          companyId: i % 4 === 0 ? company : null,
          tags: i % 6 === 0 ? ['paging', 'vip'] : ['paging'],
        }),
      );
  });

  type Key = { key: keyof Contact; desc: boolean };
  /** PostgreSQL's order: NULLs last ascending, first descending; the id breaks ties in the last key's direction. */
  function expected(rows: Contact[], sort: string): string[] {
    const keys: Key[] = sort.split(',').map((p) => ({ key: p.replace(/^-/, '') as keyof Contact, desc: p.startsWith('-') }));
    keys.push({ key: 'id', desc: keys.at(-1)!.desc });
    const cmp = (a: Contact, b: Contact) => {
      for (const { key, desc } of keys) {
        const x = a[key] as string | number | null;
        const y = b[key] as string | number | null;
        if (x === y) continue;
        const order = x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
        return desc ? -order : order;
      }
      return 0;
    };
    return [...rows].sort(cmp).map((r) => r.id);
  }

  async function pages(query: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pageCount = 0;
    do {
      const reply: Reply = await api.call('GET', `${contacts}?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(reply.status, JSON.stringify(reply.json)).toBe(200);
      const data = reply.json.data as Row[];
      expect(data.length).toBeLessThanOrEqual(limit);
      ids.push(...data.map((r) => String(r.id)));
      cursor = reply.json.nextCursor as string | null;
      if (cursor) expect(data).toHaveLength(limit);
      expect(++pageCount).toBeLessThan(200);
    } while (cursor);
    return ids;
  }

  it.each(['city,-leadScore', '-city,leadScore', 'lastName,city', '-lastName,-leadScore,city', 'leadScore', '-createdAt', 'email'])(
    'cursor paging with sort=%s yields every row once, in order',
    async (sort) => {
      const ids = await pages(`tags=paging&sort=${sort}`, 7);
      expect(ids).toHaveLength(120);
      expect(new Set(ids).size).toBe(120);
      expect(ids).toEqual(expected(all, sort));
    },
  );

  it('defaults to newest first, 50 a page', async () => {
    const first = await t.sdk.crm.contacts.list({ tags: 'paging' });
    expect(first.data).toHaveLength(50);
    expect(first.data.map((c) => c.id)).toEqual(expected(all, '-createdAt').slice(0, 50));
  });

  it('sort=name,-createdAt over rows with equal names', async () => {
    const made: Row[] = [];
    for (let i = 0; i < 9; i++)
      made.push((await api.create(resourceByKey('platform.clients'), { name: `same-${i % 3}`, slug: `tie-${i}` })).row);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const reply: Reply = await api.call('GET', `/v1/platform/clients?sort=name,-createdAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...(reply.json.data as Row[]).filter((r) => String(r.name).startsWith('same-')).map((r) => String(r.id)));
      cursor = reply.json.nextCursor as string | null;
    } while (cursor);
    const s = (r: Row, k: string) => String(r[k]);
    const want = [...made].sort((a, b) =>
      s(a, 'name') !== s(b, 'name')
        ? s(a, 'name') < s(b, 'name')
          ? -1
          : 1
        : s(a, 'createdAt') !== s(b, 'createdAt')
          ? s(a, 'createdAt') < s(b, 'createdAt')
            ? 1
            : -1
          : s(a, 'id') < s(b, 'id')
            ? 1
            : -1,
    );
    expect(ids).toEqual(want.map((r) => r.id));
  });

  it('filters by enum, boolean, id and array membership', async () => {
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    const list = async (query: Record<string, string>) => {
      const rows: Contact[] = [];
      for await (const c of t.sdk.crm.contacts.iterate({ limit: 200, ...query } as never)) rows.push(c as Contact);
      return rows;
    };
    expect(ids(await list({ tags: 'paging', status: 'ACTIVE' }))).toEqual(ids(all.filter((c) => c.status === 'ACTIVE')));
    expect(ids(await list({ tags: 'paging', marketingConsent: 'true' }))).toEqual(ids(all.filter((c) => c.marketingConsent)));
    expect(ids(await list({ tags: 'paging', marketingConsent: 'false' }))).toEqual(ids(all.filter((c) => !c.marketingConsent)));
    expect(ids(await list({ companyId: company }))).toEqual(ids(all.filter((c) => c.companyId === company)));
    expect(ids(await list({ tags: 'vip' }))).toEqual(ids(all.filter((c) => c.tags.includes('vip'))));
    expect(await list({ tags: 'vip', status: 'ACTIVE', companyId: company })).toEqual([]);
    expect(await list({ companyId: 'no-such-client' })).toEqual([]);
  });
});

describe('OpenAPI', () => {
  it('is an OpenAPI 3.1 document with every operation, and every $ref resolves', async () => {
    const reply = await api.call('GET', '/v1/openapi.json');
    expect(reply.status).toBe(200);
    const doc = reply.json as {
      openapi: string;
      info: Row;
      paths: Record<string, Record<string, Row>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(t.router.operations.length).toBeGreaterThan(400);
    for (const op of t.router.operations) {
      const entry = doc.paths[op.path.replace(/:(\w+)/g, '{$1}')]?.[op.method.toLowerCase()];
      expect(entry, `${op.method} ${op.path}`).toMatchObject({ operationId: op.id, responses: expect.any(Object) });
      for (const name of op.path.match(/:(\w+)/g) ?? [])
        expect(entry!.parameters).toContainEqual(expect.objectContaining({ name: name.slice(1), in: 'path', required: true }));
      // JSON bodies, except uploads (multipart, their file parts binary).
      const media = op.bodyType === 'multipart' ? 'multipart/form-data' : 'application/json';
      if (op.body) expect(entry!.requestBody).toMatchObject({ content: { [media]: { schema: expect.any(Object) } } });
    }
    const ids = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref') refs.push(String(v));
          else walk(v);
        }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(100);
    for (const ref of new Set(refs)) {
      expect(ref, ref).toMatch(/^#\//);
      const target = ref
        .slice(2)
        .split('/')
        .reduce<unknown>(
          (node, part) => (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')],
          doc,
        );
      expect(target, `unresolved ${ref}`).toBeTypeOf('object');
    }
  });

  it('/docs renders the reference as HTML', async () => {
    const res = await t.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('/v1/openapi.json');
    // The page is Swagger UI over the document (src/http/docs.test.ts renders it in Chromium): the operations
    // and the descriptions a person needs are in the document it shows.
    const doc = (await (await t.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string; description?: string }>>;
    };
    const ops = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    expect(ops.map((op) => op.operationId)).toContain('crm.contacts.list');
    expect(ops.map((op) => op.description).join('\n')).toContain(
      'Runs the one readiness check that submit for review, approve, publish and schedules use',
    );
    expect(doc.paths['/v1/cms/entries/{id}']!.patch!.description).toMatch(/pending review is withdrawn/);
  });

  it('/ is a start page linking the reference, the OpenAPI document and configured apps; the favicon answers', async () => {
    const home = await t.request('/', { headers: { authorization: '' } });
    expect(home.status).toBe(200);
    const html = await home.text();
    for (const href of ['/docs', '/v1/openapi.json', '/favicon.svg']) expect(html).toContain(`href="${href}"`);
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const icon = await t.request(path, { headers: { authorization: '' } });
      expect(icon.status, path).toBe(200);
      expect(icon.headers.get('content-type')).toBe('image/svg+xml');
      expect(await icon.text()).toMatch(/^<svg /);
    }
    const { app } = createApp({
      db: t.db,
      storage: localStorage(t.filesDir),
      secret: t.secret,
      links: [
        { label: 'Host app', url: 'http://localhost:5173/' },
        { label: 'Evil', url: 'javascript:alert(1)' },
      ],
    });
    const withLinks = await (await app.request('/')).text();
    expect(withLinks).toContain('<a href="http://localhost:5173/">Host app</a>');
    expect(withLinks).not.toContain('javascript:');
  });
});

describe('SDK end to end', () => {
  it('lists, creates, updates, deletes and iterates', async () => {
    const sdk = t.sdk.crm.contacts;
    const created = await sdk.create({ firstName: 'Iris', lastName: 'Iter', email: 'iris@x.test', tags: ['sdk'] });
    expect(created).toMatchObject({ firstName: 'Iris', status: 'ACTIVE', tags: ['sdk'], organizationId: t.organization.id });
    const updated = await sdk.update(created.id, { city: 'Lisbon', leadScore: 12 });
    expect(updated).toMatchObject({ id: created.id, city: 'Lisbon', leadScore: 12 });
    expect((await sdk.list({ tags: 'sdk' })).data.map((c) => c.id)).toEqual([created.id]);
    await expect(sdk.delete(created.id)).resolves.toEqual({ id: created.id, deleted: true });
    const missing = await sdk.get(created.id).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(SpokeStackError);
    expect(missing).toMatchObject({ status: 404, requestId: expect.any(String) });
    const bad = (await sdk.create({ firstName: '', lastName: 'x' }).catch((e: unknown) => e)) as SpokeStackError;
    expect(bad.fieldError('body.firstName')).toBeTruthy();

    const made = new Set<string>();
    for (let i = 0; i < 30; i++)
      made.add((await sdk.create({ firstName: `I${i}`, lastName: 'Iter', email: `iter-${i}@x.test`, tags: ['iterate'] })).id);
    const seen: string[] = [];
    let requests = 0;
    const counting = t.sdkFor(t.apiKey);
    const http = counting.http;
    const original = http.request.bind(http);
    http.request = ((...args: Parameters<typeof original>) => (requests++, original(...args))) as typeof http.request;
    for await (const contact of counting.crm.contacts.iterate({ limit: 7, tags: 'iterate' })) seen.push(contact.id);
    expect(seen).toHaveLength(30);
    expect(new Set(seen)).toEqual(made);
    expect(requests).toBe(5);
  });
});

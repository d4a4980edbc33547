import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../src/testing/index.js';
import { Fixtures, type Reply, type Resource, type Row, nextSeq, overrides, resources, sentValuesOf } from './fixtures.js';

// Every generic resource of every feature, table-driven: a full CRUD round trip, its unique keys,
// and tenant isolation, through HTTP on the driver this run uses. Resources a feature took over run
// the same checks against the feature's contract (see `overrides` in fixtures.ts).

let t: TestInstance;
let mine: Fixtures;
let other: Fixtures;
beforeAll(async () => {
  t = await createTestInstance();
  mine = new Fixtures(t, t.apiKey);
  other = new Fixtures(t, (await t.createOrg()).apiKey);
});
afterAll(() => t.close());

const problemOf = (reply: Reply) => {
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
  const { requestId, ...rest } = reply.json;
  expect(requestId).toBe(reply.headers.get('x-request-id'));
  return rest;
};
const listIds = async (f: Fixtures, resource: Resource) => {
  const reply = await f.call('GET', `${resource.def.path}?limit=200`);
  expect(reply.status).toBe(200);
  return reply.json.data!.map((r) => r.id);
};
const named = (list: Resource[]) => list.map((r) => [r.key, r] as const);
/** Served by the generic CRUD routes (no feature took its create over). */
const generic = (r: Resource) =>
  t.router.operations.some((op) => op.method === 'POST' && op.path === r.def.path && op.body === r.def.create);

it('covers every resource of every feature registry', () => {
  expect(resources.length).toBeGreaterThanOrEqual(80);
  expect(new Set(resources.map((r) => r.def.path)).size).toBe(resources.length);
});

describe('CRUD round trip', () => {
  it.each(named(resources))('%s', async (_, resource) => {
    const { path } = resource.def;
    let row: Row;
    if (mine.refuses(resource, 'POST')) {
      expect(problemOf(await mine.call('POST', path, await mine.body(resource)))).toMatchObject({ status: 405 });
      row = await mine.make(resource);
    } else {
      const created = await mine.create(resource);
      row = created.row;
      expect(sentValuesOf(row, created.body, resource.def.secrets)).toEqual(created.body);
    }
    expect(row.id).toEqual(expect.any(String));
    expect(row.organizationId).toBe(t.organization.id);

    const got = await mine.call('GET', `${path}/${row.id}`);
    expect(got.status).toBe(200);
    expect(got.json).toEqual(row);
    expect(await listIds(mine, resource)).toContain(row.id);

    const change = await mine.change(resource, row);
    if (mine.refuses(resource, 'PATCH')) {
      expect(problemOf(await mine.call('PATCH', `${path}/${row.id}`, change))).toMatchObject({ status: 405 });
    } else {
      const updated = await mine.call('PATCH', `${path}/${row.id}`, change);
      expect(updated.status, JSON.stringify(updated.json)).toBe(200);
      expect(sentValuesOf(updated.json, change, resource.def.secrets)).toEqual(change);
      row = updated.json;
    }
    expect((await mine.call('GET', `${path}/${row.id}`)).json).toEqual(row);

    if (mine.refuses(resource, 'DELETE')) {
      expect(problemOf(await mine.call('DELETE', `${path}/${row.id}`))).toMatchObject({ status: 405 });
      expect((await mine.call('GET', `${path}/${row.id}`)).json).toEqual(row);
      return;
    }
    const deleted = await mine.call('DELETE', `${path}/${row.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ id: row.id, deleted: true });
    const gone = await mine.call('GET', `${path}/${row.id}`);
    expect(gone.status).toBe(404);
    expect(problemOf(gone)).toMatchObject({ status: 404, title: 'Not found' });
    expect(await listIds(mine, resource)).not.toContain(row.id);

    // Each generic mutation wrote its activity row (features record theirs their own way, e.g. on the entry).
    if (generic(resource)) {
      const activity = await mine.call('GET', `/v1/activity?entityType=${resource.def.entityType}&entityId=${row.id}`);
      expect(activity.json.data!.map((a) => a.action)).toEqual(['deleted', 'updated', 'created']);
    }
  });
});

describe('unique keys answer 409', () => {
  const uniquesOf = (r: Resource) => overrides[r.key]?.uniques ?? r.uniques;
  const withUniques = resources.filter((r) => uniquesOf(r).length);
  it.each(
    withUniques.map(
      (r) =>
        [
          `${r.key} (${uniquesOf(r)
            .map((u) => u.join('+'))
            .join(', ')})`,
          r,
        ] as const,
    ),
  )('%s', async (_, resource) => {
    // Rows the feature writes itself (versions) keep their keys unique by construction; plain creates are refused.
    if (mine.refuses(resource, 'POST')) {
      expect((await mine.call('POST', resource.def.path, await mine.body(resource))).status).toBe(405);
      return;
    }
    for (const unique of uniquesOf(resource)) {
      const { body } = await mine.create(resource);
      // A second row that repeats this key's values; the other keys get fresh values so only this one can clash.
      const second: Row = { ...body, ...(await mine.body(resource, { fresh: true })) };
      for (const key of unique) second[key] = body[key];
      const clash = await mine.call('POST', resource.def.path, second);
      expect(clash.status, `${unique.join('+')}: ${JSON.stringify(clash.json)}`).toBe(409);
      const problem = problemOf(clash);
      expect(problem).toMatchObject({ status: 409, title: 'Conflict' });
      // The generic layer names every field of the key; a feature may name just the one that matters (an entry's slug).
      const paths = problem.errors?.map((e) => e.path) ?? [];
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) expect(unique.map((k) => `body.${k}`)).toContain(path);
      if (generic(resource)) expect(paths.sort()).toEqual(unique.map((k) => `body.${k}`).sort());
    }
  });
});

describe('share and tracking tokens are minted by the server', () => {
  const withTokens = resources.filter((r) => r.tokens.length);
  it.each(withTokens.map((r) => [`${r.key} (${r.tokens.join(', ')})`, r] as const))('%s', async (_, resource) => {
    // Rows whose plain create is refused (links collected by the email sender) take no token from a client at all.
    if (mine.refuses(resource, 'POST')) {
      expect((await mine.call('POST', resource.def.path, { [resource.tokens[0]!]: 'chosen-by-client' })).status).toBe(405);
      return;
    }
    const body = await mine.body(resource);
    for (const token of resource.tokens) {
      const chosen = await mine.call('POST', resource.def.path, { ...body, [token]: 'chosen-by-client' });
      expect(chosen.status).toBe(400);
      expect(problemOf(chosen).errors).toContainEqual({ path: `body.${token}`, message: 'Unknown field' });
    }
    const a = await mine.create(resource);
    const b = await mine.create(resource, await mine.body(resource, { fresh: true }));
    for (const token of resource.tokens) {
      const required = !resource.def.row.shape[token]!.safeParse(null).success;
      if (!required) continue;
      expect(a.row[token]).toMatch(/^[\w-]{32}$/);
      expect(a.row[token]).not.toBe(b.row[token]);
    }
  });
});

describe('tenant isolation', () => {
  it.each(named(resources))('%s', async (_, resource) => {
    const { path } = resource.def;
    const row = await mine.make(resource);
    const theirs = await other.make(resource);
    const missing = `x${nextSeq()}missing`;
    const change = await other.change(resource, row);
    for (const [method, body] of [['GET'], ['PATCH', change], ['DELETE']] as const) {
      const foreign = await other.call(method, `${path}/${row.id}`, body);
      const absent = await other.call(method, `${path}/${missing}`, body);
      expect(foreign.status, `${method} ${JSON.stringify(foreign.json)}`).toBe(
        method !== 'GET' && other.refuses(resource, method) ? 405 : 404,
      );
      expect(problemOf(foreign)).toEqual(problemOf(absent));
    }
    const theirList = await listIds(other, resource);
    expect(theirList).toContain(theirs.id);
    expect(theirList).not.toContain(row.id);
    // The row survived the other organization's update and delete.
    expect((await mine.call('GET', `${path}/${row.id}`)).json).toEqual(row);

    // A row of the other organization may not point at this organization's rows: 400 naming the field.
    const base = resource.refs.length ? await other.body(resource) : {};
    for (const ref of resource.refs) {
      const foreignParent = ref.target === resource ? String(row.id) : await mine.parent(ref.target);
      const body = { ...base, [ref.field]: foreignParent };
      const created = await other.call('POST', path, body);
      if (other.refuses(resource, 'POST')) expect(created.status).toBe(405);
      else {
        expect(created.status, `${ref.field}: ${JSON.stringify(created.json)}`).toBe(400);
        expect(problemOf(created).errors).toContainEqual({ path: `body.${ref.field}`, message: expect.any(String) });
      }
      if (!(ref.field in other.schemaOf(resource, 'PATCH').shape)) continue;
      const updated = await other.call('PATCH', `${path}/${theirs.id}`, { [ref.field]: foreignParent });
      if (other.refuses(resource, 'PATCH')) expect(updated.status).toBe(405);
      else {
        expect(updated.status, `${ref.field}: ${JSON.stringify(updated.json)}`).toBe(400);
        expect(problemOf(updated).errors).toContainEqual({ path: `body.${ref.field}`, message: expect.any(String) });
      }
    }
  });
});

import { type Caller, accessOf, allows, callers, callersOf } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';

// The role matrix, table-driven: every operation the app serves, called as every kind of caller. An
// allowed call must get past authorization (whatever the fake ids and empty body make of it after);
// a refused one must be a 403 problem+json. The matrix is `accessOf` in core, which the router
// enforces and the OpenAPI document publishes.

let t: TestInstance;
const credential = {} as Record<Caller, string>;

beforeAll(async () => {
  t = await createTestInstance();
  const client = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  for (const role of ['OWNER', 'ADMIN', 'MEMBER', 'CLIENT'] as const) {
    const user = await t.sdk.platform.users.create({
      email: `${role.toLowerCase()}@agency.test`,
      name: role,
      role,
      clientId: role === 'CLIENT' ? client.id : null,
    });
    credential[role] = (await t.sdk.platform.sessions.create({ userId: user.id })).token;
  }
  credential.SECRET_KEY = t.apiKey;
  credential.PUBLISHABLE_KEY = (await t.sdk.platform.apiKeys.create({ name: 'site', kind: 'PUBLISHABLE' })).secret;
});
afterAll(() => t.close());

async function call(op: TestInstance['router']['operations'][number], caller: Caller) {
  const path = op.path.replace(/:\w+/g, 'nothing-here').replace(/\*/g, 'x');
  const headers: Record<string, string> = { authorization: `Bearer ${credential[caller]}` };
  let body: BodyInit | undefined;
  if (op.body && op.bodyType === 'multipart') body = new FormData();
  else if (op.body) body = '{}';
  return t.request(path, { method: op.method, headers, body });
}

describe('the role matrix', () => {
  it('declares the roles of every operation a session can call: none rides on a default', () => {
    const undeclared = t.router.operations.filter((op) => op.auth !== 'public' && op.auth !== 'apiKey' && !op.roles).map((op) => op.id);
    expect(undeclared).toEqual([]);
    // And one that slipped through would admit no session at all, rather than some default set.
    expect(accessOf({ auth: 'secret' }).roles).toEqual([]);
  });

  it('lets every allowed caller past authorization and refuses every other with 403 problem+json', async () => {
    const wrong: string[] = [];
    for (const op of t.router.operations) {
      const access = accessOf(op);
      if (access.public) continue;
      // Callers one at a time: several PGlite writes at once only queue.
      for (const caller of callers) {
        const res = await call(op, caller);
        const allowed = allows(access, caller);
        const type = res.headers.get('content-type') ?? '';
        const ok = allowed
          ? res.status !== 401 && res.status !== 403 && res.status < 500
          : res.status === 403 && type.includes('application/problem+json');
        if (!ok) wrong.push(`${op.method} ${op.path} as ${caller}: ${res.status} (${allowed ? 'allowed' : 'refused'}) ${await res.text()}`);
        else await res.body?.cancel();
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('publishes each operation’s callers in the OpenAPI document, as x-roles and in the description', async () => {
    const doc = (await (await t.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string; description: string; 'x-roles': string[] }>>;
    };
    const byId = new Map(Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => [op.operationId, op] as const)));
    for (const op of t.router.operations) {
      const documented = byId.get(op.id)!;
      expect(documented['x-roles'], op.id).toEqual(callersOf(op));
      expect(documented.description, op.id).toMatch(/^(Callable by|Public)/);
    }
    expect(byId.get('platform.apiKeys.create')!['x-roles']).toEqual(['OWNER', 'ADMIN', 'SECRET_KEY']);
    expect(byId.get('platform.sessions.create')!['x-roles']).toEqual(['SECRET_KEY']);
  });
});

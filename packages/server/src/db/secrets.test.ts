import { randomBytes } from 'node:crypto';
import { resourceOperations, type SpokeStack } from '@spokestack/core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { analyticsPlatforms } from '../analytics/schema.js';
import { assetCollections } from '../dam/schema.js';
import { features } from '../features.js';
import { appKeyRing, secretBox, verifyPassword } from '../platform/secrets.js';
import { reencryptSecrets } from '../reencrypt.js';
import { createTestInstance, type TestInstance } from '../testing/index.js';
import { resourceService, secretContext, tableInfo } from './resource-service.js';

// Secrets are write-only: the generic CRUD seals (AES-256-GCM) or hashes (scrypt) every column
// marked secret, and no reply — list, get, create, update — nor any stored row holds the plaintext.

let t: TestInstance;
beforeAll(async () => {
  t = await createTestInstance();
});
afterAll(() => t.close());

const plaintext = { credentials: 'client-secret-9f8e7d', accessToken: 'ya29.access-4b3c2a', refreshToken: '1//refresh-6d5e4f' };

describe('secret columns', () => {
  it('are marked on every resource that has one, and no row contract can carry them', () => {
    const marked = features.flatMap((f) =>
      Object.values(f.resources).flatMap((r) => Object.keys(r.secrets ?? {}).map((key) => `${r.entityType}.${key}`)),
    );
    expect(marked.sort()).toEqual(
      expect.arrayContaining([
        'analytics_platforms.accessToken',
        'analytics_platforms.credentials',
        'analytics_platforms.refreshToken',
        'asset_collections.sharePassword',
        'asset_links.password',
      ]),
    );
    for (const f of features)
      for (const r of Object.values(f.resources))
        for (const [key, { flag }] of Object.entries(r.secrets ?? {})) {
          expect(Object.keys(r.row.shape), r.entityType).not.toContain(key);
          expect(Object.keys(r.row.shape), r.entityType).toContain(flag);
          expect(r.sortable, r.entityType).not.toContain(key);
          expect(Object.keys(resourceOperations(r).list.query!.shape), r.entityType).not.toContain(key);
        }
  });

  it('are absent from the SDK reply types too, which carry the flag instead (checked by the type check)', () => {
    type Reply<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
    type Platform = Reply<SpokeStack['analytics']['platforms']['get']>;
    type Collection = Reply<SpokeStack['dam']['collections']['get']>;
    type Link = Reply<SpokeStack['dam']['links']['create']>;
    expectTypeOf<Platform>().not.toHaveProperty('credentials');
    expectTypeOf<Platform>().not.toHaveProperty('accessToken');
    expectTypeOf<Platform>().not.toHaveProperty('refreshToken');
    expectTypeOf<Platform['credentialsSet']>().toEqualTypeOf<boolean>();
    expectTypeOf<Collection>().not.toHaveProperty('sharePassword');
    expectTypeOf<Collection['hasSharePassword']>().toEqualTypeOf<boolean>();
    expectTypeOf<Link>().not.toHaveProperty('password');
    expectTypeOf<Link['hasPassword']>().toEqualTypeOf<boolean>();
  });

  it('encrypts platform credentials and tokens: no reply and no stored row holds them', async () => {
    const replies: unknown[] = [];
    const json = async (res: Response) => {
      expect(res.status).toBeLessThan(300);
      const body = await res.json();
      replies.push(body);
      return body as Record<string, unknown>;
    };
    const created = await json(
      await t.request('/v1/analytics/platforms', {
        method: 'POST',
        body: JSON.stringify({
          platform: 'META_ADS',
          name: 'Meta Ads',
          credentials: { clientSecret: plaintext.credentials },
          accessToken: plaintext.accessToken,
        }),
      }),
    );
    expect(created).toMatchObject({ credentialsSet: true, accessTokenSet: true, refreshTokenSet: false });
    const id = String(created.id);
    await json(await t.request(`/v1/analytics/platforms/${id}`));
    await json(await t.request('/v1/analytics/platforms'));
    const updated = await json(
      await t.request(`/v1/analytics/platforms/${id}`, { method: 'PATCH', body: JSON.stringify({ refreshToken: plaintext.refreshToken }) }),
    );
    expect(updated).toMatchObject({ credentialsSet: true, accessTokenSet: true, refreshTokenSet: true });
    const cleared = await json(
      await t.request(`/v1/analytics/platforms/${id}`, { method: 'PATCH', body: JSON.stringify({ accessToken: null }) }),
    );
    expect(cleared).toMatchObject({ accessTokenSet: false });
    await t.request(`/v1/analytics/platforms/${id}`, { method: 'PATCH', body: JSON.stringify({ accessToken: plaintext.accessToken }) });

    const text = JSON.stringify(replies);
    for (const secret of Object.values(plaintext)) expect(text).not.toContain(secret);
    for (const key of ['credentials', 'accessToken', 'refreshToken']) expect(text).not.toContain(`"${key}"`);

    const [row] = await t.db.select().from(analyticsPlatforms).where(eq(analyticsPlatforms.id, id));
    const stored = JSON.stringify(row);
    for (const secret of Object.values(plaintext)) expect(stored).not.toContain(secret);
    expect(row!.accessToken).toMatch(/^enc:v1:s0:/);

    // The feature that uses a token reads it through the service; a value copied to another row does not open.
    const service = resourceService(analyticsPlatforms, features.find((f) => f.name === 'analytics')!.resources.platforms!);
    const ctx = t.contextFor(t.organization.id);
    expect(await service.openSecret(t.db, ctx, id, 'accessToken')).toBe(plaintext.accessToken);
    expect(JSON.parse((await service.openSecret(t.db, ctx, id, 'credentials'))!)).toEqual({ clientSecret: plaintext.credentials });
    expect(() => ctx.secrets.open(row!.accessToken!, secretContext(tableInfo(analyticsPlatforms), 'accessToken', 'another-row'))).toThrow();
  });

  it('hashes share passwords with scrypt and says only hasSharePassword', async () => {
    const res = await t.request('/v1/dam/collections', {
      method: 'POST',
      body: JSON.stringify({ name: 'Press kit', slug: 'press-kit', sharePassword: 'open sesame 2025' }),
    });
    const created = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(201);
    expect(created).toMatchObject({ hasSharePassword: true });
    expect(created).not.toHaveProperty('sharePassword');
    const listed = await (await t.request('/v1/dam/collections')).text();
    expect(listed).not.toContain('open sesame');
    const [row] = await t.db
      .select()
      .from(assetCollections)
      .where(eq(assetCollections.id, String(created.id)));
    expect(row!.sharePassword).toMatch(/^scrypt\$/);
    expect(await verifyPassword('open sesame 2025', row!.sharePassword!)).toBe(true);
  });

  it('re-encrypts every secret under a new current key, so the old key can be dropped', async () => {
    const created = (await (
      await t.request('/v1/analytics/platforms', {
        method: 'POST',
        body: JSON.stringify({ platform: 'GOOGLE_ADS', name: 'Google Ads', credentials: { k: 'v' }, accessToken: 'rotate-me' }),
      })
    ).json()) as { id: string };
    const key = () => randomBytes(32).toString('base64');
    const rotated = secretBox(appKeyRing(t.secret, `k2:${key()}`));
    const first = await reencryptSecrets(t.db, rotated);
    expect(first.rewritten).toBeGreaterThanOrEqual(2);
    expect(first.columns).toContain('analytics_platforms.access_token');
    const [row] = await t.db.select().from(analyticsPlatforms).where(eq(analyticsPlatforms.id, created.id));
    expect(row!.accessToken).toMatch(/^enc:v1:k2:/);
    expect(rotated.open(row!.accessToken!, secretContext(tableInfo(analyticsPlatforms), 'accessToken', created.id))).toBe('rotate-me');
    expect((await reencryptSecrets(t.db, rotated)).rewritten).toBe(0);
  });
});

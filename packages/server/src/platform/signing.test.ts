import { problemTypes } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';
import { createSigner } from './signing.js';

// Every signed thing comes from one signing module with a purpose per kind (DESIGN.md "Tenancy and
// access"): one kind never verifies as another, only the canonical spelling verifies, and anything
// malformed is a 401, never a 500. Checked through HTTP, where the replays would be tried.

let t: TestInstance;
let session: string;
let preview: string;
let review: string;
let file: { id: string; exp: string; sig: string };
beforeAll(async () => {
  t = await createTestInstance();
  const client = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const user = await t.sdk.platform.users.create({ email: 'ada@agency.test', name: 'Ada' });
  session = (await t.sdk.platform.sessions.create({ userId: user.id })).token;
  const workflow = await t.sdk.cms.workflows.create({
    name: 'Client sign-off',
    stages: [
      { name: 'Draft', status: 'DRAFT', order: 0 },
      { name: 'Client', status: 'IN_REVIEW', order: 1, assignTo: 'client' },
      { name: 'Ready', status: 'APPROVED', order: 2 },
    ],
  });
  const type = await t.sdk.cms.contentTypes.create({
    name: 'Page',
    slug: 'page',
    workflowId: workflow.id,
    schema: { fields: [{ name: 'title', type: 'text', required: true }] },
  });
  const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Launch' }, clientId: client.id });
  preview = (await t.sdk.cms.previewTokens.create({ entryId: entry.id })).token;
  const { revision } = await t.sdk.cms.entries.submit(entry.id);
  review = (await t.sdk.cms.revisions.reviewLink(revision.id)).token;
  const uploaded = await t.sdk.platform.files.upload(new Blob(['hello'], { type: 'text/plain' }), { name: 'hello.txt' });
  const url = new URL(uploaded.url, 'http://x');
  file = { id: uploaded.id, exp: url.searchParams.get('exp')!, sig: url.searchParams.get('sig')! };
});
afterAll(() => t.close());

/** `GET /v1/platform/me` with this bearer token. */
const base64url = (text: string) => Buffer.from(text).toString('base64url');
const me = (token: string) => t.request('/v1/platform/me', { headers: { authorization: `Bearer ${token}` } });

/** Asserts a 401 problem+json with the unauthorized type and the request id. */
async function expectUnauthorized(reply: Response, what: string) {
  expect(reply.status, what).toBe(401);
  expect(reply.headers.get('content-type'), what).toContain('application/problem+json');
  expect(await reply.json(), what).toMatchObject({
    type: problemTypes.unauthorized,
    status: 401,
    requestId: reply.headers.get('x-request-id'),
  });
}

/** The claims and signature of a `<prefix>_<claims>.<signature>` token. */
const partsOf = (token: string) => {
  const [body, signature] = token.slice(3).split('.') as [string, string];
  return { body, signature };
};

describe('one kind of signed thing is never another', () => {
  it('refuses preview tokens, review links and file signatures as credentials, whatever they are dressed as', async () => {
    const pv = partsOf(preview);
    const rv = partsOf(review);
    const replays = {
      'a preview token': preview,
      'a preview token as a session': `st_${pv.body}.${pv.signature}`,
      // What the one shared key once accepted: the purpose-prefixed text it had signed, sent as the claims.
      'a preview token signed text as a session': `st_preview:${pv.body}.${pv.signature}`,
      'a review link': review,
      'a review link as a session': `st_${rv.body}.${rv.signature}`,
      'a review link signed text as a session': `st_review:${rv.body}.${rv.signature}`,
      'a file signature as a session': `st_file:${file.id}:${file.exp}.${file.sig}`,
      'a file signature over its subject as a session': `st_${base64url(JSON.stringify([file.id, Number(file.exp)]))}.${file.sig}`,
    };
    for (const [what, token] of Object.entries(replays)) await expectUnauthorized(await me(token), what);
    // The same tokens, where they belong, still work.
    expect((await me(session)).status).toBe(200);
    expect((await t.app.request(`http://x/v1/cms/review-links/${review}`)).status).toBe(200);
  });

  it('refuses a session token as a preview token, a review link or a file signature', async () => {
    const site = t.sdkFor((await t.sdk.platform.apiKeys.create({ name: 'site', kind: 'PUBLISHABLE' })).secret);
    await expect(site.cms.delivery.get('page', 'launch', { preview })).resolves.toMatchObject({ preview: true });
    const { body, signature } = partsOf(session);
    for (const token of [session, `pv_${body}.${signature}`])
      await expect(site.cms.delivery.get('page', 'launch', { preview: token })).rejects.toMatchObject({ status: 401 });
    await expectUnauthorized(await t.app.request(`http://x/v1/cms/review-links/${session}`), 'a session as a review link');
    await expectUnauthorized(
      await t.app.request(`http://x/v1/cms/review-links/rv_${session.slice(3)}`),
      'a session dressed as a review link',
    );
    // A preview token is no review link either, and a review link no preview token.
    await expectUnauthorized(await t.app.request(`http://x/v1/cms/review-links/${preview}`), 'a preview token as a review link');
    await expect(site.cms.delivery.get('page', 'launch', { preview: review })).rejects.toMatchObject({ status: 401 });
    const download = await t.app.request(`http://x/v1/platform/files/${file.id}/content?exp=${file.exp}&sig=${signature}`);
    expect(download.status).toBe(400);
    expect(await download.json()).toMatchObject({ type: problemTypes.validation, errors: [{ path: 'query.sig' }] });
  });

  it('refuses a token made with the same secret for another purpose, even with claims a session would take', async () => {
    const signer = createSigner(t.secret);
    const expiresAt = new Date(t.clock.now().getTime() + 3_600_000);
    const claims = JSON.parse(Buffer.from(partsOf(session).body, 'base64url').toString()) as Record<string, string | number>;
    for (const purpose of ['preview', 'review', 'file', 'share', 'unsubscribe', 'tracking'] as const) {
      const other = signer.token(purpose, claims, expiresAt);
      await expectUnauthorized(await me(`st_${other.slice(3)}`), `a ${purpose} token with session claims`);
    }
    // The same claims signed for the session purpose are a session: the secret and the claims are right.
    expect((await me(signer.token('session', claims, expiresAt))).status).toBe(200);
  });
});

describe('only the canonical spelling verifies', () => {
  it('refuses a session token with padding, extra segments or another spelling of its bytes', async () => {
    const { body, signature } = partsOf(session);
    // The last base64url character of a 32-byte signature carries 2 unused bits: flipping them spells the same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.at(-1)!);
    const sameBytes = `${signature.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect(Buffer.from(sameBytes, 'base64url').equals(Buffer.from(signature, 'base64url'))).toBe(true);
    const variants = {
      '= appended to the signature': `${session}=`,
      '== appended to the signature': `${session}==`,
      'an extra .x segment': `${session}.x`,
      'an empty extra segment': `${session}.`,
      'padding on the claims': `st_${body}=.${signature}`,
      'the signature in standard base64': `st_${body}.${Buffer.from(signature, 'base64url').toString('base64')}`,
      'the same signature bytes, spelled differently': `st_${body}.${sameBytes}`,
      'a truncated signature': `st_${body}.${signature.slice(0, -1)}`,
      'no signature': `st_${body}`,
      'a doubled prefix': `st_${session}`,
    };
    for (const [what, token] of Object.entries(variants)) await expectUnauthorized(await me(token), what);
    expect((await me(session)).status).toBe(200);
  });

  it('refuses a review link or preview token with anything appended', async () => {
    for (const token of [`${review}=`, `${review}.x`])
      await expectUnauthorized(await t.app.request(`http://x/v1/cms/review-links/${token}`), token.slice(-2));
    const site = t.sdkFor((await t.sdk.platform.apiKeys.create({ name: 'site 2', kind: 'PUBLISHABLE' })).secret);
    for (const token of [`${preview}=`, `${preview}.x`])
      await expect(site.cms.delivery.get('page', 'launch', { preview: token })).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a file URL whose signature or expiry is spelled differently', async () => {
    const content = (exp: string, sig: string) =>
      t.app.request(`http://x/v1/platform/files/${file.id}/content?exp=${exp}&sig=${encodeURIComponent(sig)}`);
    expect((await content(file.exp, file.sig)).status).toBe(200);
    for (const [exp, sig] of [
      [file.exp, `${file.sig}=`],
      [file.exp, `${file.sig}.x`],
      [`0${file.exp}`, file.sig],
      [`${file.exp}.0`, file.sig],
      [`+${file.exp}`, file.sig],
    ] as const)
      expect((await content(exp, sig)).status, `exp=${exp} sig=${sig}`).toBe(400);
  });
});

describe('malformed is 401, never 500', () => {
  it('answers 401 for garbage, and for validly signed sessions whose claims are not a session', async () => {
    const signer = createSigner(t.secret);
    const expiresAt = new Date(t.clock.now().getTime() + 3_600_000);
    const { o, u } = JSON.parse(Buffer.from(partsOf(session).body, 'base64url').toString()) as { o: string; u: string };
    const tokens = [
      'st_',
      'st_.',
      'st_..',
      'st_%%%.%%%',
      `st_${'A'.repeat(5000)}.${'A'.repeat(43)}`,
      `st_${Buffer.from('not json').toString('base64url')}.${partsOf(session).signature}`,
      signer.token('session', {}, expiresAt),
      signer.token('session', { o, u }, expiresAt),
      signer.token('session', { o, u, r: 'SUPERUSER' }, expiresAt),
      signer.token('session', { o: 1, u, r: 'OWNER' }, expiresAt),
      signer.token('session', { o, u, r: 'OWNER' }, new Date(t.clock.now().getTime() - 1000)),
      signer.token('session', { o: 'no-such-org', u, r: 'OWNER' }, expiresAt),
    ];
    for (const token of tokens) await expectUnauthorized(await me(token), token.slice(0, 60));
    // (The review-link path takes 10 characters at least: anything shorter is a 400 naming `params.token`.)
    const [rvBody] = review.slice(3).split('.');
    for (const token of [
      'rv_..........',
      'rv_%%%%%.%%%%%',
      `rv_${Buffer.from('[]').toString('base64url')}.${'A'.repeat(43)}`,
      `rv_${Buffer.from('null').toString('base64url')}.${'A'.repeat(43)}`,
      `rv_${rvBody}.${'A'.repeat(43)}`,
      `st_${review.slice(3)}`,
    ])
      await expectUnauthorized(await t.app.request(`http://x/v1/cms/review-links/${encodeURIComponent(token)}`), token);
  });

  it('expires every kind', async () => {
    t.clock.advance(366 * 86_400_000);
    await expectUnauthorized(await me(session), 'an expired session');
    await expectUnauthorized(await t.app.request(`http://x/v1/cms/review-links/${review}`), 'an expired review link');
    expect((await t.app.request(`http://x/v1/platform/files/${file.id}/content?exp=${file.exp}&sig=${file.sig}`)).status).toBe(400);
  });
});

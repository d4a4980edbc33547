import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';

// Every URL a user supplies is absolute http(s): one helper in core (`fields.httpUrl`) behind every
// generated URL column and the hand-written ones (canonicalUrl, avatarUrl, thumbnail, previewUrl).

let t: TestInstance;
let typeId: string;
beforeAll(async () => {
  t = await createTestInstance();
  typeId = (
    await t.sdk.cms.contentTypes.create({
      name: 'Page',
      slug: 'page',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    })
  ).id;
});
afterAll(() => t.close());

const hostile = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  'java\tscript:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>1</script>',
  '//evil.test/x',
  'vbscript:x',
  'relative/path',
];

const send = (method: string, path: string, body: unknown) => t.request(path, { method, body: JSON.stringify(body) });

describe('user-supplied URLs', () => {
  it('are refused unless absolute http(s), naming the field, on every URL field', async () => {
    const cases: [string, string, (url: string) => unknown][] = [
      ['/v1/platform/clients', 'website', (url) => ({ name: 'Acme', slug: `acme-${Math.random()}`.replace('.', ''), website: url })],
      ['/v1/platform/clients', 'logoUrl', (url) => ({ name: 'Acme', slug: `acme-${Math.random()}`.replace('.', ''), logoUrl: url })],
      ['/v1/platform/users', 'avatarUrl', (url) => ({ email: `a${Math.random()}@x.test`, name: 'A', avatarUrl: url })],
      ['/v1/cms/entries', 'canonicalUrl', (url) => ({ contentTypeId: typeId, data: { title: 'x' }, canonicalUrl: url })],
      [
        '/v1/cms/templates',
        'thumbnail',
        (url) => ({ name: 'T', slug: `t-${Math.random()}`.replace('.', ''), structure: { sections: [] }, thumbnail: url }),
      ],
    ];
    for (const [path, field, body] of cases) {
      for (const url of hostile) {
        const reply = await send('POST', path, body(url));
        expect(reply.status, `${field} ${url}`).toBe(400);
        const problem = (await reply.json()) as { errors: { path: string; message: string }[] };
        expect(problem.errors, `${field} ${url}`).toContainEqual({ path: `body.${field}`, message: 'Must be an absolute http(s) URL' });
      }
      const ok = await send('POST', path, body('https://acme.example/logo.png?size=2'));
      expect(ok.status, `${field} https`).toBe(201);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';

// Rich text is checked against the attributes the editor's extensions produce, through HTTP: what a
// hostile client sends instead is a 400 naming the spot, never stored and delivered.

let t: TestInstance;
let typeId: string;
beforeAll(async () => {
  t = await createTestInstance();
  typeId = (
    await t.sdk.cms.contentTypes.create({
      name: 'Article',
      slug: 'article',
      schema: {
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'body', type: 'richtext' },
        ],
      },
    })
  ).id;
});
afterAll(() => t.close());

const doc = (...content: unknown[]) => ({ type: 'doc', content });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (value: string, marks?: unknown[]) => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const save = (body: unknown) =>
  t.request('/v1/cms/entries', { method: 'POST', body: JSON.stringify({ contentTypeId: typeId, data: { title: 'x', body } }) });

describe('rich text allow-list', () => {
  it('refuses script-bearing URLs, unknown attributes, styles and markup in labels', async () => {
    const hostile: [unknown, string][] = [
      [doc({ type: 'youtube', attrs: { src: 'javascript:alert(1)' } }), 'body.data.body.content.0.attrs.src'],
      [
        doc({ type: 'image', attrs: { src: 'https://x.test/a.png', srcset: 'javascript:alert(1) 1x' } }),
        'body.data.body.content.0.attrs.srcset',
      ],
      [doc({ type: 'image', attrs: { src: 'https://x.test/a.png', onerror: 'alert(1)' } }), 'body.data.body.content.0.attrs.onerror'],
      [
        doc(para(text('hi', [{ type: 'link', attrs: { href: 'https://x.test', onclick: 'alert(1)' } }]))),
        'body.data.body.content.0.content.0.marks.0.attrs.onclick',
      ],
      [doc({ type: 'paragraph', attrs: { style: 'background:url(javascript:alert(1))' } }), 'body.data.body.content.0.attrs.style'],
      [
        doc(para(text('hi', [{ type: 'textStyle', attrs: { color: 'red;background:url(javascript:alert(1))' } }]))),
        'body.data.body.content.0.content.0.marks.0.attrs.color',
      ],
      [
        doc(para({ type: 'mention', attrs: { id: 'u1', label: '<img src=x onerror=alert(1)>' } })),
        'body.data.body.content.0.content.0.attrs.label',
      ],
      [
        doc(para(text('hi', [{ type: 'link', attrs: { href: 'javascript&colon;alert(1)' } }]))),
        'body.data.body.content.0.content.0.marks.0.attrs.href',
      ],
      [
        doc(para(text('hi', [{ type: 'link', attrs: { href: 'java\tscript:alert(1)' } }]))),
        'body.data.body.content.0.content.0.marks.0.attrs.href',
      ],
    ];
    for (const [body, path] of hostile) {
      const reply = await save(body);
      expect(reply.status, path).toBe(400);
      const problem = (await reply.json()) as { errors: { path: string }[] };
      expect(
        problem.errors.map((e) => e.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect((await t.sdk.cms.entries.list()).data).toEqual([]);
  });

  it('keeps exactly the link targets and relationships the link form offers', async () => {
    const linked = (attrs: Record<string, unknown>) =>
      doc(para(text('our website', [{ type: 'link', attrs: { href: 'https://x.test', ...attrs } }])));
    const refused: [Record<string, unknown>, string][] = [
      [{ target: '_self' }, 'target'],
      [{ target: '_top', rel: 'noopener noreferrer' }, 'target'],
      [{ rel: 'opener' }, 'rel'],
      [{ rel: 'nofollow me' }, 'rel'],
      [{ rel: 'nofollow nofollow' }, 'rel'],
      [{ rel: '' }, 'rel'],
      [{ target: '_blank' }, 'rel'],
      [{ target: '_blank', rel: 'nofollow' }, 'rel'],
    ];
    for (const [attrs, name] of refused) {
      const reply = await save(linked(attrs));
      expect(reply.status, JSON.stringify(attrs)).toBe(400);
      const problem = (await reply.json()) as { errors: { path: string }[] };
      expect(problem.errors.map((e) => e.path)).toContain(`body.data.body.content.0.content.0.marks.0.attrs.${name}`);
    }
    const kept = [
      {},
      { target: null, rel: null },
      { rel: 'nofollow' },
      { rel: 'sponsored ugc' },
      { target: '_blank', rel: 'noopener noreferrer' },
      { target: '_blank', rel: 'noopener noreferrer nofollow sponsored ugc' },
    ];
    for (const attrs of kept) {
      const reply = await save(linked(attrs));
      expect(reply.status, JSON.stringify(attrs)).toBe(201);
      expect(((await reply.json()) as { data: { body: unknown } }).data.body).toEqual(linked(attrs));
    }
  });

  it('keeps what the editor produces', async () => {
    const body = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('Title')] },
      para(
        text('See ', [{ type: 'bold' }]),
        text('docs', [
          {
            type: 'link',
            attrs: { href: 'https://docs.test/a?b=1&c=2', target: '_blank', rel: 'noopener noreferrer nofollow', class: null },
          },
        ]),
        text(' or mail', [{ type: 'link', attrs: { href: 'mailto:hi@x.test' } }]),
        { type: 'mention', attrs: { id: 'u1', label: 'Ada Lovelace' } },
      ),
      { type: 'image', attrs: { src: '/v1/platform/files/abc/content', alt: 'A cat', title: null, width: 640, height: null } },
      { type: 'youtube', attrs: { src: 'https://www.youtube.com/watch?v=abc', start: 0 } },
    );
    const reply = await save(body);
    expect(reply.status).toBe(201);
    expect(((await reply.json()) as { data: { body: unknown } }).data.body).toEqual(body);
  });
});

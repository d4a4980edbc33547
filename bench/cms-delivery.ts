import { type DeliveryQueryInput, deliveryStatement } from '../packages/server/src/cms/delivery-sql.js';
import { assertSameJson, type BaselineQuery, defineScenario, type Fixture } from './scenario.js';

// The CMS delivery API, as a public site reads it: the newest page of a type in one locale (whole
// entries, and only their titles), and one entry by slug, out of 100,000 entries. The baseline is the
// simplest SQL a developer would write by hand for the same reply (same rows, fields, order and
// cursor), never the delivery API's own statement: what our statement costs is part of the figure.

const pageSize = 20;
const typeSlug = 'article';
/** A published English article (i % 10 = 1) among the first thousand, so in the table at every size. */
const slug = 'article-541';

interface State {
  organizationId: string;
  /** The id of the newest published English article. */
  newest: string;
}

const schema = {
  fields: [
    { name: 'title', type: 'text', required: true, localized: true },
    { name: 'summary', type: 'text', localized: true },
    { name: 'body', type: 'richtext', localized: true },
    { name: 'cover', type: 'media', accept: ['image/*'] },
    { name: 'readingMinutes', type: 'number', integer: true },
  ],
};

/**
 * `entries` articles (100,000 on PostgreSQL; 90% English, 10% French; 90% published), each with a title, summary, a three
 * paragraph rich text body, a cover image and one or two of five tags, in a few set-based statements.
 */
async function seed({ sql, organizationId, entries: total }: Fixture): Promise<State> {
  await sql.unsafe(`update organizations set locales = '{en,fr}', default_locale = 'en' where id = $1`, [organizationId]);
  await sql.unsafe(
    `insert into content_types (id, organization_id, name, slug, schema, title_field, created_by_id)
     values ('bench_type_article', $1, 'Article', $2, $3::jsonb, 'title', 'bench')`,
    [organizationId, typeSlug, JSON.stringify(schema)],
  );
  await sql.unsafe(
    `insert into files (id, organization_id, name, mime_type, size, storage_key)
     values ('bench_file_cover', $1, 'cover.jpg', 'image/jpeg', 48213, 'bench/cover.jpg')`,
    [organizationId],
  );
  await sql.unsafe(
    `insert into content_tags (id, organization_id, name, slug, usage_count)
     select 'bench_tag_' || i, $1, 'Tag ' || i, 'tag-' || i, 0 from generate_series(0, 4) as i`,
    [organizationId],
  );
  const paragraph = (n: number) =>
    `jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'Paragraph ${n} of ` +
    `article ' || i || ': agencies publish campaigns, case studies and news for their clients across every channel, in every market ` +
    `they serve.')))`;
  await sql.unsafe(
    `insert into content_entries (id, organization_id, content_type_id, title, slug, data, plain_text, locale, status, published_at, ` +
      `published_data, published_title, published_slug,
       seo_title, seo_description, created_by_id, version, created_at, updated_at, published_meta)
     select id, $1, 'bench_type_article', title, slug, data, title, locale, case when published then 'PUBLISHED' else 'DRAFT' ` +
      `end::content_status,
       case when published then at end, case when published then data end, case when published then title end, case when published then ` +
      `slug end,
       title || ' | Bench Agency', 'Summary of ' || title, 'bench', 1, at, at,
       case when published then jsonb_build_object('seoTitle', title || ' | Bench Agency', 'seoDescription', 'Summary of ' || title) end
     from (
       select 'bench_entry_' || i as id, 'Article ' || i as title, 'article-' || i as slug, case when i % 10 = 0 then 'fr' else 'en' end ` +
      `as locale, i % 10 <> 5 as published,
         timestamptz '2025-01-01T00:00:00Z' + i * interval '53 seconds' as at,
         jsonb_build_object('title', 'Article ' || i, 'summary', 'What article ' || i || ' is about, in one sentence.',
           'body', jsonb_build_object('type', 'doc', 'content', jsonb_build_array(${paragraph(1)}, ${paragraph(2)}, ${paragraph(3)})),
           'cover', jsonb_build_object('fileId', 'bench_file_cover', 'alt', 'Cover of article ' || i), 'readingMinutes', 1 + i % 12) as data
       from generate_series(1, ${total}) as i
     ) as seeded`,
    [organizationId],
  );
  await sql.unsafe(
    `insert into content_entry_tags (organization_id, entry_id, tag_id)
     select $1, 'bench_entry_' || i, 'bench_tag_' || (i % 5) from generate_series(1, ${total}) as i
     union all select $1, 'bench_entry_' || i, 'bench_tag_' || ((i + 2) % 5) from generate_series(3, ${total}, 3) as i`,
    [organizationId],
  );
  for (const table of ['content_entries', 'content_entry_tags', 'content_tags', 'content_types', 'content_localizations'])
    await sql.unsafe(`analyze ${table}`);
  return { organizationId, newest: `bench_entry_${total - 1}` };
}

/** The published SEO and social fields as the delivery API shapes them. */
function seoOf(meta: Record<string, unknown> | null) {
  const m = meta ?? {};
  const text = (key: string) => (typeof m[key] === 'string' ? (m[key] as string) : null);
  return {
    seo: {
      title: text('seoTitle'),
      description: text('seoDescription'),
      keywords: Array.isArray(m.seoKeywords) ? m.seoKeywords : [],
      canonicalUrl: text('canonicalUrl'),
      noIndex: m.noIndex === true,
    },
    og: { title: text('ogTitle'), description: text('ogDescription'), image: null },
  };
}

/** A row of the hand-written SQL as the delivery API shapes an entry (the cover gets a URL, as ours does). */
function delivered(row: Record<string, unknown>) {
  const data = row.data as Record<string, unknown>;
  const cover = data.cover as { fileId: string } | undefined;
  return {
    id: row.id,
    type: typeSlug,
    locale: row.locale,
    fallback: false,
    slug: row.slug,
    title: row.title,
    publishedAt: new Date(row.published_at as string).toISOString(),
    data: cover ? { ...data, cover: { ...cover, url: `/v1/delivery/media/${row.id}/${cover.fileId}` } } : data,
    ...seoOf(row.published_meta as Record<string, unknown> | null),
    tags: row.tags,
    categories: row.categories,
    preview: false,
  };
}

/** Replies compared without the media URLs (ours are absolute, on the server's origin). */
const withoutUrls = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'url' ? undefined : v)));

/** The columns and taxonomy of a delivered entry, `data` as given: what anyone serving these replies selects. */
const columns = (data: string) => `e.id, e.locale, e.published_slug as slug, e.published_title as title, ${data} as data,
    e.published_at::text as published_at, e.published_meta,
    array(select tg.slug from content_entry_tags et join content_tags tg on tg.id = et.tag_id where et.entry_id = e.id
      order by tg.slug) as tags,
    array(select c.path from content_entry_categories ec join content_categories c on c.id = ec.category_id where ec.entry_id = e.id
      order by c.path) as categories`;
const typeId = 'e.content_type_id = (select id from content_types where organization_id = $1 and slug = $2)';

/** The newest page by hand: one index range, newest first, one row more than the page to know there is a next one. */
const newestPage = (organizationId: string, data: string): BaselineQuery => ({
  text: `select ${columns(data)} from content_entries e
    where e.organization_id = $1 and ${typeId} and e.locale = $3 and e.published_slug is not null
    order by e.published_at desc, e.id desc limit ${pageSize + 1}`,
  params: [organizationId, typeSlug, 'en'],
  reply: (rows) => {
    const page = rows.slice(0, pageSize);
    const last = page.at(-1);
    const nextCursor =
      rows.length > pageSize && last ? Buffer.from(JSON.stringify([last.published_at, last.id])).toString('base64url') : null;
    return { data: page.map(delivered), nextCursor, locale: 'en', preview: false };
  },
});

const checkPage = (what: string, ours: unknown, baseline: unknown, newest: string) => {
  const page = ours as { data: { id: string }[]; nextCursor: string | null };
  if (page.data.length !== pageSize) throw new Error(`expected ${pageSize} entries, got ${page.data.length}`);
  if (page.data[0]!.id !== newest) throw new Error(`expected the newest English article ${newest} first, got ${page.data[0]!.id}`);
  if (!page.nextCursor) throw new Error('expected a cursor to the next page');
  assertSameJson(what, withoutUrls(ours), withoutUrls(baseline));
};

/** Our statement for the newest page (what `GET /v1/delivery/article?locale=en&limit=20` sends), shown by the runner. */
const ourList = (organizationId: string, fields?: string[]) =>
  deliveryStatement({
    organizationId,
    typeSlug,
    locale: 'en',
    mode: 'published',
    limit: pageSize,
    fields,
    list: { sort: 'publishedAt', desc: true, where: [] },
  } satisfies DeliveryQueryInput);

/** `GET /v1/delivery/article?locale=en&limit=20`: the newest page. */
export const deliveryList = defineScenario<State>({
  name: 'cms: delivery list, 20 newest',
  target: 0.6,
  setup: seed,
  path: () => `/v1/delivery/${typeSlug}?locale=en&limit=${pageSize}`,
  baseline: ({ organizationId }) => newestPage(organizationId, 'e.published_data'),
  ours: ({ organizationId }) => ourList(organizationId),
  check(ours, baseline, { newest }) {
    const cover = (ours as { data: { data: { cover: { url: string } } }[] }).data[0]!.data.cover;
    if (!cover.url.endsWith(`/v1/delivery/media/${newest}/bench_file_cover`))
      throw new Error(`expected a stable cover URL, got ${cover.url}`);
    checkPage('delivery list', ours, baseline, newest);
  },
});

/** The list scenario seeded the same data when both run; seed only when run alone. */
async function seeded(fixture: Fixture): Promise<State> {
  const [found] = await fixture.sql.unsafe(`select 1 from content_types where id = 'bench_type_article'`);
  return found ? { organizationId: fixture.organizationId, newest: `bench_entry_${fixture.entries - 1}` } : seed(fixture);
}

/** `GET /v1/delivery/article?locale=en&limit=20&fields=title`: the newest page, titles only. */
export const deliveryListFields = defineScenario<State>({
  name: 'cms: delivery list, 20 newest, fields=title',
  target: 0.6,
  setup: seeded,
  path: () => `/v1/delivery/${typeSlug}?locale=en&limit=${pageSize}&fields=title`,
  baseline: ({ organizationId }) => newestPage(organizationId, "jsonb_build_object('title', e.published_data->'title')"),
  ours: ({ organizationId }) => ourList(organizationId, ['title']),
  check(ours, baseline, { newest }) {
    const data = (ours as { data: { data: object }[] }).data[0]!.data;
    if (JSON.stringify(Object.keys(data)) !== '["title"]') throw new Error(`expected only the title, got ${JSON.stringify(data)}`);
    checkPage('delivery list with fields', ours, baseline, newest);
  },
});

/** `GET /v1/delivery/article/article-54321?locale=en`: one entry by slug. */
export const deliveryGet = defineScenario<State>({
  name: 'cms: delivery get by slug',
  target: 0.8,
  setup: seeded,
  path: () => `/v1/delivery/${typeSlug}/${slug}?locale=en`,
  baseline: ({ organizationId }) => ({
    text: `select ${columns('e.published_data')} from content_entries e
      where e.organization_id = $1 and ${typeId} and e.locale = $3 and e.published_slug = $4`,
    params: [organizationId, typeSlug, 'en', slug],
    reply: (rows) => delivered(rows[0]!),
  }),
  ours: ({ organizationId }) => deliveryStatement({ organizationId, typeSlug, locale: 'en', mode: 'published', limit: 1, slug }),
  check(ours, baseline) {
    if ((ours as { slug: string }).slug !== slug) throw new Error(`expected ${slug}, got ${JSON.stringify(ours).slice(0, 200)}`);
    assertSameJson('delivery get', withoutUrls(ours), withoutUrls(baseline));
  },
});

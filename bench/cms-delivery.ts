import { type DeliveryQueryInput, deliveryStatement } from '../packages/server/src/cms/delivery-sql.js';
import { assertSameJson, defineScenario, type Fixture } from './scenario.js';

// The CMS delivery API, as a public site reads it: the newest page of a type in one locale, and one
// entry by slug, out of 100,000 entries. The baseline runs the very statement the delivery API sends
// (taken from the server's own query builder) through bare postgres.js.

const total = 100_000;
const pageSize = 20;
const typeSlug = 'article';
/** A published English article in the middle of the table. */
const slug = 'article-54321';

interface State {
  organizationId: string;
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
 * 100,000 articles (90% English, 10% French; 90% published), each with a title, summary, a three
 * paragraph rich text body, a cover image and one or two of five tags, in a few set-based statements.
 */
async function seed({ sql, organizationId }: Fixture): Promise<State> {
  await sql`update organizations set locales = '{en,fr}', default_locale = 'en' where id = ${organizationId}`;
  await sql`insert into content_types (id, organization_id, name, slug, schema, title_field, created_by_id) values ('bench_type_article', ${organizationId}, 'Article', ${typeSlug}, ${sql.json(schema)}, 'title', 'bench')`;
  await sql`insert into files (id, organization_id, name, mime_type, size, storage_key) values ('bench_file_cover', ${organizationId}, 'cover.jpg', 'image/jpeg', 48213, 'bench/cover.jpg')`;
  await sql`insert into content_tags (id, organization_id, name, slug, usage_count) select 'bench_tag_' || i, ${organizationId}, 'Tag ' || i, 'tag-' || i, 0 from generate_series(0, 4) as i`;
  const paragraph = (n: number) =>
    `jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'Paragraph ${n} of article ' || i || ': agencies publish campaigns, case studies and news for their clients across every channel, in every market they serve.')))`;
  await sql.unsafe(
    `insert into content_entries (id, organization_id, content_type_id, title, slug, data, plain_text, locale, status, published_at, published_data, published_title, published_slug,
       seo_title, seo_description, created_by_id, version, created_at, updated_at)
     select id, $1, 'bench_type_article', title, slug, data, title, locale, case when published then 'PUBLISHED' else 'DRAFT' end::content_status,
       case when published then at end, case when published then data end, case when published then title end, case when published then slug end,
       title || ' | Bench Agency', 'Summary of ' || title, 'bench', 1, at, at
     from (
       select 'bench_entry_' || i as id, 'Article ' || i as title, 'article-' || i as slug, case when i % 10 = 0 then 'fr' else 'en' end as locale, i % 10 <> 5 as published,
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
  await sql.unsafe(
    'analyze content_entries; analyze content_entry_tags; analyze content_tags; analyze content_types; analyze content_localizations',
  );
  return { organizationId };
}

const iso = (value: unknown) =>
  value === null
    ? null
    : new Date(
        String(value)
          .replace(' ', 'T')
          .replace(/([+-]\d\d)$/, '$1:00'),
      ).toISOString();

/** A row as the delivery API shapes it (media URLs aside: they are signed with the server's secret). */
function delivered(row: Record<string, unknown>) {
  return {
    id: row.id,
    type: typeSlug,
    locale: row.locale,
    fallback: row.fallback,
    slug: row.slug,
    title: row.title,
    publishedAt: iso(row.published_at),
    data: row.data,
    seo: {
      title: row.seo_title,
      description: row.seo_description,
      keywords: row.seo_keywords,
      canonicalUrl: row.canonical_url,
      noIndex: row.no_index,
    },
    og: { title: row.og_title, description: row.og_description, image: null },
    tags: row.tags,
    categories: row.categories,
    preview: false,
  };
}

/** Replies compared without the signed media URLs. */
const withoutUrls = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'url' ? undefined : v)));

const statement = (organizationId: string, input: Omit<DeliveryQueryInput, 'organizationId' | 'typeSlug' | 'mode'>) => {
  const { text, params } = deliveryStatement({ organizationId, typeSlug, mode: 'published', ...input });
  return { text, params: params as (string | number)[] };
};

/** `GET /v1/delivery/article?locale=en&limit=20`: the newest page. */
export const deliveryList = defineScenario<State>({
  name: 'cms: delivery list, 20 newest of 100,000',
  target: 0.6,
  setup: seed,
  path: () => `/v1/delivery/${typeSlug}?locale=en&limit=${pageSize}`,
  baseline: ({ organizationId }) => ({
    ...statement(organizationId, { locale: 'en', limit: pageSize, list: { sort: 'publishedAt', desc: true, where: [] } }),
    reply: (rows) => {
      const found = rows.filter((r) => r.id !== null);
      const page = found.slice(0, pageSize);
      const last = page.at(-1);
      const nextCursor =
        found.length > pageSize && last ? Buffer.from(JSON.stringify([last.sort_cursor, last.id])).toString('base64url') : null;
      return { data: page.map(delivered), nextCursor, locale: 'en', preview: false };
    },
  }),
  check(ours, baseline) {
    const page = ours as { data: { id: string; data: { cover: { url: string } } }[]; nextCursor: string | null };
    if (page.data.length !== pageSize) throw new Error(`expected ${pageSize} entries, got ${page.data.length}`);
    if (page.data[0]!.id !== 'bench_entry_99999') throw new Error(`expected the newest English article first, got ${page.data[0]!.id}`);
    if (!page.data[0]!.data.cover.url.includes('/v1/platform/files/bench_file_cover/content?'))
      throw new Error('expected a signed cover URL');
    assertSameJson('delivery list', withoutUrls(ours), withoutUrls(baseline));
  },
});

/** `GET /v1/delivery/article/article-54321?locale=en`: one entry by slug. */
export const deliveryGet = defineScenario<State>({
  name: 'cms: delivery get by slug of 100,000',
  target: 0.6,
  // The list scenario seeded the same data when both run; seed only when run alone.
  async setup(fixture) {
    const [seeded] = await fixture.sql`select 1 from content_types where id = 'bench_type_article'`;
    return seeded ? { organizationId: fixture.organizationId } : seed(fixture);
  },
  path: () => `/v1/delivery/${typeSlug}/${slug}?locale=en`,
  baseline: ({ organizationId }) => ({
    ...statement(organizationId, { locale: 'en', limit: 1, slug }),
    reply: (rows) => delivered(rows[0]!),
  }),
  check(ours, baseline) {
    if ((ours as { slug: string }).slug !== slug) throw new Error(`expected ${slug}, got ${JSON.stringify(ours).slice(0, 200)}`);
    assertSameJson('delivery get', withoutUrls(ours), withoutUrls(baseline));
  },
});

// STORY FIXTURE ONLY. An in-memory stand-in for the few SDK methods the CMS components call, so stories show
// realistic data without a server. It is not the API: the real behaviour (and every component test) runs against
// the reference server. Never import this outside stories/.
import { type FileRow, type Me, problemTypes, type SpokeStack, SpokeStackError } from '@spokestack/core';
import { editEffectOf, entryActions } from '@spokestack/core/cms';
import type {
  CategoryRow,
  CommentRow,
  ContentField,
  ContentTypeRow,
  EntryListItem,
  EntryRow,
  FieldChange,
  LocalizationRow,
  RevisionRow,
  ScheduleRow,
  TagRow,
  VersionRow,
  WorkflowRow,
} from '@spokestack/core/cms';

export interface FakeOptions {
  /** The caller's role (CLIENT makes the editor read-only). */
  role?: Me['actor']['role'];
  /** The organization's locales (the first is the default). */
  locales?: string[];
  /** Milliseconds every call waits, to show loading states. */
  latency?: number;
  /** Every call waits forever: the loading state. */
  hang?: boolean;
  /** Every call fails like an unreachable server: the error state. */
  offline?: boolean;
  /** Saves are refused as if someone else saved first: the conflict state. */
  conflict?: boolean;
  /** No entries at all: the empty state. */
  empty?: boolean;
  /** A content type with this many text fields instead of the article type. */
  manyFields?: number;
  /** Entries the article type starts with (default 28). */
  entries?: number;
}

const org = 'org_story';
const now = Date.UTC(2025, 4, 14, 9, 30);
const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
let counter = 0;
const id = (prefix: string) => `${prefix}_${(++counter).toString(36).padStart(6, '0')}`;

/** An SVG placeholder image, so previews show something without a file server. */
function picture(label: string, hue: number): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><rect width="320" height="200" fill="hsl(${hue} 70% ` +
    `55%)"/><text x="160" y="110" font-family="sans-serif" font-size="26" fill="white" text-anchor="middle">${label}</text></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

/** The article type: one field of every type. */
export const articleFields: ContentField[] = [
  { name: 'title', label: 'Title', type: 'text', required: true, maxLength: 120, localized: true },
  {
    name: 'summary',
    label: 'Summary',
    type: 'text',
    multiline: true,
    maxLength: 300,
    localized: true,
    description: 'Shown in listings and previews.',
  },
  {
    name: 'code',
    label: 'Campaign code',
    type: 'text',
    pattern: '^[A-Z]{3}-\\d+$',
    description: 'Three capitals, a dash and a number, like SPR-25.',
  },
  { name: 'body', label: 'Body', type: 'richtext', required: true, localized: true },
  { name: 'readingTime', label: 'Reading time (minutes)', type: 'number', min: 1, integer: true },
  { name: 'featured', label: 'Featured on the home page', type: 'boolean' },
  { name: 'publishOn', label: 'Embargo date', type: 'date' },
  {
    name: 'category',
    label: 'Category',
    type: 'select',
    options: [
      { value: 'news', label: 'News' },
      { value: 'guide', label: 'Guide' },
      { value: 'case-study', label: 'Case study' },
    ],
  },
  {
    name: 'channels',
    label: 'Channels',
    type: 'select',
    multiple: true,
    options: [
      { value: 'web', label: 'Website' },
      { value: 'email', label: 'Newsletter' },
      { value: 'social', label: 'Social' },
    ],
  },
  { name: 'hero', label: 'Hero image', type: 'media', accept: ['image/*'] },
  { name: 'related', label: 'Related articles', type: 'relation', contentType: 'article', multiple: true, maxItems: 3 },
  { name: 'keywords', label: 'Keywords', type: 'tags', maxItems: 8 },
  { name: 'tracking', label: 'Tracking settings', type: 'json' },
  { name: 'slug', label: 'URL slug', type: 'slug', from: 'title' },
  { name: 'sections', label: 'Page sections', type: 'blocks', blockTypes: ['quote', 'cta', 'gallery'] },
];

const titles = [
  'Spring launch: what is new in the app',
  'How we cut onboarding time in half',
  'A field guide to brand photography',
  'Case study: Northwind’s rebrand',
  'Five newsletter subject lines that work',
  'Behind the scenes of our summer campaign',
  'Accessibility checklist for landing pages',
  'Quarterly results for clients',
];
const statuses: EntryRow['status'][] = ['PUBLISHED', 'DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED', 'DRAFT', 'UNPUBLISHED', 'ARCHIVED'];

function entryRow(type: ContentTypeRow, n: number, data: Record<string, unknown>, overrides: Partial<EntryRow> = {}): EntryRow {
  const title = String(data[type.titleField] ?? 'Untitled');
  const status = overrides.status ?? 'DRAFT';
  const live = status === 'PUBLISHED';
  return {
    id: `ent_${String(n).padStart(4, '0')}`,
    organizationId: org,
    contentTypeId: type.id,
    title,
    slug: String(
      data.slug ??
        title
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, ''),
    ),
    data: data as EntryRow['data'],
    plainText: null,
    locale: 'en',
    status,
    publishedAt: live ? iso(n * 90) : null,
    scheduledFor: null,
    expiresAt: null,
    seoTitle: null,
    seoDescription: null,
    seoKeywords: [],
    canonicalUrl: null,
    noIndex: false,
    ogTitle: null,
    ogDescription: null,
    ogImageId: null,
    createdById: 'usr_alex',
    lastEditedById: 'usr_alex',
    publishedById: live ? 'usr_alex' : null,
    createdAt: iso(n * 600),
    updatedAt: iso(n * 37),
    clientId: null,
    projectId: null,
    publishedData: live ? (data as EntryRow['data']) : null,
    publishedTitle: live ? title : null,
    publishedSlug: live ? String(data.slug ?? '') : null,
    publishedMeta: null,
    version: 3,
    tagIds: [],
    categoryIds: [],
    expiredMedia: [],
    ...overrides,
  };
}

const problem = (
  status: number,
  title: string,
  detail?: string,
  errors?: { path: string; message: string }[],
  extensions: Record<string, unknown> = {},
) =>
  new SpokeStackError({
    type:
      status === 400
        ? problemTypes.validation
        : status === 409
          ? problemTypes.conflict
          : status === 404
            ? problemTypes.notFound
            : problemTypes.network,
    title,
    status,
    detail,
    errors,
    ...extensions,
  });

/**
 * Builds the story SDK. Each call gets its own data, so one story's edits never show in another.
 *
 * @example parameters: { spokestack: { client: fakeSdk({ role: 'CLIENT' }) } }
 */
export function fakeSdk(options: FakeOptions = {}): SpokeStack {
  const {
    role = 'ADMIN',
    locales = ['en', 'fr', 'ar'],
    latency = 250,
    hang = false,
    offline = false,
    conflict = false,
    empty = false,
    manyFields,
  } = options;

  const fields = manyFields
    ? Array.from(
        { length: manyFields },
        (_, i): ContentField =>
          i % 25 === 4
            ? { name: `note${i + 1}`, label: `Note ${i + 1}`, type: 'text', multiline: true }
            : { name: `field${i + 1}`, label: `Field ${i + 1}`, type: i % 10 === 9 ? 'number' : 'text', required: i === 0 },
      )
    : articleFields;
  const type: ContentTypeRow = {
    id: 'ctp_article',
    organizationId: org,
    name: manyFields ? 'Product sheet' : 'Article',
    slug: 'article',
    description: null,
    icon: null,
    schema: { fields },
    titleField: manyFields ? 'field1' : 'title',
    previewUrl: null,
    workflowId: null,
    enableVersioning: true,
    maxVersions: 50,
    deliveryMaxAge: 60,
    deliveryStaleWhileRevalidate: 300,
    isActive: true,
    isSystem: false,
    createdById: 'usr_alex',
    createdAt: iso(50_000),
    updatedAt: iso(50_000),
  };
  const pageType: ContentTypeRow = {
    ...type,
    id: 'ctp_page',
    name: 'Landing page',
    slug: 'landing-page',
    schema: { fields: [{ name: 'title', label: 'Title', type: 'text', required: true }] },
    titleField: 'title',
  };
  const types = [type, pageType];

  const files: FileRow[] = ['Spring', 'Team', 'Studio', 'Product', 'Launch', 'Office'].map((label, i) => ({
    id: `fil_${label.toLowerCase()}`,
    name: `${label.toLowerCase()}.svg`,
    mimeType: 'image/svg+xml',
    size: 2048,
    checksum: null,
    width: 320,
    height: 200,
    clientId: null,
    projectId: null,
    uploadedById: 'usr_alex',
    createdAt: iso(i * 300),
    url: picture(label, i * 55),
  }));

  const tags: TagRow[] = ['Launch', 'Brand', 'Product', 'Hiring'].map((name, i) => ({
    id: `tag_${name.toLowerCase()}`,
    organizationId: org,
    name,
    slug: name.toLowerCase(),
    color: null,
    description: null,
    usageCount: 3 - (i % 3),
    createdAt: iso(9000),
    updatedAt: iso(9000),
  }));

  const categories: CategoryRow[] = (
    [
      ['cat_marketing', 'Marketing', null, '/marketing'],
      ['cat_email', 'Email', 'cat_marketing', '/marketing/email'],
      ['cat_social', 'Social', 'cat_marketing', '/marketing/social'],
      ['cat_guides', 'Guides', null, '/guides'],
    ] as const
  ).map(([categoryId, name, parentId, path], i) => ({
    id: categoryId,
    organizationId: org,
    name,
    slug: path.split('/').pop()!,
    description: null,
    parentId,
    icon: null,
    color: null,
    sortOrder: i,
    depth: path.split('/').length - 2,
    path,
    seoTitle: null,
    seoDescription: null,
    createdAt: iso(9000),
    updatedAt: iso(9000),
  }));

  const entries: EntryRow[] = [];
  if (!empty && manyFields) {
    const data: Record<string, unknown> = {};
    for (const field of fields)
      data[field.name] = field.type === 'number' ? 10 : field.name === 'field1' ? 'Trail running shoe, model X' : '';
    entries.push(entryRow(type, 1, data));
  } else if (!empty) {
    const count = options.entries ?? 28;
    for (let n = 1; n <= count; n++) {
      const title = n <= titles.length ? titles[n - 1]! : `${titles[n % titles.length]} (part ${Math.ceil(n / titles.length)})`;
      entries.push(
        entryRow(
          n % 6 === 0 ? pageType : type,
          n,
          n === 1
            ? {
                title,
                summary: 'Everything we shipped this spring, and what our clients asked for next.',
                code: 'SPR-25',
                body: {
                  type: 'doc',
                  content: [
                    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'A faster editor' }] },
                    {
                      type: 'paragraph',
                      content: [
                        { type: 'text', text: 'The content editor now ' },
                        { type: 'text', marks: [{ type: 'bold' }], text: 'saves as you type' },
                        { type: 'text', text: ' and shows who changed what.' },
                      ],
                    },
                    {
                      type: 'bulletList',
                      content: ['Autosave', 'Version history', 'Right-to-left languages'].map((item) => ({
                        type: 'listItem',
                        content: [{ type: 'paragraph', content: [{ type: 'text', text: item }] }],
                      })),
                    },
                  ],
                },
                readingTime: 4,
                featured: true,
                publishOn: '2025-05-20',
                category: 'news',
                channels: ['web', 'email'],
                hero: { fileId: 'fil_spring', alt: 'Spring launch banner' },
                related: ['ent_0002'],
                keywords: ['launch', 'product'],
                tracking: { utm_campaign: 'spring-25' },
                slug: 'spring-launch',
                sections: [{ type: 'quote', data: { text: 'It just saves.', author: 'Dana, Acme' } }],
              }
            : { title, body: doc(`${title}. A short story about it.`), ...(n % 6 === 0 ? {} : { category: n % 2 ? 'guide' : 'news' }) },
          { status: statuses[(n - 1) % statuses.length], tagIds: n % 3 === 0 ? ['tag_launch'] : [] },
        ),
      );
    }
  }

  const versions = new Map<string, VersionRow[]>();
  const versionsOf = (entry: EntryRow) => {
    let list = versions.get(entry.id);
    if (!list) {
      const data = entry.data as Record<string, unknown>;
      const v1 = { ...data, title: `${String(data[type.titleField] ?? '')} (first draft)` };
      list = [
        {
          id: id('ver'),
          organizationId: org,
          entryId: entry.id,
          versionNumber: 1,
          data: v1 as VersionRow['data'],
          title: String(v1.title),
          changeNote: 'First draft',
          changedFields: [],
          createdById: 'usr_alex',
          createdAt: iso(4000),
          isRestored: false,
          restoredFromId: null,
          meta: null,
        },
        {
          id: id('ver'),
          organizationId: org,
          entryId: entry.id,
          versionNumber: 2,
          data: { ...data, summary: 'An earlier summary.' } as VersionRow['data'],
          title: entry.title,
          changeNote: null,
          changedFields: ['summary', 'title'],
          createdById: 'usr_sam',
          createdAt: iso(2000),
          isRestored: false,
          restoredFromId: null,
          meta: null,
        },
        {
          id: id('ver'),
          organizationId: org,
          entryId: entry.id,
          versionNumber: 3,
          data: entry.data as VersionRow['data'],
          title: entry.title,
          changeNote: null,
          changedFields: ['summary'],
          createdById: 'usr_alex',
          createdAt: iso(30),
          isRestored: false,
          restoredFromId: null,
          meta: null,
        },
      ];
      versions.set(entry.id, list);
    }
    return list;
  };

  const translations: LocalizationRow[] = [];
  if (entries[0] && !manyFields && locales.includes('ar')) {
    translations.push({
      id: 'loc_ar',
      organizationId: org,
      entryId: entries[0].id,
      locale: 'ar',
      meta: null,
      publishedMeta: null,
      data: {
        title: 'إطلاق الربيع: ما الجديد في التطبيق',
        summary: 'كل ما أطلقناه هذا الربيع، وما طلبه عملاؤنا بعد ذلك.',
        body: doc('يحفظ محرر المحتوى الآن أثناء الكتابة ويعرض من غيّر ماذا.'),
      },
      title: 'إطلاق الربيع: ما الجديد في التطبيق',
      slug: 'spring-launch-ar',
      status: 'REVIEW',
      translatedById: 'usr_lina',
      translatedAt: iso(300),
      publishedData: null,
      publishedTitle: null,
      publishedSlug: null,
      publishedAt: null,
      createdAt: iso(400),
      updatedAt: iso(300),
    });
  }

  const workflow: WorkflowRow = {
    id: 'wfl_editorial',
    organizationId: org,
    name: 'Editorial review',
    description: null,
    isDefault: true,
    isActive: true,
    stages: [
      { name: 'Editor', status: 'IN_REVIEW', order: 1, assignTo: 'role:ADMIN' },
      { name: 'Client sign-off', status: 'IN_REVIEW', order: 2, assignTo: 'client' },
    ],
    createdAt: iso(90_000),
    updatedAt: iso(90_000),
  } as WorkflowRow;
  const revisions: RevisionRow[] = entries
    .filter((e) => e.status === 'IN_REVIEW')
    .map((e) => ({
      id: id('rev'),
      organizationId: org,
      entryId: e.id,
      stageName: 'Editor',
      stageOrder: 1,
      assignedToId: 'ADMIN',
      assignedToType: 'role',
      status: 'PENDING',
      reviewedById: null,
      feedback: null,
      reviewedAt: null,
      createdAt: iso(60),
      dueDate: null,
      reviewerName: null,
    }));
  const schedules: ScheduleRow[] = entries[0]
    ? [
        {
          id: 'sch_1',
          organizationId: org,
          entryId: entries[0].id,
          action: 'UNPUBLISH',
          scheduledFor: new Date(now + 7 * 86_400_000).toISOString(),
          status: 'PENDING',
          executedAt: null,
          error: null,
          createdById: 'usr_alex',
          createdAt: iso(100),
          locale: null,
        },
      ]
    : [];
  const comments: CommentRow[] = entries[0]
    ? [
        {
          id: 'cmt_1',
          organizationId: org,
          entryId: entries[0].id,
          parentId: null,
          content: 'Could the title be shorter for social?',
          authorId: 'usr_sam',
          fieldName: 'title',
          selection: null,
          isResolved: false,
          resolvedById: null,
          resolvedAt: null,
          createdAt: iso(240),
          updatedAt: iso(240),
        },
        {
          id: 'cmt_2',
          organizationId: org,
          entryId: entries[0].id,
          parentId: 'cmt_1',
          content: 'Agreed, I will trim it after legal review.',
          authorId: 'usr_alex',
          fieldName: 'title',
          selection: null,
          isResolved: false,
          resolvedById: null,
          resolvedAt: null,
          createdAt: iso(200),
          updatedAt: iso(200),
        },
        {
          id: 'cmt_3',
          organizationId: org,
          entryId: entries[0].id,
          parentId: null,
          content: 'Great piece overall.',
          authorId: 'usr_sam',
          fieldName: null,
          selection: null,
          isResolved: false,
          resolvedById: null,
          resolvedAt: null,
          createdAt: iso(180),
          updatedAt: iso(180),
        },
      ]
    : [];

  const me: Me = {
    organizationId: org,
    actor: { type: 'user', id: 'usr_alex', name: 'Alex Morgan', role, clientId: role === 'CLIENT' ? 'cli_acme' : null },
  };
  const users = [
    {
      id: 'usr_alex',
      email: 'alex@northwind.test',
      name: 'Alex Morgan',
      avatarUrl: null,
      externalId: null,
      role: 'ADMIN' as const,
      clientId: null,
      createdAt: iso(99_000),
      updatedAt: iso(99_000),
    },
    {
      id: 'usr_sam',
      email: 'sam@northwind.test',
      name: 'Sam Rivera',
      avatarUrl: null,
      externalId: null,
      role: 'MEMBER' as const,
      clientId: null,
      createdAt: iso(99_000),
      updatedAt: iso(99_000),
    },
  ];

  /** Every fake call: waits like a network, or hangs, or fails. */
  const call = async <T>(answer: () => T): Promise<T> => {
    if (hang) return new Promise<T>(() => {});
    await new Promise((resolve) => setTimeout(resolve, latency));
    if (offline) throw problem(0, 'Network error', 'TypeError: Failed to fetch (this story has no server on purpose)');
    return structuredClone(answer());
  };
  const find = (entryId: string) => {
    const entry = entries.find((e) => e.id === entryId);
    if (!entry) throw problem(404, 'Not Found', `No entry ${entryId}`);
    return entry;
  };
  const page = <T>(rows: T[], query: { limit?: number; cursor?: string } = {}) => {
    const start = Number(query.cursor ?? 0);
    const limit = query.limit ?? 50;
    return { data: rows.slice(start, start + limit), nextCursor: start + limit < rows.length ? String(start + limit) : null };
  };
  /** The rules a save must pass in the stories: required fields and the campaign code pattern. */
  const validate = (data: Record<string, unknown>) => {
    const errors = fields
      .filter((field) => field.required && (data[field.name] === undefined || data[field.name] === null || data[field.name] === ''))
      .map((field) => ({ path: `body.data.${field.name}`, message: 'Required' }));
    if (typeof data.code === 'string' && !/^[A-Z]{3}-\d+$/.test(data.code))
      errors.push({ path: 'body.data.code', message: 'Use three capitals, a dash and digits, like ABC-123' });
    if (typeof data.readingTime === 'number' && data.readingTime < 1) errors.push({ path: 'body.data.readingTime', message: 'At least 1' });
    if (errors.length)
      throw problem(400, 'Invalid request', `${errors.length} field${errors.length > 1 ? 's are' : ' is'} invalid.`, errors);
  };

  const sdk = {
    http: { url: (path: string) => path },
    platform: {
      me: () => call(() => me),
      organization: {
        get: () =>
          call(() => ({
            id: org,
            name: 'Northwind Agency',
            slug: 'northwind',
            defaultLocale: locales[0]!,
            locales,
            settings: {},
            createdAt: iso(99_000),
            updatedAt: iso(99_000),
          })),
      },
      users: { list: () => call(() => ({ data: users, nextCursor: null })) },
      files: {
        list: (query: { mimeType?: string; limit?: number; cursor?: string } = {}) =>
          call(() =>
            page(
              files.filter((f) => !query.mimeType || f.mimeType.startsWith(query.mimeType)),
              query,
            ),
          ),
        get: (fileId: string) =>
          call(
            () =>
              files.find((f) => f.id === fileId) ??
              (() => {
                throw problem(404, 'Not Found');
              })(),
          ),
        upload: (blob: Blob, meta: { name?: string } = {}) =>
          call(() => {
            const name = meta.name ?? 'upload';
            const file: FileRow = {
              ...files[0]!,
              id: id('fil'),
              name,
              mimeType: blob.type || 'application/octet-stream',
              size: blob.size,
              createdAt: new Date().toISOString(),
              url: blob.type.startsWith('image/') ? URL.createObjectURL(blob) : picture(name, 200),
            };
            files.unshift(file);
            return file;
          }),
      },
    },
    cms: {
      contentTypes: {
        list: () => call(() => ({ data: types, nextCursor: null })),
        get: (typeId: string) =>
          call(
            () =>
              types.find((t) => t.id === typeId) ??
              (() => {
                throw problem(404, 'Not Found', `No content type ${typeId}`);
              })(),
          ),
      },
      workflows: { list: () => call(() => ({ data: manyFields ? [] : [workflow], nextCursor: null })) },
      tags: {
        list: () => call(() => ({ data: tags, nextCursor: null })),
        async *iterate() {
          yield* await call(() => tags);
        },
        create: (body: { name: string }) =>
          call(() => {
            const tag: TagRow = {
              ...tags[0]!,
              id: id('tag'),
              name: body.name,
              slug: body.name.toLowerCase().replace(/\W+/g, '-'),
              usageCount: 0,
            };
            tags.push(tag);
            return tag;
          }),
      },
      categories: {
        async *iterate() {
          yield* await call(() => categories);
        },
      },
      entries: {
        list: (
          query: {
            q?: string;
            type?: string;
            status?: string;
            tag?: string;
            locale?: string;
            limit?: number;
            cursor?: string;
            sort?: string;
          } = {},
        ) =>
          call(() => {
            const q = query.q?.toLowerCase();
            const rows: EntryListItem[] = entries
              .filter(
                (e) =>
                  (!query.type || types.find((t) => t.id === e.contentTypeId)?.slug === query.type || e.contentTypeId === query.type) &&
                  (!query.status || e.status === query.status) &&
                  (!query.tag || e.tagIds.includes(`tag_${query.tag}`)) &&
                  (!query.locale || e.locale === query.locale),
              )
              .filter((e) => !q || e.title.toLowerCase().includes(q))
              .map((e) =>
                q
                  ? {
                      ...e,
                      highlight: e.title.replace(new RegExp(`(${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'ig'), '<mark>$1</mark>'),
                    }
                  : e,
              );
            return page(rows, query);
          }),
        get: (entryId: string) => call(() => find(entryId)),
        create: (body: { contentTypeId: string; data: Record<string, unknown> }) =>
          call(() => {
            validate(body.data);
            const created = entryRow(types.find((t) => t.id === body.contentTypeId) ?? type, entries.length + 100, body.data, {
              id: id('ent'),
              version: 1,
              createdAt: new Date().toISOString(),
              updatedAt: new Date().toISOString(),
            });
            entries.unshift(created);
            return created;
          }),
        update: (entryId: string, body: { data?: Record<string, unknown>; version?: number } & Record<string, unknown>) =>
          call(() => {
            const entry = find(entryId);
            if (conflict)
              throw problem(
                409,
                'Conflict',
                `The entry was saved by someone else since version ${body.version}; it is now at version ${entry.version + 1}.`,
                [{ path: 'body.version', message: 'Stale' }],
                { currentVersion: entry.version + 1 },
              );
            const { data, version: _version, ...meta } = body;
            const next = { ...(entry.data as Record<string, unknown>), ...data };
            for (const [key, value] of Object.entries(next)) if (value === null) delete next[key];
            validate(next);
            Object.assign(entry, meta, {
              data: next,
              title: String(next[type.titleField] ?? entry.title),
              version: entry.version + 1,
              updatedAt: new Date().toISOString(),
            });
            versionsOf(entry).unshift({
              ...versionsOf(entry)[0]!,
              id: id('ver'),
              versionNumber: entry.version,
              data: next as VersionRow['data'],
              title: entry.title,
              changedFields: Object.keys(data ?? {}),
              createdAt: new Date().toISOString(),
            });
            return entry;
          }),
        versions: {
          list: (entryId: string) =>
            call(() => ({
              data: [...versionsOf(find(entryId))]
                .sort((a, b) => b.versionNumber - a.versionNumber)
                .map(({ data: _data, ...summary }) => summary),
              nextCursor: null,
            })),
          diff: (entryId: string, from: number, to: number) =>
            call(() => {
              const list = versionsOf(find(entryId));
              const a = (list.find((v) => v.versionNumber === from)?.data ?? {}) as Record<string, unknown>;
              const b = (list.find((v) => v.versionNumber === to)?.data ?? {}) as Record<string, unknown>;
              const changes: FieldChange[] = [...new Set([...Object.keys(a), ...Object.keys(b)])]
                .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
                .sort()
                .map((field) =>
                  !(field in a)
                    ? { field, after: b[field] as never, change: 'added' as const }
                    : !(field in b)
                      ? { field, before: a[field] as never, change: 'removed' as const }
                      : { field, before: a[field] as never, after: b[field] as never, change: 'changed' as const },
                );
              return { from, to, changes };
            }),
          restore: (entryId: string, number: number) =>
            call(() => {
              const entry = find(entryId);
              const old = versionsOf(entry).find((v) => v.versionNumber === number)!;
              Object.assign(entry, { data: old.data, title: old.title, version: entry.version + 1 });
              versionsOf(entry).unshift({
                ...old,
                id: id('ver'),
                versionNumber: entry.version,
                isRestored: true,
                restoredFromId: old.id,
                changeNote: `Restored from version ${number}`,
                createdAt: new Date().toISOString(),
              });
              return entry;
            }),
        },
        translations: {
          list: (entryId: string) => call(() => ({ data: translations.filter((t) => t.entryId === entryId) })),
          put: (entryId: string, locale: string, body: { data: Record<string, unknown>; status?: LocalizationRow['status'] }) =>
            call(() => {
              let row = translations.find((t) => t.entryId === entryId && t.locale === locale);
              if (!row) {
                row = {
                  ...translations[0]!,
                  id: id('loc'),
                  entryId,
                  locale,
                  status: 'IN_PROGRESS',
                  data: {},
                  slug: `${find(entryId).slug}-${locale}`,
                };
                translations.push(row);
              }
              Object.assign(row, {
                data: body.data,
                status: body.status ?? (row.status === 'PENDING' ? 'IN_PROGRESS' : row.status),
                updatedAt: new Date().toISOString(),
              });
              return row;
            }),
        },
        revisions: (entryId: string) => call(() => ({ data: revisions.filter((r) => r.entryId === entryId) })),
        submit: (entryId: string) =>
          call(() => {
            const entry = find(entryId);
            entry.status = 'IN_REVIEW';
            const revision: RevisionRow = {
              id: id('rev'),
              organizationId: org,
              entryId,
              stageName: 'Editor',
              stageOrder: 1,
              assignedToId: 'ADMIN',
              assignedToType: 'role',
              status: 'PENDING',
              reviewedById: null,
              feedback: null,
              reviewedAt: null,
              createdAt: new Date().toISOString(),
              dueDate: null,
              reviewerName: null,
            };
            revisions.push(revision);
            return { entry, revision, next: null };
          }),
        publish: (entryId: string) =>
          call(() => {
            const entry = find(entryId);
            Object.assign(entry, {
              status: 'PUBLISHED',
              publishedAt: new Date().toISOString(),
              publishedSlug: entry.slug,
              publishedTitle: entry.title,
            });
            return { entry, localization: null };
          }),
        unpublish: (entryId: string) =>
          call(() => {
            const entry = find(entryId);
            Object.assign(entry, { status: 'UNPUBLISHED', publishedSlug: null, publishedTitle: null });
            return { entry, localization: null };
          }),
        // The action row through core's own derivation (as the server computes it), with no blockers.
        readiness: (entryId: string) =>
          call(() => {
            const entry = find(entryId);
            const hasWorkflow = !manyFields;
            const live = entry.publishedSlug !== null;
            const blockers =
              hasWorkflow && !['APPROVED', 'SCHEDULED'].includes(entry.status)
                ? [{ code: 'not-approved' as const, path: null, message: 'Not approved' }]
                : [];
            const actions = entryActions({
              status: entry.status,
              live,
              source: true,
              hasWorkflow,
              role,
              canDecide: entry.status === 'IN_REVIEW' && role !== 'CLIENT',
              hasUnpublishedChanges: entry.publishedTitle !== entry.title || !live,
              blockers,
            });
            return {
              entryId,
              locale: entry.locale,
              ready: !blockers.length,
              blockers,
              ...editEffectOf({ status: entry.status, hasWorkflow, live }),
              actions,
            };
          }),
      },
      revisions: Object.fromEntries(
        (['approve', 'reject', 'requestChanges', 'skip'] as const).map((decision) => [
          decision,
          (revisionId: string, feedback?: string | { feedback?: string }) =>
            call(() => {
              const revision = revisions.find((r) => r.id === revisionId)!;
              const entry = find(revision.entryId);
              Object.assign(revision, {
                status:
                  decision === 'approve'
                    ? 'APPROVED'
                    : decision === 'skip'
                      ? 'SKIPPED'
                      : decision === 'reject'
                        ? 'REJECTED'
                        : 'CHANGES_REQUESTED',
                feedback: typeof feedback === 'string' ? feedback : (feedback?.feedback ?? null),
                reviewedAt: new Date().toISOString(),
              });
              entry.status = decision === 'approve' || decision === 'skip' ? 'APPROVED' : 'DRAFT';
              return { entry, revision, next: null };
            }),
        ]),
      ),
      schedules: {
        list: (query: { entryId?: string }) =>
          call(() => ({ data: schedules.filter((s) => s.entryId === query.entryId), nextCursor: null })),
        create: (body: { entryId: string; action: ScheduleRow['action']; scheduledFor: string; locale?: string }) =>
          call(() => {
            const schedule: ScheduleRow = {
              ...schedules[0]!,
              id: id('sch'),
              entryId: body.entryId,
              action: body.action,
              scheduledFor: body.scheduledFor,
              locale: body.locale ?? null,
              status: 'PENDING',
            };
            schedules.push(schedule);
            return schedule;
          }),
        cancel: (scheduleId: string) =>
          call(() => {
            const schedule = schedules.find((s) => s.id === scheduleId)!;
            schedule.status = 'CANCELLED';
            return schedule;
          }),
      },
      comments: {
        async *iterate(query: { entryId?: string }) {
          yield* await call(() => comments.filter((c) => c.entryId === query.entryId));
        },
        create: (body: { entryId: string; content: string; parentId?: string | null; fieldName?: string | null }) =>
          call(() => {
            const comment: CommentRow = {
              ...comments[0]!,
              id: id('cmt'),
              entryId: body.entryId,
              content: body.content,
              parentId: body.parentId ?? null,
              fieldName: body.fieldName ?? null,
              authorId: me.actor.id,
              isResolved: false,
              createdAt: new Date().toISOString(),
            };
            comments.push(comment);
            return comment;
          }),
        resolve: (commentId: string) => call(() => Object.assign(comments.find((c) => c.id === commentId)!, { isResolved: true })),
        reopen: (commentId: string) => call(() => Object.assign(comments.find((c) => c.id === commentId)!, { isResolved: false })),
        update: (commentId: string, body: { content: string }) =>
          call(() => Object.assign(comments.find((c) => c.id === commentId)!, { content: body.content })),
        delete: (commentId: string) => call(() => ({ id: commentId, deleted: true as const })),
      },
    },
  };
  // The components call only the methods above; the rest of the SDK does not exist here (a story fixture).
  return sdk as unknown as SpokeStack;
}

/** The id of the richest entry of `fakeSdk()`: every field filled, an Arabic translation, comments, a schedule. */
export const featuredEntryId = 'ent_0001';
/** The content type id of `fakeSdk()`. */
export const articleTypeId = 'ctp_article';

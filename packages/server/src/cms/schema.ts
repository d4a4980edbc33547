import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, integer, pgEnum, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { contentStatus, localizationStatus, revisionStatus, publishAction, scheduleStatus } from '@spokestack/core/cms';
import { id, json, longText, timestamptz, updatedAt } from '../db/columns.js';
import { briefs, clients, files, organizationId, projects } from '../platform/schema.js';

export const contentStatusEnum = pgEnum('content_status', contentStatus);
export const localizationStatusEnum = pgEnum('localization_status', localizationStatus);
export const revisionStatusEnum = pgEnum('revision_status', revisionStatus);
export const publishActionEnum = pgEnum('publish_action', publishAction);
export const scheduleStatusEnum = pgEnum('schedule_status', scheduleStatus);

/** Spec `ContentType`. */
export const contentTypes = pgTable(
  'content_types',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    icon: text('icon'),
    schema: json('schema').notNull(),
    titleField: text('title_field').notNull().default('title'),
    previewUrl: text('preview_url'),
    workflowId: text('workflow_id').references(() => contentWorkflows.id),
    enableVersioning: boolean('enable_versioning').notNull().default(true),
    maxVersions: integer('max_versions').notNull().default(50),
    /** Delivery replies of the type: `Cache-Control: public, max-age=…, stale-while-revalidate=…` (seconds). */
    deliveryMaxAge: integer('delivery_max_age').notNull().default(60),
    deliveryStaleWhileRevalidate: integer('delivery_stale_while_revalidate').notNull().default(300),
    isActive: boolean('is_active').notNull().default(true),
    isSystem: boolean('is_system').notNull().default(false),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('content_types_organization_id_slug_key').on(t.organizationId, t.slug),
    index('content_types_organization_id_idx').on(t.organizationId),
  ],
);

/**
 * Languages with a PostgreSQL text search configuration on both drivers (PGlite and PostgreSQL 15+),
 * by the language part of a locale tag; other locales are indexed word by word (`simple`).
 */
export const searchConfigs: Record<string, string> = {
  ar: 'arabic',
  hy: 'armenian',
  eu: 'basque',
  ca: 'catalan',
  da: 'danish',
  nl: 'dutch',
  en: 'english',
  fi: 'finnish',
  fr: 'french',
  de: 'german',
  el: 'greek',
  hi: 'hindi',
  hu: 'hungarian',
  id: 'indonesian',
  ga: 'irish',
  it: 'italian',
  lt: 'lithuanian',
  ne: 'nepali',
  no: 'norwegian',
  nb: 'norwegian',
  nn: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  es: 'spanish',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

/** The text search configuration of an entry, from its `locale` column (an immutable expression, so it can be indexed). */
export const entrySearchConfig = `(case split_part("locale", '-', 1) ${Object.entries(searchConfigs)
  .map(([lang, cfg]) => `when '${lang}' then '${cfg}'::regconfig`)
  .join(' ')} else 'simple'::regconfig end)`;

/**
 * An entry's full-text document: title (weight A) and the plain text of its text and rich text fields
 * (weight B), stemmed for its locale. The GIN index below is on exactly this expression; queries must
 * use it verbatim for PostgreSQL to use the index.
 */
export const entrySearchVector =
  `(setweight(to_tsvector(${entrySearchConfig}, coalesce("title", '')), 'A') || ` +
  `setweight(to_tsvector(${entrySearchConfig}, coalesce("plain_text", '')), 'B'))`;

/** Spec `ContentEntry`. */
export const contentEntries = pgTable(
  'content_entries',
  {
    id: id(),
    organizationId: organizationId(),
    contentTypeId: text('content_type_id')
      .notNull()
      .references(() => contentTypes.id),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    data: json('data').notNull(),
    plainText: longText('plain_text'),
    locale: text('locale').notNull().default('en'),
    status: contentStatusEnum('status').notNull().default('DRAFT'),
    publishedAt: timestamptz('published_at'),
    scheduledFor: timestamptz('scheduled_for'),
    expiresAt: timestamptz('expires_at'),
    seoTitle: text('seo_title'),
    seoDescription: text('seo_description'),
    seoKeywords: text('seo_keywords').array().notNull().default([]),
    canonicalUrl: text('canonical_url'),
    noIndex: boolean('no_index').notNull().default(false),
    ogTitle: text('og_title'),
    ogDescription: text('og_description'),
    ogImageId: text('og_image_id').references(() => files.id, { onDelete: 'set null' }),
    createdById: text('created_by_id').notNull(),
    lastEditedById: text('last_edited_by_id'),
    publishedById: text('published_by_id'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    projectId: text('project_id').references(() => projects.id, { onDelete: 'set null' }),
    // Beyond the spec: `data` is the working draft; publishing copies it here, and the delivery API
    // serves only these, so edits to a live entry stay private until published again.
    publishedData: json('published_data'),
    publishedTitle: text('published_title'),
    publishedSlug: text('published_slug'),
    /** The SEO and social fields as they were last published (a translation's own override them in its locale). */
    publishedMeta: json('published_meta'),
    /** Incremented by every save; the optimistic-concurrency token (`If-Match`). */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('content_entries_organization_id_content_type_id_slug_locale_key').on(t.organizationId, t.contentTypeId, t.slug, t.locale),
    index('content_entries_organization_id_idx').on(t.organizationId),
    index('content_entries_content_type_id_idx').on(t.contentTypeId),
    index('content_entries_status_idx').on(t.status),
    // Partial: drafts have no published_at, and a backward scan of an index holding their NULLs first
    // is what the planner picked (wrongly) for "newest published in a type" over the delivery index.
    index('content_entries_published_at_idx').on(t.publishedAt).where(sql`published_at is not null`),
    index('content_entries_client_id_idx').on(t.clientId),
    // Lists filter by type, locale and status within an organization, newest first.
    index('content_entries_org_type_locale_status_idx').on(t.organizationId, t.contentTypeId, t.locale, t.status),
    index('content_entries_org_created_at_idx').on(t.organizationId, t.createdAt),
    index('content_entries_org_updated_at_idx').on(t.organizationId, t.updatedAt),
    index('content_entries_search_idx').using('gin', sql.raw(entrySearchVector)),
    // Delivery: published entries of one type and locale, newest first or by title, and by published slug.
    // PostgreSQL's default NULLS order (DESC NULLS FIRST), so the plain `order by published_at desc, id desc`
    // a developer writes reads this index in order, and so does the delivery statement.
    index('content_entries_delivery_newest_idx')
      .on(t.organizationId, t.contentTypeId, t.locale, t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`published_slug is not null`),
    index('content_entries_delivery_title_idx')
      .on(t.organizationId, t.contentTypeId, t.locale, t.publishedTitle, t.id)
      .where(sql`published_slug is not null`),
    index('content_entries_delivery_slug_idx')
      .on(t.organizationId, t.contentTypeId, t.locale, t.publishedSlug)
      .where(sql`published_slug is not null`),
  ],
);

/** Spec `ContentVersion`. */
export const contentVersions = pgTable(
  'content_versions',
  {
    id: id(),
    organizationId: organizationId(),
    entryId: text('entry_id')
      .notNull()
      .references(() => contentEntries.id, { onDelete: 'cascade' }),
    versionNumber: integer('version_number').notNull(),
    data: json('data').notNull(),
    title: text('title').notNull(),
    changeNote: text('change_note'),
    changedFields: text('changed_fields').array().notNull().default([]),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    isRestored: boolean('is_restored').notNull().default(false),
    restoredFromId: text('restored_from_id'),
    // Beyond the spec: the SEO and social fields of the entry at this version, so they are versioned
    // and restored with the data (null on versions written before they were).
    meta: json('meta'),
  },
  (t) => [
    unique('content_versions_entry_id_version_number_key').on(t.entryId, t.versionNumber),
    index('content_versions_entry_id_idx').on(t.entryId),
  ],
);

/** Spec `ContentLocalization`. */
export const contentLocalizations = pgTable(
  'content_localizations',
  {
    id: id(),
    organizationId: organizationId(),
    entryId: text('entry_id')
      .notNull()
      .references(() => contentEntries.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    data: json('data').notNull(),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    status: localizationStatusEnum('status').notNull().default('PENDING'),
    translatedById: text('translated_by_id'),
    translatedAt: timestamptz('translated_at'),
    // Beyond the spec: the translation's own SEO and social fields (only those it sets; delivery falls
    // back to the source's for the others), and them as last published.
    meta: json('meta'),
    publishedMeta: json('published_meta'),
    // Beyond the spec: publish state is per locale; these hold what the delivery API serves for it.
    publishedData: json('published_data'),
    publishedTitle: text('published_title'),
    publishedSlug: text('published_slug'),
    publishedAt: timestamptz('published_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('content_localizations_entry_id_locale_key').on(t.entryId, t.locale),
    index('content_localizations_entry_id_idx').on(t.entryId),
    index('content_localizations_org_locale_status_idx').on(t.organizationId, t.locale, t.status),
    // Delivery: published translations into one locale, newest first, and by published slug.
    index('content_localizations_delivery_newest_idx')
      .on(t.organizationId, t.locale, t.publishedAt.desc().nullsFirst(), t.entryId.desc().nullsFirst())
      .where(sql`published_slug is not null`),
    index('content_localizations_delivery_slug_idx').on(t.organizationId, t.locale, t.publishedSlug).where(sql`published_slug is not null`),
  ],
);

/** Spec `ContentTag`. */
export const contentTags = pgTable(
  'content_tags',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    color: text('color').default('#6B7280'),
    description: text('description'),
    usageCount: integer('usage_count').notNull().default(0),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('content_tags_organization_id_slug_key').on(t.organizationId, t.slug),
    index('content_tags_organization_id_idx').on(t.organizationId),
  ],
);

/** Spec `ContentCategory`. */
export const contentCategories = pgTable(
  'content_categories',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    parentId: text('parent_id').references((): AnyPgColumn => contentCategories.id),
    icon: text('icon'),
    color: text('color'),
    sortOrder: integer('sort_order').notNull().default(0),
    depth: integer('depth').notNull().default(0),
    path: text('path').notNull(),
    seoTitle: text('seo_title'),
    seoDescription: text('seo_description'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('content_categories_organization_id_slug_key').on(t.organizationId, t.slug),
    index('content_categories_organization_id_idx').on(t.organizationId),
    index('content_categories_parent_id_idx').on(t.parentId),
    // Subtree lookups are `path LIKE '/marketing/%'` within an organization.
    index('content_categories_org_path_idx').on(t.organizationId, t.path.op('text_pattern_ops')),
  ],
);

/** Spec `ContentMedia`. */
export const contentMedia = pgTable(
  'content_media',
  {
    id: id(),
    organizationId: organizationId(),
    entryId: text('entry_id')
      .notNull()
      .references(() => contentEntries.id, { onDelete: 'cascade' }),
    fileId: text('file_id')
      .notNull()
      .references(() => files.id),
    fieldName: text('field_name').notNull(),
    position: integer('position').notNull().default(0),
    caption: text('caption'),
    altText: text('alt_text'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('content_media_entry_id_idx').on(t.entryId)],
);

/** Spec `ContentWorkflow`. */
export const contentWorkflows = pgTable(
  'content_workflows',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    description: text('description'),
    isDefault: boolean('is_default').notNull().default(false),
    stages: json('stages').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('content_workflows_organization_id_idx').on(t.organizationId)],
);

/** Spec `ContentRevision`. */
export const contentRevisions = pgTable(
  'content_revisions',
  {
    id: id(),
    organizationId: organizationId(),
    entryId: text('entry_id')
      .notNull()
      .references(() => contentEntries.id, { onDelete: 'cascade' }),
    stageName: text('stage_name').notNull(),
    stageOrder: integer('stage_order').notNull(),
    assignedToId: text('assigned_to_id'),
    assignedToType: text('assigned_to_type').notNull().default('user'),
    status: revisionStatusEnum('status').notNull().default('PENDING'),
    reviewedById: text('reviewed_by_id'),
    feedback: longText('feedback'),
    reviewedAt: timestamptz('reviewed_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    dueDate: timestamptz('due_date'),
    // Beyond the spec: the name a reviewer gave when deciding through a signed review link (no account).
    reviewerName: text('reviewer_name'),
  },
  (t) => [index('content_revisions_entry_id_idx').on(t.entryId), index('content_revisions_status_idx').on(t.status)],
);

/** Spec `ContentComment`. */
export const contentComments = pgTable(
  'content_comments',
  {
    id: id(),
    organizationId: organizationId(),
    entryId: text('entry_id')
      .notNull()
      .references(() => contentEntries.id, { onDelete: 'cascade' }),
    parentId: text('parent_id').references((): AnyPgColumn => contentComments.id),
    content: longText('content').notNull(),
    authorId: text('author_id').notNull(),
    fieldName: text('field_name'),
    selection: json('selection'),
    isResolved: boolean('is_resolved').notNull().default(false),
    resolvedById: text('resolved_by_id'),
    resolvedAt: timestamptz('resolved_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('content_comments_entry_id_idx').on(t.entryId), index('content_comments_parent_id_idx').on(t.parentId)],
);

/** Spec `PublishSchedule`. */
export const publishSchedules = pgTable(
  'publish_schedules',
  {
    id: id(),
    organizationId: organizationId(),
    entryId: text('entry_id')
      .notNull()
      .references(() => contentEntries.id, { onDelete: 'cascade' }),
    action: publishActionEnum('action').notNull(),
    scheduledFor: timestamptz('scheduled_for').notNull(),
    status: scheduleStatusEnum('status').notNull().default('PENDING'),
    executedAt: timestamptz('executed_at'),
    error: text('error'),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    // Beyond the spec: the locale the action applies to (null: the entry's source locale).
    locale: text('locale'),
  },
  (t) => [
    index('publish_schedules_organization_id_scheduled_for_idx').on(t.organizationId, t.scheduledFor),
    index('publish_schedules_status_idx').on(t.status),
    index('publish_schedules_entry_id_idx').on(t.entryId),
  ],
);

/** Spec `PageTemplate`. */
export const pageTemplates = pgTable(
  'page_templates',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    thumbnail: text('thumbnail'),
    structure: json('structure').notNull(),
    defaults: json('defaults').notNull().default({}),
    contentTypeId: text('content_type_id').references(() => contentTypes.id, { onDelete: 'set null' }),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('page_templates_organization_id_slug_key').on(t.organizationId, t.slug),
    index('page_templates_organization_id_idx').on(t.organizationId),
  ],
);

/** Spec `ContentBlock`. */
export const contentBlocks = pgTable(
  'content_blocks',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    blockType: text('block_type').notNull(),
    data: json('data').notNull(),
    isGlobal: boolean('is_global').notNull().default(false),
    isLocked: boolean('is_locked').notNull().default(false),
    usedInEntries: text('used_in_entries').array().notNull().default([]),
    // Beyond the spec: a non-global block belongs to one client's content (null: the agency's own).
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('content_blocks_organization_id_slug_key').on(t.organizationId, t.slug),
    index('content_blocks_organization_id_idx').on(t.organizationId),
  ],
);

/** Spec `BriefContentLink`. */
export const briefContentLinks = pgTable(
  'brief_content_links',
  {
    id: id(),
    organizationId: organizationId(),
    briefId: text('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    contentEntryId: text('content_entry_id')
      .notNull()
      .references(() => contentEntries.id, { onDelete: 'cascade' }),
    linkType: text('link_type').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('brief_content_links_brief_id_content_entry_id_key').on(t.briefId, t.contentEntryId),
    index('brief_content_links_content_entry_id_idx').on(t.contentEntryId),
  ],
);

/** Join table for the spec's implicit many-to-many `ContentEntry.tags`. */
export const contentEntryTags = pgTable(
  'content_entry_tags',
  {
    organizationId: organizationId(),
    entryId: text('entry_id')
      .notNull()
      .references(() => contentEntries.id, { onDelete: 'cascade' }),
    tagId: text('tag_id')
      .notNull()
      .references(() => contentTags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.tagId] }), index('content_entry_tags_tag_id_idx').on(t.tagId)],
);

/** Join table for the spec's implicit many-to-many `ContentEntry.categories`. */
export const contentEntryCategories = pgTable(
  'content_entry_categories',
  {
    organizationId: organizationId(),
    entryId: text('entry_id')
      .notNull()
      .references(() => contentEntries.id, { onDelete: 'cascade' }),
    categoryId: text('category_id')
      .notNull()
      .references(() => contentCategories.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.categoryId] }), index('content_entry_categories_category_id_idx').on(t.categoryId)],
);

/**
 * Not in the spec (issue 14): where a publish or unpublish is announced, so a host's build or CDN learns
 * what changed. `secret` signs every delivery and is write-only (sealed; replies say `secretSet`).
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: id(),
    organizationId: organizationId(),
    url: text('url').notNull(),
    description: text('description'),
    secret: text('secret').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhook_endpoints_organization_id_idx').on(t.organizationId)],
);

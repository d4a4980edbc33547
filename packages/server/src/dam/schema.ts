import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, integer, pgEnum, pgTable, text, unique } from 'drizzle-orm/pg-core';
import {
  libraryType,
  libraryVisibility,
  assetType,
  assetStatus,
  assetSourceType,
  licenseType,
  versionChangeType,
  renditionType,
  renditionStatus,
  collectionType,
  shareAccessLevel,
} from '@spokestack/core/dam';
import { id, json, longText, timestamptz, updatedAt } from '../db/columns.js';
import { briefs, clients, files, organizationId } from '../platform/schema.js';

export const libraryTypeEnum = pgEnum('library_type', libraryType);
export const libraryVisibilityEnum = pgEnum('library_visibility', libraryVisibility);
export const assetTypeEnum = pgEnum('asset_type', assetType);
export const assetStatusEnum = pgEnum('asset_status', assetStatus);
export const assetSourceTypeEnum = pgEnum('asset_source_type', assetSourceType);
export const licenseTypeEnum = pgEnum('license_type', licenseType);
export const versionChangeTypeEnum = pgEnum('version_change_type', versionChangeType);
export const renditionTypeEnum = pgEnum('rendition_type', renditionType);
export const renditionStatusEnum = pgEnum('rendition_status', renditionStatus);
export const collectionTypeEnum = pgEnum('collection_type', collectionType);
export const shareAccessLevelEnum = pgEnum('share_access_level', shareAccessLevel);

/** Spec `AssetLibrary`. */
export const assetLibraries = pgTable(
  'asset_libraries',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    libraryType: libraryTypeEnum('library_type').notNull().default('GENERAL'),
    coverImageId: text('cover_image_id'),
    visibility: libraryVisibilityEnum('visibility').notNull().default('INTERNAL'),
    allowedUserIds: text('allowed_user_ids').array().notNull().default([]),
    allowedRoles: text('allowed_roles').array().notNull().default([]),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    settings: json('settings').notNull().default({}),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('asset_libraries_organization_id_slug_key').on(t.organizationId, t.slug),
    index('asset_libraries_organization_id_idx').on(t.organizationId),
    index('asset_libraries_client_id_idx').on(t.clientId),
  ],
);

/** Spec `AssetFolder`. */
export const assetFolders = pgTable(
  'asset_folders',
  {
    id: id(),
    organizationId: organizationId(),
    libraryId: text('library_id')
      .notNull()
      .references(() => assetLibraries.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    color: text('color'),
    parentId: text('parent_id').references((): AnyPgColumn => assetFolders.id),
    path: text('path').notNull(),
    depth: integer('depth').notNull().default(0),
    defaultMetadata: json('default_metadata').notNull().default({}),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('asset_folders_library_id_path_key').on(t.libraryId, t.path),
    index('asset_folders_library_id_idx').on(t.libraryId),
    index('asset_folders_parent_id_idx').on(t.parentId),
  ],
);

/** The search document of an asset row: name (A), tags and AI labels (B), description (C). */
export const assetSearchDocumentSql = 'asset_search_document(name, tags, description, ai_metadata)';
/** The name as near spellings are matched against it. */
export const assetNameSql = 'lower(name)';

/** Spec `Asset`. */
export const assets = pgTable(
  'assets',
  {
    id: id(),
    organizationId: organizationId(),
    libraryId: text('library_id')
      .notNull()
      .references(() => assetLibraries.id),
    folderId: text('folder_id').references(() => assetFolders.id),
    fileId: text('file_id')
      .notNull()
      .unique('assets_file_id_key')
      .references(() => files.id),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: longText('description'),
    assetType: assetTypeEnum('asset_type').notNull(),
    metadata: json('metadata').notNull().default({}),
    aiMetadata: json('ai_metadata'),
    tags: text('tags').array().notNull().default([]),
    categoryId: text('category_id'),
    status: assetStatusEnum('status').notNull().default('PENDING'),
    approvedById: text('approved_by_id'),
    approvedAt: timestamptz('approved_at'),
    downloadCount: integer('download_count').notNull().default(0),
    lastDownloadedAt: timestamptz('last_downloaded_at'),
    usedInBriefs: text('used_in_briefs').array().notNull().default([]),
    usedInContent: text('used_in_content').array().notNull().default([]),
    license: licenseTypeEnum('license'),
    licenseDetails: json('license_details'),
    expiresAt: timestamptz('expires_at'),
    copyrightHolder: text('copyright_holder'),
    copyrightYear: integer('copyright_year'),
    usageRights: longText('usage_rights'),
    sourceType: assetSourceTypeEnum('source_type').notNull().default('UPLOAD'),
    sourceUrl: text('source_url'),
    externalId: text('external_id'),
    createdById: text('created_by_id').notNull(),
    lastEditedById: text('last_edited_by_id'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('assets_organization_id_library_id_slug_key').on(t.organizationId, t.libraryId, t.slug),
    index('assets_organization_id_idx').on(t.organizationId),
    index('assets_library_id_idx').on(t.libraryId),
    index('assets_folder_id_idx').on(t.folderId),
    index('assets_asset_type_idx').on(t.assetType),
    index('assets_status_idx').on(t.status),
    index('assets_tags_idx').using('gin', t.tags),
    // The newest-first order of a search without words; without it every page sorts the whole organization.
    index('assets_organization_id_created_at_idx').on(t.organizationId, t.createdAt, t.id),
    // The weighted search document (`asset_search_document`, an IMMUTABLE function created by the same
    // migration) and the names' trigrams for near spellings: search.ts repeats both expressions exactly.
    index('assets_search_idx').using('gin', sql`(${sql.raw(assetSearchDocumentSql)})`),
    index('assets_name_trgm_idx').using('gin', sql`(${sql.raw(assetNameSql)}) gin_trgm_ops`),
  ],
);

/** Spec `AssetVersion`. */
export const assetVersions = pgTable(
  'asset_versions',
  {
    id: id(),
    organizationId: organizationId(),
    assetId: text('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    versionNumber: integer('version_number').notNull(),
    fileId: text('file_id')
      .notNull()
      .references(() => files.id),
    changeNote: text('change_note'),
    changeType: versionChangeTypeEnum('change_type').notNull().default('UPDATE'),
    diffMetadata: json('diff_metadata'),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    isCurrentVersion: boolean('is_current_version').notNull().default(false),
  },
  (t) => [
    unique('asset_versions_asset_id_version_number_key').on(t.assetId, t.versionNumber),
    index('asset_versions_asset_id_idx').on(t.assetId),
  ],
);

/** Spec `AssetRendition`. */
export const assetRenditions = pgTable(
  'asset_renditions',
  {
    id: id(),
    organizationId: organizationId(),
    assetId: text('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    renditionType: renditionTypeEnum('rendition_type').notNull(),
    fileId: text('file_id')
      .notNull()
      .references(() => files.id),
    width: integer('width'),
    height: integer('height'),
    quality: integer('quality'),
    format: text('format'),
    duration: integer('duration'),
    startTime: integer('start_time'),
    status: renditionStatusEnum('status').notNull().default('PENDING'),
    error: text('error'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('asset_renditions_asset_id_rendition_type_key').on(t.assetId, t.renditionType),
    index('asset_renditions_asset_id_idx').on(t.assetId),
  ],
);

/** Spec `AssetCollection`. */
export const assetCollections = pgTable(
  'asset_collections',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    coverImageId: text('cover_image_id'),
    collectionType: collectionTypeEnum('collection_type').notNull().default('MANUAL'),
    smartRules: json('smart_rules'),
    isPublic: boolean('is_public').notNull().default(false),
    shareToken: text('share_token').unique('asset_collections_share_token_key'),
    shareExpiresAt: timestamptz('share_expires_at'),
    sharePassword: text('share_password'),
    allowDownload: boolean('allow_download').notNull().default(true),
    allowComments: boolean('allow_comments').notNull().default(true),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('asset_collections_organization_id_slug_key').on(t.organizationId, t.slug),
    index('asset_collections_organization_id_idx').on(t.organizationId),
    index('asset_collections_share_token_idx').on(t.shareToken),
  ],
);

/** Spec `AssetCollectionItem`. */
export const assetCollectionItems = pgTable(
  'asset_collection_items',
  {
    id: id(),
    organizationId: organizationId(),
    collectionId: text('collection_id')
      .notNull()
      .references(() => assetCollections.id, { onDelete: 'cascade' }),
    assetId: text('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    sortOrder: integer('sort_order').notNull().default(0),
    note: text('note'),
    addedById: text('added_by_id').notNull(),
    addedAt: timestamptz('added_at').notNull().defaultNow(),
  },
  (t) => [
    unique('asset_collection_items_collection_id_asset_id_key').on(t.collectionId, t.assetId),
    index('asset_collection_items_collection_id_idx').on(t.collectionId),
    index('asset_collection_items_asset_id_idx').on(t.assetId),
  ],
);

/** Spec `CollectionShare`. */
export const collectionShares = pgTable(
  'collection_shares',
  {
    id: id(),
    organizationId: organizationId(),
    collectionId: text('collection_id')
      .notNull()
      .references(() => assetCollections.id, { onDelete: 'cascade' }),
    email: text('email'),
    clientContactId: text('client_contact_id'),
    accessLevel: shareAccessLevelEnum('access_level').notNull().default('VIEW'),
    expiresAt: timestamptz('expires_at'),
    lastAccessedAt: timestamptz('last_accessed_at'),
    accessCount: integer('access_count').notNull().default(0),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('collection_shares_collection_id_idx').on(t.collectionId), index('collection_shares_email_idx').on(t.email)],
);

/** Spec `AssetLink`. */
export const assetLinks = pgTable(
  'asset_links',
  {
    id: id(),
    organizationId: organizationId(),
    assetId: text('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    token: text('token').notNull().unique('asset_links_token_key'),
    allowDownload: boolean('allow_download').notNull().default(true),
    expiresAt: timestamptz('expires_at'),
    password: text('password'),
    maxDownloads: integer('max_downloads'),
    downloadCount: integer('download_count').notNull().default(0),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('asset_links_asset_id_idx').on(t.assetId), index('asset_links_token_idx').on(t.token)],
);

/** Spec `AssetComment`. */
export const assetComments = pgTable(
  'asset_comments',
  {
    id: id(),
    organizationId: organizationId(),
    assetId: text('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    parentId: text('parent_id').references((): AnyPgColumn => assetComments.id),
    content: longText('content').notNull(),
    authorId: text('author_id').notNull(),
    authorType: text('author_type').notNull().default('user'),
    annotation: json('annotation'),
    // Beyond the spec: the version the comment is about, so feedback on v1 stays with v1 once v2 is current.
    versionNumber: integer('version_number'),
    isResolved: boolean('is_resolved').notNull().default(false),
    resolvedById: text('resolved_by_id'),
    resolvedAt: timestamptz('resolved_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('asset_comments_asset_id_idx').on(t.assetId), index('asset_comments_parent_id_idx').on(t.parentId)],
);

/** Spec `BriefAssetLink`. */
export const briefAssetLinks = pgTable(
  'brief_asset_links',
  {
    id: id(),
    organizationId: organizationId(),
    briefId: text('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    assetId: text('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    linkType: text('link_type').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [unique('brief_asset_links_brief_id_asset_id_key').on(t.briefId, t.assetId)],
);

/**
 * An external upload link: someone without an account drops files into one folder through it. Not in the
 * spec (its `AssetLink` shares one asset out; this lets files in). The token is signed for the `upload`
 * purpose and names the row, so deleting the row (a revoke, or its folder's deletion) stops it at once;
 * the password is a slow hash.
 */
export const assetUploadLinks = pgTable(
  'asset_upload_links',
  {
    id: id(),
    organizationId: organizationId(),
    libraryId: text('library_id')
      .notNull()
      .references(() => assetLibraries.id, { onDelete: 'cascade' }),
    folderId: text('folder_id')
      .notNull()
      .references(() => assetFolders.id, { onDelete: 'cascade' }),
    name: text('name'),
    password: text('password'),
    expiresAt: timestamptz('expires_at').notNull(),
    maxFileSize: integer('max_file_size'),
    allowedFileTypes: text('allowed_file_types').array().notNull().default([]),
    maxFiles: integer('max_files'),
    uploadCount: integer('upload_count').notNull().default(0),
    lastUploadAt: timestamptz('last_upload_at'),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('asset_upload_links_folder_id_idx').on(t.folderId)],
);

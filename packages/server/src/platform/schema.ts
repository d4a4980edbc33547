import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgEnum, pgTable, text, unique, date } from 'drizzle-orm/pg-core';
import { apiKeyKind, briefStatus, jobStatus, membershipRole, projectStatus } from '@spokestack/core/platform';
import { createdAt, id, json, timestamptz, updatedAt } from '../db/columns.js';

export const membershipRoleEnum = pgEnum('membership_role', membershipRole);
export const apiKeyKindEnum = pgEnum('api_key_kind', apiKeyKind);
export const jobStatusEnum = pgEnum('job_status', jobStatus);
export const briefStatusEnum = pgEnum('brief_status', briefStatus);
export const projectStatusEnum = pgEnum('project_status', projectStatus);

/** The tenant. Its own id is the `organization_id` every other table carries. */
export const organizations = pgTable('organizations', {
  id: id(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  defaultLocale: text('default_locale').notNull().default('en'),
  locales: text('locales').array().notNull().default(sql`'{en}'::text[]`),
  settings: json('settings').notNull().default({}),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The tenant column every table carries; deleting an organization removes all of its rows. */
export const organizationId = () =>
  text('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

/** A person known to one organization; host apps map their own users here through `externalId`. */
export const users = pgTable(
  'users',
  {
    id: id(),
    organizationId: organizationId(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    avatarUrl: text('avatar_url'),
    externalId: text('external_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('users_organization_id_email_key').on(t.organizationId, t.email),
    unique('users_organization_id_external_id_key').on(t.organizationId, t.externalId),
  ],
);

/** The agency's clients. The spec's CRM links contacts to them as companies. */
export const clients = pgTable(
  'clients',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    industry: text('industry'),
    website: text('website'),
    logoUrl: text('logo_url'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('clients_organization_id_slug_key').on(t.organizationId, t.slug),
    index('clients_organization_id_idx').on(t.organizationId),
  ],
);

/** A user's role in the organization; CLIENT members see only what is shared with `clientId`. */
export const memberships = pgTable(
  'memberships',
  {
    id: id(),
    organizationId: organizationId(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: membershipRoleEnum('role').notNull().default('MEMBER'),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('memberships_organization_id_user_id_key').on(t.organizationId, t.userId)],
);

/** Organization API keys. Only a SHA-256 hash of the secret is stored; `prefix` identifies a key in lists. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    kind: apiKeyKindEnum('kind').notNull().default('SECRET'),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    createdById: text('created_by_id'),
    lastUsedAt: timestamptz('last_used_at'),
    expiresAt: timestamptz('expires_at'),
    revokedAt: timestamptz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('api_keys_organization_id_idx').on(t.organizationId)],
);

export const projects = pgTable(
  'projects',
  {
    id: id(),
    organizationId: organizationId(),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    description: text('description'),
    status: projectStatusEnum('status').notNull().default('ACTIVE'),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('projects_organization_id_idx').on(t.organizationId), index('projects_client_id_idx').on(t.clientId)],
);

/** Stored blobs (uploads, renditions, exports). The bytes live in the Storage backend under `storageKey`. */
export const files = pgTable(
  'files',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull(),
    checksum: text('checksum'),
    width: integer('width'),
    height: integer('height'),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    projectId: text('project_id').references(() => projects.id, { onDelete: 'set null' }),
    uploadedById: text('uploaded_by_id'),
    createdAt: createdAt(),
  },
  (t) => [index('files_organization_id_idx').on(t.organizationId)],
);

export const briefs = pgTable(
  'briefs',
  {
    id: id(),
    organizationId: organizationId(),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    projectId: text('project_id').references(() => projects.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description'),
    status: briefStatusEnum('status').notNull().default('DRAFT'),
    dueDate: timestamptz('due_date'),
    createdById: text('created_by_id').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('briefs_organization_id_idx').on(t.organizationId), index('briefs_client_id_idx').on(t.clientId)],
);

/** Spec 5.2: one row per mutation across every system, written in the mutation's transaction. */
export const unifiedActivities = pgTable(
  'unified_activities',
  {
    id: id(),
    organizationId: organizationId(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    entityTitle: text('entity_title').notNull(),
    description: text('description'),
    metadata: json('metadata'),
    clientId: text('client_id'),
    projectId: text('project_id'),
    occurredAt: timestamptz('occurred_at').notNull().defaultNow(),
  },
  (t) => [
    index('unified_activities_organization_id_occurred_at_idx').on(t.organizationId, t.occurredAt),
    index('unified_activities_entity_type_entity_id_idx').on(t.entityType, t.entityId),
    index('unified_activities_client_id_occurred_at_idx').on(t.clientId, t.occurredAt),
  ],
);

/**
 * The one job queue. Workers claim due rows with FOR UPDATE SKIP LOCKED; a claim is a lease
 * (`lockedUntil`) so a crashed worker's job is taken again. `organizationId` is null for system jobs.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    organizationId: text('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    payload: json('payload').notNull().default({}),
    status: jobStatusEnum('status').notNull().default('QUEUED'),
    runAt: timestamptz('run_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lastError: text('last_error'),
    lockedBy: text('locked_by'),
    lockedUntil: timestamptz('locked_until'),
    uniqueKey: text('unique_key').unique(),
    completedAt: timestamptz('completed_at'),
    createdAt: createdAt(),
  },
  (t) => [index('jobs_status_run_at_idx').on(t.status, t.runAt), index('jobs_organization_id_idx').on(t.organizationId)],
);

/** Cron schedules: each tick enqueues one job whose unique key is the schedule and its due time. */
export const jobSchedules = pgTable('job_schedules', {
  id: id(),
  organizationId: text('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  cron: text('cron').notNull(),
  timezone: text('timezone').notNull().default('UTC'),
  payload: json('payload').notNull().default({}),
  nextRunAt: timestamptz('next_run_at').notNull(),
  lastRunAt: timestamptz('last_run_at'),
  createdAt: createdAt(),
});

/**
 * Fixed-window counters of the rate limiter (failed authentications, public surfaces), shared by every
 * instance: one row per limited key (`auth-ip:203.0.113.7`), reset when its window passes. Not a
 * tenant's data (keys are IPs and token hashes), so no organization; the prune job clears old rows.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    windowStart: timestamptz('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('rate_limits_window_start_idx').on(t.windowStart)],
);

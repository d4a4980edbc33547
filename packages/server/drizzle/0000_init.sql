CREATE TYPE "public"."api_key_kind" AS ENUM('SECRET', 'PUBLISHABLE');--> statement-breakpoint
CREATE TYPE "public"."brief_status" AS ENUM('DRAFT', 'ACTIVE', 'IN_REVIEW', 'COMPLETED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('QUEUED', 'RUNNING', 'COMPLETED', 'DEAD', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."membership_role" AS ENUM('OWNER', 'ADMIN', 'MEMBER', 'CLIENT');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('PLANNED', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."content_status" AS ENUM('DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED', 'PUBLISHED', 'UNPUBLISHED', 'ARCHIVED');--> statement-breakpoint
CREATE TYPE "public"."localization_status" AS ENUM('PENDING', 'IN_PROGRESS', 'REVIEW', 'APPROVED', 'OUTDATED');--> statement-breakpoint
CREATE TYPE "public"."publish_action" AS ENUM('PUBLISH', 'UNPUBLISH', 'ARCHIVE', 'UPDATE');--> statement-breakpoint
CREATE TYPE "public"."revision_status" AS ENUM('PENDING', 'APPROVED', 'REJECTED', 'CHANGES_REQUESTED', 'SKIPPED');--> statement-breakpoint
CREATE TYPE "public"."schedule_status" AS ENUM('PENDING', 'EXECUTED', 'FAILED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."asset_source_type" AS ENUM('UPLOAD', 'IMPORT', 'STOCK', 'GENERATED', 'CAPTURE', 'EXTERNAL');--> statement-breakpoint
CREATE TYPE "public"."asset_status" AS ENUM('PENDING', 'APPROVED', 'REJECTED', 'ARCHIVED', 'EXPIRED');--> statement-breakpoint
CREATE TYPE "public"."asset_type" AS ENUM('IMAGE_PHOTO', 'IMAGE_GRAPHIC', 'IMAGE_ICON', 'IMAGE_LOGO', 'VIDEO_RAW', 'VIDEO_EDITED', 'VIDEO_MOTION', 'AUDIO_MUSIC', 'AUDIO_VOICEOVER', 'AUDIO_SFX', 'DOC_COPY', 'DOC_BRIEF', 'DOC_PRESENTATION', 'DOC_REPORT', 'DESIGN_SOURCE', 'DESIGN_TEMPLATE', 'THREE_D_MODEL', 'AR_ASSET', 'FONT', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."collection_type" AS ENUM('MANUAL', 'SMART', 'LIGHTBOX', 'DELIVERABLE');--> statement-breakpoint
CREATE TYPE "public"."library_type" AS ENUM('GENERAL', 'BRAND', 'STOCK', 'CLIENT', 'PROJECT', 'ARCHIVE');--> statement-breakpoint
CREATE TYPE "public"."library_visibility" AS ENUM('INTERNAL', 'CLIENT', 'PUBLIC');--> statement-breakpoint
CREATE TYPE "public"."license_type" AS ENUM('OWNED', 'EXCLUSIVE', 'ROYALTY_FREE', 'RIGHTS_MANAGED', 'CREATIVE_COMMONS', 'EDITORIAL_ONLY', 'INTERNAL_ONLY', 'CLIENT_PROVIDED', 'UNKNOWN');--> statement-breakpoint
CREATE TYPE "public"."rendition_status" AS ENUM('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."rendition_type" AS ENUM('THUMBNAIL_SMALL', 'THUMBNAIL_MEDIUM', 'THUMBNAIL_LARGE', 'PREVIEW', 'PREVIEW_VIDEO', 'WEB_OPTIMIZED', 'SOCIAL_SQUARE', 'SOCIAL_STORY', 'WATERMARKED', 'LOW_RES');--> statement-breakpoint
CREATE TYPE "public"."share_access_level" AS ENUM('VIEW', 'DOWNLOAD', 'COMMENT', 'EDIT');--> statement-breakpoint
CREATE TYPE "public"."version_change_type" AS ENUM('INITIAL', 'UPDATE', 'REVISION', 'RESTORE', 'AUTO_SAVE');--> statement-breakpoint
CREATE TYPE "public"."ad_campaign_status" AS ENUM('DRAFT', 'PENDING_REVIEW', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED', 'REJECTED');--> statement-breakpoint
CREATE TYPE "public"."ad_format" AS ENUM('SINGLE_IMAGE', 'SINGLE_VIDEO', 'CAROUSEL', 'COLLECTION', 'STORIES', 'REELS', 'DYNAMIC');--> statement-breakpoint
CREATE TYPE "public"."alert_severity" AS ENUM('INFO', 'WARNING', 'CRITICAL');--> statement-breakpoint
CREATE TYPE "public"."alert_status" AS ENUM('NEW', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'DISMISSED');--> statement-breakpoint
CREATE TYPE "public"."alert_type" AS ENUM('VOLUME_SPIKE', 'SENTIMENT_DROP', 'VIRAL_MENTION', 'INFLUENCER_MENTION', 'CRISIS_DETECTED', 'COMPETITOR_ACTIVITY');--> statement-breakpoint
CREATE TYPE "public"."analytics_report_type" AS ENUM('MEDIA_PERFORMANCE', 'CAMPAIGN_ANALYSIS', 'MEDIA_MIX', 'BUDGET_PACING', 'SOCIAL_PERFORMANCE', 'SOCIAL_LISTENING', 'COMPETITOR_ANALYSIS', 'INFLUENCER_REPORT', 'WEB_TRAFFIC', 'CONVERSION_FUNNEL', 'CONTENT_PERFORMANCE', 'SEO_REPORT', 'INTEGRATED_DASHBOARD', 'CLIENT_REPORT', 'EXECUTIVE_SUMMARY', 'CUSTOM');--> statement-breakpoint
CREATE TYPE "public"."attribution_type" AS ENUM('LAST_CLICK', 'FIRST_CLICK', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED', 'DATA_DRIVEN', 'CUSTOM');--> statement-breakpoint
CREATE TYPE "public"."budget_type" AS ENUM('DAILY', 'LIFETIME');--> statement-breakpoint
CREATE TYPE "public"."listening_source" AS ENUM('TWITTER', 'FACEBOOK', 'INSTAGRAM', 'LINKEDIN', 'TIKTOK', 'YOUTUBE', 'REDDIT', 'NEWS', 'BLOGS', 'FORUMS', 'REVIEWS');--> statement-breakpoint
CREATE TYPE "public"."platform_type" AS ENUM('META_ADS', 'GOOGLE_ADS', 'TIKTOK_ADS', 'LINKEDIN_ADS', 'TWITTER_ADS', 'SNAPCHAT_ADS', 'PINTEREST_ADS', 'DV360', 'META_INSIGHTS', 'TWITTER_ANALYTICS', 'LINKEDIN_ANALYTICS', 'TIKTOK_ANALYTICS', 'YOUTUBE_ANALYTICS', 'GOOGLE_ANALYTICS_4', 'ADOBE_ANALYTICS', 'MIXPANEL', 'AMPLITUDE', 'HOTJAR', 'BRANDWATCH', 'SPROUT_SOCIAL', 'HOOTSUITE', 'MELTWATER', 'MENTION', 'GOOGLE_SEARCH_CONSOLE', 'SEMRUSH', 'AHREFS', 'MOZ', 'MAILCHIMP', 'KLAVIYO', 'HUBSPOT', 'SALESFORCE', 'HUBSPOT_CRM', 'CUSTOM_API');--> statement-breakpoint
CREATE TYPE "public"."sentiment" AS ENUM('VERY_POSITIVE', 'POSITIVE', 'NEUTRAL', 'NEGATIVE', 'VERY_NEGATIVE');--> statement-breakpoint
CREATE TYPE "public"."campaign_member_status" AS ENUM('PENDING', 'SENT', 'OPENED', 'CLICKED', 'RESPONDED', 'CONVERTED', 'UNSUBSCRIBED', 'BOUNCED');--> statement-breakpoint
CREATE TYPE "public"."campaign_status" AS ENUM('DRAFT', 'PLANNED', 'ACTIVE', 'PAUSED', 'COMPLETED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."campaign_type" AS ENUM('BRAND_AWARENESS', 'LEAD_GENERATION', 'PRODUCT_LAUNCH', 'EVENT_PROMOTION', 'CONTENT_MARKETING', 'EMAIL_NURTURE', 'RETARGETING', 'SEASONAL', 'REFERRAL', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."contact_activity_type" AS ENUM('EMAIL_SENT', 'EMAIL_RECEIVED', 'EMAIL_OPENED', 'EMAIL_CLICKED', 'CALL_OUTBOUND', 'CALL_INBOUND', 'MEETING', 'NOTE', 'TASK_COMPLETED', 'DEAL_CREATED', 'DEAL_WON', 'DEAL_LOST', 'FORM_SUBMISSION', 'WEBSITE_VISIT', 'DOCUMENT_VIEWED', 'CAMPAIGN_ADDED', 'STATUS_CHANGED');--> statement-breakpoint
CREATE TYPE "public"."contact_list_type" AS ENUM('STATIC', 'DYNAMIC', 'SUPPRESSION');--> statement-breakpoint
CREATE TYPE "public"."contact_status" AS ENUM('ACTIVE', 'INACTIVE', 'UNSUBSCRIBED', 'BOUNCED', 'DO_NOT_CONTACT', 'ARCHIVED');--> statement-breakpoint
CREATE TYPE "public"."contact_type" AS ENUM('PROSPECT', 'LEAD', 'CUSTOMER', 'PARTNER', 'VENDOR', 'INFLUENCER', 'PRESS', 'INVESTOR', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."crm_task_status" AS ENUM('PENDING', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'DEFERRED');--> statement-breakpoint
CREATE TYPE "public"."crm_task_type" AS ENUM('TODO', 'CALL', 'EMAIL', 'MEETING', 'FOLLOW_UP', 'DEMO', 'PROPOSAL', 'CONTRACT', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."deal_activity_type" AS ENUM('CREATED', 'STAGE_CHANGED', 'AMOUNT_CHANGED', 'OWNER_CHANGED', 'CONTACT_ADDED', 'CONTACT_REMOVED', 'NOTE_ADDED', 'MEETING_SCHEDULED', 'PROPOSAL_SENT', 'WON', 'LOST', 'REOPENED');--> statement-breakpoint
CREATE TYPE "public"."deal_contact_role" AS ENUM('DECISION_MAKER', 'INFLUENCER', 'CHAMPION', 'BLOCKER', 'END_USER', 'PROCUREMENT', 'FINANCE', 'LEGAL', 'TECHNICAL');--> statement-breakpoint
CREATE TYPE "public"."email_campaign_status" AS ENUM('DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'PAUSED', 'CANCELLED', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."email_interaction_type" AS ENUM('SENT', 'DELIVERED', 'OPENED', 'CLICKED', 'UNSUBSCRIBED', 'BOUNCED', 'COMPLAINED');--> statement-breakpoint
CREATE TYPE "public"."email_recipient_status" AS ENUM('PENDING', 'SENT', 'DELIVERED', 'BOUNCED', 'OPENED', 'CLICKED', 'UNSUBSCRIBED', 'COMPLAINED');--> statement-breakpoint
CREATE TYPE "public"."lead_source" AS ENUM('WEBSITE', 'REFERRAL', 'SOCIAL', 'EMAIL', 'PAID_ADS', 'EVENT', 'COLD_OUTREACH', 'PARTNER', 'IMPORT', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."priority" AS ENUM('LOW', 'MEDIUM', 'HIGH', 'URGENT');--> statement-breakpoint
CREATE TYPE "public"."product_type" AS ENUM('SERVICE', 'RETAINER', 'PROJECT', 'HOURLY', 'LICENSE', 'PHYSICAL');--> statement-breakpoint
CREATE TYPE "public"."workflow_execution_status" AS ENUM('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."workflow_trigger" AS ENUM('RECORD_CREATED', 'RECORD_UPDATED', 'RECORD_DELETED', 'FIELD_CHANGED', 'DEAL_STAGE_CHANGED', 'DEAL_WON', 'DEAL_LOST', 'SCHEDULED', 'DATE_BASED', 'INACTIVITY', 'EMAIL_OPENED', 'EMAIL_CLICKED', 'EMAIL_REPLIED', 'MANUAL');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" "api_key_kind" DEFAULT 'SECRET' NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by_id" text,
	"last_used_at" timestamp (3) with time zone,
	"expires_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "briefs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"client_id" text,
	"project_id" text,
	"title" text NOT NULL,
	"description" text,
	"status" "brief_status" DEFAULT 'DRAFT' NOT NULL,
	"due_date" timestamp (3) with time zone,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"industry" text,
	"website" text,
	"logo_url" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clients_organization_id_slug_key" UNIQUE("organization_id","slug")
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" bigint NOT NULL,
	"storage_key" text NOT NULL,
	"checksum" text,
	"width" integer,
	"height" integer,
	"client_id" text,
	"project_id" text,
	"uploaded_by_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_schedules" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"cron" text NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"next_run_at" timestamp (3) with time zone NOT NULL,
	"last_run_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_schedules_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text,
	"name" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "job_status" DEFAULT 'QUEUED' NOT NULL,
	"run_at" timestamp (3) with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"last_error" text,
	"locked_by" text,
	"locked_until" timestamp (3) with time zone,
	"unique_key" text,
	"completed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_unique_key_unique" UNIQUE("unique_key")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" "membership_role" DEFAULT 'MEMBER' NOT NULL,
	"client_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_organization_id_user_id_key" UNIQUE("organization_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"default_locale" text DEFAULT 'en' NOT NULL,
	"locales" text[] DEFAULT '{en}'::text[] NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"client_id" text,
	"name" text NOT NULL,
	"description" text,
	"status" "project_status" DEFAULT 'ACTIVE' NOT NULL,
	"start_date" date,
	"end_date" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unified_activities" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"entity_title" text NOT NULL,
	"description" text,
	"metadata" jsonb,
	"client_id" text,
	"project_id" text,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"avatar_url" text,
	"external_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_organization_id_email_key" UNIQUE("organization_id","email"),
	CONSTRAINT "users_organization_id_external_id_key" UNIQUE("organization_id","external_id")
);
--> statement-breakpoint
CREATE TABLE "brief_content_links" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"brief_id" text NOT NULL,
	"content_entry_id" text NOT NULL,
	"link_type" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brief_content_links_brief_id_content_entry_id_key" UNIQUE("brief_id","content_entry_id")
);
--> statement-breakpoint
CREATE TABLE "content_blocks" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"block_type" text NOT NULL,
	"data" jsonb NOT NULL,
	"is_global" boolean DEFAULT false NOT NULL,
	"is_locked" boolean DEFAULT false NOT NULL,
	"used_in_entries" text[] DEFAULT '{}' NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_blocks_organization_id_slug_key" UNIQUE("organization_id","slug")
);
--> statement-breakpoint
CREATE TABLE "content_categories" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"parent_id" text,
	"icon" text,
	"color" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"depth" integer DEFAULT 0 NOT NULL,
	"path" text NOT NULL,
	"seo_title" text,
	"seo_description" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_categories_organization_id_slug_key" UNIQUE("organization_id","slug")
);
--> statement-breakpoint
CREATE TABLE "content_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"parent_id" text,
	"content" text NOT NULL,
	"author_id" text NOT NULL,
	"field_name" text,
	"selection" jsonb,
	"is_resolved" boolean DEFAULT false NOT NULL,
	"resolved_by_id" text,
	"resolved_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"content_type_id" text NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"data" jsonb NOT NULL,
	"plain_text" text,
	"locale" text DEFAULT 'en' NOT NULL,
	"status" "content_status" DEFAULT 'DRAFT' NOT NULL,
	"published_at" timestamp (3) with time zone,
	"scheduled_for" timestamp (3) with time zone,
	"expires_at" timestamp (3) with time zone,
	"seo_title" text,
	"seo_description" text,
	"seo_keywords" text[] DEFAULT '{}' NOT NULL,
	"canonical_url" text,
	"no_index" boolean DEFAULT false NOT NULL,
	"og_title" text,
	"og_description" text,
	"og_image_id" text,
	"created_by_id" text NOT NULL,
	"last_edited_by_id" text,
	"published_by_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"client_id" text,
	"project_id" text,
	CONSTRAINT "content_entries_organization_id_content_type_id_slug_locale_key" UNIQUE("organization_id","content_type_id","slug","locale")
);
--> statement-breakpoint
CREATE TABLE "content_entry_categories" (
	"organization_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"category_id" text NOT NULL,
	CONSTRAINT "content_entry_categories_entry_id_category_id_pk" PRIMARY KEY("entry_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "content_entry_tags" (
	"organization_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"tag_id" text NOT NULL,
	CONSTRAINT "content_entry_tags_entry_id_tag_id_pk" PRIMARY KEY("entry_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "content_localizations" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"locale" text NOT NULL,
	"data" jsonb NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"status" "localization_status" DEFAULT 'PENDING' NOT NULL,
	"translated_by_id" text,
	"translated_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_localizations_entry_id_locale_key" UNIQUE("entry_id","locale")
);
--> statement-breakpoint
CREATE TABLE "content_media" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"file_id" text NOT NULL,
	"field_name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"caption" text,
	"alt_text" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"stage_name" text NOT NULL,
	"stage_order" integer NOT NULL,
	"assigned_to_id" text,
	"assigned_to_type" text DEFAULT 'user' NOT NULL,
	"status" "revision_status" DEFAULT 'PENDING' NOT NULL,
	"reviewed_by_id" text,
	"feedback" text,
	"reviewed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"due_date" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "content_tags" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"color" text DEFAULT '#6B7280',
	"description" text,
	"usage_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_tags_organization_id_slug_key" UNIQUE("organization_id","slug")
);
--> statement-breakpoint
CREATE TABLE "content_types" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"icon" text,
	"schema" jsonb NOT NULL,
	"title_field" text DEFAULT 'title' NOT NULL,
	"preview_url" text,
	"workflow_id" text,
	"enable_versioning" boolean DEFAULT true NOT NULL,
	"max_versions" integer DEFAULT 50 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_system" boolean DEFAULT false NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_types_organization_id_slug_key" UNIQUE("organization_id","slug")
);
--> statement-breakpoint
CREATE TABLE "content_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"version_number" integer NOT NULL,
	"data" jsonb NOT NULL,
	"title" text NOT NULL,
	"change_note" text,
	"changed_fields" text[] DEFAULT '{}' NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"is_restored" boolean DEFAULT false NOT NULL,
	"restored_from_id" text,
	CONSTRAINT "content_versions_entry_id_version_number_key" UNIQUE("entry_id","version_number")
);
--> statement-breakpoint
CREATE TABLE "content_workflows" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"stages" jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "page_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"thumbnail" text,
	"structure" jsonb NOT NULL,
	"defaults" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"content_type_id" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "page_templates_organization_id_slug_key" UNIQUE("organization_id","slug")
);
--> statement-breakpoint
CREATE TABLE "publish_schedules" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"action" "publish_action" NOT NULL,
	"scheduled_for" timestamp (3) with time zone NOT NULL,
	"status" "schedule_status" DEFAULT 'PENDING' NOT NULL,
	"executed_at" timestamp (3) with time zone,
	"error" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_collection_items" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"collection_id" text NOT NULL,
	"asset_id" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"note" text,
	"added_by_id" text NOT NULL,
	"added_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_collection_items_collection_id_asset_id_key" UNIQUE("collection_id","asset_id")
);
--> statement-breakpoint
CREATE TABLE "asset_collections" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"cover_image_id" text,
	"collection_type" "collection_type" DEFAULT 'MANUAL' NOT NULL,
	"smart_rules" jsonb,
	"is_public" boolean DEFAULT false NOT NULL,
	"share_token" text,
	"share_expires_at" timestamp (3) with time zone,
	"share_password" text,
	"allow_download" boolean DEFAULT true NOT NULL,
	"allow_comments" boolean DEFAULT true NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_collections_share_token_key" UNIQUE("share_token"),
	CONSTRAINT "asset_collections_organization_id_slug_key" UNIQUE("organization_id","slug")
);
--> statement-breakpoint
CREATE TABLE "asset_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"asset_id" text NOT NULL,
	"parent_id" text,
	"content" text NOT NULL,
	"author_id" text NOT NULL,
	"author_type" text DEFAULT 'user' NOT NULL,
	"annotation" jsonb,
	"is_resolved" boolean DEFAULT false NOT NULL,
	"resolved_by_id" text,
	"resolved_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_folders" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"library_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"color" text,
	"parent_id" text,
	"path" text NOT NULL,
	"depth" integer DEFAULT 0 NOT NULL,
	"default_metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_folders_library_id_path_key" UNIQUE("library_id","path")
);
--> statement-breakpoint
CREATE TABLE "asset_libraries" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"library_type" "library_type" DEFAULT 'GENERAL' NOT NULL,
	"cover_image_id" text,
	"visibility" "library_visibility" DEFAULT 'INTERNAL' NOT NULL,
	"allowed_user_ids" text[] DEFAULT '{}' NOT NULL,
	"allowed_roles" text[] DEFAULT '{}' NOT NULL,
	"client_id" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_libraries_organization_id_slug_key" UNIQUE("organization_id","slug")
);
--> statement-breakpoint
CREATE TABLE "asset_links" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"asset_id" text NOT NULL,
	"token" text NOT NULL,
	"allow_download" boolean DEFAULT true NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"password" text,
	"max_downloads" integer,
	"download_count" integer DEFAULT 0 NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_links_token_key" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "asset_renditions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"asset_id" text NOT NULL,
	"rendition_type" "rendition_type" NOT NULL,
	"file_id" text NOT NULL,
	"width" integer,
	"height" integer,
	"quality" integer,
	"format" text,
	"duration" integer,
	"start_time" integer,
	"status" "rendition_status" DEFAULT 'PENDING' NOT NULL,
	"error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_renditions_asset_id_rendition_type_key" UNIQUE("asset_id","rendition_type")
);
--> statement-breakpoint
CREATE TABLE "asset_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"asset_id" text NOT NULL,
	"version_number" integer NOT NULL,
	"file_id" text NOT NULL,
	"change_note" text,
	"change_type" "version_change_type" DEFAULT 'UPDATE' NOT NULL,
	"diff_metadata" jsonb,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"is_current_version" boolean DEFAULT false NOT NULL,
	CONSTRAINT "asset_versions_asset_id_version_number_key" UNIQUE("asset_id","version_number")
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"library_id" text NOT NULL,
	"folder_id" text,
	"file_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"asset_type" "asset_type" NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ai_metadata" jsonb,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"category_id" text,
	"status" "asset_status" DEFAULT 'PENDING' NOT NULL,
	"approved_by_id" text,
	"approved_at" timestamp (3) with time zone,
	"download_count" integer DEFAULT 0 NOT NULL,
	"last_downloaded_at" timestamp (3) with time zone,
	"used_in_briefs" text[] DEFAULT '{}' NOT NULL,
	"used_in_content" text[] DEFAULT '{}' NOT NULL,
	"license" "license_type",
	"license_details" jsonb,
	"expires_at" timestamp (3) with time zone,
	"copyright_holder" text,
	"copyright_year" integer,
	"usage_rights" text,
	"source_type" "asset_source_type" DEFAULT 'UPLOAD' NOT NULL,
	"source_url" text,
	"external_id" text,
	"created_by_id" text NOT NULL,
	"last_edited_by_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assets_file_id_key" UNIQUE("file_id"),
	CONSTRAINT "assets_organization_id_library_id_slug_key" UNIQUE("organization_id","library_id","slug")
);
--> statement-breakpoint
CREATE TABLE "brief_asset_links" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"brief_id" text NOT NULL,
	"asset_id" text NOT NULL,
	"link_type" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brief_asset_links_brief_id_asset_id_key" UNIQUE("brief_id","asset_id")
);
--> statement-breakpoint
CREATE TABLE "collection_shares" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"collection_id" text NOT NULL,
	"email" text,
	"client_contact_id" text,
	"access_level" "share_access_level" DEFAULT 'VIEW' NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"last_accessed_at" timestamp (3) with time zone,
	"access_count" integer DEFAULT 0 NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ad_campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"platform_id" text NOT NULL,
	"external_id" text NOT NULL,
	"external_account_id" text,
	"name" text NOT NULL,
	"status" "ad_campaign_status" NOT NULL,
	"objective" text,
	"budget_type" "budget_type",
	"daily_budget" numeric(12, 2),
	"lifetime_budget" numeric(12, 2),
	"currency" text DEFAULT 'USD' NOT NULL,
	"start_date" timestamp (3) with time zone,
	"end_date" timestamp (3) with time zone,
	"targeting_summary" jsonb,
	"client_id" text,
	"project_id" text,
	"brief_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_synced_at" timestamp (3) with time zone,
	CONSTRAINT "ad_campaigns_platform_id_external_id_key" UNIQUE("platform_id","external_id")
);
--> statement-breakpoint
CREATE TABLE "ad_metrics" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"ad_id" text NOT NULL,
	"date" date NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"reach" bigint DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"spend" numeric(12, 2) DEFAULT '0' NOT NULL,
	"custom_metrics" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ad_metrics_ad_id_date_key" UNIQUE("ad_id","date")
);
--> statement-breakpoint
CREATE TABLE "ad_set_metrics" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"ad_set_id" text NOT NULL,
	"date" date NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"reach" bigint DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"spend" numeric(12, 2) DEFAULT '0' NOT NULL,
	"custom_metrics" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ad_set_metrics_ad_set_id_date_key" UNIQUE("ad_set_id","date")
);
--> statement-breakpoint
CREATE TABLE "ad_sets" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"targeting" jsonb,
	"daily_budget" numeric(12, 2),
	"lifetime_budget" numeric(12, 2),
	"bid_strategy" text,
	"bid_amount" numeric(12, 4),
	"start_date" timestamp (3) with time zone,
	"end_date" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ad_sets_campaign_id_external_id_key" UNIQUE("campaign_id","external_id")
);
--> statement-breakpoint
CREATE TABLE "ads" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"ad_set_id" text NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"format" "ad_format",
	"headline" text,
	"body" text,
	"call_to_action" text,
	"destination_url" text,
	"media_type" text,
	"media_urls" text[] DEFAULT '{}' NOT NULL,
	"thumbnail_url" text,
	"tracking_pixels" text[] DEFAULT '{}' NOT NULL,
	"utm_params" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ads_ad_set_id_external_id_key" UNIQUE("ad_set_id","external_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_platforms" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"platform" "platform_type" NOT NULL,
	"name" text NOT NULL,
	"credentials" jsonb NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"token_expires_at" timestamp (3) with time zone,
	"account_id" text,
	"account_name" text,
	"client_id" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"sync_enabled" boolean DEFAULT true NOT NULL,
	"sync_frequency" integer DEFAULT 60 NOT NULL,
	"last_sync_at" timestamp (3) with time zone,
	"last_sync_status" text,
	"last_sync_error" text,
	"data_retention_days" integer DEFAULT 365 NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_platforms_organization_id_platform_account_id_key" UNIQUE NULLS NOT DISTINCT("organization_id","platform","account_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"report_type" "analytics_report_type" NOT NULL,
	"config" jsonb NOT NULL,
	"schedule" text,
	"recipients" text[] DEFAULT '{}' NOT NULL,
	"format" text DEFAULT 'pdf' NOT NULL,
	"last_generated_at" timestamp (3) with time zone,
	"next_generated_at" timestamp (3) with time zone,
	"is_public" boolean DEFAULT false NOT NULL,
	"share_token" text,
	"client_id" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_reports_share_token_key" UNIQUE("share_token")
);
--> statement-breakpoint
CREATE TABLE "attribution_models" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"model_type" "attribution_type" NOT NULL,
	"custom_weights" jsonb,
	"lookback_days" integer DEFAULT 30 NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attribution_results" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"model_id" text NOT NULL,
	"client_id" text,
	"period_start" timestamp (3) with time zone NOT NULL,
	"period_end" timestamp (3) with time zone NOT NULL,
	"channel_results" jsonb NOT NULL,
	"path_analysis" jsonb,
	"generated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_metrics" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"date" date NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"reach" bigint DEFAULT 0 NOT NULL,
	"frequency" numeric(8, 2),
	"clicks" integer DEFAULT 0 NOT NULL,
	"ctr" numeric(8, 4),
	"video_views" integer DEFAULT 0 NOT NULL,
	"video_views25" integer DEFAULT 0 NOT NULL,
	"video_views50" integer DEFAULT 0 NOT NULL,
	"video_views75" integer DEFAULT 0 NOT NULL,
	"video_views100" integer DEFAULT 0 NOT NULL,
	"video_avg_watch_time" numeric(8, 2),
	"likes" integer DEFAULT 0 NOT NULL,
	"comments" integer DEFAULT 0 NOT NULL,
	"shares" integer DEFAULT 0 NOT NULL,
	"saves" integer DEFAULT 0 NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"conversion_value" numeric(14, 2),
	"leads" integer DEFAULT 0 NOT NULL,
	"purchases" integer DEFAULT 0 NOT NULL,
	"purchase_value" numeric(14, 2),
	"spend" numeric(12, 2) DEFAULT '0' NOT NULL,
	"cpm" numeric(10, 4),
	"cpc" numeric(10, 4),
	"cpa" numeric(10, 4),
	"roas" numeric(10, 4),
	"custom_metrics" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_metrics_campaign_id_date_key" UNIQUE("campaign_id","date")
);
--> statement-breakpoint
CREATE TABLE "listening_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"query_id" text NOT NULL,
	"alert_type" "alert_type" NOT NULL,
	"severity" "alert_severity" NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"trigger_data" jsonb NOT NULL,
	"status" "alert_status" DEFAULT 'NEW' NOT NULL,
	"acknowledged_by_id" text,
	"acknowledged_at" timestamp (3) with time zone,
	"resolved_by_id" text,
	"resolved_at" timestamp (3) with time zone,
	"resolution_notes" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listening_queries" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"hashtags" text[] DEFAULT '{}' NOT NULL,
	"mentions" text[] DEFAULT '{}' NOT NULL,
	"exclude_keywords" text[] DEFAULT '{}' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"locations" text[] DEFAULT '{}' NOT NULL,
	"sources" "listening_source"[] DEFAULT '{}' NOT NULL,
	"client_id" text,
	"brand_id" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listening_summaries" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"query_id" text NOT NULL,
	"period" text NOT NULL,
	"period_start" timestamp (3) with time zone NOT NULL,
	"period_end" timestamp (3) with time zone NOT NULL,
	"total_mentions" integer DEFAULT 0 NOT NULL,
	"unique_authors" integer DEFAULT 0 NOT NULL,
	"total_reach" bigint DEFAULT 0 NOT NULL,
	"total_engagement" integer DEFAULT 0 NOT NULL,
	"sentiment_positive" integer DEFAULT 0 NOT NULL,
	"sentiment_neutral" integer DEFAULT 0 NOT NULL,
	"sentiment_negative" integer DEFAULT 0 NOT NULL,
	"avg_sentiment_score" numeric(5, 4),
	"top_mentions" jsonb,
	"top_authors" jsonb,
	"top_topics" jsonb,
	"top_hashtags" jsonb,
	"volume_change" numeric(8, 2),
	"sentiment_change" numeric(8, 2),
	"by_source" jsonb,
	"generated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "listening_summaries_query_id_period_period_start_key" UNIQUE("query_id","period","period_start")
);
--> statement-breakpoint
CREATE TABLE "platform_metrics" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"platform_id" text NOT NULL,
	"date" date NOT NULL,
	"metric_type" text NOT NULL,
	"dimension" text,
	"dimension_value" text,
	"value" numeric(18, 4) NOT NULL,
	"previous_value" numeric(18, 4),
	"change_percent" numeric(8, 2),
	"metadata" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_metrics_platform_id_date_metric_type_dimens_cc97b3_key" UNIQUE NULLS NOT DISTINCT("platform_id","date","metric_type","dimension","dimension_value")
);
--> statement-breakpoint
CREATE TABLE "platform_sync_logs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"platform_id" text NOT NULL,
	"sync_type" text NOT NULL,
	"status" text NOT NULL,
	"records_processed" integer DEFAULT 0 NOT NULL,
	"records_failed" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"duration" integer,
	"error" text,
	"error_details" jsonb
);
--> statement-breakpoint
CREATE TABLE "report_snapshots" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"report_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"pdf_url" text,
	"excel_url" text,
	"period_start" timestamp (3) with time zone NOT NULL,
	"period_end" timestamp (3) with time zone NOT NULL,
	"generated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "social_mentions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"query_id" text NOT NULL,
	"source" "listening_source" NOT NULL,
	"source_id" text NOT NULL,
	"source_url" text,
	"author_handle" text,
	"author_name" text,
	"author_followers" integer,
	"author_verified" boolean DEFAULT false NOT NULL,
	"author_avatar_url" text,
	"content" text NOT NULL,
	"content_language" text,
	"media_type" text,
	"media_urls" text[] DEFAULT '{}' NOT NULL,
	"likes" integer DEFAULT 0 NOT NULL,
	"comments" integer DEFAULT 0 NOT NULL,
	"shares" integer DEFAULT 0 NOT NULL,
	"reach" integer,
	"sentiment" "sentiment",
	"sentiment_score" numeric(5, 4),
	"emotions" jsonb,
	"topics" text[] DEFAULT '{}' NOT NULL,
	"entities" jsonb,
	"is_influencer" boolean DEFAULT false NOT NULL,
	"is_spam" boolean DEFAULT false NOT NULL,
	"requires_response" boolean DEFAULT false NOT NULL,
	"responded_at" timestamp (3) with time zone,
	"responded_by_id" text,
	"response_url" text,
	"published_at" timestamp (3) with time zone NOT NULL,
	"captured_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "social_mentions_source_source_id_key" UNIQUE("source","source_id")
);
--> statement-breakpoint
CREATE TABLE "web_conversions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"property_id" text NOT NULL,
	"date" date NOT NULL,
	"goal_name" text NOT NULL,
	"goal_id" text,
	"completions" integer DEFAULT 0 NOT NULL,
	"value" numeric(14, 2),
	"conversion_rate" numeric(5, 4),
	"source_medium" text,
	"campaign" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "web_conversions_property_id_date_goal_name_source_me_ab7546_key" UNIQUE NULLS NOT DISTINCT("property_id","date","goal_name","source_medium","campaign")
);
--> statement-breakpoint
CREATE TABLE "web_event_metrics" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"property_id" text NOT NULL,
	"date" date NOT NULL,
	"event_name" text NOT NULL,
	"event_category" text,
	"event_action" text,
	"event_label" text,
	"event_count" integer DEFAULT 0 NOT NULL,
	"unique_events" integer DEFAULT 0 NOT NULL,
	"total_value" numeric(14, 2),
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "web_event_metrics_property_id_date_event_name_event__767cc6_key" UNIQUE NULLS NOT DISTINCT("property_id","date","event_name","event_category","event_action","event_label")
);
--> statement-breakpoint
CREATE TABLE "web_page_metrics" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"property_id" text NOT NULL,
	"date" date NOT NULL,
	"page_path" text NOT NULL,
	"page_title" text,
	"pageviews" integer DEFAULT 0 NOT NULL,
	"unique_pageviews" integer DEFAULT 0 NOT NULL,
	"avg_time_on_page" numeric(10, 2),
	"bounce_rate" numeric(5, 2),
	"exit_rate" numeric(5, 2),
	"scroll_depth25" integer DEFAULT 0 NOT NULL,
	"scroll_depth50" integer DEFAULT 0 NOT NULL,
	"scroll_depth75" integer DEFAULT 0 NOT NULL,
	"scroll_depth100" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "web_page_metrics_property_id_date_page_path_key" UNIQUE("property_id","date","page_path")
);
--> statement-breakpoint
CREATE TABLE "web_properties" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"domain" text NOT NULL,
	"platform_id" text,
	"property_id" text,
	"client_id" text,
	"tracking_enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "web_properties_organization_id_domain_key" UNIQUE("organization_id","domain")
);
--> statement-breakpoint
CREATE TABLE "web_session_aggregates" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"property_id" text NOT NULL,
	"date" date NOT NULL,
	"dimension_type" text NOT NULL,
	"dimension_value" text NOT NULL,
	"sessions" integer DEFAULT 0 NOT NULL,
	"users" integer DEFAULT 0 NOT NULL,
	"new_users" integer DEFAULT 0 NOT NULL,
	"pageviews" integer DEFAULT 0 NOT NULL,
	"avg_session_duration" numeric(10, 2),
	"bounce_rate" numeric(5, 2),
	"pages_per_session" numeric(6, 2),
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "web_session_aggregates_property_id_date_dimension_ty_d1bfba_key" UNIQUE("property_id","date","dimension_type","dimension_value")
);
--> statement-breakpoint
CREATE TABLE "ad_campaign_crm_links" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"ad_campaign_id" text NOT NULL,
	"crm_campaign_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ad_campaign_crm_links_ad_campaign_id_crm_campaign_id_key" UNIQUE("ad_campaign_id","crm_campaign_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_activities" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"activity_type" text NOT NULL,
	"description" text NOT NULL,
	"performed_by_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_assets" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"asset_id" text NOT NULL,
	"asset_type" text NOT NULL,
	"name" text NOT NULL,
	"added_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_brief_links" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"brief_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_brief_links_campaign_id_brief_id_key" UNIQUE("campaign_id","brief_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_members" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"member_status" "campaign_member_status" DEFAULT 'SENT' NOT NULL,
	"responded_at" timestamp (3) with time zone,
	"response_type" text,
	"converted_at" timestamp (3) with time zone,
	"converted_deal_id" text,
	"added_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"added_by_id" text,
	CONSTRAINT "campaign_members_campaign_id_contact_id_key" UNIQUE("campaign_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"campaign_type" "campaign_type" NOT NULL,
	"channels" text[] DEFAULT '{}' NOT NULL,
	"status" "campaign_status" DEFAULT 'DRAFT' NOT NULL,
	"start_date" timestamp (3) with time zone,
	"end_date" timestamp (3) with time zone,
	"budget_amount" numeric(12, 2),
	"budget_currency" text DEFAULT 'USD' NOT NULL,
	"actual_spend" numeric(12, 2),
	"goals" jsonb,
	"client_id" text,
	"owner_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"launched_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "competitors" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"website" text,
	"description" text,
	"strengths" text[] DEFAULT '{}' NOT NULL,
	"weaknesses" text[] DEFAULT '{}' NOT NULL,
	"market_position" text,
	"price_position" text,
	"notes" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "competitors_organization_id_name_key" UNIQUE("organization_id","name")
);
--> statement-breakpoint
CREATE TABLE "contact_activities" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"activity_type" "contact_activity_type" NOT NULL,
	"subject" text NOT NULL,
	"description" text,
	"deal_id" text,
	"campaign_id" text,
	"scheduled_at" timestamp (3) with time zone,
	"duration" integer,
	"outcome" text,
	"email_id" text,
	"performed_by_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_form_submissions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"form_id" text NOT NULL,
	"form_name" text NOT NULL,
	"data" jsonb NOT NULL,
	"source_url" text,
	"utm_source" text,
	"utm_medium" text,
	"utm_campaign" text,
	"submitted_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_list_members" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"list_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"added_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"added_by_id" text,
	"source" text,
	CONSTRAINT "contact_list_members_list_id_contact_id_key" UNIQUE("list_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "contact_lists" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"list_type" "contact_list_type" DEFAULT 'STATIC' NOT NULL,
	"segment_rules" jsonb,
	"member_count" integer DEFAULT 0 NOT NULL,
	"last_updated_at" timestamp (3) with time zone,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"content" text NOT NULL,
	"is_pinned" boolean DEFAULT false NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text,
	"phone" text,
	"mobile" text,
	"job_title" text,
	"department" text,
	"company_name" text,
	"company_id" text,
	"linked_in" text,
	"twitter" text,
	"instagram" text,
	"avatar_url" text,
	"address_line1" text,
	"address_line2" text,
	"city" text,
	"state" text,
	"postal_code" text,
	"country" text,
	"contact_type" "contact_type" DEFAULT 'PROSPECT' NOT NULL,
	"status" "contact_status" DEFAULT 'ACTIVE' NOT NULL,
	"source" "lead_source",
	"lead_score" integer DEFAULT 0 NOT NULL,
	"engagement_score" integer DEFAULT 0 NOT NULL,
	"last_score_update" timestamp (3) with time zone,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"owner_id" text,
	"marketing_consent" boolean DEFAULT false NOT NULL,
	"marketing_consent_date" timestamp (3) with time zone,
	"data_processing_consent" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_contacted_at" timestamp (3) with time zone,
	CONSTRAINT "contacts_organization_id_email_key" UNIQUE NULLS NOT DISTINCT("organization_id","email")
);
--> statement-breakpoint
CREATE TABLE "crm_deals" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"pipeline_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"stage_id" text NOT NULL,
	"probability" integer,
	"amount" numeric(14, 2),
	"currency" text DEFAULT 'USD' NOT NULL,
	"is_recurring" boolean DEFAULT false NOT NULL,
	"recurring_period" text,
	"mrr" numeric(12, 2),
	"expected_close_date" timestamp (3) with time zone,
	"actual_close_date" timestamp (3) with time zone,
	"client_id" text,
	"primary_contact_id" text,
	"owner_id" text NOT NULL,
	"lost_reason" text,
	"lost_reason_details" text,
	"competitor_id" text,
	"source" "lead_source",
	"source_details" text,
	"campaign_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "crm_tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"task_type" "crm_task_type" DEFAULT 'TODO' NOT NULL,
	"priority" "priority" DEFAULT 'MEDIUM' NOT NULL,
	"status" "crm_task_status" DEFAULT 'PENDING' NOT NULL,
	"due_date" timestamp (3) with time zone,
	"reminder_at" timestamp (3) with time zone,
	"contact_id" text,
	"deal_id" text,
	"assigned_to_id" text NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"completed_by_id" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crm_workflows" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"trigger_type" "workflow_trigger" NOT NULL,
	"trigger_config" jsonb NOT NULL,
	"conditions" jsonb,
	"actions" jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"run_count" integer DEFAULT 0 NOT NULL,
	"last_run_at" timestamp (3) with time zone,
	"last_error" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_activities" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"deal_id" text NOT NULL,
	"activity_type" "deal_activity_type" NOT NULL,
	"subject" text NOT NULL,
	"description" text,
	"old_value" text,
	"new_value" text,
	"performed_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_competitors" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"deal_id" text NOT NULL,
	"competitor_id" text NOT NULL,
	"name" text NOT NULL,
	"strengths_weaknesses" text,
	"pricing" text,
	"status" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_contacts" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"deal_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"role" "deal_contact_role" DEFAULT 'INFLUENCER' NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"added_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_contacts_deal_id_contact_id_key" UNIQUE("deal_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "deal_products" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"deal_id" text NOT NULL,
	"product_id" text,
	"name" text NOT NULL,
	"description" text,
	"quantity" numeric(10, 2) DEFAULT '1' NOT NULL,
	"unit_price" numeric(12, 2) NOT NULL,
	"discount" numeric(5, 2) DEFAULT '0' NOT NULL,
	"total" numeric(14, 2) NOT NULL,
	"is_recurring" boolean DEFAULT false NOT NULL,
	"billing_period" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_stage_history" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"deal_id" text NOT NULL,
	"from_stage_id" text,
	"to_stage_id" text NOT NULL,
	"days_in_stage" integer,
	"changed_by_id" text NOT NULL,
	"changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"campaign_id" text,
	"name" text NOT NULL,
	"subject" text NOT NULL,
	"preview_text" text,
	"html_content" text,
	"plain_text_content" text,
	"template_id" text,
	"from_name" text NOT NULL,
	"from_email" text NOT NULL,
	"reply_to" text,
	"list_id" text,
	"segment_rules" jsonb,
	"recipient_count" integer DEFAULT 0 NOT NULL,
	"status" "email_campaign_status" DEFAULT 'DRAFT' NOT NULL,
	"scheduled_at" timestamp (3) with time zone,
	"sent_at" timestamp (3) with time zone,
	"delivered" integer DEFAULT 0 NOT NULL,
	"bounced" integer DEFAULT 0 NOT NULL,
	"opened" integer DEFAULT 0 NOT NULL,
	"unique_opens" integer DEFAULT 0 NOT NULL,
	"clicked" integer DEFAULT 0 NOT NULL,
	"unique_clicks" integer DEFAULT 0 NOT NULL,
	"unsubscribed" integer DEFAULT 0 NOT NULL,
	"complained" integer DEFAULT 0 NOT NULL,
	"is_ab_test" boolean DEFAULT false NOT NULL,
	"ab_test_config" jsonb,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_interactions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"email_campaign_id" text,
	"subject" text NOT NULL,
	"interaction_type" "email_interaction_type" NOT NULL,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"link_url" text,
	"user_agent" text,
	"ip_address" text
);
--> statement-breakpoint
CREATE TABLE "email_links" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"email_campaign_id" text NOT NULL,
	"original_url" text NOT NULL,
	"tracking_url" text NOT NULL,
	"click_count" integer DEFAULT 0 NOT NULL,
	"unique_clicks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "email_links_tracking_url_key" UNIQUE("tracking_url")
);
--> statement-breakpoint
CREATE TABLE "email_recipients" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"email_campaign_id" text NOT NULL,
	"contact_id" text,
	"email" text NOT NULL,
	"merge_data" jsonb,
	"status" "email_recipient_status" DEFAULT 'PENDING' NOT NULL,
	"sent_at" timestamp (3) with time zone,
	"delivered_at" timestamp (3) with time zone,
	"bounced_at" timestamp (3) with time zone,
	"bounce_type" text,
	"opened_at" timestamp (3) with time zone,
	"open_count" integer DEFAULT 0 NOT NULL,
	"clicked_at" timestamp (3) with time zone,
	"click_count" integer DEFAULT 0 NOT NULL,
	"unsubscribed_at" timestamp (3) with time zone,
	"complained_at" timestamp (3) with time zone,
	CONSTRAINT "email_recipients_email_campaign_id_email_key" UNIQUE("email_campaign_id","email")
);
--> statement-breakpoint
CREATE TABLE "email_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"html_content" text NOT NULL,
	"plain_text_content" text,
	"category" text,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"thumbnail_url" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_scoring_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"condition" jsonb NOT NULL,
	"score_change" integer NOT NULL,
	"category" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"description" text,
	"unit_price" numeric(12, 2) NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"product_type" "product_type" DEFAULT 'SERVICE' NOT NULL,
	"is_recurring" boolean DEFAULT false NOT NULL,
	"billing_period" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_organization_id_code_key" UNIQUE("organization_id","code")
);
--> statement-breakpoint
CREATE TABLE "sales_pipelines" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"stages" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"default_currency" text DEFAULT 'USD' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_executions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"triggered_by" text NOT NULL,
	"trigger_type" text NOT NULL,
	"status" "workflow_execution_status" DEFAULT 'PENDING' NOT NULL,
	"started_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"actions_executed" integer DEFAULT 0 NOT NULL,
	"actions_failed" integer DEFAULT 0 NOT NULL,
	"logs" jsonb,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_schedules" ADD CONSTRAINT "job_schedules_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unified_activities" ADD CONSTRAINT "unified_activities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_content_links" ADD CONSTRAINT "brief_content_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_content_links" ADD CONSTRAINT "brief_content_links_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_content_links" ADD CONSTRAINT "brief_content_links_content_entry_id_content_entries_id_fk" FOREIGN KEY ("content_entry_id") REFERENCES "public"."content_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_blocks" ADD CONSTRAINT "content_blocks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_categories" ADD CONSTRAINT "content_categories_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_categories" ADD CONSTRAINT "content_categories_parent_id_content_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."content_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_comments" ADD CONSTRAINT "content_comments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_comments" ADD CONSTRAINT "content_comments_entry_id_content_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."content_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_comments" ADD CONSTRAINT "content_comments_parent_id_content_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."content_comments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_entries" ADD CONSTRAINT "content_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_entries" ADD CONSTRAINT "content_entries_content_type_id_content_types_id_fk" FOREIGN KEY ("content_type_id") REFERENCES "public"."content_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_entries" ADD CONSTRAINT "content_entries_og_image_id_files_id_fk" FOREIGN KEY ("og_image_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_entries" ADD CONSTRAINT "content_entries_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_entries" ADD CONSTRAINT "content_entries_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_entry_categories" ADD CONSTRAINT "content_entry_categories_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_entry_categories" ADD CONSTRAINT "content_entry_categories_entry_id_content_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."content_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_entry_categories" ADD CONSTRAINT "content_entry_categories_category_id_content_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."content_categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_entry_tags" ADD CONSTRAINT "content_entry_tags_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_entry_tags" ADD CONSTRAINT "content_entry_tags_entry_id_content_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."content_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_entry_tags" ADD CONSTRAINT "content_entry_tags_tag_id_content_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."content_tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_localizations" ADD CONSTRAINT "content_localizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_localizations" ADD CONSTRAINT "content_localizations_entry_id_content_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."content_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_media" ADD CONSTRAINT "content_media_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_media" ADD CONSTRAINT "content_media_entry_id_content_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."content_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_media" ADD CONSTRAINT "content_media_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_revisions" ADD CONSTRAINT "content_revisions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_revisions" ADD CONSTRAINT "content_revisions_entry_id_content_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."content_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_tags" ADD CONSTRAINT "content_tags_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_types" ADD CONSTRAINT "content_types_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_types" ADD CONSTRAINT "content_types_workflow_id_content_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."content_workflows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_versions" ADD CONSTRAINT "content_versions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_versions" ADD CONSTRAINT "content_versions_entry_id_content_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."content_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_workflows" ADD CONSTRAINT "content_workflows_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_templates" ADD CONSTRAINT "page_templates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_templates" ADD CONSTRAINT "page_templates_content_type_id_content_types_id_fk" FOREIGN KEY ("content_type_id") REFERENCES "public"."content_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publish_schedules" ADD CONSTRAINT "publish_schedules_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publish_schedules" ADD CONSTRAINT "publish_schedules_entry_id_content_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."content_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_collection_items" ADD CONSTRAINT "asset_collection_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_collection_items" ADD CONSTRAINT "asset_collection_items_collection_id_asset_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."asset_collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_collection_items" ADD CONSTRAINT "asset_collection_items_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_collections" ADD CONSTRAINT "asset_collections_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_comments" ADD CONSTRAINT "asset_comments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_comments" ADD CONSTRAINT "asset_comments_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_comments" ADD CONSTRAINT "asset_comments_parent_id_asset_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."asset_comments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_folders" ADD CONSTRAINT "asset_folders_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_folders" ADD CONSTRAINT "asset_folders_library_id_asset_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."asset_libraries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_folders" ADD CONSTRAINT "asset_folders_parent_id_asset_folders_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."asset_folders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_libraries" ADD CONSTRAINT "asset_libraries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_libraries" ADD CONSTRAINT "asset_libraries_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_links" ADD CONSTRAINT "asset_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_links" ADD CONSTRAINT "asset_links_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_renditions" ADD CONSTRAINT "asset_renditions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_renditions" ADD CONSTRAINT "asset_renditions_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_renditions" ADD CONSTRAINT "asset_renditions_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_versions" ADD CONSTRAINT "asset_versions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_versions" ADD CONSTRAINT "asset_versions_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_versions" ADD CONSTRAINT "asset_versions_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_library_id_asset_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."asset_libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_folder_id_asset_folders_id_fk" FOREIGN KEY ("folder_id") REFERENCES "public"."asset_folders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_asset_links" ADD CONSTRAINT "brief_asset_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_asset_links" ADD CONSTRAINT "brief_asset_links_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_asset_links" ADD CONSTRAINT "brief_asset_links_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_shares" ADD CONSTRAINT "collection_shares_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_shares" ADD CONSTRAINT "collection_shares_collection_id_asset_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."asset_collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_campaigns" ADD CONSTRAINT "ad_campaigns_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_campaigns" ADD CONSTRAINT "ad_campaigns_platform_id_analytics_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."analytics_platforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_campaigns" ADD CONSTRAINT "ad_campaigns_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_campaigns" ADD CONSTRAINT "ad_campaigns_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_campaigns" ADD CONSTRAINT "ad_campaigns_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_metrics" ADD CONSTRAINT "ad_metrics_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_metrics" ADD CONSTRAINT "ad_metrics_ad_id_ads_id_fk" FOREIGN KEY ("ad_id") REFERENCES "public"."ads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_set_metrics" ADD CONSTRAINT "ad_set_metrics_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_set_metrics" ADD CONSTRAINT "ad_set_metrics_ad_set_id_ad_sets_id_fk" FOREIGN KEY ("ad_set_id") REFERENCES "public"."ad_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_sets" ADD CONSTRAINT "ad_sets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_sets" ADD CONSTRAINT "ad_sets_campaign_id_ad_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."ad_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ads" ADD CONSTRAINT "ads_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ads" ADD CONSTRAINT "ads_ad_set_id_ad_sets_id_fk" FOREIGN KEY ("ad_set_id") REFERENCES "public"."ad_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_platforms" ADD CONSTRAINT "analytics_platforms_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_platforms" ADD CONSTRAINT "analytics_platforms_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_reports" ADD CONSTRAINT "analytics_reports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_reports" ADD CONSTRAINT "analytics_reports_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_models" ADD CONSTRAINT "attribution_models_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_results" ADD CONSTRAINT "attribution_results_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_results" ADD CONSTRAINT "attribution_results_model_id_attribution_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."attribution_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_results" ADD CONSTRAINT "attribution_results_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_metrics" ADD CONSTRAINT "campaign_metrics_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_metrics" ADD CONSTRAINT "campaign_metrics_campaign_id_ad_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."ad_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_alerts" ADD CONSTRAINT "listening_alerts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_alerts" ADD CONSTRAINT "listening_alerts_query_id_listening_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."listening_queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_queries" ADD CONSTRAINT "listening_queries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_queries" ADD CONSTRAINT "listening_queries_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_summaries" ADD CONSTRAINT "listening_summaries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_summaries" ADD CONSTRAINT "listening_summaries_query_id_listening_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."listening_queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_metrics" ADD CONSTRAINT "platform_metrics_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_metrics" ADD CONSTRAINT "platform_metrics_platform_id_analytics_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."analytics_platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_sync_logs" ADD CONSTRAINT "platform_sync_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_sync_logs" ADD CONSTRAINT "platform_sync_logs_platform_id_analytics_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."analytics_platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_snapshots" ADD CONSTRAINT "report_snapshots_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_snapshots" ADD CONSTRAINT "report_snapshots_report_id_analytics_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."analytics_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "social_mentions" ADD CONSTRAINT "social_mentions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "social_mentions" ADD CONSTRAINT "social_mentions_query_id_listening_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."listening_queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_conversions" ADD CONSTRAINT "web_conversions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_conversions" ADD CONSTRAINT "web_conversions_property_id_web_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."web_properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_event_metrics" ADD CONSTRAINT "web_event_metrics_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_event_metrics" ADD CONSTRAINT "web_event_metrics_property_id_web_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."web_properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_page_metrics" ADD CONSTRAINT "web_page_metrics_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_page_metrics" ADD CONSTRAINT "web_page_metrics_property_id_web_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."web_properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_properties" ADD CONSTRAINT "web_properties_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_properties" ADD CONSTRAINT "web_properties_platform_id_analytics_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."analytics_platforms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_properties" ADD CONSTRAINT "web_properties_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_session_aggregates" ADD CONSTRAINT "web_session_aggregates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_session_aggregates" ADD CONSTRAINT "web_session_aggregates_property_id_web_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."web_properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_campaign_crm_links" ADD CONSTRAINT "ad_campaign_crm_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_campaign_crm_links" ADD CONSTRAINT "ad_campaign_crm_links_ad_campaign_id_ad_campaigns_id_fk" FOREIGN KEY ("ad_campaign_id") REFERENCES "public"."ad_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_campaign_crm_links" ADD CONSTRAINT "ad_campaign_crm_links_crm_campaign_id_campaigns_id_fk" FOREIGN KEY ("crm_campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_activities" ADD CONSTRAINT "campaign_activities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_activities" ADD CONSTRAINT "campaign_activities_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_assets" ADD CONSTRAINT "campaign_assets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_assets" ADD CONSTRAINT "campaign_assets_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_brief_links" ADD CONSTRAINT "campaign_brief_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_brief_links" ADD CONSTRAINT "campaign_brief_links_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_brief_links" ADD CONSTRAINT "campaign_brief_links_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_converted_deal_id_crm_deals_id_fk" FOREIGN KEY ("converted_deal_id") REFERENCES "public"."crm_deals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competitors" ADD CONSTRAINT "competitors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_activities" ADD CONSTRAINT "contact_activities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_activities" ADD CONSTRAINT "contact_activities_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_activities" ADD CONSTRAINT "contact_activities_deal_id_crm_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."crm_deals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_activities" ADD CONSTRAINT "contact_activities_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_form_submissions" ADD CONSTRAINT "contact_form_submissions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_form_submissions" ADD CONSTRAINT "contact_form_submissions_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_list_members" ADD CONSTRAINT "contact_list_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_list_members" ADD CONSTRAINT "contact_list_members_list_id_contact_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."contact_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_list_members" ADD CONSTRAINT "contact_list_members_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_lists" ADD CONSTRAINT "contact_lists_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_notes" ADD CONSTRAINT "contact_notes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_notes" ADD CONSTRAINT "contact_notes_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_company_id_clients_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_deals" ADD CONSTRAINT "crm_deals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_deals" ADD CONSTRAINT "crm_deals_pipeline_id_sales_pipelines_id_fk" FOREIGN KEY ("pipeline_id") REFERENCES "public"."sales_pipelines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_deals" ADD CONSTRAINT "crm_deals_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_deals" ADD CONSTRAINT "crm_deals_primary_contact_id_contacts_id_fk" FOREIGN KEY ("primary_contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_deals" ADD CONSTRAINT "crm_deals_competitor_id_competitors_id_fk" FOREIGN KEY ("competitor_id") REFERENCES "public"."competitors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_deals" ADD CONSTRAINT "crm_deals_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_tasks" ADD CONSTRAINT "crm_tasks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_tasks" ADD CONSTRAINT "crm_tasks_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_tasks" ADD CONSTRAINT "crm_tasks_deal_id_crm_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."crm_deals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_workflows" ADD CONSTRAINT "crm_workflows_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_activities" ADD CONSTRAINT "deal_activities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_activities" ADD CONSTRAINT "deal_activities_deal_id_crm_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."crm_deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_competitors" ADD CONSTRAINT "deal_competitors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_competitors" ADD CONSTRAINT "deal_competitors_deal_id_crm_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."crm_deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_competitors" ADD CONSTRAINT "deal_competitors_competitor_id_competitors_id_fk" FOREIGN KEY ("competitor_id") REFERENCES "public"."competitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_contacts" ADD CONSTRAINT "deal_contacts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_contacts" ADD CONSTRAINT "deal_contacts_deal_id_crm_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."crm_deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_contacts" ADD CONSTRAINT "deal_contacts_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_products" ADD CONSTRAINT "deal_products_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_products" ADD CONSTRAINT "deal_products_deal_id_crm_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."crm_deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_products" ADD CONSTRAINT "deal_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_stage_history" ADD CONSTRAINT "deal_stage_history_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_stage_history" ADD CONSTRAINT "deal_stage_history_deal_id_crm_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."crm_deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_campaigns" ADD CONSTRAINT "email_campaigns_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_campaigns" ADD CONSTRAINT "email_campaigns_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_campaigns" ADD CONSTRAINT "email_campaigns_template_id_email_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."email_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_campaigns" ADD CONSTRAINT "email_campaigns_list_id_contact_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."contact_lists"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_interactions" ADD CONSTRAINT "email_interactions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_interactions" ADD CONSTRAINT "email_interactions_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_interactions" ADD CONSTRAINT "email_interactions_email_campaign_id_email_campaigns_id_fk" FOREIGN KEY ("email_campaign_id") REFERENCES "public"."email_campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_links" ADD CONSTRAINT "email_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_links" ADD CONSTRAINT "email_links_email_campaign_id_email_campaigns_id_fk" FOREIGN KEY ("email_campaign_id") REFERENCES "public"."email_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_recipients" ADD CONSTRAINT "email_recipients_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_recipients" ADD CONSTRAINT "email_recipients_email_campaign_id_email_campaigns_id_fk" FOREIGN KEY ("email_campaign_id") REFERENCES "public"."email_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_recipients" ADD CONSTRAINT "email_recipients_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_templates" ADD CONSTRAINT "email_templates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_scoring_rules" ADD CONSTRAINT "lead_scoring_rules_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_pipelines" ADD CONSTRAINT "sales_pipelines_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_executions" ADD CONSTRAINT "workflow_executions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_executions" ADD CONSTRAINT "workflow_executions_workflow_id_crm_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."crm_workflows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_organization_id_idx" ON "api_keys" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "briefs_organization_id_idx" ON "briefs" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "briefs_client_id_idx" ON "briefs" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "clients_organization_id_idx" ON "clients" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "files_organization_id_idx" ON "files" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "jobs_status_run_at_idx" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "jobs_organization_id_idx" ON "jobs" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "projects_organization_id_idx" ON "projects" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "projects_client_id_idx" ON "projects" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "unified_activities_organization_id_occurred_at_idx" ON "unified_activities" USING btree ("organization_id","occurred_at");--> statement-breakpoint
CREATE INDEX "unified_activities_entity_type_entity_id_idx" ON "unified_activities" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "unified_activities_client_id_occurred_at_idx" ON "unified_activities" USING btree ("client_id","occurred_at");--> statement-breakpoint
CREATE INDEX "content_blocks_organization_id_idx" ON "content_blocks" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "content_categories_organization_id_idx" ON "content_categories" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "content_categories_parent_id_idx" ON "content_categories" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "content_comments_entry_id_idx" ON "content_comments" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "content_comments_parent_id_idx" ON "content_comments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "content_entries_organization_id_idx" ON "content_entries" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "content_entries_content_type_id_idx" ON "content_entries" USING btree ("content_type_id");--> statement-breakpoint
CREATE INDEX "content_entries_status_idx" ON "content_entries" USING btree ("status");--> statement-breakpoint
CREATE INDEX "content_entries_published_at_idx" ON "content_entries" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "content_entries_client_id_idx" ON "content_entries" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "content_entry_categories_category_id_idx" ON "content_entry_categories" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "content_entry_tags_tag_id_idx" ON "content_entry_tags" USING btree ("tag_id");--> statement-breakpoint
CREATE INDEX "content_localizations_entry_id_idx" ON "content_localizations" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "content_media_entry_id_idx" ON "content_media" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "content_revisions_entry_id_idx" ON "content_revisions" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "content_revisions_status_idx" ON "content_revisions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "content_tags_organization_id_idx" ON "content_tags" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "content_types_organization_id_idx" ON "content_types" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "content_versions_entry_id_idx" ON "content_versions" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "content_workflows_organization_id_idx" ON "content_workflows" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "page_templates_organization_id_idx" ON "page_templates" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "publish_schedules_organization_id_scheduled_for_idx" ON "publish_schedules" USING btree ("organization_id","scheduled_for");--> statement-breakpoint
CREATE INDEX "publish_schedules_status_idx" ON "publish_schedules" USING btree ("status");--> statement-breakpoint
CREATE INDEX "asset_collection_items_collection_id_idx" ON "asset_collection_items" USING btree ("collection_id");--> statement-breakpoint
CREATE INDEX "asset_collection_items_asset_id_idx" ON "asset_collection_items" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "asset_collections_organization_id_idx" ON "asset_collections" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "asset_collections_share_token_idx" ON "asset_collections" USING btree ("share_token");--> statement-breakpoint
CREATE INDEX "asset_comments_asset_id_idx" ON "asset_comments" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "asset_comments_parent_id_idx" ON "asset_comments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "asset_folders_library_id_idx" ON "asset_folders" USING btree ("library_id");--> statement-breakpoint
CREATE INDEX "asset_folders_parent_id_idx" ON "asset_folders" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "asset_libraries_organization_id_idx" ON "asset_libraries" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "asset_libraries_client_id_idx" ON "asset_libraries" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "asset_links_asset_id_idx" ON "asset_links" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "asset_links_token_idx" ON "asset_links" USING btree ("token");--> statement-breakpoint
CREATE INDEX "asset_renditions_asset_id_idx" ON "asset_renditions" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "asset_versions_asset_id_idx" ON "asset_versions" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "assets_organization_id_idx" ON "assets" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "assets_library_id_idx" ON "assets" USING btree ("library_id");--> statement-breakpoint
CREATE INDEX "assets_folder_id_idx" ON "assets" USING btree ("folder_id");--> statement-breakpoint
CREATE INDEX "assets_asset_type_idx" ON "assets" USING btree ("asset_type");--> statement-breakpoint
CREATE INDEX "assets_status_idx" ON "assets" USING btree ("status");--> statement-breakpoint
CREATE INDEX "assets_tags_idx" ON "assets" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "collection_shares_collection_id_idx" ON "collection_shares" USING btree ("collection_id");--> statement-breakpoint
CREATE INDEX "collection_shares_email_idx" ON "collection_shares" USING btree ("email");--> statement-breakpoint
CREATE INDEX "ad_campaigns_organization_id_idx" ON "ad_campaigns" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "ad_campaigns_client_id_idx" ON "ad_campaigns" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "ad_campaigns_status_idx" ON "ad_campaigns" USING btree ("status");--> statement-breakpoint
CREATE INDEX "ad_metrics_ad_id_date_idx" ON "ad_metrics" USING btree ("ad_id","date");--> statement-breakpoint
CREATE INDEX "ad_set_metrics_ad_set_id_date_idx" ON "ad_set_metrics" USING btree ("ad_set_id","date");--> statement-breakpoint
CREATE INDEX "ad_sets_campaign_id_idx" ON "ad_sets" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "ads_ad_set_id_idx" ON "ads" USING btree ("ad_set_id");--> statement-breakpoint
CREATE INDEX "analytics_platforms_organization_id_idx" ON "analytics_platforms" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "analytics_platforms_client_id_idx" ON "analytics_platforms" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "analytics_reports_organization_id_idx" ON "analytics_reports" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "analytics_reports_client_id_idx" ON "analytics_reports" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "attribution_models_organization_id_idx" ON "attribution_models" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "attribution_results_organization_id_period_start_idx" ON "attribution_results" USING btree ("organization_id","period_start");--> statement-breakpoint
CREATE INDEX "campaign_metrics_campaign_id_date_idx" ON "campaign_metrics" USING btree ("campaign_id","date");--> statement-breakpoint
CREATE INDEX "listening_alerts_query_id_created_at_idx" ON "listening_alerts" USING btree ("query_id","created_at");--> statement-breakpoint
CREATE INDEX "listening_alerts_status_idx" ON "listening_alerts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "listening_queries_organization_id_idx" ON "listening_queries" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "listening_queries_client_id_idx" ON "listening_queries" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "listening_summaries_query_id_period_start_idx" ON "listening_summaries" USING btree ("query_id","period_start");--> statement-breakpoint
CREATE INDEX "platform_metrics_platform_id_date_idx" ON "platform_metrics" USING btree ("platform_id","date");--> statement-breakpoint
CREATE INDEX "platform_metrics_metric_type_idx" ON "platform_metrics" USING btree ("metric_type");--> statement-breakpoint
CREATE INDEX "platform_sync_logs_platform_id_started_at_idx" ON "platform_sync_logs" USING btree ("platform_id","started_at");--> statement-breakpoint
CREATE INDEX "report_snapshots_report_id_generated_at_idx" ON "report_snapshots" USING btree ("report_id","generated_at");--> statement-breakpoint
CREATE INDEX "social_mentions_query_id_published_at_idx" ON "social_mentions" USING btree ("query_id","published_at");--> statement-breakpoint
CREATE INDEX "social_mentions_sentiment_idx" ON "social_mentions" USING btree ("sentiment");--> statement-breakpoint
CREATE INDEX "social_mentions_source_idx" ON "social_mentions" USING btree ("source");--> statement-breakpoint
CREATE INDEX "web_conversions_property_id_date_idx" ON "web_conversions" USING btree ("property_id","date");--> statement-breakpoint
CREATE INDEX "web_event_metrics_property_id_date_idx" ON "web_event_metrics" USING btree ("property_id","date");--> statement-breakpoint
CREATE INDEX "web_page_metrics_property_id_date_idx" ON "web_page_metrics" USING btree ("property_id","date");--> statement-breakpoint
CREATE INDEX "web_properties_organization_id_idx" ON "web_properties" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "web_properties_client_id_idx" ON "web_properties" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "web_session_aggregates_property_id_date_idx" ON "web_session_aggregates" USING btree ("property_id","date");--> statement-breakpoint
CREATE INDEX "campaign_activities_campaign_id_created_at_idx" ON "campaign_activities" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "campaign_assets_campaign_id_idx" ON "campaign_assets" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_members_campaign_id_idx" ON "campaign_members" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_members_contact_id_idx" ON "campaign_members" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "campaigns_organization_id_idx" ON "campaigns" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "campaigns_status_idx" ON "campaigns" USING btree ("status");--> statement-breakpoint
CREATE INDEX "campaigns_client_id_idx" ON "campaigns" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "competitors_organization_id_idx" ON "competitors" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "contact_activities_contact_id_created_at_idx" ON "contact_activities" USING btree ("contact_id","created_at");--> statement-breakpoint
CREATE INDEX "contact_activities_activity_type_idx" ON "contact_activities" USING btree ("activity_type");--> statement-breakpoint
CREATE INDEX "contact_form_submissions_contact_id_idx" ON "contact_form_submissions" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "contact_list_members_list_id_idx" ON "contact_list_members" USING btree ("list_id");--> statement-breakpoint
CREATE INDEX "contact_list_members_contact_id_idx" ON "contact_list_members" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "contact_lists_organization_id_idx" ON "contact_lists" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "contact_notes_contact_id_idx" ON "contact_notes" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "contacts_organization_id_idx" ON "contacts" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "contacts_company_id_idx" ON "contacts" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "contacts_owner_id_idx" ON "contacts" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "contacts_status_idx" ON "contacts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "contacts_tags_idx" ON "contacts" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "crm_deals_organization_id_idx" ON "crm_deals" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "crm_deals_pipeline_id_stage_id_idx" ON "crm_deals" USING btree ("pipeline_id","stage_id");--> statement-breakpoint
CREATE INDEX "crm_deals_owner_id_idx" ON "crm_deals" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "crm_deals_client_id_idx" ON "crm_deals" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "crm_tasks_organization_id_idx" ON "crm_tasks" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "crm_tasks_contact_id_idx" ON "crm_tasks" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "crm_tasks_deal_id_idx" ON "crm_tasks" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "crm_tasks_assigned_to_id_status_idx" ON "crm_tasks" USING btree ("assigned_to_id","status");--> statement-breakpoint
CREATE INDEX "crm_tasks_due_date_idx" ON "crm_tasks" USING btree ("due_date");--> statement-breakpoint
CREATE INDEX "crm_workflows_organization_id_idx" ON "crm_workflows" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "crm_workflows_is_active_idx" ON "crm_workflows" USING btree ("is_active");--> statement-breakpoint
CREATE INDEX "deal_activities_deal_id_created_at_idx" ON "deal_activities" USING btree ("deal_id","created_at");--> statement-breakpoint
CREATE INDEX "deal_competitors_deal_id_idx" ON "deal_competitors" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "deal_contacts_deal_id_idx" ON "deal_contacts" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "deal_contacts_contact_id_idx" ON "deal_contacts" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "deal_products_deal_id_idx" ON "deal_products" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "deal_stage_history_deal_id_changed_at_idx" ON "deal_stage_history" USING btree ("deal_id","changed_at");--> statement-breakpoint
CREATE INDEX "email_campaigns_organization_id_idx" ON "email_campaigns" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "email_campaigns_status_idx" ON "email_campaigns" USING btree ("status");--> statement-breakpoint
CREATE INDEX "email_interactions_contact_id_occurred_at_idx" ON "email_interactions" USING btree ("contact_id","occurred_at");--> statement-breakpoint
CREATE INDEX "email_links_email_campaign_id_idx" ON "email_links" USING btree ("email_campaign_id");--> statement-breakpoint
CREATE INDEX "email_recipients_email_campaign_id_idx" ON "email_recipients" USING btree ("email_campaign_id");--> statement-breakpoint
CREATE INDEX "email_recipients_contact_id_idx" ON "email_recipients" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "email_templates_organization_id_idx" ON "email_templates" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "lead_scoring_rules_organization_id_is_active_idx" ON "lead_scoring_rules" USING btree ("organization_id","is_active");--> statement-breakpoint
CREATE INDEX "products_organization_id_idx" ON "products" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "sales_pipelines_organization_id_idx" ON "sales_pipelines" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "workflow_executions_workflow_id_started_at_idx" ON "workflow_executions" USING btree ("workflow_id","started_at");--> statement-breakpoint
CREATE INDEX "workflow_executions_status_idx" ON "workflow_executions" USING btree ("status");
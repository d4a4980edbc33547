ALTER TABLE "content_entries" ADD COLUMN "published_data" jsonb;--> statement-breakpoint
ALTER TABLE "content_entries" ADD COLUMN "published_title" text;--> statement-breakpoint
ALTER TABLE "content_entries" ADD COLUMN "published_slug" text;--> statement-breakpoint
ALTER TABLE "content_entries" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "content_localizations" ADD COLUMN "published_data" jsonb;--> statement-breakpoint
ALTER TABLE "content_localizations" ADD COLUMN "published_title" text;--> statement-breakpoint
ALTER TABLE "content_localizations" ADD COLUMN "published_slug" text;--> statement-breakpoint
ALTER TABLE "content_localizations" ADD COLUMN "published_at" timestamp (3) with time zone;
ALTER TABLE "content_localizations" ADD COLUMN "meta" jsonb;--> statement-breakpoint
ALTER TABLE "content_localizations" ADD COLUMN "published_meta" jsonb;--> statement-breakpoint
ALTER TABLE "content_versions" ADD COLUMN "meta" jsonb;
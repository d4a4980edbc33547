DROP INDEX "content_entries_delivery_published_idx";--> statement-breakpoint
DROP INDEX "content_localizations_delivery_published_idx";--> statement-breakpoint
DROP INDEX "content_entries_published_at_idx";--> statement-breakpoint
CREATE INDEX "content_entries_delivery_newest_idx" ON "content_entries" USING btree ("organization_id","content_type_id","locale","published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE published_slug is not null;--> statement-breakpoint
CREATE INDEX "content_localizations_delivery_newest_idx" ON "content_localizations" USING btree ("organization_id","locale","published_at" DESC NULLS FIRST,"entry_id" DESC NULLS FIRST) WHERE published_slug is not null;--> statement-breakpoint
CREATE INDEX "content_entries_published_at_idx" ON "content_entries" USING btree ("published_at") WHERE published_at is not null;
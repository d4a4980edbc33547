ALTER TABLE "content_blocks" ADD COLUMN "client_id" text;--> statement-breakpoint
ALTER TABLE "content_revisions" ADD COLUMN "reviewer_name" text;--> statement-breakpoint
ALTER TABLE "publish_schedules" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "content_blocks" ADD CONSTRAINT "content_blocks_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "brief_content_links_content_entry_id_idx" ON "brief_content_links" USING btree ("content_entry_id");--> statement-breakpoint
CREATE INDEX "content_entries_delivery_published_idx" ON "content_entries" USING btree ("organization_id","content_type_id","locale","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE published_slug is not null;--> statement-breakpoint
CREATE INDEX "content_entries_delivery_title_idx" ON "content_entries" USING btree ("organization_id","content_type_id","locale","published_title","id") WHERE published_slug is not null;--> statement-breakpoint
CREATE INDEX "content_entries_delivery_slug_idx" ON "content_entries" USING btree ("organization_id","content_type_id","locale","published_slug") WHERE published_slug is not null;--> statement-breakpoint
CREATE INDEX "content_localizations_delivery_published_idx" ON "content_localizations" USING btree ("organization_id","locale","published_at" DESC NULLS LAST) WHERE published_slug is not null;--> statement-breakpoint
CREATE INDEX "content_localizations_delivery_slug_idx" ON "content_localizations" USING btree ("organization_id","locale","published_slug") WHERE published_slug is not null;--> statement-breakpoint
CREATE INDEX "publish_schedules_entry_id_idx" ON "publish_schedules" USING btree ("entry_id");
ALTER TABLE "analytics_platforms" DROP CONSTRAINT "analytics_platforms_organization_id_platform_account_id_key";--> statement-breakpoint
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_organization_id_email_key";--> statement-breakpoint
CREATE INDEX "contacts_organization_id_created_at_idx" ON "contacts" USING btree ("organization_id","created_at","id");--> statement-breakpoint
ALTER TABLE "analytics_platforms" ADD CONSTRAINT "analytics_platforms_organization_id_platform_account_id_key" UNIQUE("organization_id","platform","account_id");--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_organization_id_email_key" UNIQUE("organization_id","email");
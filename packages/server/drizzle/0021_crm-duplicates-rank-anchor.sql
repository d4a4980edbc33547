DROP INDEX "crm_deals_pipeline_id_stage_id_idx";--> statement-breakpoint
ALTER TABLE "crm_deals" ADD COLUMN "board_rank" integer;--> statement-breakpoint
ALTER TABLE "crm_tasks" ADD COLUMN "recurrence_day" integer;--> statement-breakpoint
CREATE INDEX "contacts_duplicate_email_idx" ON "contacts" USING btree ("organization_id",(regexp_replace(email, '\+[^@]*@', '@')),"created_at","id") WHERE email is not null;--> statement-breakpoint
CREATE INDEX "contacts_duplicate_phone_idx" ON "contacts" USING btree ("organization_id","phone") WHERE phone is not null;--> statement-breakpoint
CREATE INDEX "contacts_duplicate_mobile_idx" ON "contacts" USING btree ("organization_id","mobile") WHERE mobile is not null;--> statement-breakpoint
CREATE INDEX "crm_deals_pipeline_id_stage_id_idx" ON "crm_deals" USING btree ("pipeline_id","stage_id","board_rank");
ALTER TABLE "email_recipients" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "email_recipients" ADD COLUMN "claimed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "email_recipients" ADD COLUMN "attempted_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "email_recipients" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "email_recipients" ADD COLUMN "failed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "email_recipients" ADD COLUMN "send_error" text;--> statement-breakpoint
CREATE INDEX "email_recipients_email_campaign_id_status_idx" ON "email_recipients" USING btree ("email_campaign_id","status");
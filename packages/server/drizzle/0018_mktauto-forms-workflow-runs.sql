CREATE TABLE "crm_forms" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"fields" jsonb NOT NULL,
	"redirect_url" text,
	"consent_text" text,
	"honeypot_field" text DEFAULT 'website' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"submission_count" integer DEFAULT 0 NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "utm_source" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "utm_medium" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "utm_campaign" text;--> statement-breakpoint
ALTER TABLE "workflow_executions" ADD COLUMN "contact_id" text;--> statement-breakpoint
ALTER TABLE "workflow_executions" ADD COLUMN "context" jsonb;--> statement-breakpoint
ALTER TABLE "workflow_executions" ADD COLUMN "position" jsonb;--> statement-breakpoint
ALTER TABLE "workflow_executions" ADD COLUMN "depth" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workflow_executions" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "crm_forms" ADD CONSTRAINT "crm_forms_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crm_forms_organization_id_idx" ON "crm_forms" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "workflow_executions_workflow_id_contact_id_started_at_idx" ON "workflow_executions" USING btree ("workflow_id","contact_id","started_at");--> statement-breakpoint
ALTER TABLE "workflow_executions" ADD CONSTRAINT "workflow_executions_workflow_id_dedupe_key_key" UNIQUE("workflow_id","dedupe_key");
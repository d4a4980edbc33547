CREATE TABLE "asset_upload_links" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"library_id" text NOT NULL,
	"folder_id" text NOT NULL,
	"name" text,
	"password" text,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"max_file_size" integer,
	"allowed_file_types" text[] DEFAULT '{}' NOT NULL,
	"max_files" integer,
	"upload_count" integer DEFAULT 0 NOT NULL,
	"last_upload_at" timestamp (3) with time zone,
	"created_by_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "asset_upload_links" ADD CONSTRAINT "asset_upload_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_upload_links" ADD CONSTRAINT "asset_upload_links_library_id_asset_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."asset_libraries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_upload_links" ADD CONSTRAINT "asset_upload_links_folder_id_asset_folders_id_fk" FOREIGN KEY ("folder_id") REFERENCES "public"."asset_folders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asset_upload_links_folder_id_idx" ON "asset_upload_links" USING btree ("folder_id");
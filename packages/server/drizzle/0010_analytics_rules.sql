CREATE TABLE "currency_rates" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"from_currency" text NOT NULL,
	"to_currency" text NOT NULL,
	"rate" numeric(18, 8) NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "currency_rates_organization_id_from_currency_to_currency_key" UNIQUE("organization_id","from_currency","to_currency")
);
--> statement-breakpoint
CREATE TABLE "web_events" (
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"property_id" text NOT NULL,
	"day" date NOT NULL,
	"timestamp" timestamp (3) with time zone NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"pathname" text NOT NULL,
	"referrer_host" text,
	"source" text,
	"medium" text NOT NULL,
	"utm_campaign" text,
	"device" text NOT NULL,
	"browser" text,
	"os" text,
	"country" text,
	"visitor_id" text NOT NULL,
	"previous_visitor_id" text,
	"value" numeric(14, 2),
	"props" jsonb,
	CONSTRAINT "web_events_day_id_pk" PRIMARY KEY("day","id")
) PARTITION BY RANGE ("day");
--> statement-breakpoint
-- Hand-written (drizzle-kit cannot declare partitions): days without their own partition yet land here.
CREATE TABLE "web_events_default" PARTITION OF "web_events" DEFAULT;
--> statement-breakpoint
CREATE TABLE "web_visitor_salts" (
	"organization_id" text NOT NULL,
	"day" date NOT NULL,
	"salt" text NOT NULL,
	CONSTRAINT "web_visitor_salts_organization_id_day_pk" PRIMARY KEY("organization_id","day")
);
--> statement-breakpoint
ALTER TABLE "currency_rates" ADD CONSTRAINT "currency_rates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_visitor_salts" ADD CONSTRAINT "web_visitor_salts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "web_events_property_id_day_timestamp_idx" ON "web_events" USING btree ("property_id","day","timestamp");
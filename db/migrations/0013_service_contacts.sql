CREATE TYPE "public"."batch_kind" AS ENUM('responses', 'contacts');--> statement-breakpoint
CREATE TYPE "public"."contact_channel" AS ENUM('phone', 'chat', 'email', 'web_form', 'social', 'in_person', 'other');--> statement-breakpoint
CREATE TYPE "public"."demand_kind" AS ENUM('failure', 'value');--> statement-breakpoint
ALTER TYPE "public"."response_source" ADD VALUE 'zendesk';--> statement-breakpoint
ALTER TYPE "public"."response_source" ADD VALUE 'genesys';--> statement-breakpoint
ALTER TYPE "public"."response_source" ADD VALUE 'salesforce';--> statement-breakpoint
CREATE TABLE "contact_daily_rollups" (
	"day" date NOT NULL,
	"reason_set_id" integer NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"location_id" integer DEFAULT 0 NOT NULL,
	"touchpoint_id" integer DEFAULT 0 NOT NULL,
	"contacts" bigint NOT NULL,
	"handle_seconds" bigint DEFAULT 0 NOT NULL,
	"timed_contacts" bigint DEFAULT 0 NOT NULL,
	"cost" double precision DEFAULT 0 NOT NULL,
	"costed_contacts" bigint DEFAULT 0 NOT NULL,
	"uncosted_handle_seconds" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "contact_daily_rollups_day_reason_set_id_channel_location_id_touchpoint_id_pk" PRIMARY KEY("day","reason_set_id","channel","location_id","touchpoint_id")
);
--> statement-breakpoint
CREATE TABLE "contact_monthly_rollups" (
	"month" date NOT NULL,
	"reason_set_id" integer NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"location_id" integer DEFAULT 0 NOT NULL,
	"touchpoint_id" integer DEFAULT 0 NOT NULL,
	"contacts" bigint NOT NULL,
	"handle_seconds" bigint DEFAULT 0 NOT NULL,
	"timed_contacts" bigint DEFAULT 0 NOT NULL,
	"cost" double precision DEFAULT 0 NOT NULL,
	"costed_contacts" bigint DEFAULT 0 NOT NULL,
	"uncosted_handle_seconds" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "contact_monthly_rollups_month_reason_set_id_channel_location_id_touchpoint_id_pk" PRIMARY KEY("month","reason_set_id","channel","location_id","touchpoint_id")
);
--> statement-breakpoint
CREATE TABLE "contact_reason_mappings" (
	"reason_id" integer PRIMARY KEY NOT NULL,
	"kind" "demand_kind" NOT NULL,
	"touchpoint_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_reason_sets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contact_reason_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"reason_ids" integer[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_reasons" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contact_reasons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_contacts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"direction" text,
	"queue" text,
	"reason_set_id" integer NOT NULL,
	"handle_seconds" integer,
	"cost" double precision,
	"touchpoint_id" integer,
	"location_id" integer,
	"subject" text,
	"description" text,
	"requester_email" text,
	"requester_name" text,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"import_batch_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "kind" "batch_kind" DEFAULT 'responses' NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_daily_rollups" ADD CONSTRAINT "contact_daily_rollups_reason_set_id_contact_reason_sets_id_fk" FOREIGN KEY ("reason_set_id") REFERENCES "public"."contact_reason_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_monthly_rollups" ADD CONSTRAINT "contact_monthly_rollups_reason_set_id_contact_reason_sets_id_fk" FOREIGN KEY ("reason_set_id") REFERENCES "public"."contact_reason_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_reason_mappings" ADD CONSTRAINT "contact_reason_mappings_reason_id_contact_reasons_id_fk" FOREIGN KEY ("reason_id") REFERENCES "public"."contact_reasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_reason_mappings" ADD CONSTRAINT "contact_reason_mappings_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contacts" ADD CONSTRAINT "service_contacts_reason_set_id_contact_reason_sets_id_fk" FOREIGN KEY ("reason_set_id") REFERENCES "public"."contact_reason_sets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contacts" ADD CONSTRAINT "service_contacts_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contacts" ADD CONSTRAINT "service_contacts_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contacts" ADD CONSTRAINT "service_contacts_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_daily_rollups_emptied_idx" ON "contact_daily_rollups" USING btree ("reason_set_id") WHERE "contact_daily_rollups"."contacts" <= 0;--> statement-breakpoint
CREATE INDEX "contact_monthly_rollups_emptied_idx" ON "contact_monthly_rollups" USING btree ("reason_set_id") WHERE "contact_monthly_rollups"."contacts" <= 0;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_reason_sets_reasons_unique" ON "contact_reason_sets" USING btree ("reason_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_reasons_name_unique" ON "contact_reasons" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "service_contacts_source_external_id_unique" ON "service_contacts" USING btree ("source","external_id");--> statement-breakpoint
CREATE INDEX "service_contacts_time_idx" ON "service_contacts" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "service_contacts_batch_idx" ON "service_contacts" USING btree ("import_batch_id");
CREATE TYPE "public"."location_kind" AS ENUM('region', 'site');--> statement-breakpoint
CREATE TABLE "locations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "locations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "location_kind" NOT NULL,
	"parent_id" integer,
	"manager_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "location_daily_rollups" (
	"day" date NOT NULL,
	"location_id" integer NOT NULL,
	"touchpoint_id" integer NOT NULL,
	"metric_id" integer NOT NULL,
	"response_count" bigint NOT NULL,
	"promoters" bigint DEFAULT 0 NOT NULL,
	"passives" bigint DEFAULT 0 NOT NULL,
	"detractors" bigint DEFAULT 0 NOT NULL,
	"top_box" bigint DEFAULT 0 NOT NULL,
	"sum" double precision DEFAULT 0 NOT NULL,
	"sum_of_squares" double precision DEFAULT 0 NOT NULL,
	"answer_counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "location_daily_rollups_location_id_touchpoint_id_metric_id_day_pk" PRIMARY KEY("location_id","touchpoint_id","metric_id","day")
);
--> statement-breakpoint
CREATE TABLE "location_monthly_rollups" (
	"month" date NOT NULL,
	"location_id" integer NOT NULL,
	"touchpoint_id" integer NOT NULL,
	"metric_id" integer NOT NULL,
	"response_count" bigint NOT NULL,
	"promoters" bigint DEFAULT 0 NOT NULL,
	"passives" bigint DEFAULT 0 NOT NULL,
	"detractors" bigint DEFAULT 0 NOT NULL,
	"top_box" bigint DEFAULT 0 NOT NULL,
	"sum" double precision DEFAULT 0 NOT NULL,
	"sum_of_squares" double precision DEFAULT 0 NOT NULL,
	"answer_counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "location_monthly_rollups_location_id_touchpoint_id_metric_id_month_pk" PRIMARY KEY("location_id","touchpoint_id","metric_id","month")
);
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "location_id" integer;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_parent_id_locations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."locations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_daily_rollups" ADD CONSTRAINT "location_daily_rollups_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_daily_rollups" ADD CONSTRAINT "location_daily_rollups_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_daily_rollups" ADD CONSTRAINT "location_daily_rollups_metric_id_metric_definitions_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."metric_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_monthly_rollups" ADD CONSTRAINT "location_monthly_rollups_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_monthly_rollups" ADD CONSTRAINT "location_monthly_rollups_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_monthly_rollups" ADD CONSTRAINT "location_monthly_rollups_metric_id_metric_definitions_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."metric_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "locations_code_unique" ON "locations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "locations_parent_idx" ON "locations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "locations_manager_idx" ON "locations" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "location_daily_rollups_day_idx" ON "location_daily_rollups" USING btree ("day");--> statement-breakpoint
CREATE INDEX "location_daily_rollups_emptied_idx" ON "location_daily_rollups" USING btree ("location_id") WHERE "location_daily_rollups"."response_count" <= 0;--> statement-breakpoint
CREATE INDEX "location_monthly_rollups_month_idx" ON "location_monthly_rollups" USING btree ("month");--> statement-breakpoint
CREATE INDEX "location_monthly_rollups_emptied_idx" ON "location_monthly_rollups" USING btree ("location_id") WHERE "location_monthly_rollups"."response_count" <= 0;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_responses_location_idx" ON "survey_responses" USING btree ("location_id");
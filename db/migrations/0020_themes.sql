CREATE TABLE "theme_codebook" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "theme_daily_rollups" (
	"day" date NOT NULL,
	"location_id" integer NOT NULL,
	"touchpoint_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	"comments" bigint NOT NULL,
	"detractor_comments" bigint DEFAULT 0 NOT NULL,
	"analysed_comments" bigint DEFAULT 0 NOT NULL,
	"sentiment_sum" double precision DEFAULT 0 NOT NULL,
	"sentiment_sum_of_squares" double precision DEFAULT 0 NOT NULL,
	"positive_comments" bigint DEFAULT 0 NOT NULL,
	"negative_comments" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "theme_daily_rollups_location_id_touchpoint_id_theme_id_day_pk" PRIMARY KEY("location_id","touchpoint_id","theme_id","day")
);
--> statement-breakpoint
CREATE TABLE "theme_metric_daily_rollups" (
	"day" date NOT NULL,
	"location_id" integer NOT NULL,
	"touchpoint_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	"metric_id" integer NOT NULL,
	"response_count" bigint NOT NULL,
	"sum" double precision DEFAULT 0 NOT NULL,
	"sum_of_squares" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "theme_metric_daily_rollups_location_id_touchpoint_id_theme_id_metric_id_day_pk" PRIMARY KEY("location_id","touchpoint_id","theme_id","metric_id","day")
);
--> statement-breakpoint
CREATE TABLE "theme_metric_monthly_rollups" (
	"month" date NOT NULL,
	"location_id" integer NOT NULL,
	"touchpoint_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	"metric_id" integer NOT NULL,
	"response_count" bigint NOT NULL,
	"sum" double precision DEFAULT 0 NOT NULL,
	"sum_of_squares" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "theme_metric_monthly_rollups_location_id_touchpoint_id_theme_id_metric_id_month_pk" PRIMARY KEY("location_id","touchpoint_id","theme_id","metric_id","month")
);
--> statement-breakpoint
CREATE TABLE "theme_monthly_rollups" (
	"month" date NOT NULL,
	"location_id" integer NOT NULL,
	"touchpoint_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	"comments" bigint NOT NULL,
	"detractor_comments" bigint DEFAULT 0 NOT NULL,
	"analysed_comments" bigint DEFAULT 0 NOT NULL,
	"sentiment_sum" double precision DEFAULT 0 NOT NULL,
	"sentiment_sum_of_squares" double precision DEFAULT 0 NOT NULL,
	"positive_comments" bigint DEFAULT 0 NOT NULL,
	"negative_comments" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "theme_monthly_rollups_location_id_touchpoint_id_theme_id_month_pk" PRIMARY KEY("location_id","touchpoint_id","theme_id","month")
);
--> statement-breakpoint
CREATE TABLE "theme_touchpoints" (
	"theme_id" integer NOT NULL,
	"touchpoint_id" integer NOT NULL,
	CONSTRAINT "theme_touchpoints_theme_id_touchpoint_id_pk" PRIMARY KEY("theme_id","touchpoint_id")
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "themes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"description" text,
	"terms" text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "comment_language" text;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "sentiment" smallint;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "sentiment_score" real;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "theme_ids" integer[];--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "tagged_version" integer;--> statement-breakpoint
ALTER TABLE "theme_daily_rollups" ADD CONSTRAINT "theme_daily_rollups_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_metric_daily_rollups" ADD CONSTRAINT "theme_metric_daily_rollups_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_metric_daily_rollups" ADD CONSTRAINT "theme_metric_daily_rollups_metric_id_metric_definitions_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."metric_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_metric_monthly_rollups" ADD CONSTRAINT "theme_metric_monthly_rollups_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_metric_monthly_rollups" ADD CONSTRAINT "theme_metric_monthly_rollups_metric_id_metric_definitions_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."metric_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_monthly_rollups" ADD CONSTRAINT "theme_monthly_rollups_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_touchpoints" ADD CONSTRAINT "theme_touchpoints_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_touchpoints" ADD CONSTRAINT "theme_touchpoints_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "theme_daily_rollups_day_idx" ON "theme_daily_rollups" USING btree ("day");--> statement-breakpoint
CREATE INDEX "theme_metric_daily_rollups_day_idx" ON "theme_metric_daily_rollups" USING btree ("day");--> statement-breakpoint
CREATE INDEX "theme_metric_monthly_rollups_month_idx" ON "theme_metric_monthly_rollups" USING btree ("month");--> statement-breakpoint
CREATE INDEX "theme_monthly_rollups_month_idx" ON "theme_monthly_rollups" USING btree ("month");--> statement-breakpoint
CREATE UNIQUE INDEX "themes_name_unique" ON "themes" USING btree ("name");--> statement-breakpoint
CREATE INDEX "survey_responses_theme_ids_idx" ON "survey_responses" USING gin ("theme_ids");--> statement-breakpoint
CREATE INDEX "survey_responses_tagged_version_idx" ON "survey_responses" USING btree ("tagged_version") WHERE "survey_responses"."comment" is not null;--> statement-breakpoint
INSERT INTO "theme_codebook" ("id", "version") VALUES (1, 1);
--> statement-breakpoint
CREATE TRIGGER themes_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON themes FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER theme_daily_rollups_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON theme_daily_rollups FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER theme_monthly_rollups_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON theme_monthly_rollups FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER theme_metric_daily_rollups_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON theme_metric_daily_rollups FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER theme_metric_monthly_rollups_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON theme_metric_monthly_rollups FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();

CREATE TYPE "public"."user_role" AS ENUM('admin', 'executive', 'owner');--> statement-breakpoint
CREATE TYPE "public"."channel" AS ENUM('phone', 'web', 'app', 'in_person', 'email', 'chat', 'other');--> statement-breakpoint
CREATE TYPE "public"."metric_direction" AS ENUM('higher_is_better', 'lower_is_better');--> statement-breakpoint
CREATE TYPE "public"."metric_kind" AS ENUM('nps', 'csat', 'ces', 'custom');--> statement-breakpoint
CREATE TYPE "public"."import_status" AS ENUM('importing', 'imported', 'failed', 'reverted');--> statement-breakpoint
CREATE TYPE "public"."response_source" AS ENUM('qualtrics', 'surveymonkey', 'typeform', 'csv', 'api');--> statement-breakpoint
CREATE TYPE "public"."initiative_status" AS ENUM('not_started', 'in_progress', 'on_hold', 'done', 'cancelled');--> statement-breakpoint
CREATE TABLE "departments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "departments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"description" text,
	"head_user_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"department_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"password_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journey_stages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "journey_stages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"journey_id" integer NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "journeys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "journeys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"description" text,
	"persona" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_touchpoints" (
	"stage_id" integer NOT NULL,
	"touchpoint_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stage_touchpoints_stage_id_touchpoint_id_pk" PRIMARY KEY("stage_id","touchpoint_id")
);
--> statement-breakpoint
CREATE TABLE "touchpoints" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "touchpoints_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"channel" "channel" DEFAULT 'other' NOT NULL,
	"department_id" integer NOT NULL,
	"owner_id" integer,
	"moment_of_truth" boolean DEFAULT false NOT NULL,
	"weight" real DEFAULT 1 NOT NULL,
	"description" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_definitions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "metric_definitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "metric_kind" NOT NULL,
	"scale_min" real NOT NULL,
	"scale_max" real NOT NULL,
	"direction" "metric_direction" DEFAULT 'higher_is_better' NOT NULL,
	"top_box_min" real,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "touchpoint_targets" (
	"touchpoint_id" integer NOT NULL,
	"metric_id" integer NOT NULL,
	"target" double precision NOT NULL,
	CONSTRAINT "touchpoint_targets_touchpoint_id_metric_id_pk" PRIMARY KEY("touchpoint_id","metric_id")
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"file_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"source_format" text NOT NULL,
	"source" "response_source" NOT NULL,
	"mapping" jsonb,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_imported" integer DEFAULT 0 NOT NULL,
	"rows_skipped" integer DEFAULT 0 NOT NULL,
	"rows_rejected" integer DEFAULT 0 NOT NULL,
	"status" "import_status" DEFAULT 'importing' NOT NULL,
	"decision" text,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"reverted_at" timestamp with time zone,
	"reverted_by_id" integer
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "survey_responses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"touchpoint_id" integer NOT NULL,
	"responded_at" timestamp with time zone NOT NULL,
	"nps" smallint,
	"csat" smallint,
	"ces" smallint,
	"custom_values" jsonb,
	"comment" text,
	"source" "response_source" NOT NULL,
	"external_id" text NOT NULL,
	"import_batch_id" integer NOT NULL,
	"respondent_email" text,
	"respondent_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "touchpoint_daily_rollups" (
	"day" date NOT NULL,
	"touchpoint_id" integer NOT NULL,
	"metric_id" integer NOT NULL,
	"response_count" bigint NOT NULL,
	"promoters" bigint DEFAULT 0 NOT NULL,
	"passives" bigint DEFAULT 0 NOT NULL,
	"detractors" bigint DEFAULT 0 NOT NULL,
	"top_box" bigint DEFAULT 0 NOT NULL,
	"sum" double precision DEFAULT 0 NOT NULL,
	"sum_of_squares" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "touchpoint_daily_rollups_touchpoint_id_metric_id_day_pk" PRIMARY KEY("touchpoint_id","metric_id","day")
);
--> statement-breakpoint
CREATE TABLE "touchpoint_monthly_rollups" (
	"month" date NOT NULL,
	"touchpoint_id" integer NOT NULL,
	"metric_id" integer NOT NULL,
	"response_count" bigint NOT NULL,
	"promoters" bigint DEFAULT 0 NOT NULL,
	"passives" bigint DEFAULT 0 NOT NULL,
	"detractors" bigint DEFAULT 0 NOT NULL,
	"top_box" bigint DEFAULT 0 NOT NULL,
	"sum" double precision DEFAULT 0 NOT NULL,
	"sum_of_squares" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "touchpoint_monthly_rollups_touchpoint_id_metric_id_month_pk" PRIMARY KEY("touchpoint_id","metric_id","month")
);
--> statement-breakpoint
CREATE TABLE "initiative_updates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "initiative_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"initiative_id" integer NOT NULL,
	"author_id" integer,
	"body" text NOT NULL,
	"status_from" "initiative_status",
	"status_to" "initiative_status",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initiatives" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "initiatives_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"touchpoint_id" integer NOT NULL,
	"owner_id" integer,
	"metric_id" integer,
	"title" text NOT NULL,
	"problem" text,
	"status" "initiative_status" DEFAULT 'not_started' NOT NULL,
	"baseline" double precision,
	"baseline_response_count" integer,
	"target" double precision,
	"start_date" date,
	"due_date" date,
	"percent_complete" smallint DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by_id" integer,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"actor_id" integer,
	"actor_email" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_head_user_id_users_id_fk" FOREIGN KEY ("head_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_stages" ADD CONSTRAINT "journey_stages_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_touchpoints" ADD CONSTRAINT "stage_touchpoints_stage_id_journey_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."journey_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_touchpoints" ADD CONSTRAINT "stage_touchpoints_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoint_targets" ADD CONSTRAINT "touchpoint_targets_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoint_targets" ADD CONSTRAINT "touchpoint_targets_metric_id_metric_definitions_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."metric_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_reverted_by_id_users_id_fk" FOREIGN KEY ("reverted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoint_daily_rollups" ADD CONSTRAINT "touchpoint_daily_rollups_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoint_daily_rollups" ADD CONSTRAINT "touchpoint_daily_rollups_metric_id_metric_definitions_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."metric_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoint_monthly_rollups" ADD CONSTRAINT "touchpoint_monthly_rollups_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoint_monthly_rollups" ADD CONSTRAINT "touchpoint_monthly_rollups_metric_id_metric_definitions_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."metric_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_updates" ADD CONSTRAINT "initiative_updates_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_updates" ADD CONSTRAINT "initiative_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_metric_id_metric_definitions_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."metric_definitions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "departments_name_unique" ON "departments" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_department_idx" ON "users" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "journey_stages_journey_name_unique" ON "journey_stages" USING btree ("journey_id","name");--> statement-breakpoint
CREATE INDEX "journey_stages_journey_position_idx" ON "journey_stages" USING btree ("journey_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "journeys_name_unique" ON "journeys" USING btree ("name");--> statement-breakpoint
CREATE INDEX "stage_touchpoints_touchpoint_idx" ON "stage_touchpoints" USING btree ("touchpoint_id");--> statement-breakpoint
CREATE UNIQUE INDEX "touchpoints_code_unique" ON "touchpoints" USING btree ("code");--> statement-breakpoint
CREATE INDEX "touchpoints_owner_idx" ON "touchpoints" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "touchpoints_department_idx" ON "touchpoints" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "metric_definitions_code_unique" ON "metric_definitions" USING btree ("code");--> statement-breakpoint
CREATE INDEX "import_batches_file_hash_idx" ON "import_batches" USING btree ("file_hash");--> statement-breakpoint
CREATE INDEX "import_batches_created_at_idx" ON "import_batches" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_source_external_id_unique" ON "survey_responses" USING btree ("source","external_id");--> statement-breakpoint
CREATE INDEX "survey_responses_touchpoint_time_idx" ON "survey_responses" USING btree ("touchpoint_id","responded_at");--> statement-breakpoint
CREATE INDEX "survey_responses_batch_idx" ON "survey_responses" USING btree ("import_batch_id");--> statement-breakpoint
CREATE INDEX "survey_responses_commented_idx" ON "survey_responses" USING btree ("touchpoint_id","responded_at") WHERE "survey_responses"."comment" is not null;--> statement-breakpoint
CREATE INDEX "touchpoint_daily_rollups_day_idx" ON "touchpoint_daily_rollups" USING btree ("day");--> statement-breakpoint
CREATE INDEX "touchpoint_monthly_rollups_month_idx" ON "touchpoint_monthly_rollups" USING btree ("month");--> statement-breakpoint
CREATE INDEX "initiative_updates_initiative_idx" ON "initiative_updates" USING btree ("initiative_id","created_at");--> statement-breakpoint
CREATE INDEX "initiatives_touchpoint_idx" ON "initiatives" USING btree ("touchpoint_id");--> statement-breakpoint
CREATE INDEX "initiatives_owner_idx" ON "initiatives" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_token_hash_unique" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "audit_log_created_at_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");
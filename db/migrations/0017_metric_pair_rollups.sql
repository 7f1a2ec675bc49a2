CREATE TABLE "metric_pair_daily_rollups" (
	"day" date NOT NULL,
	"location_id" integer NOT NULL,
	"touchpoint_id" integer NOT NULL,
	"metric_x_id" integer NOT NULL,
	"metric_y_id" integer NOT NULL,
	"response_count" bigint NOT NULL,
	"sum_x" double precision DEFAULT 0 NOT NULL,
	"sum_y" double precision DEFAULT 0 NOT NULL,
	"sum_xx" double precision DEFAULT 0 NOT NULL,
	"sum_yy" double precision DEFAULT 0 NOT NULL,
	"sum_xy" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "metric_pair_daily_rollups_location_id_touchpoint_id_metric_x_id_metric_y_id_day_pk" PRIMARY KEY("location_id","touchpoint_id","metric_x_id","metric_y_id","day")
);
--> statement-breakpoint
CREATE TABLE "metric_pair_monthly_rollups" (
	"month" date NOT NULL,
	"location_id" integer NOT NULL,
	"touchpoint_id" integer NOT NULL,
	"metric_x_id" integer NOT NULL,
	"metric_y_id" integer NOT NULL,
	"response_count" bigint NOT NULL,
	"sum_x" double precision DEFAULT 0 NOT NULL,
	"sum_y" double precision DEFAULT 0 NOT NULL,
	"sum_xx" double precision DEFAULT 0 NOT NULL,
	"sum_yy" double precision DEFAULT 0 NOT NULL,
	"sum_xy" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "metric_pair_monthly_rollups_location_id_touchpoint_id_metric_x_id_metric_y_id_month_pk" PRIMARY KEY("location_id","touchpoint_id","metric_x_id","metric_y_id","month")
);
--> statement-breakpoint
ALTER TABLE "metric_pair_daily_rollups" ADD CONSTRAINT "metric_pair_daily_rollups_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_pair_daily_rollups" ADD CONSTRAINT "metric_pair_daily_rollups_metric_x_id_metric_definitions_id_fk" FOREIGN KEY ("metric_x_id") REFERENCES "public"."metric_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_pair_daily_rollups" ADD CONSTRAINT "metric_pair_daily_rollups_metric_y_id_metric_definitions_id_fk" FOREIGN KEY ("metric_y_id") REFERENCES "public"."metric_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_pair_monthly_rollups" ADD CONSTRAINT "metric_pair_monthly_rollups_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_pair_monthly_rollups" ADD CONSTRAINT "metric_pair_monthly_rollups_metric_x_id_metric_definitions_id_fk" FOREIGN KEY ("metric_x_id") REFERENCES "public"."metric_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_pair_monthly_rollups" ADD CONSTRAINT "metric_pair_monthly_rollups_metric_y_id_metric_definitions_id_fk" FOREIGN KEY ("metric_y_id") REFERENCES "public"."metric_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "metric_pair_daily_rollups_day_idx" ON "metric_pair_daily_rollups" USING btree ("day");--> statement-breakpoint
CREATE INDEX "metric_pair_monthly_rollups_month_idx" ON "metric_pair_monthly_rollups" USING btree ("month");--> statement-breakpoint
CREATE TRIGGER metric_pair_daily_rollups_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON metric_pair_daily_rollups FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER metric_pair_monthly_rollups_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON metric_pair_monthly_rollups FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();

-- Weekly score roll-ups (ISO weeks, Monday starts), all locations and per location: a period's loose days at the
-- edges of its whole months are read as whole weeks plus at most six days each side. Filled here from the daily
-- tables, so an upgraded database reads the same sums; imports, reverts and rebuilds keep them from then on.
CREATE TABLE "location_weekly_rollups" (
	"week" date NOT NULL,
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
	CONSTRAINT "location_weekly_rollups_location_id_touchpoint_id_metric_id_week_pk" PRIMARY KEY("location_id","touchpoint_id","metric_id","week")
);
--> statement-breakpoint
CREATE TABLE "touchpoint_weekly_rollups" (
	"week" date NOT NULL,
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
	CONSTRAINT "touchpoint_weekly_rollups_touchpoint_id_metric_id_week_pk" PRIMARY KEY("touchpoint_id","metric_id","week")
);
--> statement-breakpoint
ALTER TABLE "location_weekly_rollups" ADD CONSTRAINT "location_weekly_rollups_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_weekly_rollups" ADD CONSTRAINT "location_weekly_rollups_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_weekly_rollups" ADD CONSTRAINT "location_weekly_rollups_metric_id_metric_definitions_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."metric_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoint_weekly_rollups" ADD CONSTRAINT "touchpoint_weekly_rollups_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoint_weekly_rollups" ADD CONSTRAINT "touchpoint_weekly_rollups_metric_id_metric_definitions_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."metric_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "location_weekly_rollups_week_idx" ON "location_weekly_rollups" USING btree ("week") INCLUDE ("location_id", "touchpoint_id", "metric_id", "response_count", "promoters", "passives", "detractors", "top_box", "sum", "sum_of_squares");--> statement-breakpoint
CREATE INDEX "location_weekly_rollups_emptied_idx" ON "location_weekly_rollups" USING btree ("location_id") WHERE "location_weekly_rollups"."response_count" <= 0;--> statement-breakpoint
CREATE INDEX "touchpoint_weekly_rollups_week_idx" ON "touchpoint_weekly_rollups" USING btree ("week") INCLUDE ("touchpoint_id", "metric_id", "response_count", "promoters", "passives", "detractors", "top_box", "sum", "sum_of_squares");--> statement-breakpoint
CREATE INDEX "touchpoint_weekly_rollups_emptied_idx" ON "touchpoint_weekly_rollups" USING btree ("touchpoint_id") WHERE "touchpoint_weekly_rollups"."response_count" <= 0;--> statement-breakpoint
INSERT INTO "touchpoint_weekly_rollups" ("week", "touchpoint_id", "metric_id", "response_count", "promoters", "passives", "detractors", "top_box", "sum", "sum_of_squares", "answer_counts")
  SELECT date_trunc('week', d.day)::date, d.touchpoint_id, d.metric_id, sum(d.response_count), sum(d.promoters), sum(d.passives), sum(d.detractors), sum(d.top_box), sum(d.sum), sum(d.sum_of_squares),
    (select coalesce(jsonb_object_agg(e.key, e.total), '{}'::jsonb) from (
    select e.key, sum(e.value::bigint) as total from unnest(array_agg(d.answer_counts)) as a(counts), jsonb_each_text(a.counts) e group by e.key) e)
  FROM "touchpoint_daily_rollups" d GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO "location_weekly_rollups" ("week", "location_id", "touchpoint_id", "metric_id", "response_count", "promoters", "passives", "detractors", "top_box", "sum", "sum_of_squares", "answer_counts")
  SELECT date_trunc('week', d.day)::date, d.location_id, d.touchpoint_id, d.metric_id, sum(d.response_count), sum(d.promoters), sum(d.passives), sum(d.detractors), sum(d.top_box), sum(d.sum), sum(d.sum_of_squares),
    (select coalesce(jsonb_object_agg(e.key, e.total), '{}'::jsonb) from (
    select e.key, sum(e.value::bigint) as total from unnest(array_agg(d.answer_counts)) as a(counts), jsonb_each_text(a.counts) e group by e.key) e)
  FROM "location_daily_rollups" d GROUP BY 1, 2, 3, 4;--> statement-breakpoint
-- They change what the dashboards show: noted for the score cache and its NOTIFY, as every roll-up table is.
CREATE TRIGGER touchpoint_weekly_rollups_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON touchpoint_weekly_rollups
  FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();--> statement-breakpoint
CREATE TRIGGER location_weekly_rollups_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON location_weekly_rollups
  FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();

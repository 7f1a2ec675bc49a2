-- Roll-ups are derived rows, written by the hundred thousand per import: their foreign-key checks were 60% of each
-- insert. A touchpoint or location is deleted only unused, and takes its roll-ups with it (server/rollups/forget.ts).
ALTER TABLE "location_daily_rollups" DROP CONSTRAINT "location_daily_rollups_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "location_daily_rollups" DROP CONSTRAINT "location_daily_rollups_touchpoint_id_touchpoints_id_fk";
--> statement-breakpoint
ALTER TABLE "location_daily_rollups" DROP CONSTRAINT "location_daily_rollups_metric_id_metric_definitions_id_fk";
--> statement-breakpoint
ALTER TABLE "location_monthly_rollups" DROP CONSTRAINT "location_monthly_rollups_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "location_monthly_rollups" DROP CONSTRAINT "location_monthly_rollups_touchpoint_id_touchpoints_id_fk";
--> statement-breakpoint
ALTER TABLE "location_monthly_rollups" DROP CONSTRAINT "location_monthly_rollups_metric_id_metric_definitions_id_fk";
--> statement-breakpoint
ALTER TABLE "location_weekly_rollups" DROP CONSTRAINT "location_weekly_rollups_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "location_weekly_rollups" DROP CONSTRAINT "location_weekly_rollups_touchpoint_id_touchpoints_id_fk";
--> statement-breakpoint
ALTER TABLE "location_weekly_rollups" DROP CONSTRAINT "location_weekly_rollups_metric_id_metric_definitions_id_fk";
--> statement-breakpoint
ALTER TABLE "metric_pair_daily_rollups" DROP CONSTRAINT "metric_pair_daily_rollups_touchpoint_id_touchpoints_id_fk";
--> statement-breakpoint
ALTER TABLE "metric_pair_daily_rollups" DROP CONSTRAINT "metric_pair_daily_rollups_metric_x_id_metric_definitions_id_fk";
--> statement-breakpoint
ALTER TABLE "metric_pair_daily_rollups" DROP CONSTRAINT "metric_pair_daily_rollups_metric_y_id_metric_definitions_id_fk";
--> statement-breakpoint
ALTER TABLE "metric_pair_monthly_rollups" DROP CONSTRAINT "metric_pair_monthly_rollups_touchpoint_id_touchpoints_id_fk";
--> statement-breakpoint
ALTER TABLE "metric_pair_monthly_rollups" DROP CONSTRAINT "metric_pair_monthly_rollups_metric_x_id_metric_definitions_id_fk";
--> statement-breakpoint
ALTER TABLE "metric_pair_monthly_rollups" DROP CONSTRAINT "metric_pair_monthly_rollups_metric_y_id_metric_definitions_id_fk";
--> statement-breakpoint
ALTER TABLE "touchpoint_daily_rollups" DROP CONSTRAINT "touchpoint_daily_rollups_touchpoint_id_touchpoints_id_fk";
--> statement-breakpoint
ALTER TABLE "touchpoint_daily_rollups" DROP CONSTRAINT "touchpoint_daily_rollups_metric_id_metric_definitions_id_fk";
--> statement-breakpoint
ALTER TABLE "touchpoint_monthly_rollups" DROP CONSTRAINT "touchpoint_monthly_rollups_touchpoint_id_touchpoints_id_fk";
--> statement-breakpoint
ALTER TABLE "touchpoint_monthly_rollups" DROP CONSTRAINT "touchpoint_monthly_rollups_metric_id_metric_definitions_id_fk";
--> statement-breakpoint
ALTER TABLE "touchpoint_weekly_rollups" DROP CONSTRAINT "touchpoint_weekly_rollups_touchpoint_id_touchpoints_id_fk";
--> statement-breakpoint
ALTER TABLE "touchpoint_weekly_rollups" DROP CONSTRAINT "touchpoint_weekly_rollups_metric_id_metric_definitions_id_fk";
--> statement-breakpoint
ALTER TABLE "theme_daily_rollups" DROP CONSTRAINT "theme_daily_rollups_touchpoint_id_touchpoints_id_fk";
--> statement-breakpoint
ALTER TABLE "theme_metric_daily_rollups" DROP CONSTRAINT "theme_metric_daily_rollups_touchpoint_id_touchpoints_id_fk";
--> statement-breakpoint
ALTER TABLE "theme_metric_daily_rollups" DROP CONSTRAINT "theme_metric_daily_rollups_metric_id_metric_definitions_id_fk";
--> statement-breakpoint
ALTER TABLE "theme_metric_monthly_rollups" DROP CONSTRAINT "theme_metric_monthly_rollups_touchpoint_id_touchpoints_id_fk";
--> statement-breakpoint
ALTER TABLE "theme_metric_monthly_rollups" DROP CONSTRAINT "theme_metric_monthly_rollups_metric_id_metric_definitions_id_fk";
--> statement-breakpoint
ALTER TABLE "theme_monthly_rollups" DROP CONSTRAINT "theme_monthly_rollups_touchpoint_id_touchpoints_id_fk";

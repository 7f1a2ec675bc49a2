ALTER TYPE "public"."alert_entity_level" ADD VALUE 'program';--> statement-breakpoint
ALTER TYPE "public"."alert_rule_kind" ADD VALUE 'theme_share';--> statement-breakpoint
ALTER TABLE "alert_rules" ADD COLUMN "theme_id" integer;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD COLUMN "min_share_percent" double precision;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE set null ON UPDATE no action;
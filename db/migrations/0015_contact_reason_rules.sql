CREATE TYPE "public"."reason_rule_match" AS ENUM('exact', 'prefix');--> statement-breakpoint
CREATE TABLE "contact_reason_rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contact_reason_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"match" "reason_rule_match" NOT NULL,
	"pattern" text NOT NULL,
	"kind" "demand_kind" NOT NULL,
	"touchpoint_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "touchpoint_volumes" (
	"touchpoint_id" integer NOT NULL,
	"month" date NOT NULL,
	"transactions" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "touchpoint_volumes_touchpoint_id_month_pk" PRIMARY KEY("touchpoint_id","month")
);
--> statement-breakpoint
ALTER TABLE "contact_reason_rules" ADD CONSTRAINT "contact_reason_rules_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoint_volumes" ADD CONSTRAINT "touchpoint_volumes_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_reason_rules_pattern_unique" ON "contact_reason_rules" USING btree ("match",lower("pattern"));--> statement-breakpoint
-- Rules and touchpoint volumes change what the dashboards show: note them for the score cache, as in 0005.
CREATE TRIGGER contact_reason_rules_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contact_reason_rules FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER touchpoint_volumes_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON touchpoint_volumes FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER contact_reasons_note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contact_reasons FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();

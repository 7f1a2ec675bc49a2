CREATE TABLE "perception_assessments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "perception_assessments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"touchpoint_id" integer NOT NULL,
	"quarter" text NOT NULL,
	"assessed_by_id" integer,
	"capability" smallint NOT NULL,
	"accessibility" smallint NOT NULL,
	"enjoyability" smallint NOT NULL,
	"expected_score" real NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "perception_assessments" ADD CONSTRAINT "perception_assessments_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "perception_assessments" ADD CONSTRAINT "perception_assessments_assessed_by_id_users_id_fk" FOREIGN KEY ("assessed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "perception_assessments_touchpoint_quarter_unique" ON "perception_assessments" USING btree ("touchpoint_id","quarter");--> statement-breakpoint
CREATE INDEX "perception_assessments_quarter_idx" ON "perception_assessments" USING btree ("quarter");
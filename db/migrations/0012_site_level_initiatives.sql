ALTER TABLE "initiatives" ADD COLUMN "location_id" integer;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "initiatives_location_idx" ON "initiatives" USING btree ("location_id");
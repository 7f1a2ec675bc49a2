CREATE TYPE "public"."initiative_aim" AS ENUM('score', 'contacts');--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "aim" "initiative_aim" DEFAULT 'score' NOT NULL;
CREATE TYPE "public"."alert_notification_event" AS ENUM('created', 'escalated', 'digest');--> statement-breakpoint
ALTER TABLE "alert_notifications" ALTER COLUMN "alert_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_notifications" ALTER COLUMN "event" SET DATA TYPE "public"."alert_notification_event" USING "event"::text::"public"."alert_notification_event";--> statement-breakpoint
ALTER TABLE "alert_notifications" ADD COLUMN "digest_day" date;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_notifications_digest_unique" ON "alert_notifications" USING btree ("recipient_user_id","digest_day");
// What the Next.js server does once at start (instrumentation.ts): open the database, migrate it and, on an
// empty embedded database, seed the demo, sweep uploads an interrupted run left, then start the hourly alert run and
// the re-tagger and the database watch. Without its own database the app stops.
import { sql } from "drizzle-orm";
import { startAlertScheduler } from "@/server/alerts/jobs";
import { databaseKind } from "@/server/config";
import { appDatabase } from "@/server/database";
import { watchDatabase } from "@/server/database-outage";
import { startRetagScheduler } from "@/server/themes/jobs";
import { sweepInterruptedStagedUploads } from "@/server/imports/staging";
import { sweepInterruptedUploads } from "@/server/imports/upload";
import { log } from "@/server/log";

export async function startServer(): Promise<void> {
  try {
    await appDatabase();
  } catch (error) {
    if (databaseKind() === "embedded") {
      const known = error instanceof Error && error.name === "EmbeddedDatabaseError";
      console.error(`[throughline] cannot start: ${known ? error.message : String(error)}`);
      if (!known) console.error(error);
      process.exit(1);
    }
    // A real server may come back: requests retry, and /api/health answers 503 meanwhile.
    console.error("[throughline] the database at DATABASE_URL cannot be reached yet:", error);
  }
  // Uploads a killed or crashed process left half-received: nobody can finish them (docs/security.md, Faults).
  try {
    const removed = sweepInterruptedUploads() + sweepInterruptedStagedUploads();
    if (removed > 0) log.info({ event: "uploads_swept", route: "startup", removed }, "removed uploads an interrupted run left behind");
  } catch (error) {
    log.warn({ event: "uploads_sweep_failed", route: "startup", err: error }, "could not sweep interrupted uploads");
  }
  // Each run opens the database as a request would, so a server that comes back later is picked up.
  startAlertScheduler(async () => (await appDatabase()).db);
  startRetagScheduler(async () => (await appDatabase()).db);
  // Pages learn of an outage (and of its end) from this probe within about a second, not from a failed page.
  watchDatabase(async () => {
    const { db } = await appDatabase();
    await db.execute(sql`select 1`);
  });
}

// Removes every roll-up row of a touchpoint or a location being deleted, in the caller's transaction: the roll-up
// tables carry no foreign keys (their checks were most of an import's cost), so nothing cascades to them.
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";

/** Every roll-up table; the touchpoint_* ones are the all-locations grain and have no location_id. */
export const rollupTableNames = [
  "touchpoint_daily_rollups",
  "touchpoint_weekly_rollups",
  "touchpoint_monthly_rollups",
  "location_daily_rollups",
  "location_weekly_rollups",
  "location_monthly_rollups",
  "metric_pair_daily_rollups",
  "metric_pair_monthly_rollups",
  "theme_daily_rollups",
  "theme_monthly_rollups",
  "theme_metric_daily_rollups",
  "theme_metric_monthly_rollups",
  "contact_daily_rollups",
  "contact_monthly_rollups",
] as const;

/** Deletes the roll-up rows of one touchpoint or one location. */
export async function forgetRollupsOf(tx: Queryable, of: { touchpointId: number } | { locationId: number }): Promise<void> {
  for (const table of rollupTableNames) {
    if ("locationId" in of && table.startsWith("touchpoint_")) continue;
    const where = "touchpointId" in of ? sql`touchpoint_id = ${of.touchpointId}` : sql`location_id = ${of.locationId}`;
    await tx.execute(sql`delete from ${sql.raw(table)} where ${where}`);
  }
}

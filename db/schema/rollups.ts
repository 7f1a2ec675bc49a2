// Pre-aggregated roll-ups per touchpoint, metric and day/month (and per location): what every dashboard reads.
// They store counts and sums only, never percentages, so any period and level adds up exactly.
// No foreign keys: roll-ups are derived rows written by the hundred thousand per import, where the key checks were
// 60% of each insert (migration 0027); a touchpoint or location can only be deleted unused, and takes its roll-ups
// with it (server/rollups/forget.ts), and readers go through the model's tables, so no row points at nothing shown.
import { sql } from "drizzle-orm";
import { bigint, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey } from "drizzle-orm/pg-core";

const rollupMeasures = () => ({
  touchpointId: integer().notNull(),
  metricId: integer().notNull(),
  responseCount: bigint({ mode: "number" }).notNull(),
  promoters: bigint({ mode: "number" }).notNull().default(0),
  passives: bigint({ mode: "number" }).notNull().default(0),
  detractors: bigint({ mode: "number" }).notNull().default(0),
  // Answers at or above the metric's top_box_min (CSAT 4–5, CES 5–7).
  topBox: bigint({ mode: "number" }).notNull().default(0),
  sum: doublePrecision().notNull().default(0),
  sumOfSquares: doublePrecision().notNull().default(0),
  // How many gave each whole-number answer, e.g. {"1": 4, "5": 31}: the distribution bars, still exact under addition.
  answerCounts: jsonb().$type<Record<string, number>>().notNull().default({}),
});

export const touchpointDailyRollups = pgTable("touchpoint_daily_rollups", { day: date({ mode: "string" }).notNull(), ...rollupMeasures() }, (table) => [
  primaryKey({ columns: [table.touchpointId, table.metricId, table.day] }),
  // Program-wide period queries filter on the day first.
  // The bucket indexes include the counts (migration 0023: drizzle cannot declare INCLUDE), for index-only period reads.
  index("touchpoint_daily_rollups_day_idx").on(table.day),
  // Rows a revert emptied, found without scanning the table (the index holds only those, briefly).
  index("touchpoint_daily_rollups_emptied_idx")
    .on(table.touchpointId)
    .where(sql`${table.responseCount} <= 0`),
]);

export const touchpointMonthlyRollups = pgTable("touchpoint_monthly_rollups", { month: date({ mode: "string" }).notNull(), ...rollupMeasures() }, (table) => [
  primaryKey({ columns: [table.touchpointId, table.metricId, table.month] }),
  index("touchpoint_monthly_rollups_month_idx").on(table.month),
  index("touchpoint_monthly_rollups_emptied_idx")
    .on(table.touchpointId)
    .where(sql`${table.responseCount} <= 0`),
]);

// ISO weeks (Monday starts): a period's loose days at either end of its whole months become at most a few weeks
// plus ≤ 6 days at each edge, so a 90-day read touches ~13 buckets instead of ~30 days (issue #19).
export const touchpointWeeklyRollups = pgTable("touchpoint_weekly_rollups", { week: date({ mode: "string" }).notNull(), ...rollupMeasures() }, (table) => [
  primaryKey({ columns: [table.touchpointId, table.metricId, table.week] }),
  // Includes the counts (migration 0025), as the day and month bucket indexes do.
  index("touchpoint_weekly_rollups_week_idx").on(table.week),
  index("touchpoint_weekly_rollups_emptied_idx")
    .on(table.touchpointId)
    .where(sql`${table.responseCount} <= 0`),
]);

// The same measures per location (site), for responses that name one. The tables above stay the
// all-locations grain, so an unfiltered view reads exactly what it read before locations existed.
const locationId = () => ({
  locationId: integer().notNull(),
});

export const locationDailyRollups = pgTable(
  "location_daily_rollups",
  { day: date({ mode: "string" }).notNull(), ...locationId(), ...rollupMeasures() },
  (table) => [
    primaryKey({ columns: [table.locationId, table.touchpointId, table.metricId, table.day] }),
    index("location_daily_rollups_day_idx").on(table.day),
    index("location_daily_rollups_emptied_idx")
      .on(table.locationId)
      .where(sql`${table.responseCount} <= 0`),
  ],
);

export const locationMonthlyRollups = pgTable(
  "location_monthly_rollups",
  { month: date({ mode: "string" }).notNull(), ...locationId(), ...rollupMeasures() },
  (table) => [
    primaryKey({ columns: [table.locationId, table.touchpointId, table.metricId, table.month] }),
    index("location_monthly_rollups_month_idx").on(table.month),
    index("location_monthly_rollups_emptied_idx")
      .on(table.locationId)
      .where(sql`${table.responseCount} <= 0`),
  ],
);

export const locationWeeklyRollups = pgTable(
  "location_weekly_rollups",
  { week: date({ mode: "string" }).notNull(), ...locationId(), ...rollupMeasures() },
  (table) => [
    primaryKey({ columns: [table.locationId, table.touchpointId, table.metricId, table.week] }),
    index("location_weekly_rollups_week_idx").on(table.week),
    index("location_weekly_rollups_emptied_idx")
      .on(table.locationId)
      .where(sql`${table.responseCount} <= 0`),
  ],
);

// Key drivers: for each pair of metrics answered in the same responses (metric_x_id < metric_y_id), the sums
// that give their correlation — n, Σx, Σy, Σx², Σy², Σxy — per touchpoint and day/month, so any scope and
// period has its exact correlation matrix by addition. location_id 0 is the all-locations grain (never a site).
const pairMeasures = () => ({
  locationId: integer().notNull(),
  touchpointId: integer().notNull(),
  metricXId: integer().notNull(),
  metricYId: integer().notNull(),
  responseCount: bigint({ mode: "number" }).notNull(),
  sumX: doublePrecision().notNull().default(0),
  sumY: doublePrecision().notNull().default(0),
  sumXX: doublePrecision().notNull().default(0),
  sumYY: doublePrecision().notNull().default(0),
  sumXY: doublePrecision().notNull().default(0),
});

export const metricPairDailyRollups = pgTable("metric_pair_daily_rollups", { day: date({ mode: "string" }).notNull(), ...pairMeasures() }, (table) => [
  primaryKey({ columns: [table.locationId, table.touchpointId, table.metricXId, table.metricYId, table.day] }),
  // The bucket indexes include the keys and sums (migration 0024: drizzle cannot declare INCLUDE), for index-only reads.
  index("metric_pair_daily_rollups_day_idx").on(table.day),
]);

export const metricPairMonthlyRollups = pgTable("metric_pair_monthly_rollups", { month: date({ mode: "string" }).notNull(), ...pairMeasures() }, (table) => [
  primaryKey({ columns: [table.locationId, table.touchpointId, table.metricXId, table.metricYId, table.month] }),
  index("metric_pair_monthly_rollups_month_idx").on(table.month),
]);

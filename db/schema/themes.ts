// The program's codebook of themes (words and phrases, optionally limited to touchpoints) and the theme roll-ups:
// comment counts, detractor comments and sentiment sums per touchpoint, location, theme and day/month.
import { bigint, boolean, date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { touchpoints } from "./model";

export const themes = pgTable(
  "themes",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    description: text(),
    // As the admin wrote them; the tagger lemmatises them, so "charge" also matches "charges" and "charged".
    terms: text().array().notNull(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("themes_name_unique").on(table.name)],
);

/** A theme limited to some touchpoints; a theme with no rows here applies to every touchpoint. */
export const themeTouchpoints = pgTable(
  "theme_touchpoints",
  {
    themeId: integer()
      .notNull()
      .references(() => themes.id, { onDelete: "cascade" }),
    touchpointId: integer()
      .notNull()
      .references(() => touchpoints.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.themeId, table.touchpointId] })],
);

/**
 * The codebook's version: bumped by every change to a theme, so the background re-tagger knows which comments
 * (survey_responses.tagged_version below it) still carry the old tags. One row: the program's codebook.
 */
export const themeCodebook = pgTable("theme_codebook", {
  id: integer().primaryKey().default(1),
  version: integer().notNull().default(1),
  changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

// Theme roll-ups. location_id 0 is the all-locations grain; theme_id 0 counts every comment (the shares'
// denominators), so neither is a foreign key. Readers join themes, so a deleted theme's rows are never shown.
const themeMeasures = () => ({
  locationId: integer().notNull(),
  touchpointId: integer().notNull(),
  themeId: integer().notNull(),
  comments: bigint({ mode: "number" }).notNull(),
  // Comments whose response is a detractor's: NPS 0–6 or CSAT 1–2 (lib/alerts).
  detractorComments: bigint({ mode: "number" }).notNull().default(0),
  // Comments in the analysed language, which carry a sentiment score.
  analysedComments: bigint({ mode: "number" }).notNull().default(0),
  sentimentSum: doublePrecision().notNull().default(0),
  sentimentSumOfSquares: doublePrecision().notNull().default(0),
  positiveComments: bigint({ mode: "number" }).notNull().default(0),
  negativeComments: bigint({ mode: "number" }).notNull().default(0),
});

export const themeDailyRollups = pgTable("theme_daily_rollups", { day: date({ mode: "string" }).notNull(), ...themeMeasures() }, (table) => [
  primaryKey({ columns: [table.locationId, table.touchpointId, table.themeId, table.day] }),
  // The bucket indexes include the keys and sums (migration 0024: drizzle cannot declare INCLUDE), for index-only reads.
  index("theme_daily_rollups_day_idx").on(table.day),
]);

export const themeMonthlyRollups = pgTable("theme_monthly_rollups", { month: date({ mode: "string" }).notNull(), ...themeMeasures() }, (table) => [
  primaryKey({ columns: [table.locationId, table.touchpointId, table.themeId, table.month] }),
  index("theme_monthly_rollups_month_idx").on(table.month),
]);

// Themes as key drivers: per theme (0 = every commented response) and metric, the outcome's n, Σy and Σy² over
// commented responses that answered it. With theme 0 as the baseline, presence (0/1) has its exact correlation.
const themeMetricMeasures = () => ({
  locationId: integer().notNull(),
  touchpointId: integer().notNull(),
  themeId: integer().notNull(),
  metricId: integer().notNull(),
  responseCount: bigint({ mode: "number" }).notNull(),
  sum: doublePrecision().notNull().default(0),
  sumOfSquares: doublePrecision().notNull().default(0),
});

export const themeMetricDailyRollups = pgTable("theme_metric_daily_rollups", { day: date({ mode: "string" }).notNull(), ...themeMetricMeasures() }, (table) => [
  primaryKey({ columns: [table.locationId, table.touchpointId, table.themeId, table.metricId, table.day] }),
  // The bucket indexes include the keys and sums (migration 0024: drizzle cannot declare INCLUDE), for index-only reads.
  index("theme_metric_daily_rollups_day_idx").on(table.day),
]);

export const themeMetricMonthlyRollups = pgTable(
  "theme_metric_monthly_rollups",
  { month: date({ mode: "string" }).notNull(), ...themeMetricMeasures() },
  (table) => [
    primaryKey({ columns: [table.locationId, table.touchpointId, table.themeId, table.metricId, table.month] }),
    index("theme_metric_monthly_rollups_month_idx").on(table.month),
  ],
);

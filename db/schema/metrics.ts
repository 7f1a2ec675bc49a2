// Voice-of-customer metric definitions (NPS, CSAT, CES and custom numeric scales) and per-touchpoint targets.
// Targets are expressed in the metric's reported unit: NPS points, CSAT % top-2-box, CES/custom mean.
import { metricDirections, metricKinds, type MetricKind } from "../../lib/enums";
import { doublePrecision, integer, pgEnum, pgTable, primaryKey, real, text, uniqueIndex } from "drizzle-orm/pg-core";
import { touchpoints } from "./model";

export { metricKinds, metricDirections, type MetricKind };
export const metricKind = pgEnum("metric_kind", metricKinds);
export const metricDirection = pgEnum("metric_direction", metricDirections);

export const metricDefinitions = pgTable(
  "metric_definitions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    // nps, csat, ces, or a custom code such as review_stars; also the key in survey_responses.custom_values.
    code: text().notNull(),
    name: text().notNull(),
    kind: metricKind().notNull(),
    scaleMin: real().notNull(),
    scaleMax: real().notNull(),
    direction: metricDirection().notNull().default("higher_is_better"),
    // Lowest answer counted as favourable: CSAT 4 (top-2-box), CES 5 (5–7). Null: no top box.
    topBoxMin: real(),
    description: text(),
  },
  (table) => [uniqueIndex("metric_definitions_code_unique").on(table.code)],
);

export const touchpointTargets = pgTable(
  "touchpoint_targets",
  {
    touchpointId: integer()
      .notNull()
      .references(() => touchpoints.id, { onDelete: "cascade" }),
    metricId: integer()
      .notNull()
      .references(() => metricDefinitions.id, { onDelete: "cascade" }),
    target: doublePrecision().notNull(),
  },
  (table) => [primaryKey({ columns: [table.touchpointId, table.metricId] })],
);

// The company's side of the Experience Perception Gap: each quarter, a touchpoint's owner rates it on the
// three abilities (1–5) and says what score (0–100) they expect customers to give it.
import { index, integer, pgTable, real, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { touchpoints } from "./model";
import { users } from "./people";

export const perceptionAssessments = pgTable(
  "perception_assessments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    touchpointId: integer()
      .notNull()
      .references(() => touchpoints.id, { onDelete: "cascade" }),
    // "2026-Q4": one assessment per touchpoint and quarter, replaced when saved again.
    quarter: text().notNull(),
    assessedById: integer().references(() => users.id, { onDelete: "set null" }),
    // Does it do what the customer needs / is it easy to reach and use / is it pleasant: 1 (poorly) – 5 (very well).
    capability: smallint().notNull(),
    accessibility: smallint().notNull(),
    enjoyability: smallint().notNull(),
    // The experience score (0–100, as the dashboards normalise it) the owner expects customers to give.
    expectedScore: real().notNull(),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("perception_assessments_touchpoint_quarter_unique").on(table.touchpointId, table.quarter),
    index("perception_assessments_quarter_idx").on(table.quarter),
  ],
);

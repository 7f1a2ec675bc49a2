// The experience model: journeys with ordered stages, and the touchpoints placed in them.
// A touchpoint belongs to one department and one owner but may sit in many stages of many journeys.
import { channels, type Channel } from "../../lib/enums";
import { boolean, index, integer, pgEnum, pgTable, primaryKey, real, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { departments, users } from "./people";

export { channels, type Channel };
export const channel = pgEnum("channel", channels);

export const journeys = pgTable(
  "journeys",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    description: text(),
    persona: text(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("journeys_name_unique").on(table.name)],
);

export const journeyStages = pgTable(
  "journey_stages",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    journeyId: integer()
      .notNull()
      .references(() => journeys.id, { onDelete: "cascade" }),
    name: text().notNull(),
    // Not unique: reordering swaps positions inside one transaction without a deferred constraint.
    position: integer().notNull(),
    description: text(),
  },
  (table) => [
    uniqueIndex("journey_stages_journey_name_unique").on(table.journeyId, table.name),
    index("journey_stages_journey_position_idx").on(table.journeyId, table.position),
  ],
);

export const touchpoints = pgTable(
  "touchpoints",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    name: text().notNull(),
    channel: channel().notNull().default("other"),
    // Restrict: a department with touchpoints is deactivated, never deleted from under them.
    departmentId: integer()
      .notNull()
      .references(() => departments.id, { onDelete: "restrict" }),
    ownerId: integer().references(() => users.id, { onDelete: "set null" }),
    momentOfTruth: boolean().notNull().default(false),
    weight: real().notNull().default(1),
    description: text(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("touchpoints_code_unique").on(table.code),
    index("touchpoints_owner_idx").on(table.ownerId),
    index("touchpoints_department_idx").on(table.departmentId),
  ],
);

export const stageTouchpoints = pgTable(
  "stage_touchpoints",
  {
    stageId: integer()
      .notNull()
      .references(() => journeyStages.id, { onDelete: "cascade" }),
    touchpointId: integer()
      .notNull()
      .references(() => touchpoints.id, { onDelete: "cascade" }),
    position: integer().notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.stageId, table.touchpointId] }),
    // "Which stages is this touchpoint in?" is asked by the touchpoint and owner views.
    index("stage_touchpoints_touchpoint_idx").on(table.touchpointId),
  ],
);

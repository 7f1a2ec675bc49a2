// Improvement initiatives that owners run on their touchpoints, and their updates timeline.
// `version` implements optimistic locking: a save names the version it read and loses if it changed.
import { bigint, date, doublePrecision, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { metricDefinitions } from "./metrics";
import { touchpoints } from "./model";
import { locations } from "./locations";
import { initiativeStatuses } from "./initiative-statuses";
import { initiativeAims } from "../../lib/enums";
import { users } from "./people";
import { surveyResponses } from "./responses";

export { initiativeStatuses, type InitiativeStatus } from "./initiative-statuses";
export const initiativeStatus = pgEnum("initiative_status", initiativeStatuses);
export { initiativeAims, type InitiativeAim } from "../../lib/enums";
export const initiativeAim = pgEnum("initiative_aim", initiativeAims);

export const initiatives = pgTable(
  "initiatives",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    touchpointId: integer()
      .notNull()
      .references(() => touchpoints.id, { onDelete: "cascade" }),
    ownerId: integer().references(() => users.id, { onDelete: "set null" }),
    // A site-level initiative works on the touchpoint at one location (or region); null is everywhere.
    locationId: integer().references(() => locations.id, { onDelete: "restrict" }),
    metricId: integer().references(() => metricDefinitions.id, { onDelete: "set null" }),
    // A score to raise (the metric above), or the contacts its touchpoint causes downstream to reduce.
    aim: initiativeAim().notNull().default("score"),
    title: text().notNull(),
    problem: text(),
    status: initiativeStatus().notNull().default("not_started"),
    // Taken from the roll-ups at the start date, never typed in; null until computed. For an aim at contacts:
    // contacts caused per month, and the contacts behind it in the count column.
    baseline: doublePrecision(),
    baselineResponseCount: integer(),
    target: doublePrecision(),
    startDate: date({ mode: "string" }),
    dueDate: date({ mode: "string" }),
    percentComplete: smallint().notNull().default(0),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("initiatives_touchpoint_idx").on(table.touchpointId),
    index("initiatives_owner_idx").on(table.ownerId),
    index("initiatives_location_idx").on(table.locationId),
  ],
);

export const initiativeUpdates = pgTable(
  "initiative_updates",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    initiativeId: integer()
      .notNull()
      .references(() => initiatives.id, { onDelete: "cascade" }),
    authorId: integer().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    statusFrom: initiativeStatus(),
    statusTo: initiativeStatus(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("initiative_updates_initiative_idx").on(table.initiativeId, table.createdAt)],
);

/** Comments that show the problem an initiative addresses: the customer's own words, linked as evidence. */
export const initiativeEvidence = pgTable(
  "initiative_evidence",
  {
    initiativeId: integer()
      .notNull()
      .references(() => initiatives.id, { onDelete: "cascade" }),
    // Cascade: a reverted import takes its responses, and so their use as evidence, with it.
    responseId: bigint({ mode: "number" })
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "cascade" }),
    addedById: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.initiativeId, table.responseId] }), index("initiative_evidence_response_idx").on(table.responseId)],
);

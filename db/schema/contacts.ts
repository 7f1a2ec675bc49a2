// Service contacts (calls, chats, tickets) and the reasons support tools give for them: the demand that
// reaches support, classified upstream (failure demand caused by a touchpoint, or value demand) when read.
import { sql } from "drizzle-orm";
import { bigint, date, doublePrecision, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { contactChannels, demandKinds } from "../../lib/enums";
import { locations } from "./locations";
import { touchpoints } from "./model";
import { importBatches } from "./responses";

export { contactChannels, demandKinds };
export const contactChannel = pgEnum("contact_channel", contactChannels);
export const demandKind = pgEnum("demand_kind", demandKinds);

/** Every distinct reason the tools gave (a category, a tag, a wrap-up code), as written. */
export const contactReasons = pgTable(
  "contact_reasons",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("contact_reasons_name_unique").on(table.name)],
);

/**
 * How a reason is classified: failure demand caused by a touchpoint, or value demand. Applied when reading,
 * never stored on contacts or roll-ups, so a change re-attributes all history at once.
 */
export const contactReasonMappings = pgTable("contact_reason_mappings", {
  reasonId: integer()
    .primaryKey()
    .references(() => contactReasons.id, { onDelete: "cascade" }),
  kind: demandKind().notNull(),
  // The touchpoint whose failure causes the contact; required for failure demand.
  touchpointId: integer().references(() => touchpoints.id, { onDelete: "set null" }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * The set of reasons one contact carries, sorted ("charge query" + "refund"): contacts roll up by set, so
 * the count of distinct contacts stays exact however reasons are later mapped.
 */
export const contactReasonSets = pgTable(
  "contact_reason_sets",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    reasonIds: integer().array().notNull(),
  },
  (table) => [uniqueIndex("contact_reason_sets_reasons_unique").on(table.reasonIds)],
);

export const serviceContacts = pgTable(
  "service_contacts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    channel: contactChannel().notNull(),
    direction: text(),
    queue: text(),
    reasonSetId: integer()
      .notNull()
      .references(() => contactReasonSets.id, { onDelete: "restrict" }),
    handleSeconds: integer(),
    cost: doublePrecision(),
    // When the tool already knows which touchpoint the contact is about.
    touchpointId: integer().references(() => touchpoints.id, { onDelete: "restrict" }),
    locationId: integer().references(() => locations.id, { onDelete: "restrict" }),
    // Treated like comments; requester details are personal data under the respondents' rules.
    subject: text(),
    description: text(),
    requesterEmail: text(),
    requesterName: text(),
    source: text().notNull(),
    externalId: text().notNull(),
    importBatchId: integer()
      .notNull()
      .references(() => importBatches.id, { onDelete: "restrict" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("service_contacts_source_external_id_unique").on(table.source, table.externalId),
    index("service_contacts_time_idx").on(table.occurredAt),
    index("service_contacts_batch_idx").on(table.importBatchId),
  ],
);

// Contacts per day or month, reason set, channel, location and named touchpoint: counts and sums only, so any
// period, reason mapping and level adds up exactly.
const contactMeasures = () => ({
  reasonSetId: integer()
    .notNull()
    .references(() => contactReasonSets.id, { onDelete: "cascade" }),
  channel: contactChannel().notNull(),
  // 0 stands for "none" in these two (a key column cannot be null); real ids start at 1.
  locationId: integer().notNull().default(0),
  // The touchpoint the tool itself named for the contact, if any.
  touchpointId: integer().notNull().default(0),
  contacts: bigint({ mode: "number" }).notNull(),
  handleSeconds: bigint({ mode: "number" }).notNull().default(0),
  // Contacts whose handling time is known, so a mean handle time has its own n.
  timedContacts: bigint({ mode: "number" }).notNull().default(0),
  // The tools' own costs, and how many contacts carried one (the rest are priced from handling time).
  cost: doublePrecision().notNull().default(0),
  costedContacts: bigint({ mode: "number" }).notNull().default(0),
  // Handling seconds of the contacts without a cost of their own, priced per channel when read.
  uncostedHandleSeconds: bigint({ mode: "number" }).notNull().default(0),
});

export const contactDailyRollups = pgTable("contact_daily_rollups", { day: date({ mode: "string" }).notNull(), ...contactMeasures() }, (table) => [
  primaryKey({ columns: [table.day, table.reasonSetId, table.channel, table.locationId, table.touchpointId] }),
  index("contact_daily_rollups_emptied_idx")
    .on(table.reasonSetId)
    .where(sql`${table.contacts} <= 0`),
]);

export const contactMonthlyRollups = pgTable("contact_monthly_rollups", { month: date({ mode: "string" }).notNull(), ...contactMeasures() }, (table) => [
  primaryKey({ columns: [table.month, table.reasonSetId, table.channel, table.locationId, table.touchpointId] }),
  index("contact_monthly_rollups_emptied_idx")
    .on(table.reasonSetId)
    .where(sql`${table.contacts} <= 0`),
]);

export const reasonRuleMatches = ["exact", "prefix"] as const;
export const reasonRuleMatch = pgEnum("reason_rule_match", reasonRuleMatches);

/**
 * A rule classifies every reason it matches (a tag, or a prefix such as "billing/"), now and as new reasons
 * arrive; a reason's own mapping wins over any rule. Applied when reading, like the mappings.
 */
export const contactReasonRules = pgTable(
  "contact_reason_rules",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    match: reasonRuleMatch().notNull(),
    // Compared case-insensitively with the reason as the tool wrote it.
    pattern: text().notNull(),
    kind: demandKind().notNull(),
    touchpointId: integer().references(() => touchpoints.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("contact_reason_rules_pattern_unique").on(table.match, sql`lower(${table.pattern})`)],
);

/** How many customers went through a touchpoint in a month (orders, visits, bookings): contacts per 1,000 of them. */
export const touchpointVolumes = pgTable(
  "touchpoint_volumes",
  {
    touchpointId: integer()
      .notNull()
      .references(() => touchpoints.id, { onDelete: "cascade" }),
    month: date({ mode: "string" }).notNull(),
    transactions: bigint({ mode: "number" }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.touchpointId, table.month] })],
);

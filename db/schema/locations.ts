// The places the experience happens: sites (a restaurant, a branch) grouped under regions.
// One table with a parent link, so a deeper hierarchy (country → region → site) needs no new tables.
import { locationKinds } from "../../lib/enums";
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./people";

export { locationKinds };
export const locationKind = pgEnum("location_kind", locationKinds);

export const locations = pgTable(
  "locations",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    // What survey exports name the place by, e.g. a store id: "LDN-SOHO".
    code: text().notNull(),
    name: text().notNull(),
    kind: locationKind().notNull(),
    // Restrict: a region with sites under it is emptied before it goes.
    parentId: integer().references((): AnyPgColumn => locations.id, { onDelete: "restrict" }),
    managerId: integer().references(() => users.id, { onDelete: "set null" }),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("locations_code_unique").on(table.code),
    index("locations_parent_idx").on(table.parentId),
    index("locations_manager_idx").on(table.managerId),
  ],
);

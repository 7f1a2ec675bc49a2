// Departments (the silos) and the people who sign in: admins, executives and touchpoint owners.
// Users and departments reference each other (a department's head is a user), hence the lazy FKs.
import { signInKinds, signInOutcomes, userRoles, type UserRole } from "../../lib/enums";
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";

export { userRoles, type UserRole };
export const userRole = pgEnum("user_role", userRoles);

export const departments = pgTable(
  "departments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    description: text(),
    headUserId: integer().references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("departments_name_unique").on(table.name)],
);

export const users = pgTable(
  "users",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    email: text().notNull(),
    name: text().notNull(),
    role: userRole().notNull(),
    departmentId: integer().references((): AnyPgColumn => departments.id, { onDelete: "set null" }),
    active: boolean().notNull().default(true),
    // Null for accounts that only sign in through SSO.
    passwordHash: text(),
    // Carried in every session token; bumped on sign-out, password change, deactivation and role change,
    // so that every older cookie is refused from the next request on.
    sessionVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Case-insensitive uniqueness: "Ana@x.com" and "ana@x.com" are one person.
    uniqueIndex("users_email_lower_unique").on(sql`lower(${table.email})`),
    index("users_department_idx").on(table.departmentId),
  ],
);

/** One-time invitation links: the admin hands the link over, the person sets their own password with it. */
export const userInvitations = pgTable(
  "user_invitations",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // sha256 of the token: the link itself is shown once and never stored.
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("user_invitations_token_hash_unique").on(table.tokenHash), index("user_invitations_user_idx").on(table.userId)],
);

/**
 * Every sign-in attempt (password or invitation link), never the password: the throttle counts the failures
 * per account and per address in its window, across restarts and app processes. Old rows are pruned.
 */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text({ enum: signInKinds }).notNull(),
    // Lower-cased; empty for an invitation link (the link, not an email, is what is guessed there).
    email: text().notNull(),
    ip: text().notNull(),
    outcome: text({ enum: signInOutcomes }).notNull(),
    attemptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("sign_in_attempts_email_idx").on(table.email, table.attemptedAt), index("sign_in_attempts_ip_idx").on(table.ip, table.attemptedAt)],
);

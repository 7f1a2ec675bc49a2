// Audit trail of every change an admin or owner makes, API tokens, and program settings.
// Tokens are stored as sha256 hashes; the plain token is shown once when created.
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./people";

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    actorId: integer().references(() => users.id, { onDelete: "set null" }),
    // Kept as text too so the trail still names who did it after the user is gone.
    actorEmail: text(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("audit_log_created_at_idx").on(table.createdAt),
    index("audit_log_actor_idx").on(table.actorId, table.createdAt),
    index("audit_log_entity_idx").on(table.entityType, table.entityId),
  ],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    tokenHash: text().notNull(),
    // What the token may do (lib/enums tokenScopes); tokens made before scopes existed keep every scope.
    scopes: text()
      .array()
      .notNull()
      .default(sql`'{scores:read}'::text[]`),
    // Null: never expires.
    expiresAt: timestamp({ withTimezone: true }),
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("api_tokens_token_hash_unique").on(table.tokenHash)],
);

export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row per committed statement that changed what the dashboards show (written by statement triggers,
 * migration 0005). Rows appear only at commit, so (count, max id) changes exactly when visible data does:
 * the score cache's version. Old rows are pruned by the trigger itself.
 */
export const dataChanges = pgTable("data_changes", {
  id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

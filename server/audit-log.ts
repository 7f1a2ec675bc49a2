// Reading the audit trail for admins: who changed what, when, filtered and paged, newest first.
import { and, desc, eq, gte, ilike, lt, lte, type SQL } from "drizzle-orm";
import { z } from "zod";
import { entityId, isoDate } from "@/lib/schemas";
import type { Queryable } from "@/db/client";
import { auditLog } from "@/db/schema";

export const AUDIT_PAGE_SIZE = 100;

export const auditFilterSchema = z.object({
  /** Part of the actor's email (or "cli", "demo-seed", "api-token:…"). */
  who: z.string().trim().max(200).optional(),
  /** An action or its area, e.g. "initiative" or "import.revert". */
  what: z.string().trim().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Show entries older than this id (the next page). */
  before: entityId.optional(),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export async function listAuditEntries(db: Queryable, filter: AuditFilter) {
  const conditions: SQL[] = [];
  if (filter.who) conditions.push(ilike(auditLog.actorEmail, `%${filter.who.replace(/[%_\\]/g, "\\$&")}%`));
  if (filter.what)
    conditions.push(filter.what.includes(".") ? eq(auditLog.action, filter.what) : ilike(auditLog.action, `${filter.what.replace(/[%_\\]/g, "\\$&")}.%`));
  if (filter.from) conditions.push(gte(auditLog.createdAt, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) conditions.push(lte(auditLog.createdAt, new Date(`${filter.to}T23:59:59.999Z`)));
  if (filter.before) conditions.push(lt(auditLog.id, filter.before));
  const rows = await db
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  return { entries: rows.slice(0, AUDIT_PAGE_SIZE), nextBefore: rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1]!.id : null };
}

/** The actions recorded so far, for the filter's choices. */
export async function auditActions(db: Queryable): Promise<string[]> {
  const rows = await db.select({ action: auditLog.action }).from(auditLog).groupBy(auditLog.action).orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

// Writes the audit trail: who changed what, when, with the before and after states.
// Called inside the same transaction as the change, so a change and its record commit together.
import type { Queryable } from "@/db/client";
import { auditLog } from "@/db/schema";

export interface Actor {
  id: number | null;
  email: string;
}

/** The signed-in person as the audit log records them. */
export const actorOf = (user: { id: number; email: string }): Actor => ({ id: user.id, email: user.email });

/** The CLI acts as the operator at the machine; it has no user row. */
export const cliActor: Actor = { id: null, email: "cli" };

export async function recordAudit(
  tx: Queryable,
  actor: Actor,
  entry: { action: string; entityType: string; entityId?: string | number | null; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor.id,
    actorEmail: actor.email,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

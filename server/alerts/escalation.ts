// The SLA: a case not acknowledged by its due time escalates to the department head (level 1), and at twice the
// SLA to the CCO role (level 2); each step an event, an audit entry and notifications, in one transaction.
import "server-only";
import { and, eq, lt, lte } from "drizzle-orm";
import type { Database } from "@/db/client";
import { alerts } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { loadAlertPlace } from "./access";
import { addEvent, alertsActor, messageFor } from "./cases";
import { escalationRecipients, queueNotifications } from "./outbox";

export interface Escalation {
  alertId: number;
  level: 1 | 2;
  title: string;
}

/** The level a case not yet acknowledged should be at by `now`: the SLA is the time from opening to due. */
export function levelDue(createdAt: Date, dueAt: Date, now: Date): 0 | 1 | 2 {
  const sla = dueAt.getTime() - createdAt.getTime();
  if (now.getTime() >= createdAt.getTime() + 2 * sla) return 2;
  return now.getTime() >= dueAt.getTime() ? 1 : 0;
}

const whom = { 1: "the department head", 2: "the CCO role" } as const;

/** Escalate every open case past its SLA, one level at a time (a case two levels behind takes both steps). */
export async function escalateOverdue(db: Database, now: Date = new Date()): Promise<Escalation[]> {
  const overdue = await db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.status, "open"), lt(alerts.escalationLevel, 2), lte(alerts.dueAt, now)));
  const done: Escalation[] = [];
  for (const { id } of overdue) {
    done.push(
      ...(await db.transaction(async (tx) => {
        const { alert, departmentId } = await loadAlertPlace(tx, id, { lock: true });
        if (alert.status !== "open") return [];
        const target = levelDue(alert.createdAt, alert.dueAt, now);
        const steps: Escalation[] = [];
        for (let level = alert.escalationLevel + 1; level <= target; level += 1) {
          const step = level as 1 | 2;
          const [after] = await tx.update(alerts).set({ escalationLevel: step, updatedAt: now }).where(eq(alerts.id, id)).returning();
          const recipients = await escalationRecipients(tx, step, departmentId);
          const told = recipients.length ? whom[step] : `${whom[step]} (nobody holds it: no one was told)`;
          await addEvent(tx, id, "escalated", null, `Not acknowledged in time: escalated to level ${step}, ${told}.`, now);
          await recordAudit(tx, alertsActor, {
            action: "alert.escalate",
            entityType: "alert",
            entityId: id,
            before: { level: step - 1 },
            after: { level: step },
          });
          await queueNotifications(tx, recipients, await messageFor(tx, after!, "escalated"), now);
          steps.push({ alertId: id, level: step, title: alert.title });
        }
        return steps;
      })),
    );
  }
  return done;
}

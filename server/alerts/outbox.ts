// Who is told about an alert, and the outbox rows that tell them: written in the alert's own transaction
// (created or escalated), sent later by server/notify. Nothing here sends anything.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { alertNotifications, departments, touchpoints, users } from "@/db/schema";
import type { AlertRecipients } from "@/lib/alerts";

interface AlertPlace {
  touchpointId: number | null;
  departmentId: number | null;
}

async function touchpointOwner(tx: Queryable, touchpointId: number | null): Promise<number | null> {
  if (touchpointId === null) return null;
  const [row] = await tx.select({ ownerId: touchpoints.ownerId }).from(touchpoints).where(eq(touchpoints.id, touchpointId));
  return row?.ownerId ?? null;
}

export async function departmentHead(tx: Queryable, departmentId: number | null): Promise<number | null> {
  if (departmentId === null) return null;
  const [row] = await tx.select({ headUserId: departments.headUserId }).from(departments).where(eq(departments.id, departmentId));
  return row?.headUserId ?? null;
}

/** The CCO role: every active executive. */
export async function executives(tx: Queryable): Promise<number[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "executive"), eq(users.active, true)));
  return rows.map((row) => row.id);
}

/** Of these users, the active ones, each once. */
async function activeOnly(tx: Queryable, ids: Array<number | null>): Promise<number[]> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return [];
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, wanted), eq(users.active, true)));
  const active = new Set(rows.map((row) => row.id));
  return wanted.filter((id) => active.has(id));
}

/** The default assignee: the touchpoint's owner, else the department's head (active people only). */
export async function defaultAssignee(tx: Queryable, place: AlertPlace): Promise<number | null> {
  const [owner] = await activeOnly(tx, [await touchpointOwner(tx, place.touchpointId)]);
  if (owner !== undefined) return owner;
  const [head] = await activeOnly(tx, [await departmentHead(tx, place.departmentId)]);
  return head ?? null;
}

/** The people a rule names for an alert: its touchpoint's owner, its department's head, the CCO role, named people. */
export async function ruleRecipients(tx: Queryable, recipients: AlertRecipients, place: AlertPlace): Promise<number[]> {
  return activeOnly(tx, [
    ...(recipients.touchpointOwner ? [await touchpointOwner(tx, place.touchpointId)] : []),
    ...(recipients.departmentHead ? [await departmentHead(tx, place.departmentId)] : []),
    ...(recipients.ccoRole ? await executives(tx) : []),
    ...recipients.userIds,
  ]);
}

/** Who escalation tells: level 1 the department head, level 2 the CCO role. */
export async function escalationRecipients(tx: Queryable, level: 1 | 2, departmentId: number | null): Promise<number[]> {
  return activeOnly(tx, level === 1 ? [await departmentHead(tx, departmentId)] : await executives(tx));
}

/** The payload server/notify's alertMailDataSchema reads (extra fields ride along for webhooks). */
export interface NotificationMessage {
  id: number;
  event: "created" | "escalated";
  title: string;
  /** What fired, in words with its figures. */
  fired: string;
  touchpoint: string | null;
  department: string | null;
  status: string;
  /** When it must be acknowledged by, ISO 8601. */
  due: string | null;
  escalationLevel: number;
  ruleName: string;
  kind: string;
  /** The case's page, relative to the app's address. */
  path: string;
}

/**
 * One e-mail row per person and one webhook row (every configured URL) for an event. The payload carries no
 * respondent's contact details: messages go to people who may not see them (the CCO role).
 */
export async function queueNotifications(tx: Queryable, recipients: readonly number[], message: NotificationMessage, now: Date): Promise<void> {
  const rows = [...recipients.map((id) => ({ recipientUserId: id, channel: "email" as const })), { recipientUserId: null, channel: "webhook" as const }].map(
    (row) => ({ ...row, alertId: message.id, event: message.event, payload: { ...message }, nextAttemptAt: now }),
  );
  await tx.insert(alertNotifications).values(rows);
}

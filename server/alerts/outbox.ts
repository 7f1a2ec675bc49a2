// Who is told about an alert, and the outbox rows that tell them (only for the channels configured, without the
// respondent's words): written in the alert's own transaction, sent later by server/notify. Nothing here sends.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { alertNotifications, alerts, departments, touchpoints, users } from "@/db/schema";
import type { AlertRecipients } from "@/lib/alerts";
import { configuredChannels } from "@/server/notify/config";

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

/** What the alerts module says of an event (cases.ts messageFor); queueNotifications picks what leaves the app. */
export interface NotificationMessage {
  id: number;
  event: "created" | "escalated";
  title: string;
  /** What fired, in words: read in the app only, never put in a mail or webhook (a detractor's may quote them). */
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
 * What a mail or webhook carries of a case (server/notify's alertMailDataSchema reads it): its title, where it is,
 * its state, due time, escalation level, rule and link. Never the summary or the figures: a detractor's may hold
 * their comment, and these messages reach people who may not read it (the CCO role, other systems).
 */
function payloadOf(message: NotificationMessage, entity: string | null) {
  const { id, title, touchpoint, department, status, due, escalationLevel, ruleName, kind, path } = message;
  return { id, title, entity, touchpoint, department, status, due, escalationLevel, ruleName, kind, path };
}

/**
 * One e-mail row per person when SMTP is configured and one webhook row (every configured URL) when webhooks are;
 * with neither the case is in the app only and nothing is queued.
 */
export async function queueNotifications(tx: Queryable, recipients: readonly number[], message: NotificationMessage, now: Date): Promise<void> {
  const channels = configuredChannels();
  const rows = [
    ...(channels.email ? recipients.map((id) => ({ recipientUserId: id, channel: "email" as const })) : []),
    ...(channels.webhook ? [{ recipientUserId: null, channel: "webhook" as const }] : []),
  ];
  if (rows.length === 0) return;
  const [alert] = await tx.select({ entityName: alerts.entityName }).from(alerts).where(eq(alerts.id, message.id));
  const payload = payloadOf(message, alert?.entityName ?? null);
  await tx.insert(alertNotifications).values(rows.map((row) => ({ ...row, alertId: message.id, event: message.event, payload, nextAttemptAt: now })));
}

// An alert is a case: opened once per rule, entity and period (assigned, timed by the SLA, its people told through
// the outbox), then acknowledged, started, commented on and closed with a root cause and the action taken. Audited.
import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { alertEvents, alertRules, alerts, departments, touchpoints, users } from "@/db/schema";
import { EXPERIENCE_METRIC, type AlertEventKind, type AlertRecipients, type AlertRuleKind, type AlertEntityLevel } from "@/lib/alerts";
import { actorOf, recordAudit, type Actor } from "@/server/audit";
import type { SessionUser } from "@/server/auth/users";
import { conflict, invalid } from "@/server/errors";
import { insertInitiative } from "@/server/initiatives/service";
import { assertMayOwn } from "@/server/model/rules";
import { readSetting } from "@/server/settings/program-settings";
import { assertMayChangeAlert, loadAlertPlace } from "./access";
import { defaultAssignee, queueNotifications, ruleRecipients, type NotificationMessage } from "./outbox";
import { unquoted } from "./read";

/** Throughline itself, as the audit log and the timeline name it when it opens or escalates a case. */
export const alertsActor: Actor = { id: null, email: "alerts" };

/** What a rule found: everything an alert row needs but its case fields. */
export interface Finding {
  ruleId: number;
  kind: AlertRuleKind;
  recipients: AlertRecipients;
  entityLevel: AlertEntityLevel;
  entityId: number;
  entityKey: string;
  entityName: string;
  periodKey: string;
  touchpointId: number | null;
  departmentId: number | null;
  responseId: number | null;
  batchId: number | null;
  metricCode: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  title: string;
  summary: string;
  figures: Record<string, unknown>;
}

export type AlertRow = typeof alerts.$inferSelect;

export async function addEvent(tx: Queryable, alertId: number, kind: AlertEventKind, actorId: number | null, note: string | null, at: Date) {
  await tx.insert(alertEvents).values({ alertId, kind, actorId, note, at });
}

/** The outbox payload for an alert: its words, where it is, its state. */
export async function messageFor(tx: Queryable, alert: AlertRow, event: NotificationMessage["event"]): Promise<NotificationMessage> {
  const [place] = await tx
    .select({ rule: alertRules.name, touchpoint: touchpoints.name, department: departments.name })
    .from(alertRules)
    .leftJoin(touchpoints, sql`${touchpoints.id} = ${alert.touchpointId}`)
    .leftJoin(departments, sql`${departments.id} = ${alert.departmentId}`)
    .where(eq(alertRules.id, alert.ruleId));
  return {
    id: alert.id,
    event,
    title: alert.title,
    fired: alert.summary,
    touchpoint: place?.touchpoint ?? null,
    department: place?.department ?? null,
    status: alert.status,
    due: alert.dueAt.toISOString(),
    escalationLevel: alert.escalationLevel,
    ruleName: place?.rule ?? "",
    kind: alert.kind,
    path: `/alerts/${alert.id}`,
  };
}

const nameOf = async (tx: Queryable, userId: number) =>
  (await tx.select({ name: users.name }).from(users).where(eq(users.id, userId)))[0]?.name ?? `user ${userId}`;

/**
 * Open the case for a finding, unless this rule already has one for this entity and period (then null): the
 * alert, its first events, its audit entry and its notifications commit together.
 */
export async function openAlert(db: Database, finding: Finding, now: Date): Promise<AlertRow | null> {
  return db.transaction(async (tx) => {
    const slaHours = await readSetting(tx, "alert_ack_sla_hours");
    const assigneeId = await defaultAssignee(tx, finding);
    const { recipients, ...fields } = finding;
    const [created] = await tx
      .insert(alerts)
      .values({ ...fields, assigneeId, dueAt: new Date(now.getTime() + slaHours * 3_600_000), createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: [alerts.ruleId, alerts.entityKey, alerts.periodKey] })
      .returning();
    if (!created) return null;
    await addEvent(tx, created.id, "created", null, finding.summary, now);
    if (assigneeId !== null) await addEvent(tx, created.id, "assigned", null, `Assigned to ${await nameOf(tx, assigneeId)}.`, now);
    await recordAudit(tx, alertsActor, {
      action: "alert.create",
      entityType: "alert",
      entityId: created.id,
      after: { ruleId: created.ruleId, entityKey: created.entityKey, periodKey: created.periodKey, title: created.title, assigneeId },
    });
    await queueNotifications(tx, await ruleRecipients(tx, recipients, finding), await messageFor(tx, created, "created"), now);
    return created;
  });
}

/**
 * Lock the case, check the person may change it and that it is still open, then change it and record the step.
 * Each step takes the moment it happens (default now), as evaluation and escalation do: tests and the demo set it.
 */
async function transition(
  db: Database,
  user: SessionUser,
  id: number,
  now: Date,
  step: (alert: AlertRow, tx: Queryable) => Promise<{ set: Partial<AlertRow>; event: AlertEventKind; note: string | null; action: string }>,
) {
  return db.transaction(async (tx) => {
    const place = await loadAlertPlace(tx, id, { lock: true });
    assertMayChangeAlert(user, place);
    const before = place.alert;
    if (before.status === "closed") throw conflict(`Alert ${id} is closed; a closed case does not change.`);
    const { set, event, note, action } = await step(before, tx);
    const [after] = await tx
      .update(alerts)
      .set({ ...set, updatedAt: now })
      .where(eq(alerts.id, id))
      .returning();
    await addEvent(tx, id, event, user.id, note, now);
    await recordAudit(tx, actorOf(user), {
      action,
      entityType: "alert",
      entityId: id,
      before: { status: before.status, assigneeId: before.assigneeId },
      after: { status: after!.status, assigneeId: after!.assigneeId, ...(note ? { note } : {}) },
    });
    return after!;
  });
}

const noteOf = (note: string | null | undefined) => (note ? note : null);

export function acknowledgeAlert(db: Database, user: SessionUser, input: { id: number; note?: string | null }, now = new Date()) {
  return transition(db, user, input.id, now, async (alert) => {
    if (alert.status !== "open") throw conflict(`Alert ${alert.id} is ${alert.status.replace("_", " ")} already; only an open alert is acknowledged.`);
    return { set: { status: "acknowledged", acknowledgedAt: now }, event: "acknowledged", note: noteOf(input.note), action: "alert.acknowledge" };
  });
}

/** Work starts: an open case is acknowledged by starting it. */
export function startAlert(db: Database, user: SessionUser, input: { id: number; note?: string | null }, now = new Date()) {
  return transition(db, user, input.id, now, async (alert) => {
    if (alert.status === "in_progress") throw conflict(`Alert ${alert.id} is in progress already.`);
    return {
      set: { status: "in_progress", startedAt: now, acknowledgedAt: alert.acknowledgedAt ?? now },
      event: "started",
      note: noteOf(input.note),
      action: "alert.start",
    };
  });
}

export function commentOnAlert(db: Database, user: SessionUser, input: { id: number; note: string }, now = new Date()) {
  return transition(db, user, input.id, now, async () => ({ set: {}, event: "commented", note: input.note, action: "alert.comment" }));
}

/** Closing needs why it happened and what was done, each said at its field when missing. */
export function closeAlert(
  db: Database,
  user: SessionUser,
  input: { id: number; rootCause?: string | null; actionTaken?: string | null; note?: string | null },
  now = new Date(),
) {
  return transition(db, user, input.id, now, async (alert) => {
    const problems = [
      ...(input.rootCause ? [] : [{ field: "rootCause", message: "say what caused it before closing" }]),
      ...(input.actionTaken ? [] : [{ field: "actionTaken", message: "say what was done about it before closing" }]),
    ];
    if (problems.length) throw invalid(`Alert ${alert.id} cannot be closed yet: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}.`, problems);
    const note = [`Root cause: ${input.rootCause}`, `Action taken: ${input.actionTaken}`, ...(input.note ? [input.note] : [])].join("\n");
    return {
      set: { status: "closed", closedAt: now, acknowledgedAt: alert.acknowledgedAt ?? now, rootCause: input.rootCause!, actionTaken: input.actionTaken! },
      event: "closed",
      note,
      action: "alert.close",
    };
  });
}

/** Hand the case to someone else who may own touchpoints (an owner or an admin). */
export function assignAlert(db: Database, user: SessionUser, input: { id: number; assigneeId: number; note?: string | null }, now = new Date()) {
  return transition(db, user, input.id, now, async (alert, tx) => {
    await assertMayOwn(tx, input.assigneeId, "assigneeId");
    if (alert.assigneeId === input.assigneeId) throw conflict(`Alert ${alert.id} is assigned to that person already.`);
    const note = [`Assigned to ${await nameOf(tx, input.assigneeId)}.`, ...(input.note ? [input.note] : [])].join(" ");
    return { set: { assigneeId: input.assigneeId }, event: "assigned", note, action: "alert.assign" };
  });
}

/**
 * Turn a case into an initiative on its touchpoint (insertInitiative: its own rights check, baseline and audit
 * entry), linked to the case with an event and an audit entry: all in one transaction, the case locked first, so
 * two clicks at once make one initiative and the other is told it exists. A stage's or journey's case has no one touchpoint.
 */
export async function convertAlertToInitiative(db: Database, user: SessionUser, input: { id: number; title?: string | null }, now = new Date()) {
  return db.transaction(async (tx) => {
    const place = await loadAlertPlace(tx, input.id, { lock: true });
    assertMayChangeAlert(user, place);
    const { alert } = place;
    if (alert.initiativeId !== null) throw conflict(`Alert ${alert.id} has an initiative already (initiative ${alert.initiativeId}).`);
    if (alert.touchpointId === null)
      throw invalid(`Alert ${alert.id} is about ${alert.entityName}, not one touchpoint: create the initiative on the touchpoint that needs it.`, [
        { field: "id", message: "an initiative belongs to one touchpoint" },
      ]);
    const initiative = await insertInitiative(tx, user, {
      touchpointId: alert.touchpointId,
      title: (input.title || `Follow-up: ${alert.title}`).slice(0, 200),
      // Every reader of initiatives reads the problem: never the respondent's words.
      problem: unquoted(alert.summary, alert.figures.comment).slice(0, 4000),
      aim: alert.kind === "contacts_up" ? "contacts" : "score",
      metricCode: initiativeMetric(alert),
      startDate: now.toISOString().slice(0, 10),
    });
    await tx.update(alerts).set({ initiativeId: initiative.id, updatedAt: now }).where(eq(alerts.id, alert.id));
    await addEvent(tx, alert.id, "initiative_created", user.id, `Initiative ${initiative.id}: ${initiative.title}`, now);
    await recordAudit(tx, actorOf(user), { action: "alert.initiative", entityType: "alert", entityId: alert.id, after: { initiativeId: initiative.id } });
    return initiative;
  });
}

/** The metric the case is about; a detractor's case aims at the answer the detractor gave; a theme's share, none. */
function initiativeMetric(alert: AlertRow): string | null {
  if (alert.kind === "contacts_up" || alert.kind === "theme_share") return null;
  if (alert.metricCode !== null && alert.metricCode !== EXPERIENCE_METRIC) return alert.metricCode;
  return alert.figures.nps != null ? "nps" : "csat";
}

// Who may read and who may act on an alert: executives and admins read all; owners read the cases assigned to
// them, on their department's touchpoints or that they were told about, and act only where they own the touchpoint,
// head the department or hold the case.
import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { alerts, departments, touchpoints } from "@/db/schema";
import type { SessionUser } from "@/server/auth/users";
import { mayReadPersonalData } from "@/server/auth/ownership";
import { forbidden, notFound } from "@/server/errors";

/**
 * The people told about a case, who may read it: everyone an e-mail about it was queued for (when it opened, at
 * each escalation) and the people its rule names now (told by whatever the rule sends them).
 */
const toldPeople = (alertId: SQL, ruleId: SQL) => sql`(
  select n.recipient_user_id from alert_notifications n where n.alert_id = ${alertId} and n.recipient_user_id is not null
  union select (jsonb_array_elements_text(r.recipients->'userIds'))::int from alert_rules r where r.id = ${ruleId})`;

/** An alert with what its rights depend on: the touchpoint's owner and department now, the department's head, who was told. */
export async function loadAlertPlace(db: Queryable, id: number, options: { lock?: boolean } = {}) {
  const query = db
    .select({
      alert: alerts,
      touchpointOwnerId: touchpoints.ownerId,
      departmentId: sql<number | null>`coalesce(${touchpoints.departmentId}, ${alerts.departmentId})`,
      departmentHeadId: departments.headUserId,
      toldUserIds: sql<number[]>`(select coalesce(jsonb_agg(told.id), '[]'::jsonb) from ${toldPeople(sql`${alerts.id}`, sql`${alerts.ruleId}`)} told(id))`,
    })
    .from(alerts)
    .leftJoin(touchpoints, eq(touchpoints.id, alerts.touchpointId))
    .leftJoin(departments, sql`${departments.id} = coalesce(${touchpoints.departmentId}, ${alerts.departmentId})`)
    .where(eq(alerts.id, id));
  const [row] = await (options.lock ? query.for("update", { of: alerts }) : query);
  if (!row) throw notFound(`Alert ${id} does not exist.`);
  return row;
}

export type AlertPlace = Awaited<ReturnType<typeof loadAlertPlace>>;

/** Admins any case; an owner a case they hold, on a touchpoint they own, or in a department they head. */
export function mayChangeAlert(user: SessionUser, place: AlertPlace): boolean {
  if (user.role === "admin") return true;
  if (user.role !== "owner") return false;
  return place.alert.assigneeId === user.id || place.touchpointOwnerId === user.id || place.departmentHeadId === user.id;
}

/** Reading is wider than changing: an owner also reads their department's cases and those they were told about. */
export function mayReadAlert(user: SessionUser, place: AlertPlace): boolean {
  if (user.role !== "owner") return true;
  return mayChangeAlert(user, place) || (user.departmentId !== null && place.departmentId === user.departmentId) || place.toldUserIds.includes(user.id);
}

export function assertMayChangeAlert(user: SessionUser, place: AlertPlace): void {
  if (!mayChangeAlert(user, place))
    throw forbidden("Only the alert's assignee, its touchpoint's owner, its department's head or an admin can change this alert.");
}

export function assertMayReadAlert(user: SessionUser, place: AlertPlace): void {
  if (!mayReadAlert(user, place))
    throw forbidden("This alert belongs to another department: owners see their own department's alerts and those they were told about.");
}

/**
 * A detractor's respondent — their email, name and comment: admins and the touchpoint's owner (owners' usual
 * rights), never executives, and never a reader without a session (API tokens, the CLI).
 */
export function mayReadRespondent(user: SessionUser | undefined, at: { touchpointId: number | null; touchpointOwnerId: number | null }): boolean {
  return user !== undefined && at.touchpointId !== null && mayReadPersonalData(user, at.touchpointOwnerId);
}

/**
 * The list's condition for a reader (with alerts as `a`, touchpoints as `t` and departments as `d` joined): nothing
 * for those who see all; for an owner, the cases they hold, own or head, those of their department and those they were told about.
 */
export function visibleTo(user: SessionUser | undefined): SQL | undefined {
  if (!user || user.role !== "owner") return undefined;
  const department = user.departmentId === null ? sql`false` : sql`coalesce(t.department_id, a.department_id) = ${user.departmentId}`;
  const told = sql`${user.id} in ${toldPeople(sql`a.id`, sql`a.rule_id`)}`;
  return sql`(a.assignee_id = ${user.id} or t.owner_id = ${user.id} or d.head_user_id = ${user.id} or ${department} or ${told})`;
}

// Who may read and who may act on an alert: executives and admins read all; owners read the cases assigned to
// them or on their department's touchpoints, and act only where they own the touchpoint, head the department or hold the case.
import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { alerts, departments, touchpoints } from "@/db/schema";
import type { SessionUser } from "@/server/auth/users";
import { mayReadPersonalData } from "@/server/auth/ownership";
import { forbidden, notFound } from "@/server/errors";

/** An alert with what its rights depend on: the touchpoint's owner and department now, the department's head. */
export async function loadAlertPlace(db: Queryable, id: number, options: { lock?: boolean } = {}) {
  const query = db
    .select({
      alert: alerts,
      touchpointOwnerId: touchpoints.ownerId,
      departmentId: sql<number | null>`coalesce(${touchpoints.departmentId}, ${alerts.departmentId})`,
      departmentHeadId: departments.headUserId,
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

export function mayReadAlert(user: SessionUser, place: AlertPlace): boolean {
  if (user.role !== "owner") return true;
  return mayChangeAlert(user, place) || (user.departmentId !== null && place.departmentId === user.departmentId);
}

export function assertMayChangeAlert(user: SessionUser, place: AlertPlace): void {
  if (!mayChangeAlert(user, place))
    throw forbidden("Only the alert's assignee, its touchpoint's owner, its department's head or an admin can change this alert.");
}

export function assertMayReadAlert(user: SessionUser, place: AlertPlace): void {
  if (!mayReadAlert(user, place)) throw forbidden("This alert belongs to another department: owners see the alerts of their own department.");
}

/** A respondent's email and name, for a detractor's case: admins and the touchpoint's owner (owners' usual rights), never executives. */
export function mayReadRespondent(user: SessionUser, place: AlertPlace): boolean {
  return place.alert.touchpointId !== null && mayReadPersonalData(user, place.touchpointOwnerId);
}

/**
 * The list's condition for a reader (with alerts, touchpoints as `t` and departments as `d` joined): nothing for
 * those who see all; for an owner, the cases they hold, own or head, and those of their department.
 */
export function visibleTo(user: SessionUser | undefined): SQL | undefined {
  if (!user || user.role !== "owner") return undefined;
  const department = user.departmentId === null ? sql`false` : sql`coalesce(t.department_id, a.department_id) = ${user.departmentId}`;
  return sql`(a.assignee_id = ${user.id} or t.owner_id = ${user.id} or d.head_user_id = ${user.id} or ${department})`;
}

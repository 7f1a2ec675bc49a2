// Read-side queries over the experience model (journeys, stages, touchpoints, departments, people).
// Volumes come from the monthly roll-up table, never from raw responses.
import { and, asc, eq, gte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import {
  departments,
  journeyStages,
  journeys,
  metricDefinitions,
  stageTouchpoints,
  touchpointMonthlyRollups,
  touchpoints,
  userInvitations,
  users,
} from "@/db/schema";

export async function listJourneyMap(db: Queryable) {
  const journeyRows = await db.select().from(journeys).orderBy(asc(journeys.name));
  const stageRows = await db.select().from(journeyStages).orderBy(asc(journeyStages.journeyId), asc(journeyStages.position));
  const placements = await db
    .select({
      stageId: stageTouchpoints.stageId,
      position: stageTouchpoints.position,
      touchpointId: touchpoints.id,
      code: touchpoints.code,
      name: touchpoints.name,
      channel: touchpoints.channel,
      momentOfTruth: touchpoints.momentOfTruth,
      departmentName: departments.name,
      ownerName: users.name,
    })
    .from(stageTouchpoints)
    .innerJoin(touchpoints, eq(touchpoints.id, stageTouchpoints.touchpointId))
    .innerJoin(departments, eq(departments.id, touchpoints.departmentId))
    .leftJoin(users, eq(users.id, touchpoints.ownerId))
    .orderBy(asc(stageTouchpoints.position));
  return journeyRows.map((journey) => ({
    ...journey,
    stages: stageRows
      .filter((stage) => stage.journeyId === journey.id)
      .map((stage) => ({ ...stage, touchpoints: placements.filter((p) => p.stageId === stage.id) })),
  }));
}

export type JourneyMap = Awaited<ReturnType<typeof listJourneyMap>>;

/**
 * Responses per touchpoint from the monthly roll-ups (never the raw responses): over the last `lastMonths`
 * months, or all time; for one touchpoint or all.
 */
export async function responseVolumes(db: Queryable, options: { lastMonths?: number; touchpointId?: number } = {}): Promise<Map<number, number>> {
  // A response may answer several metrics, and the roll-ups count per metric: each month counts the answers
  // to the touchpoint's most-answered metric, so NPS-only or CSAT-only touchpoints are both counted.
  const monthly = db
    .select({
      touchpointId: touchpointMonthlyRollups.touchpointId,
      responses: sql<number>`max(${touchpointMonthlyRollups.responseCount})`.as("responses"),
    })
    .from(touchpointMonthlyRollups)
    .where(
      and(
        options.lastMonths === undefined
          ? undefined
          : gte(touchpointMonthlyRollups.month, sql`(date_trunc('month', now()) - make_interval(months => ${options.lastMonths - 1}))::date`),
        options.touchpointId === undefined ? undefined : eq(touchpointMonthlyRollups.touchpointId, options.touchpointId),
      ),
    )
    .groupBy(touchpointMonthlyRollups.touchpointId, touchpointMonthlyRollups.month)
    .as("monthly");
  const rows = await db
    .select({ touchpointId: monthly.touchpointId, responses: sql<number>`sum(${monthly.responses})::int` })
    .from(monthly)
    .groupBy(monthly.touchpointId);
  return new Map(rows.map((r) => [r.touchpointId, r.responses]));
}

export async function listTouchpoints(db: Queryable, filter: { ownerId?: number } = {}) {
  const rows = await db
    .select({
      id: touchpoints.id,
      code: touchpoints.code,
      name: touchpoints.name,
      channel: touchpoints.channel,
      momentOfTruth: touchpoints.momentOfTruth,
      weight: touchpoints.weight,
      active: touchpoints.active,
      departmentId: touchpoints.departmentId,
      departmentName: departments.name,
      ownerId: touchpoints.ownerId,
      ownerName: users.name,
    })
    .from(touchpoints)
    .innerJoin(departments, eq(departments.id, touchpoints.departmentId))
    .leftJoin(users, eq(users.id, touchpoints.ownerId))
    .where(filter.ownerId === undefined ? undefined : eq(touchpoints.ownerId, filter.ownerId))
    .orderBy(asc(touchpoints.code));
  const stages = await db
    .select({ touchpointId: stageTouchpoints.touchpointId, stageName: journeyStages.name, journeyName: journeys.name })
    .from(stageTouchpoints)
    .innerJoin(journeyStages, eq(journeyStages.id, stageTouchpoints.stageId))
    .innerJoin(journeys, eq(journeys.id, journeyStages.journeyId))
    .orderBy(asc(journeys.name), asc(journeyStages.position));
  const volumes = await responseVolumes(db, { lastMonths: 12 });
  return rows.map((row) => ({
    ...row,
    placements: stages.filter((s) => s.touchpointId === row.id).map((s) => `${s.journeyName} › ${s.stageName}`),
    responsesLast12Months: volumes.get(row.id) ?? 0,
  }));
}

export async function listDepartments(db: Queryable) {
  const head = alias(users, "head");
  return db
    .select({
      id: departments.id,
      name: departments.name,
      description: departments.description,
      active: departments.active,
      headUserId: departments.headUserId,
      headName: head.name,
      touchpointCount: sql<number>`(select count(*)::int from ${touchpoints} where ${touchpoints.departmentId} = ${departments.id})`,
      userCount: sql<number>`(select count(*)::int from ${users} where ${users.departmentId} = ${departments.id})`,
    })
    .from(departments)
    .leftJoin(head, eq(head.id, departments.headUserId))
    .orderBy(asc(departments.name));
}

export async function listUsers(db: Queryable) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      departmentId: users.departmentId,
      departmentName: departments.name,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      // An unused, unexpired one-time link: the person has been invited and not yet set a password.
      invitationPending: sql<boolean>`exists (select 1 from ${userInvitations} where ${userInvitations.userId} = ${users.id} and ${userInvitations.usedAt} is null and ${userInvitations.expiresAt} > now())`,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .orderBy(asc(users.role), asc(users.name));
}

/** The metrics responses can carry: the standard three and any custom ones (such as review stars). */
export async function listMetrics(db: Queryable) {
  return db
    .select({
      code: metricDefinitions.code,
      name: metricDefinitions.name,
      kind: metricDefinitions.kind,
      scaleMin: metricDefinitions.scaleMin,
      scaleMax: metricDefinitions.scaleMax,
    })
    .from(metricDefinitions)
    .orderBy(asc(metricDefinitions.id));
}

// Touchpoints from the setup page: owner, department, channel, moment of truth, weight, targets and their
// placement in journey stages, saved together; deletion only for touchpoints that hold no data.
import { assertMayOwn } from "@/server/model/rules";
import { conflict, invalid, notFound } from "@/server/errors";
import { and, asc, eq, inArray, ne, notInArray, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { departments, journeyStages, journeys, metricDefinitions, stageTouchpoints, touchpointTargets, touchpoints, users } from "@/db/schema";
import { recordAudit, type Actor } from "@/server/audit";
import type { TouchpointInput, UpdateTouchpointInput } from "./schema";
import { touchpointUsage } from "./usage";
import { forgetRollupsOf } from "@/server/rollups/forget";

async function load(db: Queryable, id: number) {
  const [row] = await db.select().from(touchpoints).where(eq(touchpoints.id, id));
  if (!row) throw notFound(`Touchpoint ${id} does not exist.`);
  return row;
}

/** Everything the touchpoint form offers: departments, possible owners, metrics and every journey's stages. */
export async function touchpointChoices(db: Queryable) {
  const [departmentRows, ownerRows, metricRows, journeyRows, stageRows] = await Promise.all([
    db.select({ id: departments.id, name: departments.name, active: departments.active }).from(departments).orderBy(asc(departments.name)),
    db
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, departmentId: users.departmentId })
      .from(users)
      // Executives read and cannot run initiatives, so only owners and admins can own a touchpoint.
      .where(and(eq(users.active, true), inArray(users.role, ["owner", "admin"])))
      .orderBy(asc(users.name)),
    db
      .select({
        code: metricDefinitions.code,
        name: metricDefinitions.name,
        kind: metricDefinitions.kind,
        scaleMin: metricDefinitions.scaleMin,
        scaleMax: metricDefinitions.scaleMax,
      })
      .from(metricDefinitions)
      .orderBy(asc(metricDefinitions.id)),
    db.select({ id: journeys.id, name: journeys.name, active: journeys.active }).from(journeys).orderBy(asc(journeys.name)),
    db.select({ id: journeyStages.id, journeyId: journeyStages.journeyId, name: journeyStages.name }).from(journeyStages).orderBy(asc(journeyStages.position)),
  ]);
  return {
    departments: departmentRows,
    owners: ownerRows,
    metrics: metricRows,
    journeys: journeyRows.map((j) => ({ ...j, stages: stageRows.filter((s) => s.journeyId === j.id) })),
  };
}

export async function touchpointForEdit(db: Queryable, id: number) {
  const touchpoint = await load(db, id);
  const targets = await db
    .select({ code: metricDefinitions.code, target: touchpointTargets.target })
    .from(touchpointTargets)
    .innerJoin(metricDefinitions, eq(metricDefinitions.id, touchpointTargets.metricId))
    .where(eq(touchpointTargets.touchpointId, id));
  const placements = await db.select({ stageId: stageTouchpoints.stageId }).from(stageTouchpoints).where(eq(stageTouchpoints.touchpointId, id));
  return {
    ...touchpoint,
    targets: Object.fromEntries(targets.map((t) => [t.code, t.target])) as Record<string, number>,
    stageIds: placements.map((p) => p.stageId),
  };
}

/** Checks every reference the form sends and returns the metric ids its targets need. */
async function checkReferences(db: Queryable, input: TouchpointInput, exceptId?: number): Promise<Map<string, number>> {
  const [clash] = await db
    .select({ id: touchpoints.id })
    .from(touchpoints)
    .where(exceptId ? and(eq(touchpoints.code, input.code), ne(touchpoints.id, exceptId)) : eq(touchpoints.code, input.code));
  if (clash) throw conflict(`Another touchpoint already has the code ${input.code}; survey files use it to find the touchpoint, so it must be unique.`);
  const [department] = await db.select().from(departments).where(eq(departments.id, input.departmentId));
  if (!department) throw invalid(`Department ${input.departmentId} does not exist; choose one from the list.`);
  if (!department.active) throw invalid(`${department.name} is deactivated; reactivate it or choose another department.`);
  await assertMayOwn(db, input.ownerId);
  const metrics = await db.select({ id: metricDefinitions.id, code: metricDefinitions.code }).from(metricDefinitions);
  const metricIds = new Map(metrics.map((m) => [m.code, m.id]));
  for (const code of Object.keys(input.targets)) {
    if (!metricIds.has(code)) throw invalid(`There is no metric "${code}" to set a target for.`);
  }
  if (input.stageIds.length) {
    const found = await db.select({ id: journeyStages.id }).from(journeyStages).where(inArray(journeyStages.id, input.stageIds));
    if (found.length !== new Set(input.stageIds).size) throw invalid("A chosen stage no longer exists; reload the page and try again.");
  }
  return metricIds;
}

async function saveTargets(tx: Queryable, touchpointId: number, targets: Record<string, number>, metricIds: Map<string, number>) {
  await tx.delete(touchpointTargets).where(eq(touchpointTargets.touchpointId, touchpointId));
  const rows = Object.entries(targets).map(([code, target]) => ({ touchpointId, metricId: metricIds.get(code)!, target }));
  if (rows.length) await tx.insert(touchpointTargets).values(rows);
}

/** Keeps existing placements where they are and appends new ones at the end of their stage. */
async function savePlacements(tx: Queryable, touchpointId: number, stageIds: number[]) {
  await tx
    .delete(stageTouchpoints)
    .where(
      stageIds.length
        ? and(eq(stageTouchpoints.touchpointId, touchpointId), notInArray(stageTouchpoints.stageId, stageIds))
        : eq(stageTouchpoints.touchpointId, touchpointId),
    );
  for (const stageId of new Set(stageIds)) {
    await tx
      .insert(stageTouchpoints)
      .values({
        stageId,
        touchpointId,
        position: sql`(select coalesce(max(${stageTouchpoints.position}) + 1, 0) from ${stageTouchpoints} where ${stageTouchpoints.stageId} = ${stageId})`,
      })
      .onConflictDoNothing();
  }
}

function rowValues(input: TouchpointInput) {
  const { targets: _targets, stageIds: _stageIds, ...values } = input;
  return values;
}

export async function createTouchpoint(db: Database, actor: Actor, input: TouchpointInput) {
  return db.transaction(async (tx) => {
    const metricIds = await checkReferences(tx, input);
    const [created] = await tx.insert(touchpoints).values(rowValues(input)).returning();
    await saveTargets(tx, created!.id, input.targets, metricIds);
    await savePlacements(tx, created!.id, input.stageIds);
    await recordAudit(tx, actor, { action: "touchpoint.create", entityType: "touchpoint", entityId: created!.id, after: input });
    return created!;
  });
}

export async function updateTouchpoint(db: Database, actor: Actor, input: UpdateTouchpointInput) {
  const { id, ...changes } = input;
  return db.transaction(async (tx) => {
    const before = await touchpointForEdit(tx, id);
    const metricIds = await checkReferences(tx, changes, id);
    await tx
      .update(touchpoints)
      .set({ ...rowValues(changes), updatedAt: sql`now()` })
      .where(eq(touchpoints.id, id));
    await saveTargets(tx, id, changes.targets, metricIds);
    await savePlacements(tx, id, changes.stageIds);
    const { createdAt: _created, updatedAt: _updated, ...beforeValues } = before;
    await recordAudit(tx, actor, { action: "touchpoint.update", entityType: "touchpoint", entityId: id, before: beforeValues, after: changes });
  });
}

export async function setTouchpointActive(db: Database, actor: Actor, id: number, active: boolean) {
  return db.transaction(async (tx) => {
    const before = await load(tx, id);
    if (active) {
      const [department] = await tx.select().from(departments).where(eq(departments.id, before.departmentId));
      if (department && !department.active) {
        throw conflict(`${department.name} is deactivated. Reactivate it, or move ${before.name} to another department, first.`);
      }
    }
    if (before.active === active) return;
    await tx
      .update(touchpoints)
      .set({ active, updatedAt: sql`now()` })
      .where(eq(touchpoints.id, id));
    await recordAudit(tx, actor, {
      action: active ? "touchpoint.activate" : "touchpoint.deactivate",
      entityType: "touchpoint",
      entityId: id,
      before: { active: before.active },
      after: { active },
    });
  });
}

export async function deleteTouchpoint(db: Database, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const before = await touchpointForEdit(tx, id);
    const usage = await touchpointUsage(tx, id);
    if (!usage.deletable) throw conflict(usage.explanation);
    await forgetRollupsOf(tx, { touchpointId: id });
    await tx.delete(touchpoints).where(eq(touchpoints.id, id));
    await recordAudit(tx, actor, { action: "touchpoint.delete", entityType: "touchpoint", entityId: id, before });
  });
}

// Journeys from the setup page: name, persona, the ordered stages (saved as one list in its new order),
// deactivation, and deletion of the structure only; touchpoints and their data never go with it.
import { conflict, invalid, notFound } from "@/server/errors";
import { and, asc, eq, inArray, ne, notInArray, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { journeyStages, journeys, stageTouchpoints, touchpoints } from "@/db/schema";
import { recordAudit, type Actor } from "@/server/audit";
import type { JourneyInput, SaveStagesInput, UpdateJourneyInput } from "./schema";
import { journeyUsage } from "./usage";

async function assertNameFree(db: Queryable, name: string, exceptId?: number) {
  const [clash] = await db
    .select({ id: journeys.id })
    .from(journeys)
    .where(exceptId ? and(eq(journeys.name, name), ne(journeys.id, exceptId)) : eq(journeys.name, name));
  if (clash) throw conflict(`A journey named "${name}" already exists. Choose another name.`);
}

async function load(db: Queryable, id: number) {
  const [row] = await db.select().from(journeys).where(eq(journeys.id, id));
  if (!row) throw notFound(`Journey ${id} does not exist.`);
  return row;
}

/** The journey with its stages in order and the touchpoints placed in each. */
export async function journeyForEdit(db: Queryable, id: number) {
  const journey = await load(db, id);
  const stages = await db.select().from(journeyStages).where(eq(journeyStages.journeyId, id)).orderBy(asc(journeyStages.position));
  const placements = stages.length
    ? await db
        .select({ stageId: stageTouchpoints.stageId, id: touchpoints.id, code: touchpoints.code, name: touchpoints.name, active: touchpoints.active })
        .from(stageTouchpoints)
        .innerJoin(touchpoints, eq(touchpoints.id, stageTouchpoints.touchpointId))
        .where(
          inArray(
            stageTouchpoints.stageId,
            stages.map((s) => s.id),
          ),
        )
        .orderBy(asc(stageTouchpoints.position))
    : [];
  return {
    ...journey,
    stages: stages.map((stage) => ({ ...stage, touchpoints: placements.filter((p) => p.stageId === stage.id) })),
  };
}

export async function createJourney(db: Database, actor: Actor, input: JourneyInput) {
  return db.transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    const [created] = await tx.insert(journeys).values(input).returning();
    await recordAudit(tx, actor, { action: "journey.create", entityType: "journey", entityId: created!.id, after: input });
    return created!;
  });
}

export async function updateJourney(db: Database, actor: Actor, input: UpdateJourneyInput) {
  const { id, ...changes } = input;
  return db.transaction(async (tx) => {
    const before = await load(tx, id);
    await assertNameFree(tx, changes.name, id);
    await tx
      .update(journeys)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(journeys.id, id));
    await recordAudit(tx, actor, {
      action: "journey.update",
      entityType: "journey",
      entityId: id,
      before: { name: before.name, persona: before.persona, description: before.description },
      after: changes,
    });
  });
}

function assertStageList(input: SaveStagesInput, existingIds: Set<number>) {
  const names = input.stages.map((s) => s.name.toLowerCase());
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) {
    throw invalid(`Two stages are named "${input.stages.find((s) => s.name.toLowerCase() === repeated)!.name}"; stage names must differ.`);
  }
  for (const stage of input.stages) {
    if (stage.id !== undefined && !existingIds.has(stage.id)) {
      throw invalid(`Stage ${stage.id} is not part of this journey; reload the page and try again.`);
    }
  }
}

/**
 * Saves the stages in the order given. Removed stages take their placements with them (the touchpoints stay);
 * names are parked first so that swapping two stages' names does not trip the per-journey unique index.
 */
export async function saveStages(db: Database, actor: Actor, input: SaveStagesInput) {
  return db.transaction(async (tx) => {
    await load(tx, input.journeyId);
    const before = await tx.select().from(journeyStages).where(eq(journeyStages.journeyId, input.journeyId)).orderBy(asc(journeyStages.position));
    assertStageList(input, new Set(before.map((s) => s.id)));
    const keptIds = input.stages.flatMap((s) => (s.id === undefined ? [] : [s.id]));
    await tx
      .delete(journeyStages)
      .where(
        keptIds.length
          ? and(eq(journeyStages.journeyId, input.journeyId), notInArray(journeyStages.id, keptIds))
          : eq(journeyStages.journeyId, input.journeyId),
      );
    if (keptIds.length) {
      await tx
        .update(journeyStages)
        .set({ name: sql`'~' || ${journeyStages.id}::text` })
        .where(inArray(journeyStages.id, keptIds));
    }
    for (const [position, stage] of input.stages.entries()) {
      const values = { name: stage.name, description: stage.description, position };
      if (stage.id === undefined) await tx.insert(journeyStages).values({ ...values, journeyId: input.journeyId });
      else await tx.update(journeyStages).set(values).where(eq(journeyStages.id, stage.id));
    }
    await tx
      .update(journeys)
      .set({ updatedAt: sql`now()` })
      .where(eq(journeys.id, input.journeyId));
    await recordAudit(tx, actor, {
      action: "journey.stages",
      entityType: "journey",
      entityId: input.journeyId,
      before: before.map((s) => s.name),
      after: input.stages.map((s) => s.name),
    });
    // The saved list with the new stages' ids, so the editor can go on editing without a reload.
    return (await journeyForEdit(tx, input.journeyId)).stages;
  });
}

export async function setJourneyActive(db: Database, actor: Actor, id: number, active: boolean) {
  return db.transaction(async (tx) => {
    const before = await load(tx, id);
    if (before.active === active) return;
    await tx
      .update(journeys)
      .set({ active, updatedAt: sql`now()` })
      .where(eq(journeys.id, id));
    await recordAudit(tx, actor, {
      action: active ? "journey.activate" : "journey.deactivate",
      entityType: "journey",
      entityId: id,
      before: { active: before.active },
      after: { active },
    });
  });
}

export async function deleteJourney(db: Database, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const before = await journeyForEdit(tx, id);
    const usage = await journeyUsage(tx, id);
    if (!usage.deletable) throw conflict(usage.explanation);
    await tx.delete(journeys).where(eq(journeys.id, id));
    await recordAudit(tx, actor, {
      action: "journey.delete",
      entityType: "journey",
      entityId: id,
      // Enough to rebuild it by hand: the stages in order and the touchpoint codes in each.
      before: {
        name: before.name,
        persona: before.persona,
        stages: before.stages.map((s) => ({ name: s.name, touchpoints: s.touchpoints.map((t) => t.code) })),
      },
    });
  });
}

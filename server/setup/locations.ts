// Locations from the setup page and the model file: sites grouped in regions, each with a manager.
// Create, edit, deactivate, and delete only when no response names it; each change is audited in its transaction.
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { locations, users } from "@/db/schema";
import { recordAudit, type Actor } from "@/server/audit";
import { conflict, invalid, notFound } from "@/server/errors";
import { ancestorsOf, type LocationNode } from "@/server/locations/hierarchy";
import { assertMayOwn, parentProblem } from "@/server/model/rules";
import type { LocationInput, UpdateLocationInput } from "./schema";
import { locationUsage } from "./usage";
import { forgetRollupsOf } from "@/server/rollups/forget";

/** Every location, regions and sites, for the setup page and the filters. */
export async function listLocations(db: Queryable) {
  return db
    .select({
      id: locations.id,
      code: locations.code,
      name: locations.name,
      kind: locations.kind,
      parentId: locations.parentId,
      managerId: locations.managerId,
      managerName: users.name,
      active: locations.active,
    })
    .from(locations)
    .leftJoin(users, eq(users.id, locations.managerId))
    .orderBy(asc(locations.kind), asc(locations.name));
}

async function load(db: Queryable, id: number) {
  const [row] = await db.select().from(locations).where(eq(locations.id, id));
  if (!row) throw notFound(`Location ${id} does not exist.`);
  return row;
}

async function assertCodeFree(db: Queryable, code: string, exceptId?: number) {
  const [clash] = await db
    .select({ name: locations.name })
    .from(locations)
    .where(exceptId ? and(eq(locations.code, code), ne(locations.id, exceptId)) : eq(locations.code, code));
  if (clash) throw conflict(`The code ${code} is already ${clash.name}'s. Choose another code.`);
}

async function assertParentFits(db: Queryable, input: LocationInput, id?: number) {
  const all: LocationNode[] = await db.select({ id: locations.id, code: locations.code, kind: locations.kind, parentId: locations.parentId }).from(locations);
  const parent = input.parentId === null ? undefined : all.find((l) => l.id === input.parentId);
  if (input.parentId !== null && !parent) throw invalid(`parentId: location ${input.parentId} does not exist; choose the region from the list.`);
  // By id, not code: a location whose code changes in the same edit is still the same location.
  if (id !== undefined && parent && (parent.id === id || ancestorsOf(all, parent.id).some((a) => a.id === id))) {
    const message = `${parent.code} is inside this location; a location cannot sit inside itself`;
    throw invalid(`parentId: ${message}.`, [{ field: "parentId", message }]);
  }
  const problem = parentProblem(input, parent && { ...parent, ancestors: ancestorsOf(all, parent.id).map((a) => a.code) });
  if (problem) throw invalid(`parentId: ${problem}.`, [{ field: "parentId", message: problem }]);
}

export async function createLocation(db: Database, actor: Actor, input: LocationInput) {
  return db.transaction(async (tx) => {
    await assertCodeFree(tx, input.code);
    await assertParentFits(tx, input);
    await assertMayOwn(tx, input.managerId, "managerId");
    const [created] = await tx.insert(locations).values(input).returning();
    await recordAudit(tx, actor, { action: "location.create", entityType: "location", entityId: created!.id, after: input });
    return created!;
  });
}

export async function updateLocation(db: Database, actor: Actor, input: UpdateLocationInput) {
  const { id, ...changes } = input;
  return db.transaction(async (tx) => {
    const before = await load(tx, id);
    await assertCodeFree(tx, changes.code, id);
    await assertParentFits(tx, changes, id);
    await assertMayOwn(tx, changes.managerId, "managerId");
    if (before.kind !== changes.kind) {
      const usage = await locationUsage(tx, id);
      if (!usage.deletable) throw conflict(`${before.name} holds responses or locations, so it stays a ${before.kind}.`);
    }
    await tx
      .update(locations)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(locations.id, id));
    const { createdAt: _c, updatedAt: _u, ...kept } = before;
    await recordAudit(tx, actor, { action: "location.update", entityType: "location", entityId: id, before: kept, after: changes });
  });
}

/** A deactivated location keeps its history; imports stop accepting its code. */
export async function setLocationActive(db: Database, actor: Actor, id: number, active: boolean) {
  return db.transaction(async (tx) => {
    const before = await load(tx, id);
    if (before.active === active) return;
    await tx
      .update(locations)
      .set({ active, updatedAt: sql`now()` })
      .where(eq(locations.id, id));
    await recordAudit(tx, actor, {
      action: active ? "location.activate" : "location.deactivate",
      entityType: "location",
      entityId: id,
      before: { active: before.active },
      after: { active },
    });
  });
}

export async function deleteLocation(db: Database, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const before = await load(tx, id);
    const usage = await locationUsage(tx, id);
    if (!usage.deletable) throw conflict(usage.explanation);
    await forgetRollupsOf(tx, { locationId: id });
    await tx.delete(locations).where(eq(locations.id, id));
    await recordAudit(tx, actor, { action: "location.delete", entityType: "location", entityId: id, before });
  });
}

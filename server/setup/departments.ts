// Departments from the setup page: create, edit, deactivate, and delete only when nothing belongs to them.
// Each change and its audit record commit in one transaction.
import { conflict, invalid, notFound } from "@/server/errors";
import { and, count, eq, ne, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { departments, touchpoints, users } from "@/db/schema";
import { recordAudit, type Actor } from "@/server/audit";
import type { DepartmentInput, UpdateDepartmentInput } from "./schema";
import { departmentUsage } from "./usage";

async function assertNameFree(db: Queryable, name: string, exceptId?: number) {
  const [clash] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(exceptId ? and(eq(departments.name, name), ne(departments.id, exceptId)) : eq(departments.name, name));
  if (clash) throw conflict(`A department named "${name}" already exists. Choose another name.`);
}

async function assertHeadExists(db: Queryable, headUserId: number | null) {
  if (headUserId === null) return;
  const [head] = await db.select({ id: users.id }).from(users).where(eq(users.id, headUserId));
  if (!head) throw invalid(`User ${headUserId} does not exist; choose the head from the list.`);
}

async function load(db: Queryable, id: number) {
  const [row] = await db.select().from(departments).where(eq(departments.id, id));
  if (!row) throw notFound(`Department ${id} does not exist.`);
  return row;
}

export async function createDepartment(db: Database, actor: Actor, input: DepartmentInput) {
  return db.transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    await assertHeadExists(tx, input.headUserId);
    const [created] = await tx.insert(departments).values(input).returning();
    await recordAudit(tx, actor, { action: "department.create", entityType: "department", entityId: created!.id, after: input });
    return created!;
  });
}

export async function updateDepartment(db: Database, actor: Actor, input: UpdateDepartmentInput) {
  const { id, ...changes } = input;
  return db.transaction(async (tx) => {
    const before = await load(tx, id);
    await assertNameFree(tx, changes.name, id);
    await assertHeadExists(tx, changes.headUserId);
    await tx
      .update(departments)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(departments.id, id));
    await recordAudit(tx, actor, {
      action: "department.update",
      entityType: "department",
      entityId: id,
      before: { name: before.name, description: before.description, headUserId: before.headUserId },
      after: changes,
    });
  });
}

/** A department with active touchpoints stays active: its scores would otherwise report under a closed silo. */
export async function setDepartmentActive(db: Database, actor: Actor, id: number, active: boolean) {
  return db.transaction(async (tx) => {
    const before = await load(tx, id);
    if (!active) {
      const [row] = await tx
        .select({ n: count() })
        .from(touchpoints)
        .where(and(eq(touchpoints.departmentId, id), eq(touchpoints.active, true)));
      if (row && row.n > 0) {
        throw conflict(
          `${before.name} still owns ${row.n} active touchpoint${row.n === 1 ? "" : "s"}. Move them to another department or deactivate them first.`,
        );
      }
    }
    if (before.active === active) return;
    await tx
      .update(departments)
      .set({ active, updatedAt: sql`now()` })
      .where(eq(departments.id, id));
    await recordAudit(tx, actor, {
      action: active ? "department.activate" : "department.deactivate",
      entityType: "department",
      entityId: id,
      before: { active: before.active },
      after: { active },
    });
  });
}

export async function deleteDepartment(db: Database, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const before = await load(tx, id);
    const usage = await departmentUsage(tx, id);
    if (!usage.deletable) throw conflict(usage.explanation);
    await tx.delete(departments).where(eq(departments.id, id));
    await recordAudit(tx, actor, { action: "department.delete", entityType: "department", entityId: id, before });
  });
}

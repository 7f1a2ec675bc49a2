// Creating, activating and deactivating people: shared by the CLI and the admin pages.
// Deactivation and role changes end the person's sessions (a new session version) and apply on the next request.
import { DomainError } from "@/server/errors";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { departments, users, type UserRole } from "@/db/schema";
import { recordAudit, type Actor } from "@/server/audit";
import { hashPassword } from "@/server/auth/passwords";
import { endSessions } from "@/server/auth/session-check";

/** A change to a person that cannot be made as asked (a taken email, one's own admin role). */
export class UserInputError extends DomainError {
  override name = "UserInputError";
  constructor(message: string, kind: "invalid" | "conflict" | "not_found" = "invalid") {
    super(kind, message);
  }
}

export async function addUser(
  db: Queryable,
  actor: Actor,
  input: { email: string; name: string; role: UserRole; department?: string | null; password?: string | null },
): Promise<number> {
  return db.transaction(async (tx) => {
    const email = input.email.trim();
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
    if (existing) throw new UserInputError(`A user with email ${email} already exists.`, "conflict");
    let departmentId: number | null = null;
    if (input.department) {
      const [department] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.name, input.department));
      if (!department) throw new UserInputError(`No department named "${input.department}".`);
      departmentId = department.id;
    }
    if (input.password != null && input.password.length < 10) {
      throw new UserInputError("The password must be at least 10 characters long.");
    }
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    const [row] = await tx.insert(users).values({ email, name: input.name.trim(), role: input.role, departmentId, passwordHash }).returning({ id: users.id });
    await recordAudit(tx, actor, {
      action: "user.add",
      entityType: "user",
      entityId: row!.id,
      after: { email, name: input.name, role: input.role, department: input.department ?? null },
    });
    return row!.id;
  });
}

export async function setUserActive(db: Queryable, actor: Actor, { userId, active }: { userId: number; active: boolean }): Promise<void> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ email: users.email, active: users.active }).from(users).where(eq(users.id, userId));
    if (!before) throw new UserInputError(`User ${userId} does not exist.`, "not_found");
    if (actor.id === userId && !active) throw new UserInputError("You cannot deactivate your own account.");
    await tx
      .update(users)
      .set({ active, updatedAt: sql`now()` })
      .where(eq(users.id, userId));
    // Deactivation ends the sessions for good: reactivating later does not revive the old cookies.
    if (!active) await endSessions(tx, userId);
    await recordAudit(tx, actor, {
      action: active ? "user.activate" : "user.deactivate",
      entityType: "user",
      entityId: userId,
      before: { active: before.active },
      after: { active },
    });
  });
}

/** Change someone's role; it takes effect on their next request. Admins cannot demote themselves. */
export async function setUserRole(db: Queryable, actor: Actor, { userId, role }: { userId: number; role: UserRole }): Promise<void> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId));
    if (!before) throw new UserInputError(`User ${userId} does not exist.`, "not_found");
    if (actor.id === userId && role !== "admin") throw new UserInputError("You cannot take the admin role from yourself; ask another admin.");
    if (before.role === role) return;
    await tx
      .update(users)
      .set({ role, updatedAt: sql`now()` })
      .where(eq(users.id, userId));
    await endSessions(tx, userId);
    await recordAudit(tx, actor, { action: "user.role", entityType: "user", entityId: userId, before: { role: before.role }, after: { role } });
  });
}

export async function userIdByEmail(db: Queryable, email: string): Promise<number | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return row?.id ?? null;
}

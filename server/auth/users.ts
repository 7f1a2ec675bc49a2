// Looks up the people who sign in. Every request re-reads the user, so deactivation or a role change
// takes effect on the very next request, whatever the session token still says.
import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { users, type UserRole } from "@/db/schema";
import { hashPassword, verifyPassword } from "./passwords";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  departmentId: number | null;
}

/** The columns a signed-in user is read with. */
export const sessionColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  departmentId: users.departmentId,
};

export async function activeUserById(db: Queryable, id: number): Promise<SessionUser | null> {
  const [row] = await db
    .select({ ...sessionColumns, active: users.active })
    .from(users)
    .where(eq(users.id, id));
  if (!row || !row.active) return null;
  const { active: _active, ...user } = row;
  return user;
}

export async function activeUserByEmail(db: Queryable, email: string): Promise<SessionUser | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return row ? activeUserById(db, row.id) : null;
}

/** The user when email and password match an active account; null otherwise, without saying which part failed. */
export async function verifyCredentials(db: Queryable, email: string, password: string): Promise<SessionUser | null> {
  const [row] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  const matches = await verifyPassword(password, row?.passwordHash ?? null);
  if (!row || !row.active || !row.passwordHash || !matches) return null;
  return activeUserById(db, row.id);
}

/** A new password ends every session of the user. */
export async function setPassword(db: Queryable, userId: number, plain: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(plain), sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

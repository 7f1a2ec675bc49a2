// One-time invitation links: an admin invites someone (or issues a fresh link), the person opens it and sets
// their own password. Only a hash of the token is stored, the link works once and expires after a week.
import { createHash, randomBytes } from "node:crypto";
import { conflict, DomainError, invalid, notFound } from "@/server/errors";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { departments, userInvitations, users } from "@/db/schema";
import { actorOf, recordAudit, type Actor } from "@/server/audit";
import { endSessions } from "@/server/auth/session-check";
import { hashPassword } from "@/server/auth/passwords";
import type { InviteUserInput } from "@/server/setup/schema";
import { addUser, UserInputError } from "./users";

export const INVITATION_DAYS = 7;
export const MINIMUM_PASSWORD_LENGTH = 10;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface IssuedInvitation {
  userId: number;
  /** Shown to the admin once, as /invite/<token>; never stored. */
  token: string;
  expiresAt: Date;
}

/** Any earlier unused link for the person stops working, so only the newest one handed over is valid. */
async function issue(tx: Queryable, userId: number, actor: Actor): Promise<IssuedInvitation> {
  await tx
    .update(userInvitations)
    .set({ expiresAt: sql`least(${userInvitations.expiresAt}, now())` })
    .where(and(eq(userInvitations.userId, userId), isNull(userInvitations.usedAt)));
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
  await tx.insert(userInvitations).values({ userId, tokenHash: hashToken(token), expiresAt, createdById: actor.id });
  return { userId, token, expiresAt };
}

export async function inviteUser(db: Database, actor: Actor, input: InviteUserInput): Promise<IssuedInvitation> {
  return db.transaction(async (tx) => {
    let departmentName: string | null = null;
    if (input.departmentId !== null) {
      const [department] = await tx.select({ name: departments.name }).from(departments).where(eq(departments.id, input.departmentId));
      if (!department) throw invalid("That department no longer exists; choose another.");
      departmentName = department.name;
    }
    try {
      const userId = await addUser(tx, actor, { ...input, department: departmentName, password: null });
      const invitation = await issue(tx, userId, actor);
      await recordAudit(tx, actor, {
        action: "user.invite",
        entityType: "user",
        entityId: userId,
        after: { email: input.email, expiresAt: invitation.expiresAt },
      });
      return invitation;
    } catch (error) {
      if (error instanceof UserInputError) throw conflict(error.message);
      throw error;
    }
  });
}

/** A new link for someone who lost theirs or forgot their password; accepting it replaces the password. */
export async function reissueInvitation(db: Database, actor: Actor, userId: number): Promise<IssuedInvitation> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email, active: users.active }).from(users).where(eq(users.id, userId));
    if (!user) throw notFound(`User ${userId} does not exist.`);
    if (!user.active) throw invalid("Reactivate this person before sending them a sign-in link.");
    const invitation = await issue(tx, userId, actor);
    await recordAudit(tx, actor, {
      action: "user.invite_link",
      entityType: "user",
      entityId: userId,
      after: { email: user.email, expiresAt: invitation.expiresAt },
    });
    return invitation;
  });
}

export type InvitationState = { status: "valid"; name: string; email: string; expiresAt: Date } | { status: "used" | "expired" | "unknown" };

export async function readInvitation(db: Queryable, token: string): Promise<InvitationState> {
  const [row] = await db
    .select({ name: users.name, email: users.email, active: users.active, expiresAt: userInvitations.expiresAt, usedAt: userInvitations.usedAt })
    .from(userInvitations)
    .innerJoin(users, eq(users.id, userInvitations.userId))
    .where(eq(userInvitations.tokenHash, hashToken(token)));
  if (!row || !row.active) return { status: "unknown" };
  if (row.usedAt) return { status: "used" };
  if (row.expiresAt.getTime() <= Date.now()) return { status: "expired" };
  return { status: "valid", name: row.name, email: row.email, expiresAt: row.expiresAt };
}

export class InvitationError extends DomainError {
  override name = "InvitationError";
  constructor(message: string) {
    super("invalid", message);
  }
}

/** Sets the password and spends the link in one transaction; a second use, or a race with one, is refused. */
export async function acceptInvitation(db: Database, token: string, password: string): Promise<{ id: number; email: string }> {
  if (password.length < MINIMUM_PASSWORD_LENGTH) throw new InvitationError(`Choose a password of at least ${MINIMUM_PASSWORD_LENGTH} characters.`);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [spent] = await tx
      .update(userInvitations)
      .set({ usedAt: sql`now()` })
      .where(and(eq(userInvitations.tokenHash, hashToken(token)), isNull(userInvitations.usedAt), sql`${userInvitations.expiresAt} > now()`))
      .returning({ userId: userInvitations.userId });
    const [user] = spent ? await tx.select({ id: users.id, email: users.email, active: users.active }).from(users).where(eq(users.id, spent.userId)) : [];
    if (!user || !user.active) throw new InvitationError("This link has been used, has expired or was replaced by a newer one. Ask your admin for a new link.");
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(eq(users.id, user.id));
    // A new password ends every other session (the one about to start gets the new version).
    await endSessions(tx, user.id);
    await recordAudit(tx, actorOf(user), { action: "user.accept_invitation", entityType: "user", entityId: user.id });
    return { id: user.id, email: user.email };
  });
}

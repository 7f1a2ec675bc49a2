// Decides whether a session token still stands: its user active, its session version current, neither idle
// nor past its absolute lifetime. One read per check, which also gives the user; the verdict itself is pure and unit-tested.
import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { users } from "@/db/schema";
import { log } from "@/server/log";
import { settingDefinitions } from "@/server/settings/program-settings";
import { sessionColumns, type SessionUser } from "./users";

/** What a session token carries besides the user id (seconds since the epoch). */
export interface SessionStamp {
  version: number;
  signedInAt: number;
  lastSeenAt: number;
}

export interface SessionLimits {
  active: boolean;
  version: number;
  idleMinutes: number;
  maxHours: number;
}

export type SessionVerdict = "current" | "inactive" | "ended" | "idle" | "expired";

export function sessionVerdict(stamp: SessionStamp, limits: SessionLimits | null, nowSeconds: number): SessionVerdict {
  if (!limits || !limits.active) return "inactive";
  // Sign-out, a password or role change and deactivation all bump the version: older tokens are done.
  if (stamp.version !== limits.version) return "ended";
  if (nowSeconds - stamp.signedInAt > limits.maxHours * 3600) return "expired";
  if (nowSeconds - stamp.lastSeenAt > limits.idleMinutes * 60) return "idle";
  return "current";
}

type LimitKey = "session_idle_minutes" | "session_max_hours";
const storedSetting = (key: LimitKey) => sql<unknown>`(select value from settings where key = ${key})`;
/** A stored setting as its definition reads it; absent or unreadable, its default. */
function settingOr(key: LimitKey, value: unknown): number {
  const parsed = settingDefinitions[key].schema.safeParse(value ?? undefined);
  return parsed.success ? parsed.data : settingDefinitions[key].default;
}

/** The user's standing and the program's session limits, with the user as a session sees them, in one read. */
async function readStanding(db: Queryable, userId: number): Promise<{ limits: SessionLimits; user: SessionUser } | null> {
  const [row] = await db
    .select({
      ...sessionColumns,
      active: users.active,
      version: users.sessionVersion,
      idleMinutes: storedSetting("session_idle_minutes"),
      maxHours: storedSetting("session_max_hours"),
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) return null;
  const { active, version, idleMinutes, maxHours, ...user } = row;
  const limits = { active, version, idleMinutes: settingOr("session_idle_minutes", idleMinutes), maxHours: settingOr("session_max_hours", maxHours) };
  return { limits, user };
}

/** The user's standing and the program's session limits, in one read. */
export async function sessionLimits(db: Queryable, userId: number): Promise<SessionLimits | null> {
  return (await readStanding(db, userId))?.limits ?? null;
}

/** A decoded session token: the check reads its uid, sv (session version), sat (signed in at) and seen (set by the jwt callback). */
export type SessionClaims = Record<string, unknown>;

/**
 * The user a session token stands for, or null (logged) when it no longer stands: the one check behind next-auth's
 * jwt callback (/api/auth/*) and the pages, tRPC and routes (server/auth/session.ts).
 */
export async function sessionUser(db: Queryable, claims: SessionClaims, nowSeconds: number): Promise<SessionUser | null> {
  const userId = Number(claims.uid);
  const standing = Number.isInteger(userId) ? await readStanding(db, userId) : null;
  const stamp = { version: Number(claims.sv), signedInAt: Number(claims.sat), lastSeenAt: Number(claims.seen) };
  const verdict = sessionVerdict(stamp, standing?.limits ?? null, nowSeconds);
  if (verdict === "current") return standing!.user;
  log.info({ event: "session_refused", userId: Number.isInteger(userId) ? userId : null, reason: verdict }, "session no longer valid");
  return null;
}

/** Ends every session of the user from the next request on (sign-out, new password, role change, deactivation). */
export async function endSessions(db: Queryable, userId: number): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

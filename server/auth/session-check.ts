// Decides whether a session token still stands: its user active, its session version current, neither idle
// nor past its absolute lifetime. One read per check; the verdict itself is pure and unit-tested.
import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { users } from "@/db/schema";
import { settingDefinitions } from "@/server/settings/program-settings";

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

/** The user's standing and the program's session limits, in one read. */
export async function sessionLimits(db: Queryable, userId: number): Promise<SessionLimits | null> {
  const [row] = await db
    .select({
      active: users.active,
      version: users.sessionVersion,
      idleMinutes: storedSetting("session_idle_minutes"),
      maxHours: storedSetting("session_max_hours"),
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) return null;
  return { ...row, idleMinutes: settingOr("session_idle_minutes", row.idleMinutes), maxHours: settingOr("session_max_hours", row.maxHours) };
}

/** Ends every session of the user from the next request on (sign-out, new password, role change, deactivation). */
export async function endSessions(db: Queryable, userId: number): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

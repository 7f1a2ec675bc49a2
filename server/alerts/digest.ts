// The daily digest: at the UTC hour set (alert_digest_hour; -1 off), one e-mail per person listing the cases they may
// see still to resolve, queued in the outbox (so retries apply); one per person and day however often it is queued.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { alertNotifications, users } from "@/db/schema";
import { unresolvedAlertStatuses } from "@/lib/alerts";
import type { SessionUser } from "@/server/auth/users";
import { configuredChannels } from "@/server/notify/config";
import type { DigestMailData } from "@/server/notify/mail";
import { readSetting } from "@/server/settings/program-settings";
import { listAlerts, type AlertListItem } from "./read";

/** A digest lists this many cases at most (overdue first), then says how many more the list has. */
export const DIGEST_MAX_ITEMS = 50;

const DAY_MS = 86_400_000;

export interface DigestRun {
  /** The UTC day the digests are for, YYYY-MM-DD. */
  day: string;
  /** Why nothing was queued: the setting is -1, it is not the hour (the scheduler only), or there is no SMTP. */
  skipped: "off" | "not the hour" | "no SMTP" | null;
  /** E-mails queued now, one per person. */
  queued: number;
  /** People whose digest for the day was queued already. */
  alreadyQueued: number;
  /** People who see no case still to resolve: they get no mail. */
  nothingToResolve: number;
}

/** Overdue first, then the oldest: what most needs someone comes first. */
function byUrgency(a: AlertListItem, b: AlertListItem): number {
  return Number(b.overdue) - Number(a.overdue) || a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;
}

/**
 * What one person's digest says, from the list as they would see it (listAlerts: their rights). Only each case's
 * title, what it is about, status, age and whether it is overdue: never its summary or figures, which may hold a
 * respondent's words.
 */
async function digestFor(db: Queryable, user: SessionUser, day: string, now: Date): Promise<DigestMailData | null> {
  const { items, total } = await listAlerts(db, { status: [...unresolvedAlertStatuses], limit: 1_000 }, user, now);
  if (total === 0) return null;
  const sorted = [...items].sort(byUrgency);
  return {
    day,
    total,
    overdue: items.filter((item) => item.overdue).length,
    items: sorted.slice(0, DIGEST_MAX_ITEMS).map((item) => ({
      id: item.id,
      title: item.title,
      entity: item.entityName,
      status: item.status,
      ageDays: Math.max(0, Math.floor((now.getTime() - item.createdAt.getTime()) / DAY_MS)),
      overdue: item.overdue,
    })),
  };
}

/**
 * Queue the day's digests (the UTC day of `now`): every active person who sees a case still to resolve gets one
 * e-mail row, unless they have that day's already (a unique key: several servers and reruns queue it once). The
 * scheduler calls it each minute and it does nothing but at the hour set; `anyHour` (the CLI, on demand) skips
 * that check. Off (-1) or without SMTP_URL it queues nothing: the cases are in the app either way.
 */
export async function queueDigests(db: Queryable, options: { now?: Date; anyHour?: boolean } = {}): Promise<DigestRun> {
  const now = options.now ?? new Date();
  const day = now.toISOString().slice(0, 10);
  const run: DigestRun = { day, skipped: null, queued: 0, alreadyQueued: 0, nothingToResolve: 0 };
  const hour = await readSetting(db, "alert_digest_hour");
  if (hour < 0) return { ...run, skipped: "off" };
  if (!options.anyHour && now.getUTCHours() !== hour) return { ...run, skipped: "not the hour" };
  if (!configuredChannels().email) return { ...run, skipped: "no SMTP" };
  const people = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, departmentId: users.departmentId, queuedId: alertNotifications.id })
    .from(users)
    .leftJoin(alertNotifications, and(eq(alertNotifications.recipientUserId, users.id), eq(alertNotifications.digestDay, day)))
    .where(eq(users.active, true))
    .orderBy(asc(users.id));
  for (const { queuedId, ...person } of people) {
    if (queuedId !== null) {
      run.alreadyQueued += 1;
      continue;
    }
    const payload = await digestFor(db, person, day, now);
    if (!payload) {
      run.nothingToResolve += 1;
      continue;
    }
    const inserted = await db
      .insert(alertNotifications)
      .values({ recipientUserId: person.id, channel: "email", event: "digest", digestDay: day, payload: { ...payload }, nextAttemptAt: now })
      .onConflictDoNothing({ target: [alertNotifications.recipientUserId, alertNotifications.digestDay] })
      .returning({ id: alertNotifications.id });
    if (inserted.length) run.queued += 1;
    else run.alreadyQueued += 1;
  }
  return run;
}

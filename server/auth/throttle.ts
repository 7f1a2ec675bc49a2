// The sign-in throttle: at most MAX_FAILURES failed attempts per account and per address in WINDOW_MINUTES,
// counted in sign_in_attempts so it holds across restarts and app processes. Every attempt is logged, never the password.
import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import type { SignInOutcome } from "@/lib/enums";
import { log } from "@/server/log";

export const MAX_FAILURES = 10;
export const WINDOW_MINUTES = 15;
/** Attempts older than this are pruned: far past the window, kept a while for an operator reading the log table. */
const KEEP_DAYS = 7;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface AttemptKey {
  kind: "password" | "invitation";
  /** The account tried (lower-cased); empty for an invitation link, where the link is what is guessed. */
  email: string;
  ip: string;
}

export type Throttled = { throttled: true; retryAfterSeconds: number };

/** The address a request came from: the first hop in X-Forwarded-For (Next.js sets it from the socket), else "unknown". */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || headers.get("x-real-ip")?.trim() || "unknown").slice(0, 100);
}

export const normalisedEmail = (email: string) => email.trim().toLowerCase().slice(0, 320);

/**
 * Seconds until a new attempt for this key would be counted again, or null when it may go ahead now. Failures
 * and attempts still being checked both count, so a burst of concurrent guesses cannot slip past the count.
 */
async function retryAfter(db: Queryable, key: AttemptKey, excludeId = 0): Promise<number | null> {
  const [row] = await db.execute<{ by_email: number; by_ip: number; email_free_in: number | null; ip_free_in: number | null }>(sql`
    with counted as (
      select email, ip, attempted_at from ${signInAttempts}
      where attempted_at > now() - make_interval(mins => ${WINDOW_MINUTES}) and outcome in ('failed', 'pending')
        and id <> ${excludeId} and ((email = ${key.email} and email <> '') or ip = ${key.ip})
    ),
    ranked as (
      select email = ${key.email} and email <> '' as for_email, ip = ${key.ip} as for_ip, attempted_at,
        row_number() over (partition by email = ${key.email} and email <> '' order by attempted_at desc) as email_rank,
        row_number() over (partition by ip = ${key.ip} order by attempted_at desc) as ip_rank
      from counted
    )
    select
      count(*) filter (where for_email)::int as by_email,
      count(*) filter (where for_ip)::int as by_ip,
      ceil(extract(epoch from max(attempted_at) filter (where for_email and email_rank = ${MAX_FAILURES}) + make_interval(mins => ${WINDOW_MINUTES}) - now()))::int as email_free_in,
      ceil(extract(epoch from max(attempted_at) filter (where for_ip and ip_rank = ${MAX_FAILURES}) + make_interval(mins => ${WINDOW_MINUTES}) - now()))::int as ip_free_in
    from ranked`);
  if (!row || (row.by_email < MAX_FAILURES && row.by_ip < MAX_FAILURES)) return null;
  // The attempt that would bring the count under the limit leaves the window this many seconds from now.
  const waits = [row.by_email >= MAX_FAILURES ? row.email_free_in : null, row.by_ip >= MAX_FAILURES ? row.ip_free_in : null];
  return Math.max(1, ...waits.map((wait) => wait ?? 1));
}

async function record(db: Queryable, key: AttemptKey, outcome: SignInOutcome): Promise<number> {
  const [row] = await db
    .insert(signInAttempts)
    .values({ ...key, outcome })
    .returning({ id: signInAttempts.id });
  return row!.id;
}

function logAttempt(key: AttemptKey, outcome: SignInOutcome, userId?: number | null) {
  const entry = { event: "sign_in", kind: key.kind, account: key.email || null, ip: key.ip, outcome, userId: userId ?? null };
  if (outcome === "succeeded") log.info(entry, "sign-in succeeded");
  else log.warn(entry, outcome === "throttled" ? "sign-in refused: too many failed attempts" : "sign-in failed");
}

let lastPrune = 0;
async function pruneOldAttempts(db: Queryable) {
  if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
  lastPrune = Date.now();
  await db.execute(sql`delete from ${signInAttempts} where attempted_at < now() - make_interval(days => ${KEEP_DAYS})`);
}

/** Whether a new attempt would be refused now (for the doors that answer 429 before handing over to next-auth). */
export async function throttleVerdict(db: Queryable, key: AttemptKey): Promise<Throttled | null> {
  const seconds = await retryAfter(db, key);
  return seconds === null ? null : { throttled: true, retryAfterSeconds: seconds };
}

/** Records and logs an attempt refused by the throttle before its password was looked at. */
export async function recordThrottled(db: Queryable, key: AttemptKey): Promise<void> {
  await record(db, key, "throttled");
  logAttempt(key, "throttled");
}

/**
 * Runs one attempt through the throttle: recorded as pending first (so concurrent attempts count each other),
 * refused unread when over the limit, else `check` decides. `check` answers the signed-in user, or null.
 */
export async function throttledAttempt<T extends { id: number }>(
  db: Queryable,
  key: AttemptKey,
  check: () => Promise<T | null>,
): Promise<T | Throttled | null> {
  await pruneOldAttempts(db);
  const id = await record(db, key, "pending");
  const seconds = await retryAfter(db, key, id);
  if (seconds !== null) {
    await finish(db, id, "throttled");
    logAttempt(key, "throttled");
    return { throttled: true, retryAfterSeconds: seconds };
  }
  let result: T | null = null;
  try {
    result = await check();
  } finally {
    const outcome = result ? "succeeded" : "failed";
    await finish(db, id, outcome);
    logAttempt(key, outcome, result?.id);
  }
  return result;
}

async function finish(db: Queryable, id: number, outcome: SignInOutcome) {
  await db.execute(sql`update ${signInAttempts} set outcome = ${outcome} where id = ${id}`);
}

export const isThrottled = (value: unknown): value is Throttled =>
  typeof value === "object" && value !== null && (value as { throttled?: unknown }).throttled === true;

/** "15 minutes" / "1 minute" / "40 seconds": how long to wait, in words. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

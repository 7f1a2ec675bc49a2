// Computed dashboard data (overview, journey, department, touchpoint views and scores API rows), kept per
// process and per database, keyed by the data version: any committed change to what they show starts afresh.
import { sql } from "drizzle-orm";
import { changeStamp, DATA_CHANGES_CHANNEL, isCurrent, type ChangeStamp } from "@/db/changes";
import type { Queryable } from "@/db/client";

const MAX_ENTRIES = 300;
const caches = new WeakMap<object, Map<string, Promise<unknown>>>();
const keptVersions = new WeakMap<object, { stamp: ChangeStamp; version: Promise<string> }>();

/**
 * The version of everything the dashboards show: data_changes gains a row per committed statement that
 * changed roll-ups, the model, targets, initiatives or settings (migration 0005). Count and newest id
 * together change at every commit, including a long import committing after a shorter one.
 */
export async function dataVersion(db: Queryable): Promise<string> {
  const [row] = await db.execute<{ version: string }>(sql`select count(*) || ':' || coalesce(max(id), 0) as version from data_changes`);
  return row!.version;
}

/**
 * dataVersion(db) without a round trip while the client's change feed listens: read once after each change it
 * reports (a notification at another process's commit, a commit of this process, the feed connecting) and kept
 * until the next. A read that a change overtakes is not kept, so no version older than a change heard is used;
 * not listening (starting, connection lost, a hot-standby replica), it is read every time.
 */
export function currentDataVersion(db: Queryable): Promise<string> {
  const stamp = changeStamp(db, DATA_CHANGES_CHANNEL);
  if (!stamp) return dataVersion(db);
  const kept = keptVersions.get(db);
  if (kept && isCurrent(kept.stamp)) return kept.version;
  const version = dataVersion(db);
  keptVersions.set(db, { stamp, version });
  version.catch(() => keptVersions.get(db)?.version === version && keptVersions.delete(db));
  return version;
}

export function scoreCacheEnabled(): boolean {
  return process.env.THROUGHLINE_SCORE_CACHE !== "0";
}

/** `compute()`'s result, shared with every caller asking the same question of the same data today. */
export async function cachedScores<T>(db: Queryable, name: string, args: unknown, compute: () => Promise<T>): Promise<T> {
  if (!scoreCacheEnabled()) return compute();
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  // Today's date is part of the key: "overdue" and "the last 90 days" move with the calendar.
  const key = JSON.stringify([name, args, await currentDataVersion(db), new Date().toISOString().slice(0, 10)]);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit as Promise<T>;
  }
  const pending = compute();
  cache.set(key, pending);
  pending.catch(() => cache.delete(key));
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return pending;
}

// When alerts are evaluated: after every committed import (an in-process queue, off the request path, one job at
// a time) and every hour (an in-process scheduler that also escalates overdue cases, and each minute sends what is
// due and, at its hour, queues the daily digest). Failures are logged, never thrown.
import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { DETRACTOR_CSAT_MAX, DETRACTOR_NPS_MAX } from "@/lib/alerts";
import { log } from "@/server/log";
import { deliverPending } from "@/server/notify/outbox";
import { queueDigests } from "./digest";
import { escalateOverdue, type Escalation } from "./escalation";
import { DETRACTOR_RECENT_DAYS, evaluateAlerts, type EvaluationResult } from "./evaluate";
import { activeAlertRules } from "./rules";
import { likePatterns, matchedWords } from "./words";

interface JobState {
  tail: Promise<void>;
  scheduler?: ReturnType<typeof setInterval>;
  delivery?: ReturnType<typeof setInterval>;
  /** The UTC day this process last queued the digests for. */
  digestQueuedFor?: string;
}

// On globalThis: Next.js may load this module once per route bundle, and the scheduler must start only once.
const globalState = globalThis as typeof globalThis & { __throughlineAlertJobs?: JobState };
const state = (globalState.__throughlineAlertJobs ??= { tail: Promise.resolve() });

async function evaluateAfterImport(db: Database, batchId: number): Promise<void> {
  try {
    const result = await evaluateAlerts(db, { batchId });
    if (result.created.length) {
      log.info({ batchId, created: result.created.map((alert) => alert.id) }, "alerts opened after an import");
      // Tell people now, not at the next minute's delivery round.
      await deliverPending(db);
    }
  } catch (error) {
    log.error({ err: error, batchId }, "alert evaluation after an import failed");
  }
}

/**
 * Evaluate the rules once the import's transaction has committed (call it after the write returned). It runs on
 * a later turn of the event loop, after the jobs before it: the import's response does not wait for it.
 */
export function enqueueAlertEvaluation(db: Database, batchId: number): void {
  state.tail = state.tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => evaluateAfterImport(db, batchId));
}

/** Resolves when every job queued so far (and any queued while waiting) has finished: tests, the CLI and the seed wait here. */
export async function drainAlertQueue(): Promise<void> {
  for (;;) {
    const tail = state.tail;
    await tail;
    if (tail === state.tail) return;
  }
}

export interface AlertRun extends EvaluationResult {
  escalated: Escalation[];
  delivered: Awaited<ReturnType<typeof deliverPending>>;
}

/**
 * The import batches (committed in the last DETRACTOR_RECENT_DAYS) holding a recent detractor's comment with a
 * rule's words that has no case from that rule yet: those whose job after the import never ran (a restart, a
 * crash, an import from another process) or ran before the rule existed. Scope is left to the evaluation.
 */
async function batchesWithDetractorsLeft(db: Database, now: Date): Promise<number[]> {
  const since = new Date(now.getTime() - DETRACTOR_RECENT_DAYS * 86_400_000).toISOString();
  const batches = new Set<number>();
  for (const rule of (await activeAlertRules(db)).filter((r) => r.kind === "detractor_words" && r.words?.length)) {
    const words = rule.words!;
    const patterns = sql.join(
      likePatterns(words).map((pattern) => sql`${pattern}`),
      sql`, `,
    );
    const rows = await db.execute<{ batchId: number; comment: string }>(sql`
      select r.import_batch_id as "batchId", r.comment
      from import_batches b join survey_responses r on r.import_batch_id = b.id
      where b.kind = 'responses' and b.status = 'imported' and b.created_at >= ${since}::timestamptz
        and r.comment is not null and (r.nps <= ${DETRACTOR_NPS_MAX} or r.csat <= ${DETRACTOR_CSAT_MAX})
        and r.responded_at >= ${since}::timestamptz and r.responded_at <= ${now.toISOString()}::timestamptz
        and r.comment ilike any (array[${patterns}])
        and not exists (select 1 from alerts a where a.rule_id = ${rule.id} and a.entity_key = 'response:' || r.id)`);
    for (const row of rows) if (matchedWords(row.comment, words).length) batches.add(row.batchId);
  }
  return [...batches].sort((a, b) => a - b);
}

/**
 * Every rule as of `now`: the period rules, then the detractor rules over each recent batch that still has a
 * detractor without their case, so none is lost when the job after an import did not run. evaluateAlerts reads
 * one batch's detractors at a time and runs the period rules again each time (idempotent: they count as existing,
 * and are taken off the count here).
 */
async function evaluateWithRecentDetractors(db: Database, now: Date): Promise<EvaluationResult> {
  const periodic = await evaluateAlerts(db, { now });
  const periodFindings = periodic.created.length + periodic.existing;
  const result = { created: [...periodic.created], existing: periodic.existing };
  for (const batchId of await batchesWithDetractorsLeft(db, now)) {
    const batch = await evaluateAlerts(db, { now, batchId });
    result.created.push(...batch.created);
    result.existing += Math.max(0, batch.existing - periodFindings);
  }
  return result;
}

/**
 * Evaluate every rule as of `now` (detractor rules over the recent batches too), escalate what is overdue and send
 * what is due: the scheduler's hour and `npm run cli -- alerts run`.
 */
export async function runAlerts(db: Database, now: Date = new Date()): Promise<AlertRun> {
  const evaluation = await evaluateWithRecentDetractors(db, now);
  const escalated = await escalateOverdue(db, now);
  const delivered = await deliverPending(db, { now });
  return { ...evaluation, escalated, delivered };
}

const HOUR = 3_600_000;
/** Mails and webhooks due (new, or a retry whose backoff has passed) go out this often, after the digest's check. */
const DELIVERY_EVERY_MS = 60_000;

/**
 * The minute's round: at the digest's hour, queue the day's digests (once per process and day: the rest of the
 * hour is left alone; the outbox's unique key keeps other processes and reruns from doubling them), then deliver.
 */
async function deliveryRound(db: Database): Promise<void> {
  const now = new Date();
  const day = now.toISOString().slice(0, 10);
  if (state.digestQueuedFor !== day) {
    try {
      const run = await queueDigests(db, { now });
      if (run.skipped === null) state.digestQueuedFor = day;
      if (run.queued) log.info({ day, queued: run.queued }, "daily alert digests queued");
    } catch (error) {
      log.error({ err: error }, "queueing the daily alert digests failed");
    }
  }
  await deliverPending(db, { now });
}

/**
 * Every hour (and once shortly after start), evaluate and escalate; every minute, the digest at its hour and the
 * deliveries. The timers are unref'd, so they never keep
 * the process alive; a run still going when the next is due is not doubled.
 */
export function startAlertScheduler(database: () => Promise<Database>, options: { everyMs?: number; firstAfterMs?: number } = {}): void {
  if (state.scheduler) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = await runAlerts(await database());
      if (result.created.length || result.escalated.length)
        log.info({ created: result.created.map((alert) => alert.id), escalated: result.escalated }, "scheduled alert run");
    } catch (error) {
      log.error({ err: error }, "scheduled alert run failed");
    } finally {
      running = false;
    }
  };
  state.scheduler = setInterval(tick, options.everyMs ?? HOUR);
  state.scheduler.unref();
  setTimeout(tick, options.firstAfterMs ?? 30_000).unref();
  let delivering = false;
  state.delivery = setInterval(async () => {
    if (delivering) return;
    delivering = true;
    try {
      await deliveryRound(await database());
    } catch (error) {
      log.error({ err: error }, "alert notification delivery failed");
    } finally {
      delivering = false;
    }
  }, DELIVERY_EVERY_MS);
  state.delivery.unref();
}

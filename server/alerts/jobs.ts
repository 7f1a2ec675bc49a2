// When alerts are evaluated: after every committed import (an in-process queue, off the request path, one job at
// a time) and every hour (an in-process scheduler that also escalates overdue cases). Failures are logged, never thrown.
import "server-only";
import type { Database } from "@/db/client";
import { log } from "@/server/log";
import { escalateOverdue, type Escalation } from "./escalation";
import { evaluateAlerts, type EvaluationResult } from "./evaluate";
import { deliverPending } from "@/server/notify/outbox";

interface JobState {
  tail: Promise<void>;
  scheduler?: ReturnType<typeof setInterval>;
  delivery?: ReturnType<typeof setInterval>;
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
 * Evaluate every rule as of `now`, escalate what is overdue and send what is due: the scheduler's hour and
 * `npm run cli -- alerts run`.
 */
export async function runAlerts(db: Database, now: Date = new Date()): Promise<AlertRun> {
  const evaluation = await evaluateAlerts(db, { now });
  const escalated = await escalateOverdue(db, now);
  const delivered = await deliverPending(db, { now });
  return { ...evaluation, escalated, delivered };
}

const HOUR = 3_600_000;
/** Mails and webhooks due (new, or a retry whose backoff has passed) go out this often. */
const DELIVERY_EVERY_MS = 60_000;

/**
 * Every hour (and once shortly after start), evaluate and escalate. The timers are unref'd, so they never keep
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
      await deliverPending(await database());
    } catch (error) {
      log.error({ err: error }, "alert notification delivery failed");
    } finally {
      delivering = false;
    }
  }, DELIVERY_EVERY_MS);
  state.delivery.unref();
}

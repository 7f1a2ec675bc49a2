// Whether this process's database is answering, as it last found out: set by a lost connection anywhere (a request,
// the health probe, the watch below), cleared by the next probe that gets an answer. The proxy answers pages 503 while
// it is set, because a server component cannot choose its status (docs/security.md, Faults).
import "server-only";
import { isConnectionFailure } from "@/db/connection-faults";
import { log } from "@/server/log";

interface OutageState {
  downSince: number | null;
  watching?: NodeJS.Timeout;
}

// On globalThis: the proxy and the route handlers are separate bundles in one process, and must see one flag.
const globalState = globalThis as typeof globalThis & { __throughlineOutage?: OutageState };
const state = (globalState.__throughlineOutage ??= { downSince: null });

/** When this process first saw the database stop answering (ms since the epoch), or null while it answers. */
export function databaseDownSince(): number | null {
  return state.downSince;
}

/** A request or probe lost its connection: the error is logged once per request as `database_unavailable`. */
export function reportDatabaseUnavailable(route: string, error: unknown): void {
  log.warn({ event: "database_unavailable", route, err: error }, "database unavailable");
  noteDatabaseDown();
}

export function noteDatabaseDown(now = Date.now()): void {
  if (state.downSince !== null) return;
  state.downSince = now;
  log.warn({ event: "database_down", route: "database" }, "the database stopped answering; pages answer 503 until it does");
}

export function noteDatabaseUp(now = Date.now()): void {
  if (state.downSince === null) return;
  log.info({ event: "database_back", route: "database", downMs: now - state.downSince }, "the database answers again");
  state.downSince = null;
}

/** What one probe's outcome says: an answer clears the flag, a lost connection sets it, a slow answer says nothing. */
export function noteProbe(outcome: { ok: true } | { ok: false; error: unknown }): void {
  if (outcome.ok) noteDatabaseUp();
  else if (isConnectionFailure(outcome.error)) noteDatabaseDown();
}

/**
 * Probes the database every `intervalMs` so that a page learns of an outage within about a second even when no
 * request has failed yet, and learns of its end as soon. One probe at a time; the timer does not keep the process up.
 */
export function watchDatabase(probe: () => Promise<void>, intervalMs = 1_000): void {
  if (state.watching) return;
  const tick = async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      // A server that accepts but never answers is slow, not down: the probe gives up and says nothing.
      await Promise.race([probe(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("no answer")), intervalMs * 2)))]);
      noteProbe({ ok: true });
    } catch (error) {
      noteProbe({ ok: false, error });
    } finally {
      clearTimeout(timer);
    }
    state.watching = setTimeout(() => void tick(), intervalMs);
    state.watching.unref();
  };
  state.watching = setTimeout(() => void tick(), intervalMs);
  state.watching.unref();
}

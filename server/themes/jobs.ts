// When history is re-tagged: right after a codebook change (kicked by the change) and, as a safety net, every minute
// and shortly after start (a crash or restart mid-way resumes where it stopped). One run at a time per process.
import "server-only";
import type { Database } from "@/db/client";
import { log } from "@/server/log";
import { retagAll } from "./retag";

interface RetagState {
  running: boolean;
  again: boolean;
  scheduler?: ReturnType<typeof setInterval>;
}

// On globalThis: Next.js may load this module once per route bundle, and the job must run only once.
const globalState = globalThis as typeof globalThis & { __throughlineRetag?: RetagState };
const state = (globalState.__throughlineRetag ??= { running: false, again: false });

async function run(db: Database): Promise<void> {
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  try {
    do {
      state.again = false;
      const retagged = await retagAll(db);
      if (retagged > 0) log.info({ retagged }, "comments re-tagged with the current codebook");
    } while (state.again);
  } catch (error) {
    log.error({ err: error }, "re-tagging comments failed; the next minute's run resumes it");
  } finally {
    state.running = false;
  }
}

/** Start re-tagging now, off the request path (a codebook change calls this after its commit). */
export function requestRetag(db: Database): void {
  void run(db);
}

export function startRetagScheduler(database: () => Promise<Database>, options: { everyMs?: number; firstAfterMs?: number } = {}): void {
  if (state.scheduler) return;
  const tick = async () => run(await database());
  state.scheduler = setInterval(() => void tick().catch(() => {}), options.everyMs ?? 60_000);
  state.scheduler.unref();
  setTimeout(() => void tick().catch(() => {}), options.firstAfterMs ?? 5_000).unref();
}

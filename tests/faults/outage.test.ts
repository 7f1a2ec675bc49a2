// The database stopped under a running app (a throwaway PostgreSQL of the drill's own on another port: the shared
// server on 127.0.0.1:5432 is never stopped), mid-import and while serving, then started again. Every answer during
// the outage is a 503 in words within 2 s (health, tRPC, the HTTP API, pages through proxy.ts); the import says it was interrupted; once the
// server is back the same app process answers again, without a restart, and the file imports whole.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseClient, migrateDatabase } from "../../db/client";
import { saveTemplate } from "../../server/imports/inspect";
import { createApiToken } from "../../server/tokens/api-tokens";
import { generatedSurveyCsv, generatedSurveyMapping, seedGoldenModel } from "../support/import-golden";
import { killChildren, startApp, timedFetch, waitUntil, type App, type Timed } from "./support/app";
import { createDatabase, throwawayCluster, type ThrowawayCluster } from "./support/cluster";
import { importBackendsGone, waitForImportStatement } from "./support/database";
import { record } from "./support/figures";

const UNAVAILABLE = "The database is not answering; try again in a minute. If it keeps happening, tell your admin: the server log says why.";
const INTERRUPTED = "The import was interrupted (the database connection closed); nothing was written — run it again.";
let cluster: ThrowawayCluster;
let app: App;
let watcher: postgres.Sql;
let token: string;
let dir: string;
let file: string;

const upload = () => {
  const form = new FormData();
  form.append("file", new Blob([fs.readFileSync(file)], { type: "text/csv" }), path.basename(file));
  return timedFetch(app.url("/api/v1/imports"), { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
};
const requests: Record<string, () => Promise<Timed>> = {
  "GET /api/health": () => timedFetch(app.url("/api/health")),
  "tRPC imports.history": () => timedFetch(app.url("/api/trpc/imports.history")),
  "GET /overview (a page)": () => timedFetch(app.url("/overview")),
  "GET /api/v1/scores": () =>
    timedFetch(app.url("/api/v1/scores?level=program&from=2026-03-01&to=2026-04-30"), { headers: { authorization: `Bearer ${token}` } }),
};
/** The words each answers with during an outage. */
const wordsOf = (what: string, answer: Timed): string => {
  if (what.includes("a page")) return answer.body.match(/<p>(The database[^<]*)<\/p>/)?.[1] ?? answer.body;
  const body = answer.json() as { message?: string; error?: string | { json?: { message?: string } } };
  if (what === "GET /api/health") return body.message!;
  return typeof body.error === "string" ? body.error : body.error!.json!.message!;
};

beforeAll(async () => {
  cluster = await throwawayCluster();
  await createDatabase(cluster.url("postgres"), "throughline");
  const setup = createDatabaseClient(cluster.url("throughline"), "postgres", { maxConnections: 2 });
  await migrateDatabase(setup.db);
  await seedGoldenModel(setup.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-faults-outage-"));
  file = path.join(dir, "outage.csv");
  fs.writeFileSync(file, generatedSurveyCsv({ rows: 12_000, seed: 77, firstId: 7_000_000 }));
  await saveTemplate(setup.db, { id: null, email: "test" }, { path: file, name: "generated survey", mapping: generatedSurveyMapping });
  token = await createApiToken(setup.db, { id: null, email: "test" }, "faults", { scopes: ["imports:write", "scores:read"] });
  await setup.close();
  app = await startApp({ DATABASE_URL: cluster.url("throughline"), TMPDIR: dir });
});
afterAll(async () => {
  killChildren();
  await watcher?.end({ timeout: 1 }).catch(() => {});
  await cluster?.remove();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the database stopped under a running app, then started again", () => {
  it("interrupts the import in words, answers 503 in words within 2 s throughout, and answers again without a restart", async () => {
    for (const [what, send] of Object.entries(requests)) expect((await send()).status, what).toBe(200);

    // Mid-import: the server's fast shutdown ends the import's backend; the failed attempt cannot be recorded then.
    watcher = postgres(cluster.url("throughline"), { max: 1, onnotice: () => {} });
    const answer = upload();
    await waitForImportStatement(watcher, /^copy staged_responses/i);
    await watcher.end({ timeout: 1 });
    const stopping = performance.now();
    await cluster.stop();
    const stoppedAt = performance.now();
    record("outage: PostgreSQL fast shutdown took", Math.round(stoppedAt - stopping), "ms");
    const interrupted = await answer;
    expect(interrupted.status).toBe(503);
    expect(interrupted.json()).toEqual({ error: INTERRUPTED });
    await expect.poll(() => app.stdout()).toContain('"event":"import_failure_unrecorded"');

    // Pages learn of it from the app's own probe (once a second), whether or not any request has failed yet.
    await waitUntil(async () => (await requests["GET /overview (a page)"]!()).status === 503, 3_000, "a page's 503");
    const pageDown = Math.round(performance.now() - stoppedAt);
    record("outage: pages answered 503 from", pageDown, "ms after the shutdown");
    expect(pageDown).toBeLessThan(2_000);

    // While it is down: every request, again and again (the driver's reconnect pause grows with each failure), fails fast.
    const slowest: Record<string, number> = {};
    for (let round = 0; round < 8; round++) {
      for (const [what, send] of Object.entries(requests)) {
        const during = await send();
        expect(during.status, what).toBe(503);
        expect(wordsOf(what, during), what).toBe(UNAVAILABLE);
        expect(during.ms, what).toBeLessThan(2_000);
        slowest[what] = Math.max(slowest[what] ?? 0, during.ms);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const importDuring = await upload();
    expect(importDuring.status).toBe(503);
    expect(importDuring.ms).toBeLessThan(2_000);
    for (const [what, ms] of Object.entries(slowest)) record(`outage: ${what} answered 503, slowest of 8`, ms, "ms");
    record("outage: POST /api/v1/imports answered 503 in", importDuring.ms, "ms");

    // Back: the same process answers 200 again, promptly.
    await cluster.start();
    const back = await waitUntil(async () => (await requests["GET /api/health"]!()).status === 200, 10_000, "health after the restart");
    record("outage over: health answered 200 again", back, "ms after PostgreSQL was ready");
    expect(back).toBeLessThan(5_000);
    // Pages included: the health probe that answered ended the outage for the proxy too.
    for (const [what, send] of Object.entries(requests)) expect((await send()).status, what).toBe(200);
    expect(app.alive()).toBe(true);

    // Nothing of the interrupted import was written (and its failed attempt could not be); the file imports whole.
    const check = postgres(cluster.url("throughline"), { max: 1, onnotice: () => {} });
    await importBackendsGone(check);
    expect(await check`select status from import_batches`).toEqual([]);
    const again = await upload();
    expect(again.status, again.body).toBe(200);
    const summary = again.json() as { status: string; imported: number; batchId: number };
    expect(summary.status).toBe("imported");
    const [count] = await check<Array<{ n: number }>>`select count(*)::int as n from survey_responses where import_batch_id = ${summary.batchId}`;
    expect(count!.n).toBe(summary.imported);
    await check.end();
  });
});

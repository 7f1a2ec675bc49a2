// Drills on the app serving POST /api/v1/imports (the stand-in app: the app's start-up and route handlers in a child
// process): its import's connection terminated by the server (a JSON 503 in words, the process alive through the
// driver's crash, the failed attempt listed), and the app itself SIGKILLed mid-import, then started again (nothing
// visible, the upload it left behind swept at the start, the file then imported whole).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveTemplate } from "../../server/imports/inspect";
import { createApiToken } from "../../server/tokens/api-tokens";
import { generatedSurveyCsv, generatedSurveyMapping, seedGoldenModel } from "../support/import-golden";
import { freePort, killChildren, startApp, timedFetch, type App } from "./support/app";
import { createFaultsDatabase, importBackendsGone, waitForImportStatement, type FaultsDatabase } from "./support/database";
import { record } from "./support/figures";

const ROWS = 12_000;
const INTERRUPTED = "The import was interrupted (the database connection closed); nothing was written — run it again.";
let database: FaultsDatabase;
let dir: string;
/** The app's temporary directory (TMPDIR), so the drill sees exactly the uploads it leaves. */
let tmp: string;
let token: string;
let app: App;
let nextFile = 0;

function generatedFile(rows = ROWS): string {
  const n = ++nextFile;
  const file = path.join(dir, `upload-${n}.csv`);
  fs.writeFileSync(file, generatedSurveyCsv({ rows, seed: 900 + n, firstId: n * 1_000_000 }));
  return file;
}

const env = () => ({ DATABASE_URL: database.url, TMPDIR: tmp });

function upload(target: App, file: string) {
  const form = new FormData();
  form.append("file", new Blob([fs.readFileSync(file)], { type: "text/csv" }), path.basename(file));
  return timedFetch(target.url("/api/v1/imports"), { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
}

async function visible() {
  const [row] = await database.other<Array<{ responses: number; batches: number; rolled_up: number; audit?: number; staging?: number }>>`
    select (select count(*) from survey_responses)::int as responses,
      (select count(*) from import_batches where status <> 'failed')::int as batches,
      (select coalesce(sum(response_count), 0) from touchpoint_daily_rollups)::int as rolled_up`;
  return row!;
}

/** The uploads waiting in the app's temporary upload folder. */
const leftUploads = () => {
  const folder = path.join(tmp, "throughline-uploads");
  return fs.existsSync(folder) ? fs.readdirSync(folder) : [];
};

/** The file uploaded again imports whole: every response of its batch is there. */
async function uploadsWhole(target: App, file: string, before: Awaited<ReturnType<typeof visible>>) {
  const again = await upload(target, file);
  expect(again.status, again.body).toBe(200);
  const summary = again.json() as { status: string; batchId: number; imported: number };
  expect(summary.status).toBe("imported");
  expect(summary.imported).toBeGreaterThan(ROWS * 0.95);
  const [batch] = await database.other<Array<{ n: number }>>`select count(*)::int as n from survey_responses where import_batch_id = ${summary.batchId}`;
  expect(batch!.n).toBe(summary.imported);
  expect(await visible()).toMatchObject({ responses: before.responses + summary.imported, batches: before.batches + 1 });
  expect(leftUploads()).toEqual([]);
}

beforeAll(async () => {
  database = await createFaultsDatabase();
  await seedGoldenModel(database.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-faults-app-"));
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-faults-tmp-"));
  await saveTemplate(database.db, { id: null, email: "test" }, { path: generatedFile(10), name: "generated survey", mapping: generatedSurveyMapping });
  token = await createApiToken(database.db, { id: null, email: "test" }, "faults", { scopes: ["imports:write", "scores:read"] });
  app = await startApp(env());
});
afterAll(async () => {
  killChildren();
  await database?.close();
  for (const folder of [dir, tmp]) if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe("an HTTP import whose connection the server terminates mid-COPY", () => {
  it("answers a JSON 503 in words, the app lives on with its pool whole, the attempt is listed as failed, and the file then imports whole", async () => {
    const before = await visible();
    const file = generatedFile();
    const answer = upload(app, file);
    const pid = await waitForImportStatement(database.other, /^copy staged_responses/i);
    await database.other`select pg_terminate_backend(${pid}, 10000)`;
    const terminatedAt = performance.now();
    const response = await answer;
    record("HTTP import, connection terminated: the JSON answer came", Math.round(performance.now() - terminatedAt), "ms after the termination");
    expect(response.status).toBe(503);
    expect(response.contentType).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ error: INTERRUPTED });
    await importBackendsGone(database.other);
    expect(await visible()).toEqual(before);
    // The process lives, and its pool is whole: postgres.js 3.4.9 used to write the dead transaction's ROLLBACK to the
    // dropped socket (porsager/postgres#1208), an uncaught TypeError, and that connection then never connected again.
    // 30 requests at once use every connection of the pool (10): each answers, and one, over the rounds, may meet the
    // closed session's last error (a 503 in words); after that, every request of a round answers.
    expect(app.alive()).toBe(true);
    const health = await timedFetch(app.url("/api/health"));
    expect(health.status).toBe(200);
    const refused: string[] = [];
    for (let round = 0; round < 3; round++) {
      const all = await Promise.all(Array.from({ length: 30 }, () => timedFetch(app.url("/api/trpc/imports.history"))));
      refused.push(...all.filter((answer) => answer.status !== 200).map((answer) => `round ${round + 1}: ${answer.status} ${answer.body}`));
      record(`after the terminated import, 30 requests at once (round ${round + 1}): slowest`, Math.max(...all.map((a) => a.ms)), "ms");
    }
    expect(refused.length, refused.join("\n")).toBeLessThanOrEqual(1);
    expect(
      refused.filter((line) => !/^round [12]: 503 /.test(line)),
      refused.join("\n"),
    ).toEqual([]);
    expect(app.stdout() + app.stderr()).not.toMatch(/TypeError|driver_fault/);
    // The import history (tRPC imports.history, what the admin page lists) names the failed attempt and why.
    const history = await timedFetch(app.url("/api/trpc/imports.history"));
    expect(history.status).toBe(200);
    const batches = (history.json() as { result: { data: { json: Array<{ fileName: string; status: string; failureReason: string | null }> } } }).result.data
      .json;
    expect(batches[0]).toMatchObject({ fileName: path.basename(file), status: "failed", failureReason: INTERRUPTED });
    // The upload's temporary copy went with the request.
    expect(leftUploads()).toEqual([]);
    await uploadsWhole(app, file, before);
  });
});

describe("the app killed with SIGKILL in the middle of an HTTP import, then started again", () => {
  it("shows nothing of the batch, sweeps the upload it left at the start, and imports the file whole", async () => {
    const before = await visible();
    const file = generatedFile();
    const answer = upload(app, file).catch((error: unknown) => error);
    await waitForImportStatement(database.other, /insert into survey_responses/i);
    const port = app.port;
    app.child.kill("SIGKILL");
    expect(await app.exited).toMatchObject({ signal: "SIGKILL" });
    expect(await answer).toBeInstanceOf(Error); // the connection dropped: no answer at all
    await importBackendsGone(database.other);
    expect(await visible()).toEqual(before);
    const [failed] = await database.other<
      Array<{ n: number }>
    >`select count(*)::int as n from import_batches where status = 'failed' and file_name = ${path.basename(file)}`;
    expect(failed!.n).toBe(0); // a killed process records nothing
    // What the crash left in the temporary folder: the upload, named by the dead process.
    expect(leftUploads()).toEqual([expect.stringMatching(new RegExp(`^throughline-upload-${app.pid}-`))]);
    const started = performance.now();
    app = await startApp(env(), port ?? (await freePort()));
    record("app restarted after SIGKILL, listening in", Math.round(performance.now() - started), "ms");
    expect(leftUploads()).toEqual([]);
    expect(app.stdout()).toContain('"event":"uploads_swept"');
    await uploadsWhole(app, file, before);
  });
});

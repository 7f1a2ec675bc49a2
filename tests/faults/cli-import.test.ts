// Drills on the CLI import (`npm run cli -- import <file>`, a real child process, a real PostgreSQL database of its
// own): killed with SIGKILL mid-COPY and mid-insert, and its connection terminated by the server mid-COPY. Nothing of
// the batch is ever visible; the terminated one says so in words and is listed as failed; the file then imports whole, once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importHistory } from "../../server/imports/history";
import { saveTemplate } from "../../server/imports/inspect";
import { generatedSurveyCsv, generatedSurveyMapping, seedGoldenModel } from "../support/import-golden";
import { killChildren, runCli, type Child } from "./support/app";
import { createFaultsDatabase, importBackendsGone, waitForImportStatement, type FaultsDatabase } from "./support/database";
import { record } from "./support/figures";

const ROWS = 12_000;
let database: FaultsDatabase;
let dir: string;
let nextFile = 0;

function generatedFile(rows = ROWS): string {
  const n = ++nextFile;
  const file = path.join(dir, `survey-${n}.csv`);
  fs.writeFileSync(file, generatedSurveyCsv({ rows, seed: 500 + n, firstId: n * 1_000_000 }));
  return file;
}

/** What any other client sees of the imports: counts, batches but failed attempts, roll-up totals, staging tables. */
async function visible() {
  const [row] = await database.other<Array<{ responses: number; batches: number; rolled_up: number; audit?: number; staging?: number }>>`
    select (select count(*) from survey_responses)::int as responses,
      (select count(*) from import_batches where status <> 'failed')::int as batches,
      (select coalesce(sum(response_count), 0) from touchpoint_daily_rollups)::int as rolled_up,
      (select count(*) from audit_log)::int as audit,
      (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname like 'pg\\_temp\\_%' or c.relname like 'staged\\_%')::int as staging`;
  return row!;
}

const failedAttempts = () =>
  database.other<Array<{ file_name: string; failure_reason: string; rows_imported: number }>>`
    select file_name, failure_reason, rows_imported from import_batches where status = 'failed' order by id`;

const cli = (...args: string[]) => runCli(args, { DATABASE_URL: database.url });
const finished = async (child: Child) => ({ ...(await child.exited), stdout: child.stdout(), stderr: child.stderr() });

/** The file imported after a failed attempt: all of it (the generated files repeat an id now and then), and (`thrice`) once only. */
async function importsWhole(file: string, before: Awaited<ReturnType<typeof visible>>, { thrice = false } = {}) {
  const again = await finished(cli("import", file));
  expect(again.code, again.stderr).toBe(0);
  const imported = Number(/Imported ([\d,]+) responses/.exec(again.stdout)?.[1]?.replace(/,/g, ""));
  expect(imported).toBeGreaterThan(ROWS * 0.95);
  const [batch] = await database.other<Array<{ id: number; n: number }>>`
    select b.id, (select count(*) from survey_responses r where r.import_batch_id = b.id)::int as n
    from import_batches b where b.file_name = ${path.basename(file)} and b.status = 'imported'`;
  expect(batch!.n).toBe(imported);
  const after = await visible();
  expect(after).toMatchObject({ responses: before.responses + imported, batches: before.batches + 1, staging: 0 });
  expect(after.rolled_up).toBeGreaterThan(before.rolled_up);
  if (!thrice) return;
  // The same file a third time: recognised by its hash, nothing new.
  const third = await finished(cli("import", file));
  expect(third.code, third.stderr).toBe(0);
  expect(third.stdout).toContain(`This file was imported before (batch ${batch!.id}); nothing new to import.`);
  expect(await visible()).toEqual(after);
}

beforeAll(async () => {
  database = await createFaultsDatabase();
  await seedGoldenModel(database.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-faults-cli-"));
  // The CLI finds the mapping by the file's headers, as it would for a survey an admin mapped once in the browser.
  const sample = generatedFile(10);
  await saveTemplate(database.db, { id: null, email: "test" }, { path: sample, name: "generated survey", mapping: generatedSurveyMapping });
});
afterAll(async () => {
  killChildren();
  await database?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("a CLI import killed with SIGKILL", () => {
  it.each([
    ["in the middle of its COPY", /^copy staged_responses/i, true],
    ["in the middle of its insert into survey_responses", /insert into survey_responses/i, false],
  ])("%s leaves nothing visible, and the file then imports whole", async (where, statement, thrice) => {
    const before = await visible();
    const file = generatedFile();
    const child = cli("import", file);
    await waitForImportStatement(database.other, statement);
    expect(await visible()).toEqual(before);
    child.child.kill("SIGKILL");
    expect(await child.exited).toMatchObject({ signal: "SIGKILL" });
    const killedAt = performance.now();
    await importBackendsGone(database.other);
    record(`cli import SIGKILL ${where}: server rolled back in`, Math.round(performance.now() - killedAt), "ms");
    // A killed process records nothing: no batch, not even a failed one.
    expect(await visible()).toEqual(before);
    expect(await failedAttempts()).toEqual([]);
    await importsWhole(file, before, { thrice });
  });
});

describe("a CLI import whose connection the server terminates mid-COPY", () => {
  it("says it was interrupted in words, no stack trace; lists the failed attempt; the file then imports whole", async () => {
    const before = await visible();
    const file = generatedFile();
    // At warn level the operator's log line for the interruption reaches stderr beside the words.
    const child = runCli(["import", file], { DATABASE_URL: database.url, LOG_LEVEL: "warn" });
    const pid = await waitForImportStatement(database.other, /^copy staged_responses/i);
    const [terminated] = await database.other<Array<{ done: boolean }>>`select pg_terminate_backend(${pid}, 10000) as done`;
    expect(terminated!.done).toBe(true);
    const terminatedAt = performance.now();
    const result = await finished(child);
    record("cli import, connection terminated: the CLI answered in", Math.round(performance.now() - terminatedAt), "ms");
    expect(result.code).toBe(1);
    // stdout is the CLI's answer, and there is none. No stack trace for the person: besides the structured log's
    // JSON lines, stderr holds only the sentence that says what happened and what to do.
    expect(result.stdout).toBe("");
    const words = result.stderr.split("\n").filter((line) => line && !line.startsWith('{"level":'));
    expect(words).toEqual(["error: The import was interrupted (the database connection closed); nothing was written — run it again."]);
    expect(result.stderr).toContain('"event":"import_interrupted"');
    await importBackendsGone(database.other);
    expect(await visible()).toEqual(before);
    // Recorded after the rollback, in a write of its own: the history names it and why.
    expect(await failedAttempts()).toEqual([
      {
        file_name: path.basename(file),
        failure_reason: "The import was interrupted (the database connection closed); nothing was written — run it again.",
        rows_imported: 0,
      },
    ]);
    // The history the admin page and `import list` show.
    const [latest] = await importHistory(database.db, 1);
    expect(latest).toMatchObject({
      fileName: path.basename(file),
      status: "failed",
      rowsImported: 0,
      failureReason: expect.stringMatching(/^The import was interrupted/),
    });
    // The failed attempt has the file's hash, and must not make the next run think the file is in.
    await importsWhole(file, before, { thrice: true });
  });
});

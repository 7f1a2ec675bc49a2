// All-or-nothing under failure, on the real PostgreSQL of either test mode. A survey or contacts import that is killed
// (the importing process, or its connection with pg_terminate_backend from another session) mid-COPY, after staging or
// after the insert, or whose progress callback throws or whose file passes the row limit part-way, leaves no rows, batch,
// reason, audit entry or roll-up change and no staging table, during the import or after it (but for the failed attempt
// recorded after the rollback, when its process lives and the database answers); the same file then imports whole.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainAlertQueue } from "../server/alerts/jobs";
import { importFile, type ImportOptions } from "../server/imports/pipeline";
import { revertBatch } from "../server/responses/ingest";
import { writeSetting } from "../server/settings/program-settings";
import { cliCommand } from "./support/cli";
import { createTestDatabase, type TestDatabase } from "./support/database";
import {
  closeTo,
  dumpImportState,
  generatedContactsCsv,
  generatedSurveyCsv,
  generatedSurveyMapping,
  seedGoldenModel,
  type ImportDump,
} from "./support/import-golden";

const actor = { id: null, email: "test" };
const ROWS = 1_500;
let database: TestDatabase;
let other: postgres.Sql;
let dir: string;
let nextFile = 0;
/** Child imports still running when the file ends (a failed case) are killed, not left to commit later. */
const children = new Set<ReturnType<typeof spawn>>();

type Kind = "responses" | "contacts";
type Options = Omit<ImportOptions, "onProgress">;

/** A new generated file of `rows` rows (ids of its own), with the options that import it. */
function generatedFile(kind: Kind, rows = ROWS): { file: string; options: Options } {
  const n = ++nextFile;
  const file = path.join(dir, `${kind}-${n}.csv`);
  const spec = { rows, seed: 100 + n, firstId: n * 100_000 };
  fs.writeFileSync(file, kind === "responses" ? generatedSurveyCsv(spec) : generatedContactsCsv(spec));
  return { file, options: { fileName: path.basename(file), actor, ...(kind === "responses" ? { mapping: generatedSurveyMapping } : {}) } };
}

/**
 * Tables in any session's temporary namespace, and any staged_* or *_delta table, as another session sees them: the
 * import creates its staging in its own transaction (on commit drop), so none is ever visible, during it or after it.
 */
async function visibleStagingTables(): Promise<string[]> {
  const rows = await other<Array<{ relname: string }>>`
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname like 'pg\_temp\_%' or c.relname like 'staged\_%' or c.relname like '%\_delta'`;
  return rows.map((r) => r.relname);
}

/**
 * Everything an import may change, by natural keys, the audit entries, and the staging tables another session can see;
 * but the failed attempts, recorded after the rollback on purpose (failedAttempts lists them).
 */
async function state(): Promise<ImportDump> {
  const [audit] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log`);
  const dump = await dumpImportState(database.db);
  const batches = dump.import_batches!.filter((batch) => (batch as { status: string }).status !== "failed");
  return { ...dump, import_batches: batches, audit: [audit!.n], staged: await visibleStagingTables() };
}

/** The failed attempts recorded for a file: its name, why, and that they hold nothing. */
const failedAttempts = (file: string) =>
  other<Array<{ reason: string; imported: number }>>`
    select failure_reason as reason, rows_imported as imported from import_batches where status = 'failed' and file_name = ${path.basename(file)}`;

/** The backends of this database inside a transaction, other than the other session's own: the import's, while it runs. */
const inTransaction = () =>
  other<Array<{ pid: number; query: string }>>`
    select pid, query from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null`;

/** Waits until the server has rolled back a dead import (its backend gone), so what follows reads settled state. */
async function importBackendGone(): Promise<void> {
  for (let i = 0; i < 500 && (await inTransaction()).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(await inTransaction()).toEqual([]);
}

interface Paused {
  /** What the child printed after it went on (nothing when it was killed), and how it ended. */
  finished: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  kill: () => void;
  goOn: () => void;
}

/** An import in a child process, frozen inside its transaction at the given progress point. */
async function pausedImport(kind: Kind, file: string, phase: "checking" | "writing", rows: number): Promise<Paused> {
  const goFile = path.join(dir, `go-${path.basename(file)}`);
  const args = ["--conditions=react-server", "--import", "tsx", "tests/support/paused-import.ts", file, kind, phase, String(rows), goFile];
  const child = spawn(cliCommand, args, { env: { ...process.env, DATABASE_URL: database.url } });
  children.add(child);
  child.once("close", () => children.delete(child));
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<Awaited<Paused["finished"]>>((resolve) => child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('"paused":true')) resolve();
    });
    void finished.then(({ stdout, stderr }) => reject(new Error(`the import ended before its pause point:\n${stdout}\n${stderr}`)));
  });
  return { finished, kill: () => child.kill("SIGKILL"), goOn: () => fs.writeFileSync(goFile, "") };
}

/** After a failed attempt: the same file imports whole, none of it a duplicate; then reverted, all is as before. */
async function importsWholeAfterwards(kind: Kind, file: string, options: Options, before: ImportDump) {
  const summary = await importFile(database.db, file, options);
  await drainAlertQueue();
  expect(summary).toMatchObject({ status: "imported", duplicates: 0, rejected: 0 });
  // The generated files repeat an id of their own now and then: the first row with it is kept.
  expect(summary.imported).toBeGreaterThan(summary.valid * 0.95);
  const table = sql.raw(kind === "responses" ? "survey_responses" : "service_contacts");
  const [row] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from ${table} where import_batch_id = ${summary.batchId}`);
  expect(row!.n).toBe(summary.imported);
  // Reverted, the database is the baseline again, so that the next case starts small: but for the batch, listed as
  // reverted, and the reasons and reason sets the file brought, which stay as the program's vocabulary.
  await revertBatch(database.db, actor, summary.batchId!);
  const { import_batches: batches, audit: _audit, contact_reasons: _reasons, contact_reason_sets: _sets, ...after } = await state();
  const { import_batches: batchesBefore, audit: _auditBefore, contact_reasons: _r, contact_reason_sets: _s, ...expected } = before;
  expect(closeTo(after, expected)).toEqual(expected);
  expect(batches!.slice(0, -1)).toEqual(batchesBefore);
}

beforeAll(async () => {
  database = await createTestDatabase();
  other = postgres(database.url, { max: 1, onnotice: () => {} });
  await seedGoldenModel(database.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-crash-"));
  // Something to leave unchanged: a committed batch of each kind, with their roll-ups.
  for (const kind of ["responses", "contacts"] as const) {
    const { file, options } = generatedFile(kind, 300);
    expect(await importFile(database.db, file, options)).toMatchObject({ status: "imported" });
  }
  await drainAlertQueue();
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await other.end();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Where the import stops: while its rows stream in with COPY (the COPY statement open), once they are staged (and
// the batch record written), and once they are in the real table but the roll-ups are not yet folded. The importing
// process itself is killed at the first and the last; its connection is terminated at all three.
const points = [
  ["in the middle of the COPY", "checking", 1_000, true],
  ["after staging, before the insert", "writing", 0, false],
  ["after the insert, before the roll-ups", "writing", 1, true],
] as const;

describe.each(["responses", "contacts"] as const)("a %s import", (kind) => {
  describe.each(points)("stopped %s", (_, phase, rows, killProcess) => {
    if (killProcess) {
      it("shows nothing while it is open; its process killed, it leaves nothing, and the file then imports whole", async () => {
        const before = await state();
        const { file, options } = generatedFile(kind);
        const child = await pausedImport(kind, file, phase, rows);
        expect((await inTransaction()).length).toBe(1);
        expect(await state()).toEqual(before);
        child.kill();
        expect(await child.finished).toMatchObject({ signal: "SIGKILL" });
        await importBackendGone();
        expect(await state()).toEqual(before);
        await importsWholeAfterwards(kind, file, options, before);
      });
    }

    it("its connection terminated by the server, fails and leaves nothing, and the file then imports whole", async () => {
      const before = await state();
      const { file, options } = generatedFile(kind);
      const child = await pausedImport(kind, file, phase, rows);
      const [backend] = await inTransaction();
      if (phase === "checking") expect(backend!.query).toMatch(/^copy staged_/);
      const [terminated] = await other<Array<{ done: boolean }>>`select pg_terminate_backend(${backend!.pid}, 10000) as done`;
      expect(terminated!.done).toBe(true);
      child.goOn();
      const { code, stdout } = await child.finished;
      // It rejects in words, and the child ends itself: postgres.js 3.4.9 no longer writes its transaction's rollback to
      // the closed socket, whose uncaught TypeError had killed it (porsager/postgres#1208; db/connection-faults.ts).
      expect(stdout).toContain('"error":"The import was interrupted (the database connection closed); nothing was written — run it again."');
      expect(stdout).not.toContain('"summary"');
      expect(code).toBe(1);
      await importBackendGone();
      expect(await state()).toEqual(before);
      expect(await failedAttempts(file)).toEqual([{ reason: expect.stringMatching(/^The import was interrupted/), imported: 0 }]);
      await importsWholeAfterwards(kind, file, options, before);
    });
  });

  it("whose progress callback throws in the middle of the row stream rolls everything back", async () => {
    const before = await state();
    const { file, options } = generatedFile(kind);
    const attempt = importFile(database.db, file, {
      ...options,
      onProgress: (progress) => {
        if (progress.phase === "checking" && progress.rows === 1_000) throw new Error("the caller gave up at row 1,000");
      },
    });
    await expect(attempt).rejects.toThrow("the caller gave up at row 1,000");
    expect(await state()).toEqual(before);
    expect(await failedAttempts(file)).toEqual([{ reason: expect.stringMatching(/^The import failed on the server/), imported: 0 }]);
    await importsWholeAfterwards(kind, file, options, before);
  });

  it("that throws once its rows are inserted rolls the rows back with it", async () => {
    const before = await state();
    const { file, options } = generatedFile(kind);
    const attempt = importFile(database.db, file, {
      ...options,
      onProgress: (progress) => {
        if (progress.phase === "writing" && progress.rows > 0) throw new Error(`stopped after inserting ${progress.rows}`);
      },
    });
    await expect(attempt).rejects.toThrow(/stopped after inserting \d+/);
    expect(await state()).toEqual(before);
    expect(await failedAttempts(file)).toEqual([{ reason: expect.stringMatching(/^The import failed on the server/), imported: 0 }]);
    await importsWholeAfterwards(kind, file, options, before);
  });

  it("whose file passes the row limit part-way writes nothing", async () => {
    const { file, options } = generatedFile(kind);
    await writeSetting(database.db, actor, { key: "max_import_rows", value: 1_200 });
    const before = await state();
    try {
      await expect(importFile(database.db, file, options)).rejects.toThrow(/more than 1,200 rows/);
      expect(await state()).toEqual(before);
      expect(await failedAttempts(file)).toEqual([]); // a refusal in words is no failed attempt
    } finally {
      await writeSetting(database.db, actor, { key: "max_import_rows", value: 5_000_000 });
    }
  });
});

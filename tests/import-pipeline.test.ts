// The import pipeline end to end on a real database: preview, all-or-nothing refusal, valid-only,
// idempotent re-import, revert restoring the roll-ups exactly, and the CLI's exit codes.
import { cliActor } from "../server/audit";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../server/imports/pipeline";
import { revertBatch } from "../server/responses/ingest";
import { rebuildRollups } from "../server/rollups/maintain";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";
import { cliArgs, cliCommand } from "./support/cli";

const run = promisify(execFile);
const actor = { id: null, email: "test" };
let database: TestDatabase;
let dir: string;

const qualtricsHeader =
  "StartDate,EndDate,Status,ResponseId,Q1_NPS,Q2,Q3,touchpoint\r\n" +
  '"Start Date","End Date","Response Type","Response ID","How likely are you to recommend us?","How satisfied were you?","Any comments?","touchpoint"\r\n' +
  '"{""ImportId"":""startDate"",""timeZone"":""UTC""}","{""ImportId"":""endDate"",""timeZone"":""UTC""}","{""ImportId"":""status""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3_TEXT""}","{""ImportId"":""touchpoint""}"\r\n';

function writeFile(name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, qualtricsHeader + rows.join("\r\n") + "\r\n");
  return file;
}

const goodRows = Array.from(
  { length: 40 },
  (_, i) => `2026-03-01 10:00:00,2026-03-0${1 + (i % 5)} 18:00:00,IP Address,R_${i},${i % 11},${1 + (i % 5)},"comment ${i}",BIL-BILL`,
);

async function rollups() {
  return database.db.execute(sql`select * from touchpoint_daily_rollups order by 1, 2, 3`);
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-import-"));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("import pipeline", () => {
  it("previews a dry run without writing anything", async () => {
    const file = writeFile("dry.csv", [...goodRows, "2026-03-01 10:00:00,2026-03-01 18:00:00,Survey Preview,R_p,9,5,,BIL-BILL"]);
    const summary = await importFile(database.db, file, { fileName: "dry.csv", dryRun: true, actor });
    expect(summary).toMatchObject({
      status: "previewed",
      format: "qualtrics",
      rowsRead: 41,
      valid: 40,
      rejected: 0,
      skipped: { "preview, test or spam response": 1 },
    });
    const [row] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from survey_responses`);
    expect(row!.n).toBe(0);
  });

  it("refuses a file with rejected rows, listing them, and writes nothing", async () => {
    const file = writeFile("bad.csv", [
      ...goodRows.slice(0, 5),
      "2026-03-01 10:00:00,2026-03-01 18:00:00,IP Address,R_bad,11,5,,BIL-BILL",
      "x,not a date,IP Address,R_bad2,5,5,,NOPE",
    ]);
    const summary = await importFile(database.db, file, { fileName: "bad.csv", actor });
    expect(summary.status).toBe("refused");
    expect(summary.rejected).toBe(2);
    expect(summary.rejections).toEqual([
      { row: 6, column: "Q1_NPS", message: "NPS 11 is outside 0–10" },
      { row: 7, column: "touchpoint", message: 'unknown touchpoint code "NOPE"', unknownCode: "NOPE" },
      { row: 7, column: "EndDate", message: '"not a date" is not a date (iso)' },
    ]);
    const [row] = await database.db.execute<{ n: number }>(
      sql`select (select count(*)::int from survey_responses) + (select count(*)::int from import_batches) as n`,
    );
    expect(row!.n).toBe(0);
  });

  it("imports only the valid rows when asked, and records that decision on the batch", async () => {
    const file = writeFile("valid-only.csv", [...goodRows.slice(0, 5), "2026-03-01 10:00:00,2026-03-01 18:00:00,IP Address,R_bad,11,5,,BIL-BILL"]);
    const summary = await importFile(database.db, file, { fileName: "valid-only.csv", validOnly: true, actor });
    expect(summary).toMatchObject({ status: "imported", imported: 5, rejected: 1 });
    const [batch] = await database.db.execute<{ decision: string; rows_rejected: number }>(
      sql`select decision, rows_rejected from import_batches where id = ${summary.batchId}`,
    );
    expect(batch).toEqual({ decision: "valid_only", rows_rejected: 1 });
  });

  it("imports a file once: the same file again adds nothing and says so", async () => {
    const file = writeFile("good.csv", goodRows);
    const first = await importFile(database.db, file, { fileName: "good.csv", actor });
    // R_0…R_4 came in with the valid-only import above.
    expect(first).toMatchObject({ status: "imported", imported: 35, duplicates: 5 });
    const again = await importFile(database.db, file, { fileName: "good.csv", actor });
    expect(again.status).toBe("already_imported");
    expect(again.message).toMatch(/imported before/);
  });

  it("reverting a batch restores the roll-ups exactly (compared with a rebuild)", async () => {
    const before = await rollups();
    const file = writeFile(
      "later.csv",
      goodRows.map((r) => r.replace(/R_(\d+)/, "L_$1")),
    );
    const summary = await importFile(database.db, file, { fileName: "later.csv", actor });
    expect(summary.imported).toBe(40);
    expect(await rollups()).not.toEqual(before);
    await revertBatch(database.db, cliActor, summary.batchId!);
    expect(await rollups()).toEqual(before);
    await database.db.transaction((tx) => rebuildRollups(tx));
    expect(await rollups()).toEqual(before);
  });

  it("explains what is missing when it cannot map a file", async () => {
    const file = path.join(dir, "unmappable.csv");
    fs.writeFileSync(file, "when,score\n2026-03-01,5\n");
    await expect(importFile(database.db, file, { fileName: "unmappable.csv", actor })).rejects.toThrow(/Still needed: which touchpoint/);
  });

  it("exits non-zero from the CLI on rejected rows, zero on success", async () => {
    const env = { ...process.env, DATABASE_URL: database.url };
    const bad = writeFile("cli-bad.csv", ["2026-03-01 10:00:00,2026-03-01 18:00:00,IP Address,C_1,12,5,,BIL-BILL"]);
    const failed = await run(cliCommand, cliArgs("import", bad), { env }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toContain("row 1, Q1_NPS: NPS 12 is outside 0–10");
    const good = writeFile("cli-good.csv", ["2026-03-01 10:00:00,2026-03-01 18:00:00,IP Address,C_2,10,5,,BIL-BILL"]);
    const ok = await run(cliCommand, cliArgs("import", good), { env });
    expect(ok.stdout).toContain("Imported 1 response");
  });
});

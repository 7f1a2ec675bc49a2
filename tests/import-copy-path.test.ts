// The COPY write path against the one it replaced (two passes, rows sent as json_to_recordset; commit 34737f5): the
// survey and contacts fixtures and generated files, imported in the same order, leave the rows, batches and roll-ups that path left.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildContactRollups } from "../server/contacts/rollups";
import { rebuildRollups } from "../server/rollups/maintain";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { closeTo, dumpImportState, goldenSteps, parseDump, runGoldenSteps, seedGoldenModel, type ImportDump } from "./support/import-golden";

// Written by the previous write path: tests/support/import-golden.ts copied into a worktree of 34737f5 and run there
// (tests/fixtures/import-golden/README.md says how).
const golden = parseDump(fs.readFileSync(path.join(__dirname, "fixtures", "import-golden", "scenario.json"), "utf8"));

/**
 * The one difference, and it is the COPY path's to keep: "already imported" now counts the file's rows whose id is
 * stored (the rows that will not be written, from the staged rows by anti-join), where the previous path counted the
 * distinct stored ids each chunk matched, so a row repeating an earlier row's id of the same file counted once. Per
 * step (index in goldenSteps), the rows that repeat a stored id within the file. Where every valid row is then a
 * duplicate, a file imported before reads "already imported" instead of writing an empty batch (the last survey-a
 * and contacts-a steps), and the batches of the others record one more skipped row.
 */
const repeatedStoredIds: Record<number, number> = { 7: 1, 8: 1, 9: 1, 10: 3, 19: 1, 20: 1, 21: 1, 22: 3 };

type Step = Record<string, unknown> & { duplicates: number; valid: number; skipped: Record<string, number>; message: string };

function expectedStep(step: Step, index: number): Step {
  const more = repeatedStoredIds[index];
  if (!more) return step;
  const duplicates = step.duplicates + more;
  const changed = { ...step, duplicates, skipped: { ...step.skipped, "already imported": duplicates } };
  if (step.status === "previewed") return { ...changed, message: step.message.replace(/\d+ new/, () => `${step.valid - duplicates} new`) };
  if (duplicates === step.valid) return { ...changed, status: "already_imported", message: "This file was imported before (batch #); nothing new to import." };
  return changed;
}

function expectedBatches(batches: unknown[]): unknown[] {
  const rows = batches as Array<Record<string, unknown> & { file_name: string; rows_imported: number; rows_skipped: number }>;
  const emptyRepeat = (b: (typeof rows)[number]) => b.rows_imported === 0 && (b.file_name === "survey-a.csv" || b.file_name === "contacts-a.csv");
  return rows
    .filter((b) => !emptyRepeat(b))
    .map((b) => (b.file_name === "survey-b.csv" || b.file_name === "contacts-b.csv" ? { ...b, rows_skipped: b.rows_skipped + 1 } : b));
}

const expected: ImportDump = {
  ...golden,
  steps: (golden.steps as Step[]).map(expectedStep),
  import_batches: expectedBatches(golden.import_batches!),
};

let database: TestDatabase;
let dir: string;
let dump: ImportDump;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedGoldenModel(database.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-golden-"));
  const steps = await runGoldenSteps(database.db, dir, path.join(__dirname, "fixtures"));
  dump = { steps, ...(await dumpImportState(database.db)) };
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the COPY write path against the previous path's golden dump", () => {
  it("runs the steps the golden dump was written from", () => {
    expect(Object.keys(dump)).toEqual(Object.keys(golden));
    expect((dump.steps as Step[]).map((s) => s.file)).toEqual(goldenSteps.map((s) => s.file));
  });

  // One test per section, so a difference names the table it is in.
  it.each(Object.keys(golden))("%s: the same rows", (section) => {
    // The previous path summed the sentiment scores (reals) as reals, to 7 digits; the roll-ups now sum them as float8.
    expect(closeTo(dump[section], expected[section], 1e-6)).toEqual(expected[section]);
  });

  it("keeps roll-ups equal to a rebuild from the raw rows", async () => {
    const maintained = await dumpImportState(database.db);
    await database.db.transaction(async (tx) => {
      await rebuildRollups(tx);
      await rebuildContactRollups(tx);
    });
    const rebuilt = await dumpImportState(database.db);
    expect(closeTo(rebuilt, maintained)).toEqual(maintained);
  });
});

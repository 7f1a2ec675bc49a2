// XLSX imports: the first sheet streamed, Excel date cells read in the file's time zone and rounded to the
// second, and a workbook that would expand past the limit (a zip bomb) refused before it is parsed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../server/imports/pipeline";
import { uncompressedSize } from "../server/imports/xlsx";
import { writeSetting } from "../server/settings/program-settings";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

const actor = { id: null, email: "test" };
let database: TestDatabase;
let dir: string;

async function workbook(name: string, rows: Array<Array<string | number | Date>>): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Reviews");
  sheet.addRow(["Review ID", "Touchpoint", "Submitted", "Satisfaction", "Review text"]);
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn(3).numFmt = "yyyy-mm-dd hh:mm:ss";
  const file = path.join(dir, name);
  await book.xlsx.writeFile(file);
  return file;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-xlsx-"));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("XLSX import", () => {
  it("imports the first sheet with its date cells", async () => {
    // 1 ms before the second, as Excel's fractions of a day can land.
    const almost = new Date(Date.UTC(2026, 2, 1, 18, 0, 0) - 1);
    const file = await workbook("reviews.xlsx", [
      ["X1", "SVC-HOST", almost, 5, "Warm welcome"],
      ["X2", "SVC-HOST", new Date(Date.UTC(2026, 2, 2, 9, 30, 0)), 2, "Nobody at the door"],
    ]);
    const summary = await importFile(database.db, file, { fileName: "reviews.xlsx", actor });
    expect(summary).toMatchObject({ status: "imported", imported: 2, format: "csv" });
    const rows = await database.db.execute<{ external_id: string; at: string; csat: number; comment: string }>(
      sql`select external_id, to_char(responded_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') as at, csat, comment from survey_responses where source = 'csv' order by external_id`,
    );
    expect(rows).toEqual([
      { external_id: "X1", at: "2026-03-01 18:00:00", csat: 5, comment: "Warm welcome" },
      { external_id: "X2", at: "2026-03-02 09:30:00", csat: 2, comment: "Nobody at the door" },
    ]);
    const [batch] = await database.db.execute<{ source_format: string }>(sql`select source_format from import_batches where id = ${summary.batchId}`);
    expect(batch!.source_format).toBe("xlsx");
  });

  it("refuses a workbook that expands past the limit, before parsing it", async () => {
    const long = "x".repeat(2_000);
    const file = await workbook(
      "bomb.xlsx",
      Array.from({ length: 1_500 }, (_, i) => [`B${i}`, "SVC-HOST", new Date(Date.UTC(2026, 2, 1)), 4, `${long}${i}`]),
    );
    expect(fs.statSync(file).size).toBeLessThan(1_048_576);
    expect(await uncompressedSize(file)).toBeGreaterThan(1_048_576);
    await writeSetting(database.db, actor, { key: "max_xlsx_expanded_mb", value: 1 });
    await expect(importFile(database.db, file, { fileName: "bomb.xlsx", actor })).rejects.toThrow(/would expand to \d+ MB, over the 1 MB limit/);
    await writeSetting(database.db, actor, { key: "max_xlsx_expanded_mb", value: 2_000 });
  });

  it("says so when a file called XLSX is not one", async () => {
    const file = path.join(dir, "fake.csv");
    fs.writeFileSync(file, "a,b\n1,2\n");
    await expect(importFile(database.db, file, { fileName: "fake.csv", source: "xlsx", actor })).rejects.toThrow(/not an XLSX workbook/);
  });
});

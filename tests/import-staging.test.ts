// The browser's import path below the route handlers: a multipart upload staged for its admin only, the
// inspection the mapping screen starts from, a streamed preview with progress and a full error report,
// templates reused by later files (also by the CLI's pipeline), the row limit, and revert with its audit.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../db/schema";
import { importHistory, revertImport } from "../server/imports/history";
import { inspectFile, saveTemplate } from "../server/imports/inspect";
import { importFile } from "../server/imports/pipeline";
import { runStagedUpload, type StagedRunEvent } from "../server/imports/staged-run";
import { errorReportPath, findStagedUpload, stageUpload, type StagedUpload } from "../server/imports/staging";
import { writeSetting } from "../server/settings/program-settings";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let admin: { id: number; email: string };
let dataDir: string;

// A plain CSV whose touchpoint column has a name the proposal cannot guess ("Where").
const header = "When,Where,Stars,Review,Id\n";
const rows = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `2026-05-0${1 + ((from + i) % 9)} 12:00,BIL-BILL,${1 + ((from + i) % 5)},"review ${from + i}",rv-${from + i}`).join("\n");

function uploadRequest(name: string, content: string): Request {
  const form = new FormData();
  form.append("file", new Blob([content], { type: "text/csv" }), name);
  return new Request("http://localhost/api/imports/uploads", { method: "POST", body: form });
}

const mapping = {
  touchpoint: { kind: "column" as const, column: "Where" },
  respondedAt: { column: "When", format: "iso" as const, timeZone: "Europe/London" },
  metrics: [{ metric: "csat", column: "Stars" }],
  comment: "Review",
  externalId: "Id",
};

async function run(upload: StagedUpload, mode: "preview" | "import", validOnly = false): Promise<StagedRunEvent[]> {
  const events: StagedRunEvent[] = [];
  await runStagedUpload(database.db, upload, { mode, mapping, validOnly }, admin, (event) => events.push(event));
  return events;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const people = await seedTestModel(database.db);
  admin = { id: people.admin.id, email: people.admin.email };
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-staging-"));
  process.env.THROUGHLINE_DATA_DIR = dataDir;
});
afterAll(async () => {
  delete process.env.THROUGHLINE_DATA_DIR;
  fs.rmSync(dataDir, { recursive: true, force: true });
  await database.close();
});

describe("staged browser uploads", () => {
  it("keeps an upload for the admin who sent it, and for nobody else", async () => {
    const upload = await stageUpload(uploadRequest("reviews.csv", header + rows(3)), 1_048_576, admin.id);
    expect(upload.fileName).toBe("reviews.csv");
    expect(findStagedUpload(upload.uploadId, admin.id)?.filePath).toBe(upload.filePath);
    expect(findStagedUpload(upload.uploadId, admin.id + 1)).toBeNull();
    expect(findStagedUpload("../../etc", admin.id)).toBeNull();
  });

  it("inspects a file: format, columns with samples, and what the proposal could not guess", async () => {
    const upload = await stageUpload(uploadRequest("reviews.csv", header + rows(8)), 1_048_576, admin.id);
    const inspection = await inspectFile(database.db, upload.filePath);
    expect(inspection.format).toBe("csv");
    expect(inspection.template).toBeNull();
    expect(inspection.columns.find((c) => c.key === "Where")?.samples).toEqual(["BIL-BILL", "BIL-BILL", "BIL-BILL", "BIL-BILL", "BIL-BILL"]);
    expect(inspection.missing.join(" ")).toMatch(/which touchpoint/);
  });

  it("previews with progress events and a complete error report, then imports only the valid rows when asked", async () => {
    const bad = "\n2026-05-01 12:00,BIL-BILL,9,too high,rv-bad1\nnot a date,NOPE,3,two problems,rv-bad2";
    const upload = await stageUpload(uploadRequest("mixed.csv", header + rows(2_500) + bad), 1_048_576, admin.id);
    const preview = await run(upload, "preview");
    const progress = preview.filter((e) => e.type === "progress");
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ phase: "checking", rows: 2_502, fraction: 1 });
    const result = preview.at(-1);
    expect(result).toMatchObject({ type: "result", summary: { status: "previewed", valid: 2_500, rejected: 2 } });
    const report = fs.readFileSync(errorReportPath(upload), "utf8").trim().split("\n");
    expect(report[0]).toBe("row,column,problem");
    expect(report).toHaveLength(1 + 3);
    expect(
      report
        .slice(1)
        .map((line) => line.split(",").slice(0, 2).join(","))
        .sort(),
    ).toEqual(["2501,Stars", "2502,When", "2502,Where"]);

    const refused = await run(upload, "import");
    expect(refused.at(-1)).toMatchObject({ type: "result", summary: { status: "refused" } });
    const imported = await run(upload, "import", true);
    expect(imported.at(-1)).toMatchObject({ type: "result", summary: { status: "imported", imported: 2_500 } });
    expect(imported.some((e) => e.type === "progress" && e.phase === "writing")).toBe(true);
    const [batch] = await importHistory(database.db, 1);
    expect(batch).toMatchObject({ fileName: "mixed.csv", status: "imported", decision: "valid_only", rowsRejected: 2, createdBy: "Ada Admin" });
  });

  it("saves a template that later files of the same survey start from, in the UI and in the pipeline", async () => {
    const first = await stageUpload(uploadRequest("reviews-may.csv", header + rows(3, 10_000)), 1_048_576, admin.id);
    await database.db.transaction((tx) => saveTemplate(tx, admin, { path: first.filePath, name: "Review site", mapping: mapping }));
    const next = await stageUpload(uploadRequest("reviews-june.csv", header + rows(3, 20_000)), 1_048_576, admin.id);
    const inspection = await inspectFile(database.db, next.filePath);
    expect(inspection).toMatchObject({ template: "Review site", missing: [], mapping });
    // The CLI and HTTP entrances find the template by the header signature too: no mapping given here.
    const summary = await importFile(database.db, next.filePath, { fileName: "reviews-june.csv", actor: admin });
    expect(summary).toMatchObject({ status: "imported", imported: 3 });
  });

  it("refuses a file over the row limit before writing anything", async () => {
    await writeSetting(database.db, admin, { key: "max_import_rows", value: 100 });
    try {
      const upload = await stageUpload(uploadRequest("big.csv", header + rows(150, 30_000)), 1_048_576, admin.id);
      const events = await run(upload, "import");
      expect(events.at(-1)).toEqual({ type: "error", message: expect.stringMatching(/more than 100 rows \(setting max_import_rows\)/) });
      const [row] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from survey_responses where external_id like 'rv-30___'`);
      expect(row!.n).toBe(0);
    } finally {
      await writeSetting(database.db, admin, { key: "max_import_rows", value: 5_000_000 });
    }
  });

  it("reverts a batch once, audited, and explains why it cannot twice", async () => {
    const [batch] = await importHistory(database.db, 1);
    const removed = await revertImport(database.db, admin, batch!.id);
    expect(removed).toBe(3);
    await expect(revertImport(database.db, admin, batch!.id)).rejects.toThrow(/only imported batches can be reverted/);
    await expect(revertImport(database.db, admin, 999_999)).rejects.toThrow(/does not exist/);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, "import.revert"));
    expect(audit).toHaveLength(1);
  });
});

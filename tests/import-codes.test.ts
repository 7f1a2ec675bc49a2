// Unknown touchpoint codes are summarised by code with their row counts, and a file's own codes can be
// mapped to Throughline's in the mapping (kept in the template): the same file then imports in full.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../server/imports/pipeline";
import { proposeMapping } from "../server/imports/mapping";
import { detectFormat } from "../server/imports/detect-format";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let file: string;
const actor = { id: null, email: "test" };
const header = ["id", "touchpoint", "date", "How satisfied were you?"];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  const rows = Array.from({ length: 30 }, (_, i) => [
    `c${i}`,
    i < 18 ? "TABLE-SERVICE" : i < 25 ? "GREETING" : "BIL-BILL",
    `2026-03-${String(1 + (i % 28)).padStart(2, "0")}`,
    String(1 + (i % 5)),
  ]);
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "throughline-codes-")), "codes.csv");
  fs.writeFileSync(file, [header, ...rows].map((r) => r.join(",")).join("\n") + "\n");
});
afterAll(() => database.close());

describe("a file's own touchpoint codes", () => {
  it("are summarised by code with their rows, most first", async () => {
    const summary = await importFile(database.db, file, { fileName: "codes.csv", actor, dryRun: true });
    expect(summary.unknownCodes).toEqual([
      { code: "TABLE-SERVICE", rows: 18 },
      { code: "GREETING", rows: 7 },
    ]);
    expect(summary.rejected).toBe(25);
  });

  it("import in full once mapped to Throughline's codes", async () => {
    const proposal = proposeMapping(detectFormat([header]), [header], ["nps", "csat", "ces"]);
    const mapping = {
      ...proposal.mapping,
      touchpoint: proposal.mapping.touchpoint!,
      respondedAt: proposal.mapping.respondedAt!,
      touchpointCodes: { "TABLE-SERVICE": "SVC-HOST", GREETING: "SVC-HOST" },
    };
    const summary = await importFile(database.db, file, { fileName: "codes.csv", actor, mapping });
    expect(summary).toMatchObject({ status: "imported", imported: 30, rejected: 0, unknownCodes: [] });
  });
});

// Where each response was given: a column of site codes (or one site for the file) is read, unknown site codes
// are summarised with their rows, a file's own codes map to Throughline's (kept in the template, reused by the
// CLI's --mapping), and the per-location roll-ups follow in the same transaction.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../server/imports/pipeline";
import { saveTemplate } from "../server/imports/inspect";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let file: string;
const actor = { id: null, email: "test" };
const header = ["id", "touchpoint", "date", "store", "How satisfied were you?"];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  // 12 at Leeds, 8 under the file's own name for York ("Store 7"), 6 at an unknown store, 4 with no store.
  const store = (i: number) => (i < 12 ? "N-LEEDS" : i < 20 ? "Store 7" : i < 26 ? "NYC-1" : "");
  const rows = Array.from({ length: 30 }, (_, i) => [`l${i}`, "SVC-HOST", `2026-03-${String(1 + (i % 28)).padStart(2, "0")}`, store(i), String(1 + (i % 5))]);
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "throughline-locations-")), "stores.csv");
  fs.writeFileSync(file, [header, ...rows].map((r) => r.join(",")).join("\n") + "\n");
});
afterAll(() => database.close());

const locatedCounts = () =>
  database.db.execute<{ code: string | null; n: number }>(sql`
    select l.code, count(*)::int as n from survey_responses r left join locations l on l.id = r.location_id group by l.code order by l.code nulls last`);

describe("locations in an import", () => {
  it("proposes the store column, and summarises the site codes it does not know by rows", async () => {
    const summary = await importFile(database.db, file, { fileName: "stores.csv", actor, dryRun: true });
    expect(summary.mapping.location).toEqual({ kind: "column", column: "store" });
    expect(summary.unknownLocations).toEqual([
      { code: "Store 7", rows: 8 },
      { code: "NYC-1", rows: 6 },
    ]);
    expect(summary.rejected).toBe(14);
  });

  it("imports in full with the file's codes mapped, keeps the mapping in a template, and rolls up per site", async () => {
    const preview = await importFile(database.db, file, { fileName: "stores.csv", actor, dryRun: true });
    const mapping = { ...preview.mapping, locationCodes: { "Store 7": "N-YORK", "NYC-1": "S-BATH" } };
    await saveTemplate(database.db, actor, { path: file, name: "Store survey", mapping });
    // No mapping given: the saved template is found by the file's headers, as the CLI and HTTP imports find it.
    const summary = await importFile(database.db, file, { fileName: "stores.csv", actor });
    expect(summary).toMatchObject({ status: "imported", imported: 30, rejected: 0, unknownLocations: [] });
    expect(await locatedCounts()).toEqual([
      { code: "N-LEEDS", n: 12 },
      { code: "N-YORK", n: 8 },
      { code: "S-BATH", n: 6 },
      { code: null, n: 4 },
    ]);
    const [rolled] = await database.db.execute<{ n: number }>(sql`select sum(response_count)::int as n from location_monthly_rollups`);
    expect(rolled!.n).toBe(26);
  });

  it("puts every response of a file at one site with --location, and refuses a region there", async () => {
    const single = path.join(path.dirname(file), "one-site.csv");
    fs.writeFileSync(single, ["id,touchpoint,date,score", "s1,SVC-HOST,2026-04-01,5", "s2,SVC-HOST,2026-04-02,4"].join("\n") + "\n");
    const mapping = {
      touchpoint: { kind: "column" as const, column: "touchpoint" },
      respondedAt: { column: "date", format: "iso" as const, timeZone: "UTC" },
      metrics: [{ metric: "csat", column: "score" }],
      externalId: "id",
    };
    const refused = await importFile(database.db, single, { fileName: "one-site.csv", actor, mapping, location: "NORTH", dryRun: true });
    expect(refused.unknownLocations).toEqual([{ code: "NORTH", rows: 2 }]);
    const summary = await importFile(database.db, single, { fileName: "one-site.csv", actor, mapping, location: "N-YORK" });
    expect(summary).toMatchObject({ status: "imported", imported: 2 });
    expect((await locatedCounts()).find((r) => r.code === "N-YORK")!.n).toBe(10);
  });
});

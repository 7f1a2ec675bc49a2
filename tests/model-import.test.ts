// Model import: validated as a whole, all-or-nothing, every problem listed; idempotent; export round-trips.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelImportError, exportModel, importModel } from "../server/model/transfer";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { testModel } from "./support/fixtures";
import { ingestBatch } from "../server/responses/ingest";

const actor = { id: null, email: "test" };
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function counts() {
  const [row] = await database.db.execute<Record<string, number>>(sql`
    select (select count(*)::int from departments) as departments, (select count(*)::int from users) as users,
      (select count(*)::int from touchpoints) as touchpoints, (select count(*)::int from journeys) as journeys,
      (select count(*)::int from journey_stages) as stages, (select count(*)::int from stage_touchpoints) as placements,
      (select count(*)::int from touchpoint_targets) as targets, (select count(*)::int from locations) as locations,
      (select count(*)::int from locations where parent_id is not null) as placed_locations`);
  return row!;
}

async function problemsOf(document: unknown) {
  try {
    await importModel(database.db, actor, document);
  } catch (error) {
    if (error instanceof ModelImportError) return error.modelProblems;
    throw error;
  }
  throw new Error("expected the import to be refused");
}

describe("model import", () => {
  it("refuses a file with a dangling reference, a duplicate code and a bad enum, listing all three, writing nothing", async () => {
    const bad = structuredClone(testModel) as typeof testModel & { touchpoints: Array<Record<string, unknown>> };
    bad.touchpoints.push({ ...bad.touchpoints[0]!, name: "Copy" });
    bad.touchpoints[1] = { ...bad.touchpoints[1]!, department: "Nowhere" };
    (bad.users[0] as Record<string, unknown>).role = "superuser";
    // Zod reports the bad enum first; fix it to see the reference problems in the same run.
    const enumProblems = await problemsOf(bad);
    expect(enumProblems).toEqual([expect.objectContaining({ path: "users.0.role" })]);
    (bad.users[0] as Record<string, unknown>).role = "admin";
    const problems = await problemsOf(bad);
    expect(problems.map((p) => p.path).sort()).toEqual(["touchpoints[0].code", "touchpoints[1].department", "touchpoints[2].code"].sort());
    expect(problems.find((p) => p.path === "touchpoints[1].department")?.message).toBe('no department "Nowhere"');
    expect(await counts()).toMatchObject({ departments: 0, users: 0, touchpoints: 0, journeys: 0 });
  });

  it("refuses a stage that names a touchpoint that does not exist", async () => {
    const bad = structuredClone(testModel);
    bad.journeys[0]!.stages[0]!.touchpoints.push("GHOST-1");
    const problems = await problemsOf(bad);
    expect(problems).toEqual([{ path: "journeys[0].stages[0].touchpoints[1]", message: "no touchpoint with code GHOST-1" }]);
  });

  it("checks locations: a site needs a region, nothing sits in a site or in itself, and a manager must be able to run things", async () => {
    const bad = structuredClone(testModel);
    bad.locations = [
      { code: "NORTH", name: "North", kind: "region", region: "N-LEEDS" },
      { code: "N-LEEDS", name: "Leeds", kind: "site", region: "NORTH", manager: "exec@test.example" },
      { code: "N-YORK", name: "York", kind: "site" },
      { code: "LOOP", name: "Loop", kind: "region", region: "LOOP" },
      { code: "N-YORK", name: "York again", kind: "site", region: "GHOST" },
    ];
    const problems = await problemsOf(bad);
    expect(problems).toEqual([
      { path: "locations[0].region", message: "N-LEEDS is a site; a location sits in a region" },
      { path: "locations[1].region", message: "NORTH is inside N-LEEDS; a location cannot sit inside itself" },
      { path: "locations[1].manager", message: expect.stringContaining("Eve Exec is an executive") },
      { path: "locations[2].code", message: "duplicate location code N-YORK" },
      { path: "locations[2].region", message: "choose the region this site belongs to" },
      { path: "locations[3].region", message: "LOOP is inside LOOP; a location cannot sit inside itself" },
      { path: "locations[4].code", message: "duplicate location code N-YORK" },
      { path: "locations[4].region", message: "no location with code GHOST" },
    ]);
  });

  it("keeps a location that holds data from changing kind, as the setup page does", async () => {
    await importModel(database.db, actor, testModel);
    const leeds = (await database.db.execute<{ id: number }>(sql`select id from locations where code = 'N-LEEDS'`))[0]!.id;
    const host = (await database.db.execute<{ id: number }>(sql`select id from touchpoints where code = 'SVC-HOST'`))[0]!.id;
    await ingestBatch(database.db, { fileName: "l", fileHash: "l", sourceFormat: "test", source: "api" }, [
      { touchpointId: host, locationId: leeds, respondedAt: new Date("2026-03-01T12:00:00Z"), csat: 5, externalId: "leeds-1" },
    ]);
    const changed = structuredClone(testModel);
    changed.locations![1] = { ...changed.locations![1]!, kind: "region" };
    expect(await problemsOf(changed)).toEqual([{ path: "locations[1].kind", message: "N-LEEDS holds data or locations, so it stays a site" }]);
  });

  it("rolls back everything when the database refuses part of a valid-looking file", async () => {
    const before = await counts();
    // Passes validation, but PostgreSQL refuses a NUL byte in text: the failure comes after the departments,
    // users and first touchpoint were written inside the transaction, so all of them must roll back.
    const bad = structuredClone(testModel);
    bad.touchpoints[1]!.description = "broken \u0000 text";
    await expect(importModel(database.db, actor, bad)).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it("imports a good file, and importing it again changes nothing", async () => {
    const first = await importModel(database.db, actor, testModel);
    expect(first).toEqual({ departments: 2, users: 4, touchpoints: 2, locations: 5, journeys: 1, stages: 2 });
    const afterFirst = await counts();
    await importModel(database.db, actor, testModel);
    expect(await counts()).toEqual(afterFirst);
    expect(afterFirst).toMatchObject({
      departments: 2,
      users: 4,
      touchpoints: 2,
      journeys: 1,
      stages: 2,
      placements: 2,
      targets: 2,
      locations: 5,
      placed_locations: 3,
    });
  });

  it("exports a document that imports back to the same model", async () => {
    const exported = await exportModel(database.db);
    expect(exported.touchpoints.map((t) => t.code)).toEqual(["BIL-BILL", "SVC-HOST"]);
    expect(exported.departments.find((d) => d.name === "Service")?.head).toBe("olive@test.example");
    const before = await counts();
    await importModel(database.db, actor, exported);
    expect(await counts()).toEqual(before);
    expect(await exportModel(database.db)).toEqual(exported);
  });

  it("moves a touchpoint between stages when the file says so", async () => {
    const moved = structuredClone(testModel);
    moved.journeys[0]!.stages = [{ name: "Arrive", touchpoints: ["SVC-HOST", "BIL-BILL"] }];
    await importModel(database.db, actor, moved);
    const exported = await exportModel(database.db);
    expect(exported.journeys[0]!.stages).toEqual([{ name: "Arrive", description: null, touchpoints: ["SVC-HOST", "BIL-BILL"] }]);
  });
});

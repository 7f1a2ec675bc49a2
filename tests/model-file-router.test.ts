// The model file through the admin page's procedure: a bad file lists every problem and writes nothing;
// a good one applies; owners and executives are refused (the access test covers every role too).
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../server/api/root";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedTestModel>>;

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
});
afterAll(() => database.close());

describe("admin.importModel", () => {
  it("returns every problem of a bad file and changes nothing, then applies a good one", async () => {
    const admin = createCaller({ db: database.db, user: people.admin });
    const model = await admin.admin.exportModel();
    const bad = { ...model, touchpoints: [...model.touchpoints, { code: "bad code", name: "", channel: "fax", department: "Nowhere" }] };
    const refused = await admin.admin.importModel({ document: bad });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems.map((p) => p.path).join(" ")).toMatch(/touchpoints\.2/);
    expect((await admin.admin.exportModel()).touchpoints).toHaveLength(2);

    const stages = model.journeys[0]!.stages.map((s, i) => (i === 0 ? { ...s, touchpoints: [...s.touchpoints, "SVC-COATS"] } : s));
    const good = {
      ...model,
      touchpoints: [...model.touchpoints, { code: "SVC-COATS", name: "Coat check", channel: "in_person", department: "Service" }],
      journeys: [{ ...model.journeys[0]!, stages }],
    };
    const applied = await admin.admin.importModel({ document: good });
    expect(applied).toMatchObject({ ok: true, summary: { touchpoints: 3 } });
    expect((await admin.admin.exportModel()).journeys[0]!.stages[0]!.touchpoints).toContain("SVC-COATS");
  });

  it("refuses owners and executives", async () => {
    for (const user of [people.owner, people.executive]) {
      const attempt = createCaller({ db: database.db, user }).admin.importModel({ document: {} });
      await expect(attempt).rejects.toBeInstanceOf(TRPCError);
      await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

// Every overview figure follows every filter: the NPS, CSAT and CES tiles filtered to a department, a journey
// or a channel are exactly the scores API's figures for that scope, not the whole program's.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importModel } from "../server/model/transfer";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { resolveScoreQuery, scoreRows } from "../server/scores/api";
import { programOverview } from "../server/scores/overview";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { testModel } from "./support/fixtures";

let database: TestDatabase;
const ids: Record<string, number> = {};
const period = { from: "2026-03-01", to: "2026-03-31" };

beforeAll(async () => {
  database = await createTestDatabase();
  const model = structuredClone(testModel);
  model.touchpoints.push({ code: "SVC-APP", name: "Booking app", channel: "app", department: "Service", owner: "olive@test.example", targets: {} });
  model.journeys.push({ name: "Delivery", persona: "At home", stages: [{ name: "Order", touchpoints: ["SVC-APP", "BIL-BILL"] }] });
  await importModel(database.db, { id: null, email: "test" }, model);
  for (const row of await database.db.execute<{ code: string; id: number }>(sql`select code, id from touchpoints`)) ids[row.code] = row.id;
  for (const row of await database.db.execute<{ name: string; id: number }>(sql`select name, id from departments union all select name, id from journeys`))
    ids[row.name] = row.id;
  const answers = (code: string, count: number, nps: (i: number) => number): ResponseInput[] =>
    Array.from({ length: count }, (_, i) => ({
      touchpointId: ids[code]!,
      respondedAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 12)),
      nps: nps(i),
      csat: 1 + (i % 5),
      externalId: `${code}-${i}`,
    }));
  await ingestBatch(database.db, { fileName: "f", fileHash: "f", sourceFormat: "test", source: "api" }, [
    ...answers("SVC-HOST", 60, (i) => (i % 3 ? 10 : 8)),
    ...answers("BIL-BILL", 50, (i) => (i % 2 ? 2 : 9)),
    ...answers("SVC-APP", 40, (i) => (i % 4 ? 6 : 10)),
  ]);
});
afterAll(() => database.close());

async function apiRow(level: "department" | "journey", name: string) {
  const rows = await scoreRows(database.db, await resolveScoreQuery(database.db, { level, ...period }));
  return rows.find((r) => r.name === name)!;
}

describe("overview tiles under a filter", () => {
  it("equal the scores API's figures for the department", async () => {
    const overview = await programOverview(database.db, { ...period, departmentId: ids.Billing });
    const billing = await apiRow("department", "Billing");
    expect(overview.tiles.nps.score).toMatchObject({ n: billing.n.nps, value: billing.nps });
    expect(overview.tiles.csat.score).toMatchObject({ n: billing.n.csat, value: billing.csat });
    expect(billing.n.nps).toBe(50);
  });

  it("equal the scores API's figures for the journey", async () => {
    const overview = await programOverview(database.db, { ...period, journeyId: ids.Delivery });
    const delivery = await apiRow("journey", "Delivery");
    expect(overview.tiles.nps.score).toMatchObject({ n: delivery.n.nps, value: delivery.nps });
    expect(delivery.n.nps).toBe(90);
  });

  it("count only the channel's touchpoints", async () => {
    const overview = await programOverview(database.db, { ...period, channel: "app" });
    expect(overview.tiles.nps.score.n).toBe(40);
    const everything = await programOverview(database.db, period);
    expect(everything.tiles.nps.score.n).toBe(150);
  });

  it("say at the Location field that a code names no site, and show every location instead of failing", async () => {
    const overview = await programOverview(database.db, { ...period, location: "N-GONE" });
    expect(overview.filterProblems).toEqual([{ field: "location", message: "No site or region has the code N-GONE; showing every location." }]);
    expect(overview.tiles.nps.score.n).toBe(150);
    // A region with no responses at its sites is a cut with nothing in it, not the whole program.
    expect((await programOverview(database.db, { ...period, location: "SOUTH" })).tiles.nps.score.n).toBe(0);
  });
});

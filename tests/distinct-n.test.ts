// A number a CCO can trust: every rolled-up n is the number of distinct responses behind it. A touchpoint
// placed in two journeys (or two stages) is counted once in the program's n, the journeys' and the stages'.
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importModel } from "../server/model/transfer";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { resolveScoreQuery, scoreRows } from "../server/scores/api";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel, testModel } from "./support/fixtures";
import { buildExperienceTree } from "../server/scores/experience";

let database: TestDatabase;
const actor = { id: null, email: "test" };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  const [ids] = await database.db.execute<{ host: number; bill: number }>(
    sql`select (select id from touchpoints where code = 'SVC-HOST') as host, (select id from touchpoints where code = 'BIL-BILL') as bill`,
  );
  const rows: ResponseInput[] = Array.from({ length: 90 }, (_, i) => ({
    touchpointId: i % 3 === 0 ? ids!.bill : ids!.host,
    respondedAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 12)),
    csat: 1 + (i % 5),
    nps: i % 2 === 0 ? i % 11 : null,
    externalId: `n-${i}`,
  }));
  await ingestBatch(database.db, { fileName: "n", fileHash: "n", sourceFormat: "test", source: "api" }, rows);
});
afterAll(() => database.close());

async function program() {
  const query = await resolveScoreQuery(database.db, { level: "program", from: "2026-03-01", to: "2026-03-31" });
  return (await scoreRows(database.db, query))[0]!;
}

describe("n is distinct responses", () => {
  it("equals the number of responses when every touchpoint is placed once", async () => {
    const row = await program();
    expect(row.n).toEqual({ score: 90, csat: 90, nps: 45, ces: 0 });
  });

  it("stays at the number of responses when a touchpoint sits in two journeys and two stages", async () => {
    const model = structuredClone(testModel);
    model.journeys.push({
      name: "Takeaway",
      persona: "A quick lunch",
      stages: [
        { name: "Collect", touchpoints: ["SVC-HOST", "BIL-BILL"] },
        { name: "Again", touchpoints: ["SVC-HOST"] },
      ],
    });
    await importModel(database.db, actor, model);
    const row = await program();
    expect(row.n.score).toBe(90);
    expect(row.n.csat).toBe(90);
    const query = await resolveScoreQuery(database.db, { level: "journey", from: "2026-03-01", to: "2026-03-31" });
    const journeys = Object.fromEntries((await scoreRows(database.db, query)).map((j) => [j.name, j.n.score]));
    expect(journeys).toEqual({ Dinner: 90, Takeaway: 90 });
  });

  it("never exceeds the responses behind it, whatever the placements (property)", () => {
    const scales = new Map([["csat", { kind: "csat" as const, scaleMin: 1, scaleMax: 5, direction: "higher_is_better" as const }]]);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(fc.array(fc.nat(5), { maxLength: 4 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        (sizes, placements) => {
          const touchpoints = sizes.map((_, i) => ({ id: i + 1, importance: 1, departmentId: 1 }));
          const valid = (index: number) => (index % sizes.length) + 1;
          const journeys = placements.map((stages, j) => ({
            id: j + 1,
            stages: stages.map((ids, s) => ({ id: j * 10 + s + 1, touchpointIds: ids.map(valid) })),
          }));
          const counts = sizes.map((n, i) => ({
            touchpointId: i + 1,
            metricCode: "csat",
            responseCount: n,
            promoters: 0,
            passives: 0,
            detractors: 0,
            topBox: Math.floor(n / 2),
            sum: n * 3,
            sumOfSquares: n * 10,
          }));
          const tree = buildExperienceTree({ touchpoints, journeys, departmentIds: [1], scales, counts, minimumSample: 30 });
          const placed = new Set(journeys.flatMap((j) => j.stages.flatMap((s) => s.touchpointIds)));
          const behind = [...placed].reduce((sum, id) => sum + sizes[id - 1]!, 0);
          expect(tree.program.n).toBe(behind);
          for (const journey of journeys) expect(tree.journeys.get(journey.id)!.n).toBeLessThanOrEqual(behind);
        },
      ),
      { numRuns: 200, seed: 12 },
    );
  });
});

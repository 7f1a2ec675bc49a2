// The owners' home: only the owner's touchpoints, score against target from the roll-ups with n, a 12-month
// sparkline, and the order — moments of truth first, then the furthest below target.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importModel } from "../server/model/transfer";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { ownerHome } from "../server/scores/owner-home";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel, testModel } from "./support/fixtures";

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedTestModel>>;

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
  // Olive gets two more touchpoints: a moment of truth just below target and an ordinary one far below.
  await importModel(
    database.db,
    { id: null, email: "test" },
    {
      ...testModel,
      touchpoints: [
        ...testModel.touchpoints,
        { code: "SVC-COATS", name: "Coat check", channel: "in_person", department: "Service", owner: "olive@test.example", targets: { csat: 80 } },
        {
          code: "SVC-TABLE",
          name: "Table",
          channel: "in_person",
          department: "Service",
          owner: "olive@test.example",
          momentOfTruth: true,
          targets: { csat: 80 },
        },
      ],
    },
  );
  const ids = Object.fromEntries((await database.db.execute<{ id: number; code: string }>(sql`select id, code from touchpoints`)).map((t) => [t.code, t.id]));
  // 40 answers each in March 2026: host 36 top box (90%), coats 20 (50%), table 30 (75%).
  const answers = (code: string, top: number): ResponseInput[] =>
    Array.from({ length: 40 }, (_, i) => ({
      touchpointId: ids[code]!,
      respondedAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 12)),
      csat: i < top ? 5 : 2,
      externalId: `${code}${i}`,
    }));
  await ingestBatch(database.db, { fileName: "h", fileHash: "h", sourceFormat: "test", source: "api" }, [
    ...answers("SVC-HOST", 36),
    ...answers("SVC-COATS", 20),
    ...answers("SVC-TABLE", 30),
  ]);
});
afterAll(() => database.close());

describe("owner home", () => {
  it("lists only the owner's touchpoints, moments of truth first, then the furthest below target", async () => {
    const home = await ownerHome(database.db, people.owner.id);
    expect(home.touchpoints.map((t) => [t.code, t.metric, t.current?.status === "ok" ? t.current.value : null, t.target, t.gap])).toEqual([
      ["SVC-TABLE", "csat", 75, 80, -5],
      ["SVC-COATS", "csat", 50, 80, -30],
      ["SVC-HOST", "csat", 90, 80, 10],
    ]);
    expect(home.touchpoints[0]!.current).toMatchObject({ n: 40 });
    expect(home.touchpoints[0]!.sparkline).toHaveLength(12);
    expect(home.touchpoints[0]!.sparkline.at(-1)).toMatchObject({ month: "2026-03-01", score: { status: "ok", value: 75 } });
    expect(home.touchpoints[0]!.placements).toEqual([]);
    expect(home.touchpoints.find((t) => t.code === "SVC-HOST")!.placements).toEqual(["Dinner › Arrive"]);
    expect((await ownerHome(database.db, people.otherOwner.id)).touchpoints.map((t) => t.code)).toEqual(["BIL-BILL"]);
  });
});

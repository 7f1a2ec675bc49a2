// The Experience Perception Gap against hand-worked figures: owners' expected scores beside customers'
// scores per touchpoint, stage, journey, department and program; largest gaps first; missing assessments
// listed; and only a touchpoint's owner (or an admin) may assess it.
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../server/api/root";
import { quarterOf, quarterPeriod } from "../server/perception/gap";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedTestModel>>;
let ids: Record<string, number>;
const quarter = "2026-Q1";
const as = (user: (typeof people)["owner"]) => createCaller({ db: database.db, user });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  );

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
  ids = Object.fromEntries((await database.db.execute<{ id: number; code: string }>(sql`select id, code from touchpoints`)).map((t) => [t.code, t.id]));
  // February 2026: the host 36 of 40 top box (CSAT 90), the bill 20 of 40 (CSAT 50).
  const answers = (code: string, top: number): ResponseInput[] =>
    Array.from({ length: 40 }, (_, i) => ({
      touchpointId: ids[code]!,
      respondedAt: new Date(Date.UTC(2026, 1, 1 + (i % 28), 12)),
      csat: i < top ? 5 : 2,
      externalId: `${code}${i}`,
    }));
  await ingestBatch(database.db, { fileName: "p", fileHash: "p", sourceFormat: "test", source: "api" }, [
    ...answers("SVC-HOST", 36),
    ...answers("BIL-BILL", 20),
  ]);
});
afterAll(() => database.close());

describe("perception gap", () => {
  it("knows its quarters", () => {
    expect(quarterOf("2026-11-23")).toBe("2026-Q4");
    expect(quarterPeriod("2026-Q1")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
  });

  it("lists every touchpoint as missing before anyone assesses", async () => {
    const view = await as(people.executive).perception.view({ quarter });
    expect(view.missing.map((m) => m.code).sort()).toEqual(["BIL-BILL", "SVC-HOST"]);
    expect(view.program).toBeNull();
  });

  it("lets only the owner or an admin assess a touchpoint", async () => {
    const assessment = { quarter, capability: 4, accessibility: 4, enjoyability: 5, expectedScore: 80 };
    expect(await codeOf(as(people.otherOwner).perception.save({ touchpointId: ids["SVC-HOST"]!, ...assessment }))).toBe("FORBIDDEN");
    expect(await codeOf(as(people.executive).perception.save({ touchpointId: ids["SVC-HOST"]!, ...assessment }))).toBe("FORBIDDEN");
    expect(await codeOf(as(people.owner).perception.save({ touchpointId: ids["SVC-HOST"]!, ...assessment, expectedScore: 101 }))).toBe("BAD_REQUEST");
    expect(await codeOf(as(people.owner).perception.save({ touchpointId: ids["SVC-HOST"]!, ...assessment }))).toBe("OK");
    expect(await codeOf(as(people.otherOwner).perception.save({ touchpointId: ids["BIL-BILL"]!, ...assessment, capability: 5, expectedScore: 85 }))).toBe("OK");
    const mine = await as(people.owner).perception.mine({ quarter });
    expect(mine.touchpoints).toEqual([expect.objectContaining({ code: "SVC-HOST", capability: 4, expectedScore: 80 })]);
  });

  it("puts the company's expectation beside the customers' score, largest gaps first", async () => {
    const view = await as(people.executive).perception.view({ quarter });
    // The bill: expected 85, customers 50 → +35. The host: expected 80, customers 90 → −10.
    expect(view.touchpoints.map((t) => [t.code, t.expected, t.customer, t.gap])).toEqual([
      ["BIL-BILL", 85, 50, 35],
      ["SVC-HOST", 80, 90, -10],
    ]);
    // Equal importance: program expected (85 + 80) / 2 = 82.5, customers (50 + 90) / 2 = 70, gap 12.5.
    expect(view.program).toEqual({ expected: 82.5, customer: 70, gap: 12.5, touchpoints: 2 });
    expect(view.departments.map((d) => [d.name, d.gap])).toEqual([
      ["Billing", 35],
      ["Service", -10],
    ]);
    expect(view.stages.map((s) => [s.name, s.gap])).toEqual([
      ["Dinner › Pay", 35],
      ["Dinner › Arrive", -10],
    ]);
    expect(view.journeys).toEqual([expect.objectContaining({ name: "Dinner", gap: 12.5, assessed: 2 })]);
    expect(view.missing).toEqual([]);
  });
});

describe("perception gap figures", () => {
  it("carry the customers' n and margin, and say whether the gap is larger than the margin", async () => {
    const view = await as(people.executive).perception.view({ quarter });
    const bill = view.touchpoints.find((t) => t.code === "BIL-BILL")!;
    // CSAT 50% on 40 answers: ± 15.5 points, normalised to 0–100 the same; a 35-point gap is well beyond it.
    expect(bill.customerN).toBe(40);
    expect(bill.customerMargin).toBeGreaterThan(10);
    expect(bill.gapSignificant).toBe(true);
    for (const row of view.touchpoints) if (row.gap != null) expect(row.gapSignificant).toBe(Math.abs(row.gap) > row.customerMargin!);
  });
});

// The initiative portfolio: every initiative with its department, overdue flag and measured impact, filtered
// and sorted as the URL says, and a count of what the program's initiatives moved.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../server/api/root";
import { initiativePortfolio, portfolioQueryFrom } from "../server/initiatives/portfolio";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedTestModel>>;

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
  const [ids] = await database.db.execute<{ host: number; bill: number }>(
    sql`select (select id from touchpoints where code = 'SVC-HOST') as host, (select id from touchpoints where code = 'BIL-BILL') as bill`,
  );
  // CSAT at the host jumps from 40% to 90% top-box on 1 March; the bill has too few answers after its start.
  const rows: ResponseInput[] = [
    ...Array.from({ length: 60 }, (_, i) => ({
      touchpointId: ids!.host,
      respondedAt: new Date(Date.UTC(2026, 1, 1 + (i % 28), 12)),
      csat: i % 10 < 4 ? 5 : 2,
      externalId: `b${i}`,
    })),
    ...Array.from({ length: 60 }, (_, i) => ({
      touchpointId: ids!.host,
      respondedAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 12)),
      csat: i % 10 < 9 ? 5 : 2,
      externalId: `a${i}`,
    })),
    ...Array.from({ length: 5 }, (_, i) => ({ touchpointId: ids!.bill, respondedAt: new Date(Date.UTC(2026, 2, 2 + i, 12)), csat: 4, externalId: `c${i}` })),
  ];
  await ingestBatch(database.db, { fileName: "p", fileHash: "p", sourceFormat: "test", source: "api" }, rows);
  const owner = createCaller({ db: database.db, user: people.owner });
  await owner.initiatives.create({
    touchpointId: ids!.host,
    title: "Warm welcome",
    metricCode: "csat",
    startDate: "2026-03-01",
    status: "in_progress",
    dueDate: "2026-03-20",
  });
  await createCaller({ db: database.db, user: people.otherOwner }).initiatives.create({
    touchpointId: ids!.bill,
    title: "Clearer bill",
    metricCode: "csat",
    startDate: "2026-03-02",
    status: "in_progress",
    dueDate: "2030-01-01",
  });
});
afterAll(() => database.close());

describe("initiative portfolio", () => {
  it("shows each initiative's department, overdue flag and measured impact, and what they moved", async () => {
    const portfolio = await initiativePortfolio(database.db, portfolioQueryFrom({ sort: "impact" }), "2026-03-28");
    expect(portfolio.rows.map((r) => [r.title, r.departmentName, r.overdue, r.outcome])).toEqual([
      ["Warm welcome", "Service", true, "better"],
      ["Clearer bill", "Billing", false, "too_early"],
    ]);
    expect(portfolio.moved).toEqual({ better: 1, worse: 0, no_change: 0, too_early: 1, not_measured: 0 });
  });

  it("filters by department and overdue as the URL says, ignoring what does not parse", async () => {
    const [billing] = await database.db.execute<{ id: number }>(sql`select id from departments where name = 'Billing'`);
    expect((await initiativePortfolio(database.db, portfolioQueryFrom({ departmentId: String(billing!.id) }), "2026-03-28")).rows.map((r) => r.title)).toEqual([
      "Clearer bill",
    ]);
    expect((await initiativePortfolio(database.db, portfolioQueryFrom({ overdue: "1", sort: "nonsense" }), "2026-03-28")).rows.map((r) => r.title)).toEqual([
      "Warm welcome",
    ]);
  });

  it("is readable by an executive through the router", async () => {
    const portfolio = await createCaller({ db: database.db, user: people.executive }).initiatives.portfolio({ sort: "due" });
    expect(portfolio.total).toBe(2);
  });
});

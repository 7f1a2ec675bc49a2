// Failure demand on the score pages, against hand-computed figures: the contacts a touchpoint causes (change
// scaled to the periods' lengths, per 1,000 responses, by reason, by month), a department's sum, the heatmap's
// contact cells, the overview's tile, the owners' home, and an initiative aimed at contacts (significant and not).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../server/api/root";
import { ingestContactBatch, type ContactInput } from "../server/contacts/ingest";
import { initiativeContactImpact } from "../server/initiatives/impact";
import { initiativeDetail } from "../server/initiatives/service";
import { contactCountChange } from "../server/metrics/formulas";
import { importModel } from "../server/model/transfer";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { departmentView } from "../server/scores/department";
import { programOverview } from "../server/scores/overview";
import { ownerHome } from "../server/scores/owner-home";
import { touchpointView } from "../server/scores/touchpoint";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel, testModel } from "./support/fixtures";

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedTestModel>>;
let ids: Record<string, number>;
let departments: Record<string, number>;
const as = (user: Awaited<ReturnType<typeof seedTestModel>>["owner"]) => createCaller({ db: database.db, user });

// March 2026 (31 days) against February (28 days): the comparison is scaled to March's length.
const filters = { from: "2026-03-01", to: "2026-03-31", compareFrom: "2026-02-01", compareTo: "2026-02-28" };
let serial = 0;
/** `count` contacts in `month` (1-based), each costing 5 as the tool says, on days 1–28. */
function contacts(month: number, count: number, reasons: string[], touchpointId: number | null = null): ContactInput[] {
  return Array.from({ length: count }, (_, i) => ({
    occurredAt: new Date(Date.UTC(2026, month - 1, 1 + (i % 28), 10)),
    channel: "phone",
    reasons,
    externalId: `c${serial++}`,
    cost: 5,
    touchpointId,
  }));
}

function csat(touchpointId: number, month: number, top: number, tag: string): ResponseInput[] {
  return Array.from({ length: 40 }, (_, i) => ({
    touchpointId,
    respondedAt: new Date(Date.UTC(2026, month - 1, 1 + (i % 28), 12)),
    csat: i < top ? 5 : 2,
    externalId: `${tag}${i}`,
  }));
}

async function mapReason(name: string, kind: "failure" | "value", touchpointId: number | null) {
  await database.db.execute(sql`insert into contact_reason_mappings (reason_id, kind, touchpoint_id)
    select id, ${kind}, ${touchpointId} from contact_reasons where name = ${name}`);
}

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
  // A second Service touchpoint in the Arrive stage, beside the host.
  await importModel(
    database.db,
    { id: null, email: "test" },
    {
      ...testModel,
      touchpoints: [
        ...testModel.touchpoints,
        { code: "SVC-COATS", name: "Coat check", channel: "in_person", department: "Service", owner: "olive@test.example" },
      ],
      journeys: [
        {
          ...testModel.journeys![0]!,
          stages: [
            { name: "Arrive", touchpoints: ["SVC-HOST", "SVC-COATS"] },
            { name: "Pay", touchpoints: ["BIL-BILL"] },
          ],
        },
      ],
    },
  );
  ids = Object.fromEntries((await database.db.execute<{ id: number; code: string }>(sql`select id, code from touchpoints`)).map((t) => [t.code, t.id]));
  departments = Object.fromEntries((await database.db.execute<{ id: number; name: string }>(sql`select id, name from departments`)).map((d) => [d.name, d.id]));
  // The bill: CSAT 90% in February, 70% in March (40 answers each); the host 40 answers in March.
  await ingestBatch(database.db, { fileName: "r", fileHash: "r", sourceFormat: "test", source: "api" }, [
    ...csat(ids["BIL-BILL"]!, 2, 36, "bf"),
    ...csat(ids["BIL-BILL"]!, 3, 28, "bm"),
    ...csat(ids["SVC-HOST"]!, 3, 36, "hm"),
  ]);
  // March, 76 contacts: 30 charge query, 10 host rude, 4 with both, 6 book a table, 8 with no reason, 2 with no
  // reason that the tool named the bill for, 16 coats lost. February, 50: 14 charge query, 20 coats lost, 16 none.
  await ingestContactBatch(database.db, { fileName: "c.csv", fileHash: "c", sourceFormat: "zendesk", source: "zendesk" }, [
    ...contacts(3, 30, ["charge query"]),
    ...contacts(3, 10, ["host rude"]),
    ...contacts(3, 4, ["charge query", "host rude"]),
    ...contacts(3, 6, ["book a table"]),
    ...contacts(3, 8, []),
    ...contacts(3, 2, [], ids["BIL-BILL"]!),
    ...contacts(3, 16, ["coats lost"]),
    ...contacts(2, 14, ["charge query"]),
    ...contacts(2, 20, ["coats lost"]),
    ...contacts(2, 16, []),
  ]);
});
afterAll(() => database.close());

describe("before any reason is mapped", () => {
  it("a touchpoint shows its empty state; the contacts the tool named for the bill count for the bill all the same", async () => {
    const host = await touchpointView(database.db, ids["SVC-HOST"]!, filters);
    expect(host.caused).toMatchObject({ mapped: false, contacts: 0, reasons: [], rules: [] });
    const bill = await touchpointView(database.db, ids["BIL-BILL"]!, filters);
    expect(bill.caused).toMatchObject({ mapped: true, contacts: 2, cost: 10, reasons: [], namedByTool: { contacts: 2, cost: 10 } });
    expect((await departmentView(database.db, departments.Service!, filters)).caused.mapped).toBe(false);
  });
});

describe("contacts caused, once the reasons are mapped", () => {
  beforeAll(async () => {
    await mapReason("charge query", "failure", ids["BIL-BILL"]!);
    await mapReason("host rude", "failure", ids["SVC-HOST"]!);
    await mapReason("coats lost", "failure", ids["SVC-COATS"]!);
    await mapReason("book a table", "value", null);
  });

  it("on the touchpoint page: contacts, cost, the change scaled to the periods' lengths, per 1,000 responses, by reason and by month", async () => {
    const view = await touchpointView(database.db, ids["BIL-BILL"]!, filters);
    const caused = view.caused;
    // 30 + half of the 4 with two causes + the 2 the tool named = 34 contacts at 5 each.
    expect(caused).toMatchObject({ mapped: true, contacts: 34, cost: 170, previous: { contacts: 14, cost: 70 }, responses: 40 });
    // 34 against 14 × 31/28 = 15.5: +18.5 ± 1.96 √(34 + 14 (31/28)²) = ± 14.02, significant, more.
    expect(caused.change).toMatchObject({ status: "ok", significant: true, direction: "worse" });
    if (caused.change.status !== "ok") return;
    expect(caused.change.difference).toBeCloseTo(18.5, 10);
    expect(caused.change.margin).toBeCloseTo(14.0192, 3);
    // 1,000 × 34 / 40 = 850 ± 1,000 × 1.96 √34 / 40 = 285.7.
    expect(caused.perThousandResponses!.value).toBeCloseTo(850, 10);
    expect(caused.perThousandResponses!.margin).toBeCloseTo(285.717, 2);
    // The reason counts every contact that gives it (30 + 4); the tool's own attribution is its own row.
    expect(caused.reasons).toEqual([{ reasonId: expect.any(Number), name: "charge query", via: "mapping", contacts: 34, cost: 170 }]);
    expect(caused.namedByTool).toEqual({ contacts: 2, cost: 10 });
    expect(caused.trend).toHaveLength(12);
    expect(caused.trend.slice(-3)).toEqual([
      { month: "2026-01-01", contacts: 0, cost: 0 },
      { month: "2026-02-01", contacts: 14, cost: 70 },
      { month: "2026-03-01", contacts: 34, cost: 170 },
    ]);
    // The score trend beside it, month for month: 90 in February, 70 in March as the contacts rose.
    expect(view.experienceTrend.map((t) => t.month)).toEqual(caused.trend.map((t) => t.month));
    expect(view.experienceTrend.slice(-2).map((t) => (t.score.status === "ok" ? Math.round(t.score.value) : null))).toEqual([90, 70]);
    expect(view.currency).toBe("GBP");
  });

  it("on the department page: the sum over its touchpoints, each with its own", async () => {
    const service = await departmentView(database.db, departments.Service!, filters);
    // Host 10 + 2 (half of 4), coats 16 = 28 against February's 20 (coats): +5.9 ± 14.2, not significant.
    expect(service.caused).toMatchObject({ mapped: true, contacts: 28, cost: 140, previous: { contacts: 20, cost: 100 } });
    // Beside it, how much of the period's demand is not classified yet (8 of the 76 contacts), as the overview's tile says.
    expect(service.caused.unclassifiedShare).toBeCloseTo((100 * 8) / 76, 10);
    expect(service.caused.change).toMatchObject({ status: "ok", significant: false, direction: "none" });
    if (service.caused.change.status === "ok") {
      expect(service.caused.change.difference).toBeCloseTo(28 - (20 * 31) / 28, 10);
      expect(service.caused.change.margin).toBeCloseTo(14.2036, 3);
    }
    expect(Object.fromEntries(service.touchpoints.map((tp) => [tp.code, tp.caused.contacts]))).toEqual({ "SVC-HOST": 12, "SVC-COATS": 16 });
    expect((await departmentView(database.db, departments.Billing!, filters)).caused).toMatchObject({ contacts: 34, cost: 170 });
  });

  it("in the heatmap: contacts caused per department × stage, null where a department has no touchpoint", async () => {
    const overview = await programOverview(database.db, filters);
    expect(overview.heatmap.columns.map((c) => c.stageName)).toEqual(["Arrive", "Pay"]);
    expect(overview.heatmap.rows.map((r) => [r.departmentName, r.caused, r.causedCells])).toEqual([
      ["Billing", { contacts: 34, cost: 170 }, [null, { contacts: 34, cost: 170 }]],
      ["Service", { contacts: 28, cost: 140 }, [{ contacts: 28, cost: 140 }, null]],
    ]);
  });

  it("on the overview: the failure-demand share with margin, n, the unclassified share and the change", async () => {
    const { failureDemand: tile } = await programOverview(database.db, filters);
    // 62 of 76 caused upstream (the 6 value and 8 unclassified are not): 81.6% ± 1.96 √(p(1−p)/76) = ± 8.7 pts.
    expect(tile).toMatchObject({ contacts: 76, failureContacts: 62, failureCost: 310, share: { status: "ok", n: 76 } });
    if (tile.share.status !== "ok") return;
    expect(tile.share.value).toBeCloseTo((100 * 62) / 76, 10);
    expect(tile.share.margin).toBeCloseTo(8.7156, 3);
    expect(tile.unclassifiedShare).toBeCloseTo((100 * 8) / 76, 10);
    // February: 34 of 50 → +13.6 pts ± 15.6, pooled z = 1.75: not significant.
    expect(tile.change).toMatchObject({ status: "ok", significant: false });
    if (tile.change.status === "ok") {
      expect(tile.change.difference).toBeCloseTo(100 * (62 / 76 - 34 / 50), 10);
      expect(tile.change.margin).toBeCloseTo(15.5932, 3);
    }
    // Cut to Billing: only the bill's 34 of all 76 contacts.
    const billing = await programOverview(database.db, { ...filters, departmentId: departments.Billing! });
    expect(billing.failureDemand).toMatchObject({ contacts: 76, failureContacts: 34 });
    expect(billing.failureDemand.share.status === "ok" && billing.failureDemand.share.value).toBeCloseTo((100 * 34) / 76, 10);
  });

  it("on the owners' home: each owned touchpoint's contacts caused over its 90 days, with cost and change", async () => {
    // The home's 90 days end on the last survey day (28 Mar) and hold February and March; the 90 before, none.
    const olive = await ownerHome(database.db, people.owner.id);
    expect(olive.period).toEqual({ from: "2025-12-29", to: "2026-03-28" });
    const byCode = Object.fromEntries(olive.touchpoints.map((tp) => [tp.code, tp.caused]));
    expect(byCode["SVC-HOST"]).toMatchObject({
      contacts: 12,
      cost: 60,
      previous: { contacts: 0 },
      change: { status: "ok", difference: 12, significant: true },
    });
    expect(byCode["SVC-COATS"]).toMatchObject({ contacts: 36, cost: 180, change: { status: "ok", difference: 36, significant: true } });
    expect(byCode["SVC-HOST"]!.change.status === "ok" && byCode["SVC-HOST"]!.change.margin).toBeCloseTo(1.96 * Math.sqrt(12), 10);
    const bert = await ownerHome(database.db, people.otherOwner.id);
    expect(bert.touchpoints.map((tp) => [tp.code, tp.caused.contacts, tp.caused.cost])).toEqual([["BIL-BILL", 48, 240]]);
  });
});

describe("initiatives aimed at the contacts a touchpoint causes", () => {
  const asOf = { today: "2026-03-28", windowDays: 28 };
  // 28-day windows: 28 / 30.4375 = 0.9199 months each side.
  const months = 28 / 30.4375;

  it("compares contacts a month before and after the start: significant for the bill (more), not for the coats", async () => {
    const bill = await as(people.otherOwner).initiatives.create({
      touchpointId: ids["BIL-BILL"]!,
      title: "Explain the service charge",
      aim: "contacts",
      startDate: "2026-03-01",
      status: "in_progress",
    });
    // Baseline: the 90 days before the start hold February's 14 contacts: 14 / (90 / 30.4375) = 4.73 a month.
    expect(bill).toMatchObject({ aim: "contacts", metricId: null, baselineResponseCount: 14 });
    expect(bill.baseline).toBeCloseTo(14 / (90 / 30.4375), 10);
    const { impact } = await initiativeDetail(database.db, bill.id, asOf);
    expect(impact).toMatchObject({
      aim: "contacts",
      status: "measured",
      windows: { before: { from: "2026-02-01", to: "2026-02-28" }, after: { from: "2026-03-01", to: "2026-03-28" } },
    });
    if (!("aim" in impact) || impact.status !== "measured") return;
    // 14 → 34 contacts: 15.2 → 37.0 a month, +21.7 ± 1.96 √48 / 0.92 = ± 14.8, significant (more).
    expect(impact.before.perMonth.value).toBeCloseTo(14 / months, 10);
    expect(impact.after.perMonth.value).toBeCloseTo(34 / months, 10);
    expect(impact.before.perMonth.margin).toBeCloseTo((1.96 * Math.sqrt(14)) / months, 10);
    expect(impact.change.difference).toBeCloseTo(20 / months, 10);
    expect(impact.change.margin).toBeCloseTo(14.7614, 3);
    expect(impact.change).toMatchObject({ significant: true, direction: "worse" });
    // Per 1,000 responses: 1,000 × 14 / 40 = 350 ± 183.3 before, 850 ± 285.7 after.
    expect(impact.before.perThousandResponses!.value).toBeCloseTo(350, 10);
    expect(impact.before.perThousandResponses!.margin).toBeCloseTo(183.341, 2);
    expect(impact.after.perThousandResponses!.value).toBeCloseTo(850, 10);

    const coats = await as(people.owner).initiatives.create({
      touchpointId: ids["SVC-COATS"]!,
      title: "Numbered tickets",
      aim: "contacts",
      startDate: "2026-03-01",
      status: "in_progress",
    });
    const coatsImpact = (await initiativeDetail(database.db, coats.id, asOf)).impact;
    // 20 → 16: −4.3 ± 1.96 √36 / 0.92 = ± 12.8 a month, not significant; no responses, so no rate per 1,000.
    expect(coatsImpact).toMatchObject({ aim: "contacts", status: "measured", change: { significant: false, direction: "none" } });
    if (!("aim" in coatsImpact) || coatsImpact.status !== "measured") return;
    expect(coatsImpact.change.difference).toBeCloseTo(-4 / months, 10);
    expect(coatsImpact.change.margin).toBeCloseTo(12.7838, 3);
    expect(coatsImpact.after.perThousandResponses).toBeNull();
  });

  it("is too early while both windows hold fewer contacts than the minimum sample, and not started without a start", async () => {
    const host = await as(people.owner).initiatives.create({
      touchpointId: ids["SVC-HOST"]!,
      title: "Warmer",
      aim: "contacts",
      startDate: "2026-03-01",
      status: "in_progress",
    });
    // 0 before, 12 after: 12 < 30.
    expect((await initiativeDetail(database.db, host.id, asOf)).impact).toMatchObject({
      aim: "contacts",
      status: "too_early",
      minimum: 30,
      after: { contacts: 12 },
    });
    const later = await as(people.owner).initiatives.create({ touchpointId: ids["SVC-HOST"]!, title: "Later", aim: "contacts" });
    expect((await initiativeDetail(database.db, later.id, asOf)).impact).toEqual({ aim: "contacts", status: "not_started" });
  });

  it("switches aim on edit, the baseline following, and refuses a target below zero contacts", async () => {
    const created = await as(people.otherOwner).initiatives.create({
      touchpointId: ids["BIL-BILL"]!,
      title: "Switch",
      metricCode: "csat",
      startDate: "2026-03-01",
    });
    expect(created).toMatchObject({ aim: "score", baselineResponseCount: 40 });
    const switched = await as(people.otherOwner).initiatives.update({ id: created.id, version: created.version, aim: "contacts" });
    expect(switched).toMatchObject({ aim: "contacts", baselineResponseCount: 14 });
    await expect(as(people.otherOwner).initiatives.update({ id: switched.id, version: switched.version, target: -3 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/contacts a month cannot be below zero/),
    });
  });

  it("follows the worked example of docs/metrics.md", () => {
    // 120 contacts in the 3 months before, 60 in the 3 after: 40 → 20 a month, −20 ± 1.96 √(120/9 + 60/9) = ± 8.8.
    expect(contactCountChange(120, 60, 3, 3)).toMatchObject({ status: "ok", difference: -20, significant: true, direction: "better" });
    expect((contactCountChange(120, 60, 3, 3) as { margin: number }).margin).toBeCloseTo(8.765, 3);
    // 30 and 24: −2 ± 4.8, not significant.
    expect(contactCountChange(30, 24, 3, 3)).toMatchObject({ difference: -2, significant: false, direction: "none" });
    // The impact card's function, on two 3-month windows of 91.3 days each (the months are days ÷ 30.4375).
    const windows = { before: { from: "2025-10-01", to: "2025-12-31" }, after: { from: "2026-01-01", to: "2026-03-31" } };
    const impact = initiativeContactImpact({ before: { contacts: 120, cost: 0, responses: 0 }, after: { contacts: 60, cost: 0, responses: 0 } }, windows, 30);
    expect(impact).toMatchObject({ status: "measured", change: { significant: true, direction: "better" } });
    if (impact.status !== "measured") return;
    expect(impact.before.months).toBeCloseTo(92 / 30.4375, 10);
    expect(impact.after.months).toBeCloseTo(90 / 30.4375, 10);
  });
});

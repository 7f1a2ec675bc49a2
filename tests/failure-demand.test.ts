// Experience › Failure demand against hand-computed figures: the share with its margin and change, costs at the
// channels' hourly rates, per-1,000 rates, department and stage attribution, the reasons and contacts behind a
// figure, a remapping that re-attributes history with no rebuild, no raw reads, and no personal data for executives.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../server/api/root";
import type { SessionUser } from "../server/auth/users";
import { contactRows } from "../server/contacts/api";
import { failureDemandContacts, failureDemandReasons } from "../server/contacts/drill";
import { ingestContactBatch, type ContactInput } from "../server/contacts/ingest";
import { monthsCovered } from "../server/contacts/rates";
import { readContactRows, readReasonMap, splitRows } from "../server/contacts/read";
import { tallyDemand } from "../server/contacts/breakdowns";
import { failureDemandView } from "../server/contacts/views";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { writeSetting } from "../server/settings/program-settings";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedTestModel>>;
let ids: { bill: number; host: number; arrive: number; pay: number; billing: number; service: number };
const actor = { id: null, email: "test" };
const march = { from: "2026-03-01", to: "2026-03-31" };
const reasonId = async (name: string) => (await database.db.execute<{ id: number }>(sql`select id from contact_reasons where name = ${name}`))[0]!.id;

let serial = 0;
function contacts(count: number, month: number, reasons: string[], over: Partial<ContactInput> = {}): ContactInput[] {
  return Array.from({ length: count }, (_, i) => ({
    occurredAt: new Date(Date.UTC(2026, month, 1 + (i % 28), 12, 0, serial % 60)),
    channel: "phone" as const,
    reasons,
    externalId: `fd-${serial++}`,
    handleSeconds: 300,
    requesterEmail: `guest${serial}@example.com`,
    requesterName: `Guest ${serial}`,
    subject: `About ${reasons[0] ?? "nothing"}`,
    ...over,
  }));
}

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
  const [row] = await database.db.execute<typeof ids>(sql`select
    (select id from touchpoints where code = 'BIL-BILL') as bill, (select id from touchpoints where code = 'SVC-HOST') as host,
    (select id from journey_stages where name = 'Arrive') as arrive, (select id from journey_stages where name = 'Pay') as pay,
    (select id from departments where name = 'Billing') as billing, (select id from departments where name = 'Service') as service`);
  ids = row!;
  // The bill is placed in Arrive too (a deposit taken on arrival): it then counts in both stages.
  await database.db.execute(sql`insert into stage_touchpoints (stage_id, touchpoint_id, position) values (${ids.arrive}, ${ids.bill}, 1)`);
  await writeSetting(database.db, actor, { key: "cost_per_hour_chat", value: 60 });

  // March: 40 charge queries (phone, 5 min at £36/h = £3 each), 10 rude greetings (chat, 10 min at £60/h = £10 each),
  // 30 table bookings (chat, the tool's own £2 each), 20 with no reason at 6 min (£3.60), 5 of them naming the host.
  const marchContacts = [
    ...contacts(40, 2, ["charge query"]),
    ...contacts(10, 2, ["greeting rude"], { channel: "chat", handleSeconds: 600 }),
    ...contacts(30, 2, ["book a table"], { channel: "chat", handleSeconds: null, cost: 2 }),
    ...contacts(5, 2, [], { handleSeconds: 360, touchpointId: ids.host }),
    ...contacts(15, 2, [], { handleSeconds: 360 }),
  ];
  // February (the comparison period, 29 Jan – 28 Feb): 20 charge queries, 10 greetings, 40 bookings, 30 unclassified.
  const february = [
    ...contacts(20, 1, ["charge query"]),
    ...contacts(10, 1, ["greeting rude"], { channel: "chat", handleSeconds: 600 }),
    ...contacts(40, 1, ["book a table"], { channel: "chat", handleSeconds: null, cost: 2 }),
    ...contacts(30, 1, []),
  ];
  // January: 10 charge queries on the 10th, below the minimum sample in the trend.
  const january = contacts(10, 0, ["charge query"]).map((c) => ({ ...c, occurredAt: new Date(Date.UTC(2026, 0, 10, 12)) }));
  await ingestContactBatch(database.db, { fileName: "c.csv", fileHash: "c", sourceFormat: "zendesk", source: "zendesk" }, [
    ...marchContacts,
    ...february,
    ...january,
  ]);
  await database.db.execute(sql`insert into contact_reason_mappings (reason_id, kind, touchpoint_id) values
    (${await reasonId("charge query")}, 'failure', ${ids.bill}), (${await reasonId("greeting rude")}, 'failure', ${ids.host}),
    (${await reasonId("book a table")}, 'value', null)`);
  // Survey responses in March: 200 to the bill (NPS only), 100 to the host answering both CSAT and NPS (100 responses, not 200).
  const responses: ResponseInput[] = [
    ...Array.from({ length: 200 }, (_, i) => ({
      touchpointId: ids.bill,
      respondedAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 10)),
      nps: 7,
      externalId: `b${i}`,
    })),
    ...Array.from({ length: 100 }, (_, i) => ({
      touchpointId: ids.host,
      respondedAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 10)),
      nps: 9,
      csat: 5,
      externalId: `h${i}`,
    })),
  ];
  await ingestBatch(database.db, { fileName: "r", fileHash: "r", sourceFormat: "test", source: "api" }, responses);
  await database.db.execute(sql`insert into touchpoint_volumes (touchpoint_id, month, transactions) values (${ids.bill}, '2026-03-01', 8000)`);
});
afterAll(() => database.close());

const z = 1.96;

describe("failure-demand view", () => {
  it("gives the share with its margin, the unclassified share, contacts and costs", async () => {
    const view = await failureDemandView(database.db, march);
    expect(view.period).toEqual(march);
    expect(view.compareTo).toEqual({ from: "2026-01-29", to: "2026-02-28" });
    expect(view.hasContacts).toBe(true);
    expect(view.currency).toBe("GBP");
    const { headline } = view;
    // 40 + 10 + 5 named = 55 of 100.
    expect(headline).toMatchObject({ contacts: 100, failureContacts: 55, valueContacts: 30, unclassifiedContacts: 15, unclassifiedShare: 15 });
    expect(headline.share).toMatchObject({ status: "ok", n: 100 });
    expect(headline.share.status === "ok" && headline.share.value).toBeCloseTo(55, 9);
    expect(headline.share.status === "ok" && headline.share.margin).toBeCloseTo(z * 100 * Math.sqrt((0.55 * 0.45) / 100), 9);
    // Failure cost: 40 × £3 + 10 × £10 + 5 × £3.60 = £238; every contact: + 30 × £2 + 15 × £3.60 = £352.
    expect(headline.cost).toBeCloseTo(238, 9);
    expect(headline.allCost).toBeCloseTo(352, 9);
    // The same totals as the demand split every other view uses.
    const reasonMap = await readReasonMap(database.db);
    const split = splitRows(await readContactRows(database.db, march), reasonMap);
    expect(split).toMatchObject({ all: 100, failure: 55, value: 30, unclassified: 15 });
    expect(split.cost.failure).toBeCloseTo(headline.cost, 9);
  });

  it("tests the change against the comparison period: 30% to 55% is +25 pts, worse (significant)", async () => {
    const { headline } = await failureDemandView(database.db, march);
    expect(headline.compare).toEqual({ contacts: 100, failureContacts: 30 });
    // Pooled 85/200 = .425: z = 25 / (100 √(.425 · .575 · 2/100)) = 3.58; margin 1.96 · 100 √(.3·.7/100 + .55·.45/100) = 13.26.
    expect(headline.change).toMatchObject({ status: "ok", significant: true, direction: "worse" });
    if (headline.change.status !== "ok") throw new Error("not comparable");
    expect(headline.change.difference).toBeCloseTo(25, 9);
    expect(headline.change.margin).toBeCloseTo(13.257, 3);
  });

  it("attributes failure demand to the department and the stages that caused it", async () => {
    const view = await failureDemandView(database.db, march);
    const billing = view.departments.find((d) => d.id === ids.billing)!;
    const service = view.departments.find((d) => d.id === ids.service)!;
    expect(billing).toMatchObject({ name: "Billing", contacts: 40, contactsBefore: 20 });
    expect(billing.cost).toBeCloseTo(120, 9);
    expect(billing.shareOfFailure).toBeCloseTo((100 * 40) / 55, 9);
    // 20/100 to 40/100: pooled .3, z = 20 / 6.48 = 3.09, significant; the host 10 to 15: z = 1.07, not.
    expect(billing.change).toMatchObject({ status: "ok", significant: true, direction: "worse" });
    expect(service).toMatchObject({ contacts: 15, contactsBefore: 10, change: { status: "ok", significant: false, direction: "none" } });
    expect(service.cost).toBeCloseTo(118, 9);
    expect(view.departments.map((d) => d.name)).toEqual(["Billing", "Service"]);
    // The bill sits in Arrive and Pay: Arrive holds the host's 15 and the bill's 40; stage totals exceed the 55.
    expect(view.stages.map((s) => [s.stageName, s.contacts])).toEqual([
      ["Arrive", 55],
      ["Pay", 40],
    ]);
  });

  it("gives contacts per 1,000 responses and per 1,000 transactions with Poisson margins", async () => {
    const view = await failureDemandView(database.db, march);
    const bill = view.touchpoints.find((t) => t.code === "BIL-BILL")!;
    const host = view.touchpoints.find((t) => t.code === "SVC-HOST")!;
    expect(view.touchpoints.map((t) => t.code)).toEqual(["BIL-BILL", "SVC-HOST"]);
    expect(bill).toMatchObject({ responses: 200, transactions: 8000, ownerName: "Bert Biller", departmentName: "Billing" });
    expect(bill.perThousandResponses!.value).toBeCloseTo(200, 9);
    expect(bill.perThousandResponses!.margin).toBeCloseTo((1000 * z * Math.sqrt(40)) / 200, 9);
    expect(bill.perThousandTransactions!.value).toBeCloseTo(5, 9);
    expect(bill.perThousandTransactions!.margin).toBeCloseTo((1000 * z * Math.sqrt(40)) / 8000, 9);
    // The host: 15 contacts per 100 distinct responses (CSAT and NPS from the same people), no volume.
    expect(host).toMatchObject({ responses: 100, transactions: null, perThousandTransactions: null });
    expect(host.perThousandResponses!.value).toBeCloseTo(150, 9);
    // Transactions for a partial month count its days' share: March whole and 15 of April's 30 days.
    expect(monthsCovered({ from: "2026-03-01", to: "2026-04-15" })).toEqual([
      { month: "2026-03-01", days: 31, monthDays: 31 },
      { month: "2026-04-01", days: 15, monthDays: 30 },
    ]);
  });

  it("lists reasons and channels, and the trend month by month with its margin", async () => {
    const view = await failureDemandView(database.db, march);
    expect(view.reasons.map((r) => [r.name, r.contacts, r.kind, r.cause?.code ?? null])).toEqual([
      ["charge query", 40, "failure", "BIL-BILL"],
      ["book a table", 30, "value", null],
      ["greeting rude", 10, "failure", "SVC-HOST"],
    ]);
    expect(view.withoutReason.contacts).toBe(20);
    const phone = view.channels.find((c) => c.channel === "phone")!;
    expect(phone).toMatchObject({ contacts: 60, failure: 45 });
    const months = view.trend.map((t) => [t.month, t.contacts, t.failure, t.share.status]);
    expect(months.slice(-3)).toEqual([
      ["2026-01-01", 10, 10, "insufficient"],
      ["2026-02-01", 100, 30, "ok"],
      ["2026-03-01", 100, 55, "ok"],
    ]);
    expect(view.trend).toHaveLength(12);
  });

  it("narrowed to a department, counts only its causes and keeps every contact in the denominator", async () => {
    const view = await failureDemandView(database.db, { ...march, departmentId: ids.service });
    expect(view.narrowed).toBe(true);
    expect(view.headline).toMatchObject({ contacts: 100, failureContacts: 15, otherFailureContacts: 40, share: { value: 15 } });
    expect(view.departments.map((d) => d.name)).toEqual(["Service"]);
    expect(view.reasons.map((r) => r.name)).toEqual(["greeting rude"]);
  });

  it("defaults to the last 90 days of survey data, or of contacts when there are none", async () => {
    const view = await failureDemandView(database.db, {});
    // The last survey response is on 28 March.
    expect(view.period).toEqual({ from: "2025-12-29", to: "2026-03-28" });
  });

  it("re-attributes history at once when a mapping changes, with no rebuild, through the cached procedure too", async () => {
    const api = createCaller({ db: database.db, user: people.executive }).failureDemand;
    const before = await api.view(march);
    expect(before.departments.find((d) => d.id === ids.billing)!.contacts).toBe(40);
    const greeting = await reasonId("greeting rude");
    await database.db.execute(sql`update contact_reason_mappings set touchpoint_id = ${ids.bill} where reason_id = ${greeting}`);
    const after = await api.view(march);
    expect(after.departments.find((d) => d.id === ids.billing)!.contacts).toBe(50);
    expect(after.departments.find((d) => d.id === ids.service)!.contacts).toBe(5);
    await database.db.execute(sql`update contact_reason_mappings set touchpoint_id = ${ids.host} where reason_id = ${greeting}`);
    expect((await api.view(march)).departments.find((d) => d.id === ids.billing)!.contacts).toBe(40);
  });

  it("never reads service_contacts or survey_responses: the view, the reasons drill and the contacts API", async () => {
    class Rollback extends Error {}
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`alter table survey_responses rename to survey_responses_hidden_for_test`);
        await tx.execute(sql`alter table service_contacts rename to service_contacts_hidden_for_test`);
        const view = await failureDemandView(tx, march);
        expect(view.headline.failureContacts).toBe(55);
        expect(view.touchpoints[0]!.responses).toBe(200);
        expect((await failureDemandReasons(tx, { ...march, touchpointId: ids.bill })).contacts).toBe(40);
        expect(await contactRows(tx, { level: "department", ...march, grain: "week" })).not.toHaveLength(0);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
  });
});

describe("drills", () => {
  it("give the reasons behind a touchpoint's, a stage's and a department's figure", async () => {
    const bill = await failureDemandReasons(database.db, { ...march, touchpointId: ids.bill });
    expect(bill).toMatchObject({ target: "The bill (BIL-BILL)", contacts: 40, reasons: [{ name: "charge query", contacts: 40 }] });
    expect(bill.cost).toBeCloseTo(120, 9);
    const arrive = await failureDemandReasons(database.db, { ...march, stageId: ids.arrive });
    expect(arrive.contacts).toBe(55);
    expect(arrive.reasons.map((r) => [r.name, r.contacts])).toEqual([
      ["charge query", 40],
      ["greeting rude", 10],
    ]);
    expect(arrive.withoutReason.contacts).toBe(5);
    const service = await failureDemandReasons(database.db, { ...march, departmentId: ids.service });
    expect(service.contacts).toBe(15);
    await expect(failureDemandReasons(database.db, { ...march, touchpointId: 999999 })).rejects.toMatchObject({ kind: "not_found" });
  });

  it("list the contacts behind a figure, newest first, 50 a page", async () => {
    const host = await failureDemandContacts(database.db, people.admin, { filters: march, touchpointId: ids.host });
    expect(host).toMatchObject({ total: 15, pages: 1 });
    expect(host.rows.every((r) => r.causes.some((c) => c.code === "SVC-HOST"))).toBe(true);
    const all = await failureDemandContacts(database.db, people.admin, { filters: march });
    expect(all).toMatchObject({ total: 100, pages: 2 });
    expect(all.rows).toHaveLength(50);
    const second = await failureDemandContacts(database.db, people.admin, { filters: march, page: 2 });
    expect(second.rows).toHaveLength(50);
    const times = [...all.rows, ...second.rows].map((r) => r.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set([...all.rows, ...second.rows].map((r) => r.id)).size).toBe(100);
    const booked = await failureDemandContacts(database.db, people.admin, { filters: march, reasonId: await reasonId("book a table") });
    expect(booked.total).toBe(30);
    expect(booked.rows[0]).toMatchObject({ channel: "chat", reasons: ["book a table"], demand: "value", cost: 2 });
    expect((await failureDemandContacts(database.db, people.admin, { filters: march, demand: "unclassified" })).total).toBe(15);
    const charge = await failureDemandContacts(database.db, people.admin, { filters: march, reasonId: await reasonId("charge query") });
    expect(charge.rows[0]).toMatchObject({ handleSeconds: 300, cost: 3, reasons: ["charge query"] });
  });

  it("never give an executive a requester's email or name; an owner sees them only on their touchpoints' contacts", async () => {
    const asExecutive = await createCaller({ db: database.db, user: people.executive }).failureDemand.contacts({ filters: march });
    expect(asExecutive.personalData).toBe(false);
    expect(asExecutive.rows).toHaveLength(50);
    for (const row of asExecutive.rows) {
      expect(row).not.toHaveProperty("requesterEmail");
      expect(row).not.toHaveProperty("requesterName");
    }
    expect(JSON.stringify(asExecutive)).not.toMatch(/@example\.com|Guest \d/);
    const admin = await failureDemandContacts(database.db, people.admin, { filters: march });
    expect(admin.rows.every((r) => "requesterEmail" in r && r.requesterEmail?.endsWith("@example.com"))).toBe(true);
    const bert: SessionUser = people.otherOwner;
    const seen = await failureDemandContacts(database.db, bert, { filters: march, page: 1 });
    const seen2 = await failureDemandContacts(database.db, bert, { filters: march, page: 2 });
    for (const row of [...seen.rows, ...seen2.rows]) {
      const billCaused = row.causes.some((c) => c.id === ids.bill);
      expect("requesterEmail" in row).toBe(billCaused);
    }
    // Subjects are withheld from executives where fewer than 5 contacts match, as comments are.
    const greeting = await reasonId("greeting rude");
    const few = await failureDemandContacts(database.db, people.executive, { filters: { from: "2026-03-01", to: "2026-03-02" }, reasonId: greeting });
    expect(few.total).toBeGreaterThan(0);
    expect(few.total).toBeLessThan(5);
    expect(few.subjectsHidden).toMatch(/Fewer than 5/);
    expect(few.rows.every((r) => r.subject === null)).toBe(true);
  });
});

describe("tally", () => {
  it("splits a contact with two causes half to each, and counts it once", () => {
    const reasonMap = {
      reasons: new Map([
        [1, "a"],
        [2, "b"],
      ]),
      sets: new Map([[10, [1, 2]]]),
      map: new Map([
        [1, { kind: "failure" as const, touchpointId: 7, via: "mapping" as const }],
        [2, { kind: "failure" as const, touchpointId: 8, via: "mapping" as const }],
      ]),
      rules: [],
      costPerHour: { phone: 36, chat: 30, email: 30, web_form: 30, social: 30, in_person: 40, other: 30 },
    };
    const tally = tallyDemand([{ reasonSetId: 10, contacts: 4, channel: "phone", uncostedHandleSeconds: 3600 }], reasonMap);
    expect(tally).toMatchObject({ all: 4, failure: 4 });
    expect(tally.byTouchpoint.get(7)).toMatchObject({ contacts: 2, cost: 18 });
    // Narrowed to touchpoint 8: what it caused, half; the other half is failure demand outside the view.
    expect(tallyDemand([{ reasonSetId: 10, contacts: 4 }], reasonMap, new Set([8]))).toMatchObject({ all: 4, failure: 2, otherFailure: 2 });
  });
});

// Setup › Contact reasons: reasons with their last 90 days of contacts and how each is classified now, bulk
// mapping and unmapping, rules (exact before prefix, own mapping wins, new reasons classified as they arrive),
// refusals in words, audit entries, costs per hour, and the model file carrying mappings and rules both ways.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../server/api/root";
import type { SessionUser } from "../server/auth/users";
import { ingestContactBatch, type ContactInput } from "../server/contacts/ingest";
import { listContactReasons, mapContactReasons } from "../server/contacts/reasons";
import { contactCost } from "../server/metrics/formulas";
import { exportModel, importModel, ModelImportError } from "../server/model/transfer";
import { setTouchpointActive } from "../server/setup/touchpoints";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

const actor = { id: null, email: "test" };
let database: TestDatabase;
let admin: SessionUser;
let billId: number;
let hostId: number;
const api = () => createCaller({ db: database.db, user: admin }).contactReasons;

let serial = 0;
const contact = (day: string, reasons: string[], over: Partial<ContactInput> = {}): ContactInput => ({
  occurredAt: new Date(`${day}T10:00:00Z`),
  channel: "phone",
  reasons,
  externalId: `c${serial++}`,
  handleSeconds: 720,
  ...over,
});
const many = (n: number, day: string, reasons: string[], over: Partial<ContactInput> = {}) => Array.from({ length: n }, () => contact(day, reasons, over));
const ingest = (name: string, rows: ContactInput[]) =>
  ingestContactBatch(database.db, { fileName: name, fileHash: name, sourceFormat: "zendesk", source: "zendesk" }, rows);

// The latest day is 30 Jun 2026, so the 90 days run from 2 Apr; the 7 March contacts fall outside.
// In the window: 30 contacts; "charge query" on 11 (one also "book a table"), "book a table" on 7.
const batch = [
  ...many(7, "2026-03-01", ["charge query"]),
  ...many(10, "2026-04-02", ["charge query"]),
  ...many(5, "2026-05-10", ["Billing/refund"], { channel: "chat" }),
  ...many(3, "2026-06-01", ["billing/late fee"]),
  ...many(6, "2026-06-15", ["book a table"], { channel: "chat" }),
  contact("2026-06-30", ["charge query", "book a table"]),
  ...many(5, "2026-06-20", []),
];

const reasonId = async (name: string) => (await database.db.execute<{ id: number }>(sql`select id from contact_reasons where name = ${name}`))[0]!.id;
const audits = async (action: string) =>
  database.db.execute<{ before: unknown; after: unknown; entity_id: string | null }>(
    sql`select before, after, entity_id from audit_log where action = ${action} order by id`,
  );
const rowOf = async (name: string) => (await listContactReasons(database.db)).reasons.find((r) => r.name === name)!;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = (await seedTestModel(database.db)).admin;
  const [ids] = await database.db.execute<{ bill: number; host: number }>(
    sql`select (select id from touchpoints where code = 'BIL-BILL') as bill, (select id from touchpoints where code = 'SVC-HOST') as host`,
  );
  billId = ids!.bill;
  hostId = ids!.host;
  await ingest("first.csv", batch);
});
afterAll(() => database.close());

describe("contact reasons", () => {
  it("are listed with their contacts over the last 90 days of data, largest first, all unclassified at first", async () => {
    const list = await listContactReasons(database.db);
    expect(list.period).toEqual({ from: "2026-04-02", to: "2026-06-30" });
    expect(list.totals).toMatchObject({ contacts: 30, unclassified: 30, unclassifiedShare: 100, withoutReason: 5, reasons: 4 });
    expect(list.reasons.map((r) => [r.name, r.contacts])).toEqual([
      ["charge query", 11],
      ["book a table", 7],
      ["Billing/refund", 5],
      ["billing/late fee", 3],
    ]);
    expect(list.reasons[0]!.share).toBeCloseTo((100 * 11) / 30, 6);
    expect(list.reasons.every((r) => r.classification.kind === "unclassified" && r.classifiedBy === null)).toBe(true);
  });

  it("are mapped in bulk, each change in one audit entry, and the list shows the class at once", async () => {
    const result = await api().map({ reasonIds: [await reasonId("charge query")], kind: "failure", touchpointId: billId });
    expect(result).toMatchObject({ mapped: 1, kind: "failure", touchpoint: { code: "BIL-BILL" }, stillByRule: [] });
    await api().map({ reasonIds: [await reasonId("book a table")], kind: "value" });
    const list = await listContactReasons(database.db);
    // The contact with both reasons is failure demand; 5 without a reason and 8 on unmapped reasons remain.
    expect(list.totals).toMatchObject({ contacts: 30, failure: 11, value: 6, unclassified: 13 });
    expect(list.totals.unclassifiedShare).toBeCloseTo((100 * 13) / 30, 6);
    expect(list.reasons[0]).toMatchObject({
      name: "charge query",
      classification: { kind: "failure", touchpoint: { code: "BIL-BILL", name: "The bill", departmentName: "Billing" } },
      classifiedBy: { by: "mapping", overridesRule: null },
    });
    expect(list.counts).toEqual({ all: 4, failure: 1, value: 1, unclassified: 2 });
    const filtered = await api().list({ show: "unclassified", search: "BILLING" });
    expect(filtered.reasons.map((r) => r.name)).toEqual(["Billing/refund", "billing/late fee"]);
    const entries = await audits("contact_reason.map");
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      before: [{ reason: "charge query", mapping: null }],
      after: { kind: "failure", touchpointId: billId, touchpoint: "BIL-BILL" },
    });
  });

  it("are refused in words: failure without a touchpoint, value with one, a deactivated touchpoint, unknown reasons", async () => {
    const before = await audits("contact_reason.map");
    const charge = await reasonId("charge query");
    await expect(api().map({ reasonIds: [charge], kind: "failure" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^touchpointId: failure demand is caused by a touchpoint: choose the touchpoint/),
    });
    await expect(api().map({ reasonIds: [charge], kind: "value", touchpointId: billId })).rejects.toMatchObject({
      message: expect.stringMatching(/^touchpointId: value demand is not caused by a touchpoint/),
    });
    await expect(api().map({ reasonIds: [charge], kind: "unclassified", touchpointId: billId })).rejects.toMatchObject({
      message: expect.stringMatching(/^touchpointId: an unclassified reason has no touchpoint/),
    });
    await setTouchpointActive(database.db, actor, hostId, false);
    await expect(api().map({ reasonIds: [charge], kind: "failure", touchpointId: hostId })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/SVC-HOST Host greeting is deactivated; reactivate it or choose an active touchpoint/),
    });
    await expect(api().map({ reasonIds: [charge, 999_999, 999_998], kind: "value" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Contact reasons 999998, 999999 do not exist; reload the page to see the reasons as they are now.",
    });
    await expect(api().map({ reasonIds: [], kind: "value" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [{ path: ["reasonIds"], message: "choose at least one reason" }] },
    });
    expect(await audits("contact_reason.map")).toEqual(before);
    expect((await rowOf("charge query")).classification).toMatchObject({ kind: "failure", touchpoint: { code: "BIL-BILL" } });
    await setTouchpointActive(database.db, actor, hostId, true);
  });

  it("follow rules: exact before prefix, case ignored, duplicates refused at the pattern", async () => {
    const prefix = await api().createRule({ match: "prefix", pattern: "billing/", kind: "failure", touchpointId: billId });
    expect(prefix).toMatchObject({ reasons: 2, matches: 2, touchpoint: { code: "BIL-BILL" } });
    await expect(api().createRule({ match: "prefix", pattern: "BILLING/", kind: "value" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: 'pattern: a rule "starts with billing/" exists already (patterns ignore case); change or delete that rule instead.',
      cause: { problems: [{ field: "pattern" }] },
    });
    await expect(api().createRule({ match: "exact", pattern: "x", kind: "failure" })).rejects.toMatchObject({
      message: expect.stringMatching(/^touchpointId: failure demand is caused by a touchpoint/),
    });
    const exact = await api().createRule({ match: "exact", pattern: "billing/REFUND", kind: "value" });
    expect(exact).toMatchObject({ reasons: 1, matches: 1 });
    expect((await rowOf("Billing/refund")).classifiedBy).toEqual({ by: "rule", rule: { id: exact.id, match: "exact", pattern: "billing/REFUND" } });
    expect((await rowOf("billing/late fee")).classification).toMatchObject({ kind: "failure", touchpoint: { code: "BIL-BILL" } });
    const rules = await api().rules();
    expect(rules.map((r) => [r.match, r.pattern, r.reasons, r.matches])).toEqual([
      ["exact", "billing/REFUND", 1, 1],
      ["prefix", "billing/", 1, 2],
    ]);
    expect(await audits("contact_reason_rule.create")).toHaveLength(2);
  });

  it("classify reasons that arrive later, without anyone mapping them", async () => {
    await ingest("later.csv", many(4, "2026-07-01", ["Billing/double charge"]));
    const list = await listContactReasons(database.db);
    expect(list.period).toEqual({ from: "2026-04-03", to: "2026-07-01" });
    expect(list.reasons.find((r) => r.name === "Billing/double charge")).toMatchObject({
      contacts: 4,
      classification: { kind: "failure", touchpoint: { code: "BIL-BILL" } },
      classifiedBy: { by: "rule", rule: { match: "prefix", pattern: "billing/" } },
    });
  });

  it("give way to a reason's own mapping; unmapping hands the reason back to the rule and says so", async () => {
    const lateFee = await reasonId("billing/late fee");
    await mapContactReasons(database.db, actor, { reasonIds: [lateFee], kind: "value" });
    expect(await rowOf("billing/late fee")).toMatchObject({
      classification: { kind: "value" },
      classifiedBy: { by: "mapping", overridesRule: { match: "prefix", pattern: "billing/" } },
    });
    const unmapped = await api().map({ reasonIds: [lateFee, await reasonId("book a table")], kind: "unclassified" });
    expect(unmapped).toMatchObject({
      mapped: 2,
      stillByRule: [{ reason: "billing/late fee", rule: { match: "prefix", pattern: "billing/", kind: "failure" } }],
    });
    expect((await rowOf("billing/late fee")).classifiedBy).toMatchObject({ by: "rule" });
    expect((await rowOf("book a table")).classification).toEqual({ kind: "unclassified" });
    const [entry] = (await audits("contact_reason.map")).slice(-1);
    expect(entry!.before).toEqual(
      expect.arrayContaining([expect.objectContaining({ reason: "billing/late fee", mapping: { kind: "value", touchpointId: null } })]),
    );
    await api().map({ reasonIds: [await reasonId("book a table")], kind: "value" });
  });

  it("lose a deleted rule's reasons to the next rule; an unknown rule is said to be unknown", async () => {
    const exact = (await api().rules()).find((r) => r.match === "exact")!;
    await expect(api().deleteRule({ id: 999_999 })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/^Reason rule 999999 does not exist/),
    });
    await api().deleteRule({ id: exact.id });
    expect((await rowOf("Billing/refund")).classifiedBy).toMatchObject({ by: "rule", rule: { pattern: "billing/" } });
    expect(await audits("contact_reason_rule.delete")).toEqual([expect.objectContaining({ before: expect.objectContaining({ pattern: "billing/REFUND" }) })]);
  });

  it("are priced per channel: the setting is read, written with audit, and refused in words out of range", async () => {
    const costs = await api().costs();
    expect(costs.channels.find((c) => c.channel === "phone")).toEqual({ channel: "phone", costPerHour: 36, defaultCostPerHour: 36 });
    // docs/metrics.md: a 12-minute phone call at £36 an hour costs £7.20.
    expect(contactCost(0, 720, 36)).toBeCloseTo(7.2, 10);
    await api().setCost({ channel: "chat", costPerHour: 28.5 });
    expect((await api().costs()).channels.find((c) => c.channel === "chat")?.costPerHour).toBe(28.5);
    expect(await audits("setting.update")).toEqual([expect.objectContaining({ entity_id: "cost_per_hour_chat", before: 30, after: 28.5 })]);
    await expect(api().setCost({ channel: "chat", costPerHour: -1 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [{ path: ["costPerHour"], message: "must be 0 or more" }] },
    });
  });
});

describe("the model file's contact reasons", () => {
  it("exports mappings by reason and rules, touchpoints by code, and imports them into an empty database the same", async () => {
    const exported = await exportModel(database.db);
    expect(exported.contactReasons).toEqual([
      { reason: "book a table", kind: "value", touchpoint: null },
      { reason: "charge query", kind: "failure", touchpoint: "BIL-BILL" },
    ]);
    expect(exported.contactReasonRules).toEqual([{ match: "prefix", pattern: "billing/", kind: "failure", touchpoint: "BIL-BILL" }]);
    const fresh = await createTestDatabase();
    try {
      const summary = await importModel(fresh.db, actor, exported);
      expect(summary).toMatchObject({ contactReasons: 2, contactReasonRules: 1 });
      // The reasons were not seen there yet: importing their mappings created them.
      const names = await fresh.db.execute<{ name: string }>(sql`select name from contact_reasons order by name`);
      expect(names.map((n) => n.name)).toEqual(["book a table", "charge query"]);
      expect(await exportModel(fresh.db)).toEqual(exported);
      await importModel(fresh.db, actor, exported);
      expect(await exportModel(fresh.db)).toEqual(exported);
    } finally {
      await fresh.close();
    }
  });

  it("is authoritative when it carries the lists, and leaves them alone when it does not", async () => {
    const exported = await exportModel(database.db);
    const { contactReasons: _r, contactReasonRules: _x, ...older } = exported;
    await importModel(database.db, actor, older);
    expect(await exportModel(database.db)).toEqual(exported);
    await importModel(database.db, actor, { ...exported, contactReasons: [{ reason: "gift card", kind: "value" }], contactReasonRules: [] });
    const after = await exportModel(database.db);
    expect(after.contactReasons).toEqual([{ reason: "gift card", kind: "value", touchpoint: null }]);
    expect(after.contactReasonRules).toEqual([]);
    expect((await listContactReasons(database.db)).reasons.find((r) => r.name === "gift card")).toMatchObject({
      contacts: 0,
      classification: { kind: "value" },
    });
    await importModel(database.db, actor, exported);
    expect(await exportModel(database.db)).toEqual(exported);
  });

  it("is checked by the same rules, every problem listed and nothing written", async () => {
    const exported = await exportModel(database.db);
    const bad = {
      ...exported,
      contactReasons: [
        { reason: "charge query", kind: "failure" },
        { reason: "book a table", kind: "value", touchpoint: "BIL-BILL" },
        { reason: "where is my order", kind: "failure", touchpoint: "GHOST-1" },
        { reason: "charge query", kind: "failure", touchpoint: "BIL-BILL" },
      ],
      contactReasonRules: [
        { match: "prefix", pattern: "billing/", kind: "value" },
        { match: "prefix", pattern: "Billing/", kind: "value" },
      ],
    };
    const problems = await importModel(database.db, actor, bad).then(
      () => [],
      (error: unknown) => (error instanceof ModelImportError ? error.modelProblems : Promise.reject(error)),
    );
    expect(problems).toEqual([
      { path: "contactReasons[0].touchpoint", message: expect.stringMatching(/^failure demand is caused by a touchpoint/) },
      { path: "contactReasons[1].touchpoint", message: expect.stringMatching(/^value demand is not caused by a touchpoint/) },
      { path: "contactReasons[2].touchpoint", message: "no touchpoint with code GHOST-1 in this file" },
      { path: "contactReasons[3].reason", message: 'duplicate reason "charge query"' },
      { path: "contactReasonRules[1].pattern", message: 'duplicate prefix rule "Billing/" (patterns ignore case)' },
    ]);
    expect(await exportModel(database.db)).toEqual(exported);
  });

  it("keeps a cause on a touchpoint deactivated since, but refuses a new one", async () => {
    await api().map({ reasonIds: [await reasonId("billing/late fee")], kind: "failure", touchpointId: hostId });
    await setTouchpointActive(database.db, actor, hostId, false);
    const exported = await exportModel(database.db);
    expect(exported.touchpoints.find((t) => t.code === "SVC-HOST")?.active).toBe(false);
    await importModel(database.db, actor, exported);
    const moved = {
      ...exported,
      contactReasons: exported.contactReasons!.map((m) => (m.reason === "charge query" ? { ...m, touchpoint: "SVC-HOST" } : m)),
    };
    const at = moved.contactReasons.findIndex((m) => m.reason === "charge query");
    await expect(importModel(database.db, actor, moved)).rejects.toMatchObject({
      modelProblems: [
        { path: `contactReasons[${at}].touchpoint`, message: "SVC-HOST Host greeting is deactivated; reactivate it or choose an active touchpoint" },
      ],
    });
  });
});

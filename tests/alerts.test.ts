// Each kind of alert rule on a real database: it fires on a seeded significant drop (or a streak clearly below
// target, a detractor's words, contacts caused up) and stays silent on a change the tests cannot tell from noise;
// evaluating twice opens nothing new.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateAlerts } from "../server/alerts/evaluate";
import { ingestContactBatch, type ContactInput } from "../server/contacts/ingest";
import { alertsWorld, ingest, NOW, rule, split, spread, type AlertsWorld } from "./support/alerts";

const worlds: AlertsWorld[] = [];
async function world() {
  const made = await alertsWorld();
  worlds.push(made);
  return made;
}
afterAll(async () => {
  for (const made of worlds) await made.database.close();
});

const alertsOf = (w: AlertsWorld) =>
  w.database.db.execute<{
    id: number;
    rule_id: number;
    entity_key: string;
    period_key: string;
    title: string;
    summary: string;
    figures: Record<string, unknown>;
  }>(sql`select id, rule_id, entity_key, period_key, title, summary, figures from alerts order by id`);
const count = async (w: AlertsWorld, table: string) =>
  (await w.database.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;

describe("a metric's drop week over week", () => {
  let w: AlertsWorld;
  beforeAll(async () => {
    w = await world();
    // The bill: NPS +50 (n = 100) in 2026-W09, −30 (n = 100) in W10. The host: +45 to +40 on 60 answers each.
    await ingest(w, [
      ...spread(
        w.ids["BIL-BILL"]!,
        "2026-02-23",
        7,
        split("nps", 100, [
          [60, 9],
          [30, 8],
          [10, 3],
        ]),
      ),
      ...spread(
        w.ids["BIL-BILL"]!,
        "2026-03-02",
        7,
        split("nps", 100, [
          [20, 9],
          [30, 8],
          [50, 3],
        ]),
      ),
      ...spread(
        w.ids["SVC-HOST"]!,
        "2026-02-23",
        7,
        split("nps", 60, [
          [33, 9],
          [21, 8],
          [6, 3],
        ]),
      ),
      ...spread(
        w.ids["SVC-HOST"]!,
        "2026-03-02",
        7,
        split("nps", 60, [
          [30, 9],
          [24, 8],
          [6, 3],
        ]),
      ),
    ]);
    await rule(w, { name: "NPS drop", kind: "metric_drop", scopeLevel: "all", metricCode: "nps", comparison: "week" });
    await rule(w, { name: "Stage NPS drop", kind: "metric_drop", scopeLevel: "stage", metricCode: "nps", comparison: "week", recipients: { ccoRole: true } });
  });

  it("fires for the touchpoint and the stage whose NPS fell significantly, with the figures in words", async () => {
    const result = await evaluateAlerts(w.database.db, { now: NOW });
    expect(result.created).toHaveLength(2);
    const alerts = await alertsOf(w);
    expect(alerts.map((a) => [a.entity_key, a.period_key])).toEqual([
      [`touchpoint:${w.ids["BIL-BILL"]}`, "week:2026-W10"],
      [expect.stringMatching(/^stage:\d+$/), "week:2026-W10"],
    ]);
    expect(alerts[0]!.title).toBe("NPS fell at The bill");
    // Variances (p + d − (p − d)²) / n: 0.0045 and 0.0061; 1.96 · 100 · √0.0106 = 20.2.
    expect(alerts[0]!.summary).toBe(
      "NPS fell from +50 (n = 100) in the week of 23 Feb 2026 to -30 (n = 100) in the week of 2 Mar 2026: −80 ± 20, significant at 95%.",
    );
    expect(alerts[0]!.figures).toMatchObject({ metricCode: "nps", value: -30, previous: 50, n: 100, previousN: 100, difference: -80, significant: true });
    expect(alerts[1]!.title).toBe("NPS fell at Dinner › Pay");
  });

  it("stays silent on the host's fall of 5 points, which the test cannot tell from noise", async () => {
    const keys = (await alertsOf(w)).map((a) => a.entity_key);
    expect(keys).not.toContain(`touchpoint:${w.ids["SVC-HOST"]}`);
  });

  it("opens nothing new when run again, later in the same week: one alert per rule, entity and period", async () => {
    const before = { alerts: await count(w, "alerts"), events: await count(w, "alert_events"), outbox: await count(w, "alert_notifications") };
    const again = await evaluateAlerts(w.database.db, { now: NOW });
    const later = await evaluateAlerts(w.database.db, { now: new Date("2026-03-15T23:00:00Z") });
    expect([again.created.length, again.existing, later.created.length, later.existing]).toEqual([0, 2, 0, 2]);
    expect({ alerts: await count(w, "alerts"), events: await count(w, "alert_events"), outbox: await count(w, "alert_notifications") }).toEqual(before);
  });

  it("the next week compares W11 with W10: no drop there, no alert", async () => {
    expect((await evaluateAlerts(w.database.db, { now: new Date("2026-03-18T08:00:00Z") })).created).toEqual([]);
  });
});

describe("a drop month over month, by department and on the experience score", () => {
  let w: AlertsWorld;
  beforeAll(async () => {
    w = await world();
    // CSAT: the bill 90% → 50% (n = 100 each), the host 80% → 76% (not significant), January → February.
    await ingest(w, [
      ...spread(
        w.ids["BIL-BILL"]!,
        "2026-01-01",
        28,
        split("csat", 100, [
          [90, 5],
          [10, 2],
        ]),
      ),
      ...spread(
        w.ids["BIL-BILL"]!,
        "2026-02-01",
        28,
        split("csat", 100, [
          [50, 5],
          [50, 2],
        ]),
      ),
      ...spread(
        w.ids["SVC-HOST"]!,
        "2026-01-01",
        28,
        split("csat", 100, [
          [80, 4],
          [20, 1],
        ]),
      ),
      ...spread(
        w.ids["SVC-HOST"]!,
        "2026-02-01",
        28,
        split("csat", 100, [
          [76, 4],
          [24, 1],
        ]),
      ),
    ]);
    await rule(w, { name: "Department CSAT", kind: "metric_drop", scopeLevel: "department", metricCode: "csat", comparison: "month" });
    await rule(w, { name: "Experience", kind: "metric_drop", scopeLevel: "touchpoint", metricCode: "experience", comparison: "month" });
  });

  it("fires for Billing and for the bill's experience score; not for Service or the host", async () => {
    await evaluateAlerts(w.database.db, { now: NOW });
    const alerts = await alertsOf(w);
    expect(alerts.map((a) => [a.entity_key, a.period_key])).toEqual([
      [`department:${w.departments.Billing}`, "month:2026-02"],
      [`touchpoint:${w.ids["BIL-BILL"]}`, "month:2026-02"],
    ]);
    // Unpooled margin 1.96 · 100 · √(0.9 · 0.1 / 100 + 0.5 · 0.5 / 100) = 11.4 pts.
    expect(alerts[0]!.summary).toBe("CSAT fell from 90% (n = 100) in Jan 2026 to 50% (n = 100) in Feb 2026: −40.0 pts ± 11.4 pts, significant at 95%.");
    expect(alerts[1]!.title).toBe("Experience score fell at The bill");
  });
});

describe("below target for N weeks in a row", () => {
  let w: AlertsWorld;
  beforeAll(async () => {
    w = await world();
    await w.database.db.execute(sql`insert into touchpoint_targets (touchpoint_id, metric_id, target)
      select ${w.ids["BIL-BILL"]!}, id, 80 from metric_definitions where code = 'csat'`);
    // The host (target 80%): 90% in W07, then 50% ± 12.7 (n = 60) in W08, W09 and W10. The bill: 76% ± 8.4 (n = 100)
    // each week, below 80 but not clearly (its interval reaches the target).
    const week = (code: string, monday: string, n: number, top: number) =>
      spread(
        w.ids[code]!,
        monday,
        7,
        split("csat", n, [
          [top, 5],
          [n - top, 2],
        ]),
      );
    await ingest(w, [
      ...week("SVC-HOST", "2026-02-09", 60, 54),
      ...week("SVC-HOST", "2026-02-16", 60, 30),
      ...week("SVC-HOST", "2026-02-23", 60, 30),
      ...week("SVC-HOST", "2026-03-02", 60, 30),
      ...["2026-02-16", "2026-02-23", "2026-03-02"].flatMap((monday) => week("BIL-BILL", monday, 100, 76)),
    ]);
    await rule(w, { name: "CSAT below target 3 weeks", kind: "below_target", scopeLevel: "all", metricCode: "csat", consecutiveWeeks: 3 });
    await rule(w, { name: "CSAT below target 4 weeks", kind: "below_target", scopeLevel: "all", metricCode: "csat", consecutiveWeeks: 4 });
  });

  it("fires for the host after three weeks clearly below target, keyed by the week the streak began; not for the bill", async () => {
    const result = await evaluateAlerts(w.database.db, { now: NOW });
    expect(result.created).toHaveLength(1);
    const [alert] = await alertsOf(w);
    expect([alert!.entity_key, alert!.period_key]).toEqual([`touchpoint:${w.ids["SVC-HOST"]}`, "streak:2026-W08"]);
    expect(alert!.summary).toBe(
      "CSAT has been below its target of 80% for 3 weeks in a row, each week's 95% interval wholly below it; last week 50% ± 12.7 pts (n = 60).",
    );
    expect((alert!.figures.weeks as Array<{ week: string }>).map((week) => week.week)).toEqual(["2026-W08", "2026-W09", "2026-W10"]);
  });

  it("a streak that goes on is the same alert the week after (the 4-week rule then fires once)", async () => {
    await ingest(
      w,
      spread(
        w.ids["SVC-HOST"]!,
        "2026-03-09",
        7,
        split("csat", 60, [
          [30, 5],
          [30, 2],
        ]),
      ),
    );
    const result = await evaluateAlerts(w.database.db, { now: new Date("2026-03-18T08:00:00Z") });
    expect(result.created.map((alert) => [alert.title, alert.periodKey])).toEqual([["CSAT below target at Host greeting for 4 weeks", "streak:2026-W08"]]);
    expect(result.existing).toBe(1);
  });
});

describe("a detractor's words", () => {
  let w: AlertsWorld;
  let first: number;
  let second: number;
  beforeAll(async () => {
    w = await world();
    await rule(w, { name: "Call back", kind: "detractor_words", scopeLevel: "all", words: ["refund", "never again", "manager"] });
    const bill = w.ids["BIL-BILL"]!;
    const host = w.ids["SVC-HOST"]!;
    first = (await ingest(w, spread(bill, "2026-03-09", 1, [{ nps: 2, comment: "Where is my refund?" }]))).batchId;
    second = (
      await ingest(w, [
        ...spread(bill, "2026-03-10", 1, [
          { nps: 2, comment: "I want a REFUND now.", respondentEmail: "ann@mail.example", respondentName: "Ann" },
          { nps: 3, comment: "It was refunded quickly" },
          { csat: 3, comment: "refund please" },
        ]),
        ...spread(host, "2026-03-10", 1, [
          { csat: 1, comment: "Never   again. Get me the Manager!" },
          { nps: 10, comment: "The refund was quick" },
          { nps: 6, comment: "managerial nonsense" },
        ]),
        // A month old: a backfill, not a call to make now.
        ...spread(bill, "2026-02-08", 1, [{ nps: 1, comment: "refund" }]),
      ])
    ).batchId;
  });

  it("fires once per detractor (NPS 0–6, CSAT 1–2) whose recent comment holds a word or phrase, whole, in any case", async () => {
    const result = await evaluateAlerts(w.database.db, { now: NOW, batchId: second });
    expect(result.created.map((alert) => [alert.title, alert.figures.matched])).toEqual([
      ['A detractor at The bill wrote "refund"', ["refund"]],
      ['A detractor at Host greeting wrote "never again", "manager"', ["never again", "manager"]],
    ]);
    // The summary reaches executives and mails: the rule's words, never the respondent's; the comment only in the figures.
    expect(result.created.map((alert) => [alert.summary, alert.figures.comment])).toEqual([
      ['A customer who answered NPS 2 at The bill on 10 Mar 2026 used the words "refund"', "I want a REFUND now."],
      ['A customer who answered CSAT 1 at Host greeting on 10 Mar 2026 used the words "never again", "manager"', "Never   again. Get me the Manager!"],
    ]);
    expect(result.created.every((alert) => alert.entityKey.startsWith("response:") && alert.responseId !== null)).toBe(true);
  });

  it("reads only the batch it is given, and without a batch none", async () => {
    expect((await evaluateAlerts(w.database.db, { now: NOW })).created).toEqual([]);
    expect((await evaluateAlerts(w.database.db, { now: NOW, batchId: second })).created).toEqual([]);
    const earlier = await evaluateAlerts(w.database.db, { now: NOW, batchId: first });
    expect(earlier.created.map((alert) => alert.summary)).toEqual(['A customer who answered NPS 2 at The bill on 9 Mar 2026 used the words "refund"']);
  });
});

describe("contacts caused up", () => {
  let w: AlertsWorld;
  beforeAll(async () => {
    w = await world();
    let serial = 0;
    const contacts = (touchpointId: number, month: number, n: number): ContactInput[] =>
      Array.from({ length: n }, (_, i) => ({
        occurredAt: new Date(Date.UTC(2026, month - 1, 1 + (i % 28), 10)),
        channel: "phone",
        reasons: [],
        externalId: `c${serial++}`,
        touchpointId,
      }));
    // Named by the support tool (no reason mapped): the bill 30 in January → 80 in February; the host 30 → 36.
    await ingestContactBatch(w.database.db, { fileName: "c", fileHash: "c", sourceFormat: "zendesk", source: "zendesk" }, [
      ...contacts(w.ids["BIL-BILL"]!, 1, 30),
      ...contacts(w.ids["BIL-BILL"]!, 2, 80),
      ...contacts(w.ids["SVC-HOST"]!, 1, 30),
      ...contacts(w.ids["SVC-HOST"]!, 2, 36),
    ]);
    await rule(w, { name: "Contacts up", kind: "contacts_up", scopeLevel: "all", comparison: "month" });
  });

  it("fires for the bill's significant rise (January scaled to February's 28 days); not for the host's", async () => {
    const result = await evaluateAlerts(w.database.db, { now: NOW });
    expect(result.created.map((alert) => alert.entityKey)).toEqual([`touchpoint:${w.ids["BIL-BILL"]}`]);
    const [alert] = result.created;
    // 30 × 28/31 = 27.1 before; 80 − 27.1 = +52.9 ± 1.96 · √(80 + 30 · (28/31)²) = 1.96 · √104.5 = ± 20.0.
    expect(alert!.summary).toBe("Contacts caused by The bill rose from 30 contacts in Jan 2026 to 80 contacts in Feb 2026: +52.9 ± 20.0, significant at 95%.");
    expect(alert!.figures).toMatchObject({ value: 80, previous: 30 });
  });
});

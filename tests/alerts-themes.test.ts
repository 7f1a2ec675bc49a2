// Theme-share rules: a theme's share of comments rising significantly (the pooled two-proportion test) against the
// month before opens a case — per touchpoint, or the whole program's one — worded like the other alerts; a flat
// share, a share under the rule's minimum or a paused theme opens none; a second run opens nothing new.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertRows } from "../server/alerts/api";
import { themeShareRise } from "../server/alerts/checks";
import { evaluateAlerts } from "../server/alerts/evaluate";
import { createTheme } from "../server/themes/codebook";
import { alertsWorld, ingest, NOW, rule, spread, type AlertsWorld } from "./support/alerts";

let w: AlertsWorld;
let themeIds: { charge: number; waiting: number; paused: number };

/** `count` comments of which `mentioning` say `about` and the rest something else. */
const comments = (count: number, mentioning: number, about: string) =>
  Array.from({ length: count }, (_, i) => ({
    nps: i < mentioning ? 3 : 9,
    comment: i < mentioning ? `${about}, which nobody had told us about.` : "A lovely evening with friends, thank you.",
  }));

beforeAll(async () => {
  w = await alertsWorld();
  const actor = { id: w.people.admin.id, email: w.people.admin.email };
  themeIds = {
    charge: (await createTheme(w.database.db, actor, { name: "Service charge", terms: ["service charge"] })).id,
    waiting: (await createTheme(w.database.db, actor, { name: "Waiting time", terms: ["wait"] })).id,
    paused: (await createTheme(w.database.db, actor, { name: "Evenings", terms: ["evening"], active: false })).id,
  };
  const bill = w.ids["BIL-BILL"]!;
  const host = w.ids["SVC-HOST"]!;
  // The bill: 5 of 100 comments on the service charge in January, 40 of 100 in February. The host greeting: a
  // steady share on waiting (20 then 22 of 100), and no charge either month.
  await ingest(w, [
    ...spread(bill, "2026-01-01", 28, comments(100, 5, "A service charge on the bill")),
    ...spread(bill, "2026-02-01", 28, comments(100, 40, "A service charge on the bill")),
    ...spread(host, "2026-01-01", 28, comments(100, 20, "We had a long wait at the door")),
    ...spread(host, "2026-02-01", 28, comments(100, 22, "We had a long wait at the door")),
  ]);
});
afterAll(() => w.database.close());

describe("the theme-share check", () => {
  const labels = { label: "Feb 2026", compareLabel: "Jan 2026" };
  const input = { themeName: "Service charge", place: "at The bill", minimumSample: 30, minSharePercent: null, ...labels };

  it("fires on a significant rise, in words with its figures", () => {
    expect(themeShareRise(input, { count: 5, n: 100 }, { count: 40, n: 100 })).toMatchObject({
      title: "Service charge rising in comments at The bill",
      summary:
        "Service charge was in 40% of comments at The bill in Feb 2026 (40 of 100 comments), up from 5.0% in Jan 2026 (5 of 100): " +
        "+35.0 pts, rising significantly (p < 0.001), two-proportion test at 95%.",
      figures: { value: 40, previous: 5, n: 100, previousN: 100, count: 40, previousCount: 5, difference: 35, significant: true },
    });
  });

  it("stays quiet on a flat or falling share, too few comments, or a share under the rule's minimum", () => {
    expect(themeShareRise(input, { count: 20, n: 100 }, { count: 22, n: 100 })).toBeNull();
    expect(themeShareRise(input, { count: 40, n: 100 }, { count: 5, n: 100 })).toBeNull();
    expect(themeShareRise(input, { count: 0, n: 20 }, { count: 15, n: 20 })).toBeNull();
    expect(themeShareRise({ ...input, minSharePercent: 50 }, { count: 5, n: 100 }, { count: 40, n: 100 })).toBeNull();
    expect(themeShareRise({ ...input, minSharePercent: 40 }, { count: 5, n: 100 }, { count: 40, n: 100 })?.summary).toContain(
      "(40 of 100 comments) (the rule's minimum: 40%), up from",
    );
  });
});

describe("theme-share rules", () => {
  it("open a case where the theme's share jumped, not where it is flat, under the minimum or paused; once", async () => {
    const perTouchpoint = await rule(w, {
      name: "Charge per touchpoint",
      kind: "theme_share",
      scopeLevel: "touchpoint",
      themeId: themeIds.charge,
      comparison: "month",
    });
    const program = await rule(w, {
      name: "Charge, whole program",
      kind: "theme_share",
      scopeLevel: "all",
      themeId: themeIds.charge,
      comparison: "month",
      recipients: { touchpointOwner: false, ccoRole: true },
    });
    await rule(w, { name: "Waiting per touchpoint", kind: "theme_share", scopeLevel: "touchpoint", themeId: themeIds.waiting, comparison: "month" });
    await rule(w, {
      name: "Charge over half",
      kind: "theme_share",
      scopeLevel: "touchpoint",
      entityId: w.ids["BIL-BILL"]!,
      themeId: themeIds.charge,
      comparison: "month",
      minSharePercent: 50,
    });
    await rule(w, { name: "Paused theme", kind: "theme_share", scopeLevel: "touchpoint", themeId: themeIds.paused, comparison: "month" });
    // Week over week: no comments in March's weeks, so nothing to compare.
    await rule(w, { name: "Charge weekly", kind: "theme_share", scopeLevel: "touchpoint", themeId: themeIds.charge, comparison: "week" });

    const { created } = await evaluateAlerts(w.database.db, { now: NOW });
    expect(created.map((a) => [a.ruleId, a.kind, a.entityKey, a.periodKey]).sort()).toEqual(
      [
        [perTouchpoint.id, "theme_share", `touchpoint:${w.ids["BIL-BILL"]}`, "month:2026-02"],
        [program.id, "theme_share", "program:0", "month:2026-02"],
      ].sort(),
    );
    const atBill = created.find((a) => a.ruleId === perTouchpoint.id)!;
    expect(atBill).toMatchObject({
      entityLevel: "touchpoint",
      entityName: "The bill",
      touchpointId: w.ids["BIL-BILL"],
      departmentId: w.departments.Billing,
      metricCode: null,
      periodFrom: "2026-02-01",
      periodTo: "2026-02-28",
      title: "Service charge rising in comments at The bill",
      figures: { themeId: themeIds.charge, themeName: "Service charge", value: 40, previous: 5, n: 100, previousN: 100 },
    });
    expect(atBill.summary).toMatch(/^Service charge was in 40% of comments at The bill in .+ \(40 of 100 comments\), up from 5\.0% in .+: \+35\.0 pts, rising/);
    const whole = created.find((a) => a.ruleId === program.id)!;
    expect(whole).toMatchObject({
      entityLevel: "program",
      entityId: 0,
      entityName: "Whole program",
      touchpointId: null,
      departmentId: null,
      title: "Service charge rising in comments across the whole program",
      // 5 of 200 comments in January, 40 of 200 in February.
      figures: { value: 20, previous: 2.5, n: 200, previousN: 200 },
    });

    // The API's rows carry the figures as for the other kinds.
    const rows = await alertRows(w.database.db, { format: "json" });
    expect(rows.find((r) => r.id === whole.id)).toMatchObject({
      kind: "theme_share",
      level: "program",
      entity: "Whole program",
      value: 20,
      previous: 2.5,
      n: 200,
    });

    expect(await evaluateAlerts(w.database.db, { now: NOW })).toMatchObject({ created: [], existing: 2 });
  });

  it("read the theme roll-ups, never the comments", async () => {
    const [before] = await w.database.db.execute<{ n: number }>(sql`select count(*)::int as n from alerts`);
    // With the comments' table renamed, the same evaluation finds the same two cases (already open: nothing new).
    class Rollback extends Error {}
    await expect(
      w.database.db.transaction(async (tx) => {
        await tx.execute(sql`alter table survey_responses rename to survey_responses_hidden_for_test`);
        expect(await evaluateAlerts(tx as unknown as typeof w.database.db, { now: NOW })).toMatchObject({ created: [], existing: 2 });
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    const [after] = await w.database.db.execute<{ n: number }>(sql`select count(*)::int as n from alerts`);
    expect(after!.n).toBe(before!.n);
  });
});

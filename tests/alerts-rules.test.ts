// Alert rules and their building blocks: the one schema says at the field what each kind needs; admins create,
// change, deactivate and delete rules (audited; a rule that fired is kept); ISO weeks and months before a moment;
// a rule's words found whole in a comment.
import { sql } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertRuleSchema } from "../lib/alerts";
import { createCaller } from "../server/api/root";
import { evaluateAlerts } from "../server/alerts/evaluate";
import { clearlyBelowTarget } from "../server/alerts/checks";
import { comparisonFor, lastCompleteWeek, weekKey } from "../server/alerts/periods";
import { matchedWords } from "../server/alerts/words";
import { alertsWorld, ingest, NOW, spread, type AlertsWorld } from "./support/alerts";

const problems = (input: unknown) => {
  const parsed = alertRuleSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("the rule schema", () => {
  it("says at the field what each kind needs and what it must leave empty", () => {
    expect(problems({ name: "Drop", kind: "metric_drop", scopeLevel: "all" })).toEqual([
      "metricCode: choose the metric to watch, e.g. nps or csat",
      "comparison: choose week (over week) or month (over month)",
    ]);
    expect(problems({ name: "Words", kind: "detractor_words", scopeLevel: "all", words: [], comparison: "week" })).toEqual([
      "comparison: leave it empty: a detractor_words rule compares no periods",
      'words: give at least one word or phrase, e.g. "refund"',
    ]);
    expect(problems({ name: "Target", kind: "below_target", scopeLevel: "all", metricCode: "experience" })).toEqual([
      "metricCode: targets are set per metric: choose nps, csat, ces or a custom metric",
      "consecutiveWeeks: say for how many weeks in a row, e.g. 3",
    ]);
    expect(problems({ name: "All", kind: "contacts_up", scopeLevel: "all", entityId: 3, comparison: "month" })).toEqual([
      "entityId: leave it empty for every touchpoint, or choose a level",
    ]);
    expect(problems({ name: "Nobody", kind: "contacts_up", scopeLevel: "all", comparison: "month", recipients: { touchpointOwner: false } })).toEqual([
      "recipients: tell someone: the touchpoint's owner, the department head, the CCO role or named people",
    ]);
  });

  it("a drop or contacts rule on a stage or a journey tells the CCO role or named people: such a case has no owner", () => {
    const drop = { name: "Journey NPS", kind: "metric_drop", scopeLevel: "journey", metricCode: "nps", comparison: "week" } as const;
    const contacts = { name: "Stage contacts", kind: "contacts_up", scopeLevel: "stage", comparison: "month" } as const;
    expect(problems(drop)).toEqual(["recipients: a journey's case has no touchpoint owner or department head: tell the CCO role or named people"]);
    expect(problems({ ...contacts, recipients: { touchpointOwner: true, departmentHead: true } })).toEqual([
      "recipients: a stage's case has no touchpoint owner or department head: tell the CCO role or named people",
    ]);
    expect(problems({ ...drop, recipients: { ccoRole: true } })).toEqual([]);
    expect(problems({ ...contacts, recipients: { touchpointOwner: false, userIds: [7] } })).toEqual([]);
    // Every touchpoint ("all"), a department, or the touchpoints of a journey (below target, words): owners exist.
    expect(problems({ ...drop, scopeLevel: "all" })).toEqual([]);
    expect(problems({ ...drop, scopeLevel: "department" })).toEqual([]);
    expect(problems({ name: "Low", kind: "below_target", scopeLevel: "journey", metricCode: "csat", consecutiveWeeks: 2 })).toEqual([]);
  });

  it("a theme-share rule needs its theme and periods; its minimum share is a percentage; only it has either", () => {
    const share = { name: "Charge", kind: "theme_share", scopeLevel: "touchpoint", themeId: 4, comparison: "month" } as const;
    expect(problems({ ...share, themeId: undefined, comparison: undefined })).toEqual([
      "comparison: choose week (over week) or month (over month)",
      "themeId: choose the theme whose share of comments to watch",
    ]);
    expect(problems({ ...share, minSharePercent: 140 })).toEqual(["minSharePercent: at most 100%"]);
    expect(problems({ ...share, minSharePercent: -1 })).toEqual(["minSharePercent: 0% or more"]);
    expect(problems({ ...share, minSharePercent: "five" })).toEqual(["minSharePercent: a share in percent, e.g. 5"]);
    expect(problems({ ...share, metricCode: "nps" })).toEqual(["metricCode: leave it empty: a theme_share rule watches no metric"]);
    expect(problems({ ...share, minSharePercent: 2.5 })).toEqual([]);
    expect(problems({ name: "Drop", kind: "metric_drop", scopeLevel: "all", metricCode: "nps", comparison: "week", themeId: 4, minSharePercent: 5 })).toEqual([
      "themeId: leave it empty: only theme-share rules watch a theme",
      "minSharePercent: leave it empty: only theme-share rules have a minimum share",
    ]);
    // Over all touchpoints a theme's share is the program's one case: it has no owner, so someone else is told.
    expect(problems({ ...share, scopeLevel: "all" })).toEqual([
      "recipients: the whole program's case has no touchpoint owner or department head: tell the CCO role or named people",
    ]);
    expect(problems({ ...share, scopeLevel: "journey", entityId: null })).toEqual([
      "recipients: a journey's case has no touchpoint owner or department head: tell the CCO role or named people",
    ]);
    expect(problems({ ...share, scopeLevel: "all", recipients: { touchpointOwner: false, ccoRole: true } })).toEqual([]);
  });

  it("keeps each word once, whatever its case, and each named person once", () => {
    const rule = alertRuleSchema.parse({ name: "W", kind: "detractor_words", scopeLevel: "all", words: ["Refund", "refund ", "manager"] });
    expect(rule.words).toEqual(["Refund", "manager"]);
    expect(rule.recipients).toEqual({ touchpointOwner: true, departmentHead: false, ccoRole: false, userIds: [] });
    const named = alertRuleSchema.parse({ name: "N", kind: "contacts_up", scopeLevel: "all", comparison: "week", recipients: { userIds: [7, 7, 3] } });
    expect(named.recipients.userIds).toEqual([7, 3]);
  });
});

describe("periods", () => {
  it("the last complete ISO week and calendar month before a moment, and the ones before them", () => {
    expect(lastCompleteWeek(NOW)).toEqual({ from: "2026-03-02", to: "2026-03-08" });
    // A Monday's own week has not ended: the week before it is the last complete one.
    expect(lastCompleteWeek(new Date("2026-03-09T00:00:00Z"))).toEqual({ from: "2026-03-02", to: "2026-03-08" });
    expect(comparisonFor("week", NOW)).toMatchObject({ key: "week:2026-W10", compareTo: { from: "2026-02-23", to: "2026-03-01" } });
    expect(comparisonFor("month", new Date("2026-01-15T00:00:00Z"))).toMatchObject({
      key: "month:2025-12",
      period: { from: "2025-12-01", to: "2025-12-31" },
      compareTo: { from: "2025-11-01", to: "2025-11-30" },
    });
    // ISO years: 29 Dec 2025 starts 2026-W01; 28 Dec 2020 is 2020-W53; 1 Jan 2027 is in 2026-W53.
    expect([weekKey("2025-12-29"), weekKey("2020-12-28"), weekKey("2026-12-28")]).toEqual(["2026-W01", "2020-W53", "2026-W53"]);
  });
});

describe("clearly below target", () => {
  it("counts a week only when the score's whole 95% interval is on the wrong side of the target", () => {
    const ok = (value: number, margin: number) => ({ status: "ok" as const, n: 60, value, margin });
    expect(clearlyBelowTarget(ok(50, 12.7), 80, "higher_is_better")).toBe(true);
    expect(clearlyBelowTarget(ok(76, 8.4), 80, "higher_is_better")).toBe(false);
    expect(clearlyBelowTarget({ status: "insufficient", n: 12, minimum: 30 }, 80, "higher_is_better")).toBe(false);
    // Where lower is better (a wait in minutes, say), above the target is below it.
    expect(clearlyBelowTarget(ok(6, 0.5), 5, "lower_is_better")).toBe(true);
    expect(clearlyBelowTarget(ok(5.3, 0.5), 5, "lower_is_better")).toBe(false);
  });
});

describe("words", () => {
  it("finds a word or phrase whole, in any case and spacing, never inside a longer word", () => {
    expect(matchedWords("I want a REFUND.", ["refund"])).toEqual(["refund"]);
    expect(matchedWords("It was refunded", ["refund"])).toEqual([]);
    expect(matchedWords("Never\n again, said the manager's wife", ["never again", "manager"])).toEqual(["never again", "manager"]);
    expect(matchedWords("managerial", ["manager"])).toEqual([]);
    expect(matchedWords("Café crème (100%) froid", ["crème (100%)", "é"])).toEqual(["crème (100%)"]);
  });
});

describe("rules through the router", () => {
  let w: AlertsWorld;
  beforeAll(async () => {
    w = await alertsWorld();
  });
  afterAll(() => w.database.close());

  it("an admin creates, changes, deactivates and deletes a rule, each audited; names are unique", async () => {
    const admin = createCaller({ db: w.database.db, user: w.people.admin });
    const created = await admin.alerts.createRule({
      name: "Billing NPS",
      kind: "metric_drop",
      scopeLevel: "department",
      entityId: w.departments.Billing,
      metricCode: "nps",
      comparison: "month",
    });
    expect(created).toMatchObject({
      kind: "metric_drop",
      scopeLevel: "department",
      entityId: w.departments.Billing,
      active: true,
      createdById: w.people.admin.id,
    });
    await expect(admin.alerts.createRule({ name: "Billing NPS", kind: "contacts_up", scopeLevel: "all", comparison: "week" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await admin.alerts.updateRule({
      id: created.id,
      name: "Billing NPS, weekly",
      kind: "metric_drop",
      scopeLevel: "department",
      entityId: w.departments.Billing,
      metricCode: "nps",
      comparison: "week",
    });
    await admin.alerts.setRuleActive({ id: created.id, active: false });
    expect((await admin.alerts.rules()).map((r) => [r.name, r.comparison, r.active])).toEqual([["Billing NPS, weekly", "week", false]]);
    await admin.alerts.deleteRule({ id: created.id });
    const actions = await w.database.db.execute<{ action: string }>(sql`select action from audit_log where entity_type = 'alert_rule' order by id`);
    expect(actions.map((a) => a.action)).toEqual(["alert_rule.create", "alert_rule.update", "alert_rule.deactivate", "alert_rule.delete"]);
  });

  it("refuses an entity, a metric or a person that does not exist, naming the field", async () => {
    const admin = createCaller({ db: w.database.db, user: w.people.admin });
    const refused = await admin.alerts
      .createRule({
        name: "Nowhere",
        kind: "metric_drop",
        scopeLevel: "stage",
        entityId: 999_999,
        metricCode: "speed",
        comparison: "week",
        recipients: { userIds: [999_998] },
      })
      .catch((error: TRPCError) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).message).toBe(
      'entityId: no stage has id 999999; choose one from the list; metricCode: there is no metric "speed": use nps, csat, ces or a custom metric\'s code, or experience; recipients.userIds: no active person has id 999998; choose people from the list',
    );
  });

  it("refuses a theme that does not exist, naming the field; a rule on a deleted theme stays, watching nothing", async () => {
    const admin = createCaller({ db: w.database.db, user: w.people.admin });
    const base = { kind: "theme_share", scopeLevel: "touchpoint", comparison: "week", themeId: 999_999 } as const;
    expect(await admin.alerts.createRule({ ...base, name: "Ghost" }).catch((error: TRPCError) => error)).toMatchObject({
      code: "BAD_REQUEST",
      message: "themeId: no theme has id 999999; choose one from the list (Setup › Themes keeps the codebook)",
    });
    const [theme] = await w.database.db.execute<{ id: number }>(sql`insert into themes (name, terms) values ('Noise', '{loud}') returning id`);
    const rule = await admin.alerts.createRule({ ...base, name: "Noise share", themeId: theme!.id, minSharePercent: 5 });
    expect(rule).toMatchObject({ kind: "theme_share", themeId: theme!.id, minSharePercent: 5 });
    expect((await admin.alerts.ruleThemes()).find((t) => t.id === theme!.id)).toEqual({ id: theme!.id, name: "Noise", active: true });
    await w.database.db.execute(sql`delete from themes where id = ${theme!.id}`);
    expect((await admin.alerts.rules()).find((r) => r.id === rule.id)).toMatchObject({ name: "Noise share", themeId: null });
    await admin.alerts.deleteRule({ id: rule.id });
  });

  it("keeps a rule that opened a case: it can only be deactivated", async () => {
    const admin = createCaller({ db: w.database.db, user: w.people.admin });
    const words = await admin.alerts.createRule({ name: "Refunds", kind: "detractor_words", scopeLevel: "all", words: ["refund"] });
    const { batchId } = await ingest(w, spread(w.ids["BIL-BILL"]!, "2026-03-10", 1, [{ nps: 0, comment: "refund" }]));
    expect((await evaluateAlerts(w.database.db, { now: NOW, batchId })).created).toHaveLength(1);
    await expect(admin.alerts.deleteRule({ id: words.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: '"Refunds" has opened 1 alert; deactivate it instead, so those cases keep their rule.',
    });
  });

  it("keeps what a rule that raised alerts is about; its name, people, words, weeks and pause still change", async () => {
    const admin = createCaller({ db: w.database.db, user: w.people.admin });
    const [words] = (await admin.alerts.rules()).filter((r) => r.name === "Refunds");
    const base = {
      id: words!.id,
      name: "Refunds",
      kind: "detractor_words" as const,
      scopeLevel: "all" as const,
      words: ["refund"],
    };
    const refusal = (changes: Record<string, unknown>) => admin.alerts.updateRule({ ...base, ...changes } as typeof base).catch((error: TRPCError) => error);
    const message = (what: string) => `"Refunds" has raised 1 alert; its ${what} cannot change under them: create a new rule instead, or pause this one.`;
    expect(await refusal({ scopeLevel: "touchpoint", entityId: w.ids["BIL-BILL"] })).toMatchObject({ code: "CONFLICT", message: message("scope") });
    expect(await refusal({ kind: "contacts_up", words: null, comparison: "week" })).toMatchObject({
      code: "CONFLICT",
      message: message("kind and comparison"),
    });
    expect(await refusal({ kind: "metric_drop", words: null, metricCode: "nps", comparison: "week" })).toMatchObject({
      code: "CONFLICT",
      message: message("kind, metric and comparison"),
    });
    expect((await admin.alerts.rules()).find((r) => r.id === base.id)).toMatchObject({ kind: "detractor_words", scopeLevel: "all", entityId: null });

    await admin.alerts.updateRule({
      ...base,
      name: "Refunds to call back",
      words: ["refund", "money back"],
      recipients: { touchpointOwner: true, departmentHead: true, ccoRole: false, userIds: [w.people.owner.id] },
      active: false,
    });
    expect((await admin.alerts.rules()).find((r) => r.id === base.id)).toMatchObject({
      name: "Refunds to call back",
      words: ["refund", "money back"],
      recipients: { departmentHead: true, userIds: [w.people.owner.id] },
      active: false,
    });

    // Weeks in a row are not what a case is about: a below-target rule that raised alerts may count more of them.
    const low = await admin.alerts.createRule({ name: "Low NPS", kind: "below_target", scopeLevel: "all", metricCode: "nps", consecutiveWeeks: 1 });
    await w.database.db.execute(sql`
      insert into alerts (rule_id, kind, entity_level, entity_id, entity_key, entity_name, period_key, title, summary, figures, due_at)
      values (${low.id}, 'below_target', 'touchpoint', ${w.ids["BIL-BILL"]!}, 'touchpoint:x', 'The bill', 'streak:2026-W10', 't', 's', '{}', now())`);
    const lowBase = { id: low.id, name: "Low NPS", kind: "below_target" as const, scopeLevel: "all" as const, metricCode: "nps" };
    await admin.alerts.updateRule({ ...lowBase, consecutiveWeeks: 3 });
    expect((await admin.alerts.rules()).find((r) => r.id === low.id)).toMatchObject({ consecutiveWeeks: 3 });
    expect(await admin.alerts.updateRule({ ...lowBase, metricCode: "csat", consecutiveWeeks: 3 }).catch((error: TRPCError) => error)).toMatchObject({
      code: "CONFLICT",
      message: '"Low NPS" has raised 1 alert; its metric cannot change under them: create a new rule instead, or pause this one.',
    });
  });
});

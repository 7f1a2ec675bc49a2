// Setup › Alert rules: each rule said in words from the page's own reads; the form's draft sends only what its kind
// takes (accepted by the router and the domain, and read back unchanged for editing); the server's problems land at
// the form's fields; the alerts raised per rule are the list's total, whatever its limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertRuleSchema, type AlertRuleInput } from "../lib/alerts";
import { handleTrpcRequest } from "../server/api/http";
import { createCaller } from "../server/api/root";
import { evaluateAlerts } from "../server/alerts/evaluate";
import {
  describeRecipients,
  describeRuleWatch,
  draftOf,
  newRuleDraft,
  ruleInput,
  ruleProblems,
  splitWords,
  type RuleChoices,
  type RuleDraft,
} from "../components/alerts/rule-text";
import { createTheme } from "../server/themes/codebook";
import { alertsWorld, ingest, NOW, spread, type AlertsWorld } from "./support/alerts";

let w: AlertsWorld;
let chargeThemeId: number;
const admin = () => createCaller({ db: w.database.db, user: w.people.admin });

/** The choices as the page builds them, from the same procedures. */
async function choices(): Promise<RuleChoices> {
  const api = admin();
  const [touchpoints, model, users, themes] = await Promise.all([
    api.model.touchpoints(),
    api.setup.touchpointChoices(),
    api.admin.users(),
    api.alerts.ruleThemes(),
  ]);
  return {
    touchpoints,
    stages: model.journeys.flatMap((j) => j.stages.map((s) => ({ id: s.id, name: `${j.name} › ${s.name}` }))),
    journeys: model.journeys,
    departments: model.departments,
    metrics: model.metrics,
    themes,
    people: users,
  };
}

const draft = (changes: Partial<RuleDraft>): RuleDraft => ({ ...newRuleDraft, ...changes });
/** A stage's or a journey's case has no owner: its rule tells the CCO role. */
const toTheCco = { ...newRuleDraft.recipients, ccoRole: true };

type ErrorShape = {
  message: string;
  data: { code: string; zodError: Array<{ path: string[]; message: string }> | null; problems: Array<{ field: string; message: string }> };
};

/** The error the browser's tRPC client receives when the form posts this draft to alerts.createRule. */
async function refusal(d: RuleDraft): Promise<ErrorShape> {
  const request = new Request("http://localhost/api/trpc/alerts.createRule?batch=1", {
    method: "POST",
    body: JSON.stringify({ 0: { json: ruleInput(d) } }),
    headers: { "content-type": "application/json" },
  });
  const response = await handleTrpcRequest(request, async () => ({ db: w.database.db, readDb: w.database.db, user: w.people.admin }));
  const [body] = (await response.json()) as Array<{ error?: { json: ErrorShape } }>;
  if (!body?.error) throw new Error("expected alerts.createRule to refuse the draft");
  return body.error.json;
}

beforeAll(async () => {
  w = await alertsWorld();
  chargeThemeId = (
    await createTheme(w.database.db, { id: w.people.admin.id, email: w.people.admin.email }, { name: "Service charge", terms: ["service charge"] })
  ).id;
});
afterAll(async () => {
  await w.database.close();
});

describe("a rule in words", () => {
  it("says what each kind watches, where, and who is told", async () => {
    const c = await choices();
    const dinner = c.journeys.find((j) => j.name === "Dinner")!.id;
    const billing = c.departments.find((d) => d.name === "Billing")!.id;
    const pay = c.stages.find((s) => s.name === "Dinner › Pay")!.id;
    const rule = (r: AlertRuleInput) => alertRuleSchema.parse(r);
    expect(
      describeRuleWatch(
        rule({ name: "a", kind: "metric_drop", scopeLevel: "journey", metricCode: "nps", comparison: "month", recipients: { ccoRole: true } }),
        c,
      ),
    ).toBe("NPS drops significantly month over month, each journey");
    expect(describeRuleWatch(rule({ name: "a", kind: "below_target", scopeLevel: "all", metricCode: "csat", consecutiveWeeks: 3 }), c)).toBe(
      "CSAT below target 3 weeks in a row, every touchpoint",
    );
    expect(describeRuleWatch(rule({ name: "a", kind: "detractor_words", scopeLevel: "all", words: ["refund", "never again", "manager"] }), c)).toBe(
      "A detractor's comment says “refund”, “never again” or “manager”, every touchpoint",
    );
    expect(describeRuleWatch(rule({ name: "a", kind: "contacts_up", scopeLevel: "all", comparison: "week" }), c)).toBe(
      "Contacts caused up significantly week over week, each touchpoint",
    );
    // One entity named; per-touchpoint kinds say they watch the touchpoints in it; the experience score by name.
    expect(
      describeRuleWatch(
        rule({
          name: "a",
          kind: "metric_drop",
          scopeLevel: "stage",
          entityId: pay,
          metricCode: "experience",
          comparison: "week",
          recipients: { ccoRole: true },
        }),
        c,
      ),
    ).toBe("Experience score drops significantly week over week, stage Dinner › Pay");
    expect(
      describeRuleWatch(rule({ name: "a", kind: "below_target", scopeLevel: "journey", entityId: dinner, metricCode: "nps", consecutiveWeeks: 1 }), c),
    ).toBe("NPS below target for 1 week, every touchpoint of journey Dinner");
    expect(describeRuleWatch(rule({ name: "a", kind: "contacts_up", scopeLevel: "department", entityId: billing, comparison: "month" }), c)).toBe(
      "Contacts caused up significantly month over month, department Billing",
    );
    expect(describeRuleWatch(rule({ name: "a", kind: "contacts_up", scopeLevel: "department", entityId: 999_999, comparison: "month" }), c)).toBe(
      "Contacts caused up significantly month over month, department 999999, which no longer exists",
    );
    // A theme's share: over all touchpoints the program at once; its minimum share, a theme gone or paused, in words.
    const share = { name: "a", kind: "theme_share", themeId: chargeThemeId, comparison: "month", recipients: { ccoRole: true } } as const;
    expect(describeRuleWatch(rule({ ...share, scopeLevel: "all", minSharePercent: 2.5 }), c)).toBe(
      "The share of comments on “Service charge” rises significantly month over month to at least 2.5% of comments, the whole program (every touchpoint's comments together)",
    );
    expect(describeRuleWatch(rule({ ...share, scopeLevel: "touchpoint", comparison: "week" }), c)).toBe(
      "The share of comments on “Service charge” rises significantly week over week, each touchpoint",
    );
    expect(describeRuleWatch(rule({ ...share, scopeLevel: "department", entityId: billing, themeId: 999_999 }), c)).toBe(
      "The share of comments on a theme that no longer exists (choose another to evaluate it again) rises significantly month over month, department Billing",
    );
    expect(describeRuleWatch(rule({ ...share, scopeLevel: "all" }), { ...c, themes: c.themes.map((t) => ({ ...t, active: false })) })).toMatch(
      /^The share of comments on “Service charge” \(paused: not evaluated\) rises/,
    );
    const eve = c.people.find((p) => p.name === "Eve Exec")!.id;
    expect(describeRecipients({ touchpointOwner: true, departmentHead: true, ccoRole: true, userIds: [eve] }, c)).toBe(
      "The touchpoint's owner, the department head, the CCO's office and Eve Exec",
    );
    expect(describeRecipients({ touchpointOwner: false, departmentHead: false, ccoRole: false, userIds: [eve, 999_999] }, c)).toBe(
      "Eve Exec and person 999999, who no longer exists",
    );
  });
});

describe("the form's draft", () => {
  it("splits words at commas and line breaks and sends only the fields its kind takes", () => {
    expect(splitWords(" refund, never again\nmanager,,\n ")).toEqual(["refund", "never again", "manager"]);
    // Switched from a drop (metric, week) to detractors' words: the metric and comparison left behind are not sent.
    const words = ruleInput(draft({ name: "Refunds", kind: "detractor_words", metricCode: "nps", comparison: "week", words: "refund, manager" }));
    expect(words).toMatchObject({ metricCode: null, comparison: null, consecutiveWeeks: null, words: ["refund", "manager"] });
    expect(alertRuleSchema.safeParse(words).success).toBe(true);
    expect(ruleInput(draft({ name: "Scoped", kind: "contacts_up", scopeLevel: "all", entityId: 4 }))).toMatchObject({ entityId: null, comparison: "week" });
    // A theme-share draft sends its theme and minimum share ("2,5" read as 2.5); other kinds never do.
    expect(ruleInput(draft({ name: "S", kind: "theme_share", themeId: 3, minSharePercent: "2,5", metricCode: "nps" }))).toMatchObject({
      themeId: 3,
      minSharePercent: 2.5,
      metricCode: null,
      comparison: "week",
    });
    expect(ruleInput(draft({ name: "D", kind: "metric_drop", themeId: 3, minSharePercent: "5" }))).toMatchObject({ themeId: null, minSharePercent: null });
    expect(ruleInput(draft({ name: "Low", kind: "below_target", metricCode: "csat", consecutiveWeeks: "4" }))).toMatchObject({
      consecutiveWeeks: 4,
      comparison: null,
      words: null,
    });
  });

  it("is accepted by alerts.createRule for every kind and read back unchanged for editing", async () => {
    const c = await choices();
    const api = admin();
    const drafts = [
      draft({ name: "Journey NPS", kind: "metric_drop", scopeLevel: "journey", metricCode: "nps", comparison: "month", recipients: toTheCco }),
      draft({ name: "Pay experience", kind: "metric_drop", scopeLevel: "stage", entityId: c.stages[1]!.id, metricCode: "experience", recipients: toTheCco }),
      draft({ name: "Low CSAT", kind: "below_target", scopeLevel: "all", metricCode: "csat", consecutiveWeeks: "3" }),
      draft({
        name: "Refund words",
        kind: "detractor_words",
        scopeLevel: "department",
        entityId: c.departments[0]!.id,
        words: "refund\nnever again",
        recipients: { touchpointOwner: false, departmentHead: true, ccoRole: true, userIds: [c.people[0]!.id] },
        active: false,
      }),
      draft({ name: "Bill contacts", kind: "contacts_up", scopeLevel: "touchpoint", entityId: c.touchpoints[0]!.id, comparison: "week", active: false }),
      draft({
        name: "Charge share",
        kind: "theme_share",
        scopeLevel: "all",
        themeId: chargeThemeId,
        comparison: "month",
        minSharePercent: "2.5",
        recipients: toTheCco,
      }),
      draft({ name: "Charge per touchpoint", kind: "theme_share", scopeLevel: "touchpoint", themeId: chargeThemeId, comparison: "week" }),
    ];
    for (const d of drafts) {
      const created = await api.alerts.createRule(ruleInput(d));
      const reread = (await api.alerts.rules()).find((r) => r.id === created.id)!;
      expect(ruleInput(draftOf(reread))).toEqual({ ...ruleInput(d), words: d.kind === "detractor_words" ? splitWords(d.words) : null });
    }
    // Editing through the same draft: the kind changes, the fields it no longer takes go with it.
    const rule = (await api.alerts.rules()).find((r) => r.name === "Journey NPS")!;
    await api.alerts.updateRule({ ...ruleInput({ ...draftOf(rule), kind: "contacts_up" }), id: rule.id });
    expect((await api.alerts.rules()).find((r) => r.id === rule.id)).toMatchObject({ kind: "contacts_up", metricCode: null, comparison: "month" });
  });
});

describe("the server's problems at the form's fields", () => {
  it("places the schema's issues, the domain's problems and a name clash, as tRPC over HTTP sends them", async () => {
    const words = await refusal(draft({ name: "W", kind: "detractor_words", words: " , " }));
    expect(ruleProblems(words)).toEqual({ byField: { words: 'give at least one word or phrase, e.g. "refund"' }, other: null });
    const nobody = await refusal(draft({ name: "N", recipients: { touchpointOwner: false, departmentHead: false, ccoRole: false, userIds: [] } }));
    expect(ruleProblems(nobody).byField).toEqual({ recipients: "tell someone: the touchpoint's owner, the department head, the CCO role or named people" });
    const journey = await refusal(draft({ name: "J", kind: "metric_drop", scopeLevel: "journey", metricCode: "nps", comparison: "week" }));
    expect(ruleProblems(journey)).toEqual({
      byField: { recipients: "a journey's case has no touchpoint owner or department head: tell the CCO role or named people" },
      other: null,
    });
    // An issue on one of the words ("words.1") is said at the words, naming which.
    expect(ruleProblems(await refusal(draft({ name: "L", kind: "detractor_words", words: `refund, ${"x".repeat(101)}` }))).byField).toEqual({
      words: "word or phrase 2: must be at most 100 characters",
    });
    // A theme-share rule without its theme, or with a share over 100%: said at those fields.
    const share = await refusal(draft({ name: "S", kind: "theme_share", scopeLevel: "touchpoint", minSharePercent: "140" }));
    expect(ruleProblems(share)).toEqual({
      byField: { themeId: "choose the theme whose share of comments to watch", minSharePercent: "at most 100%" },
      other: null,
    });
    const weeks = await refusal(draft({ name: "T", kind: "below_target", metricCode: "csat", consecutiveWeeks: "30" }));
    expect(ruleProblems(weeks)).toEqual({ byField: { consecutiveWeeks: "at most 26 weeks" }, other: null });
    // The domain's refusal: its problems carry their fields.
    const nowhere = await refusal(
      draft({ name: "Nowhere", scopeLevel: "stage", entityId: 999_999, recipients: { ...newRuleDraft.recipients, userIds: [999_998] } }),
    );
    expect(ruleProblems(nowhere)).toEqual({
      byField: { entityId: "no stage has id 999999; choose one from the list", userIds: "no active person has id 999998; choose people from the list" },
      other: null,
    });
    expect(ruleProblems(await refusal(draft({ name: "Low CSAT", kind: "below_target", metricCode: "csat" })))).toEqual({
      byField: { name: 'An alert rule named "Low CSAT" already exists. Choose another name.' },
      other: null,
    });
    // Anything at no field of the form is said under it.
    expect(ruleProblems({ message: "Something else", data: { code: "FORBIDDEN" } })).toEqual({ byField: {}, other: "Something else" });
  });
});

describe("alerts raised per rule", () => {
  it("is the list's total for the rule, whatever its limit; a rule that raised some is refused deletion in words", async () => {
    const api = admin();
    const rule = await api.alerts.createRule(ruleInput(draft({ name: "Refunds", kind: "detractor_words", words: "refund" })));
    const { batchId } = await ingest(
      w,
      spread(w.ids["BIL-BILL"]!, "2026-03-10", 1, [
        { nps: 0, comment: "I want a refund" },
        { nps: 2, comment: "Refund please" },
        { nps: 10, comment: "no refund needed" },
      ]),
    );
    expect((await evaluateAlerts(w.database.db, { now: NOW, batchId })).created).toHaveLength(2);
    const list = await api.alerts.list({ ruleId: rule.id, limit: 1 });
    expect([list.items.length, list.total]).toEqual([1, 2]);
    const other = (await api.alerts.rules()).find((r) => r.name === "Low CSAT")!;
    expect((await api.alerts.list({ ruleId: other.id, limit: 1 })).total).toBe(0);
    await expect(api.alerts.deleteRule({ id: rule.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: '"Refunds" has opened 2 alerts; deactivate it instead, so those cases keep their rule.',
    });
  });
});

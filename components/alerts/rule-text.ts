// Alert rules in words (what a rule watches, who is told) and as the rule form holds them: its draft, what the
// draft sends to alerts.createRule/updateRule, and the server's problems placed at the form's fields.
import { EXPERIENCE_METRIC, type AlertComparison, type AlertRecipients, type AlertRuleInput, type AlertRuleKind, type AlertScopeLevel } from "@/lib/alerts";
import type { RouterOutputs } from "@/lib/router-types";

export type AlertRuleRow = RouterOutputs["alerts"]["rules"][number];

/** Everything a rule may name, as the page reads it from model.touchpoints, setup.touchpointChoices and admin.users. */
export interface RuleChoices {
  touchpoints: ReadonlyArray<{ id: number; code: string; name: string; active: boolean }>;
  /** Named "Journey › Stage", as the alerts name them. */
  stages: ReadonlyArray<{ id: number; name: string }>;
  journeys: ReadonlyArray<{ id: number; name: string; active: boolean }>;
  departments: ReadonlyArray<{ id: number; name: string; active: boolean }>;
  metrics: ReadonlyArray<{ code: string; name: string; kind: string }>;
  /** The codebook's themes (alerts.ruleThemes), paused ones too. */
  themes: ReadonlyArray<{ id: number; name: string; active: boolean }>;
  people: ReadonlyArray<{ id: number; name: string; role: string; active: boolean }>;
}

type EntityLevel = Exclude<AlertScopeLevel, "all">;

/** The kinds as the form's select offers them. */
export const ruleKindLabel: Record<AlertRuleKind, string> = {
  metric_drop: "A metric drops significantly",
  below_target: "A metric stays below target",
  detractor_words: "A detractor's comment uses certain words",
  contacts_up: "Contacts caused go up significantly",
  theme_share: "A theme's share of comments rises significantly",
};

/** The scope select's options: every touchpoint, or one level of the model. */
export const scopeLevelLabel: Record<AlertScopeLevel, string> = {
  all: "All touchpoints",
  touchpoint: "Touchpoints",
  stage: "Journey stages",
  journey: "Journeys",
  department: "Departments",
};

export const entityLevelLabel: Record<EntityLevel, string> = { touchpoint: "Touchpoint", stage: "Stage", journey: "Journey", department: "Department" };

export const comparisonLabel: Record<AlertComparison, string> = { week: "week over week", month: "month over month" };

const standardMetrics = new Set(["nps", "csat", "ces"]);

/** "NPS", "CSAT", "Experience score", or a custom metric's own name. */
export function metricText(code: string, choices: Pick<RuleChoices, "metrics">): string {
  if (code === EXPERIENCE_METRIC) return "Experience score";
  if (standardMetrics.has(code)) return code.toUpperCase();
  return choices.metrics.find((m) => m.code === code)?.name ?? code;
}

/** The entities of one level a rule may name, each with the words it reads in. */
export function entitiesOf(level: EntityLevel, choices: RuleChoices): Array<{ id: number; label: string; active: boolean }> {
  switch (level) {
    case "touchpoint":
      return choices.touchpoints.map((t) => ({ id: t.id, label: `${t.code} ${t.name}`, active: t.active }));
    case "stage":
      return choices.stages.map((s) => ({ id: s.id, label: s.name, active: true }));
    case "journey":
      return choices.journeys.map((j) => ({ id: j.id, label: j.name, active: j.active }));
    case "department":
      return choices.departments.map((d) => ({ id: d.id, label: d.name, active: d.active }));
  }
}

function entityText(level: EntityLevel, id: number, choices: RuleChoices): string {
  const entity = entitiesOf(level, choices).find((e) => e.id === id);
  return entity ? `${level} ${entity.label}` : `${level} ${id}, which no longer exists`;
}

type RuleShape = Pick<
  AlertRuleRow,
  "kind" | "scopeLevel" | "entityId" | "metricCode" | "comparison" | "consecutiveWeeks" | "words" | "themeId" | "minSharePercent"
>;

/**
 * Where a rule looks. Drops, contacts and theme shares compare each entity of the level (or the one named), a theme
 * share over all touchpoints the whole program at once; below-target and detractor rules watch each touchpoint of
 * the scope on its own, as server/alerts/evaluate.ts does.
 */
export function scopeText(rule: Pick<RuleShape, "kind" | "scopeLevel" | "entityId">, choices: RuleChoices): string {
  const perTouchpoint = rule.kind === "below_target" || rule.kind === "detractor_words";
  if (rule.scopeLevel === "all" && rule.kind === "theme_share") return "the whole program (every touchpoint's comments together)";
  if (rule.scopeLevel === "all") return perTouchpoint ? "every touchpoint" : "each touchpoint";
  if (rule.entityId === null) {
    if (!perTouchpoint) return `each ${rule.scopeLevel}`;
    return rule.scopeLevel === "stage" || rule.scopeLevel === "journey" ? "every touchpoint placed in a journey" : "every touchpoint";
  }
  const named = entityText(rule.scopeLevel, rule.entityId, choices);
  return perTouchpoint && rule.scopeLevel !== "touchpoint" ? `every touchpoint of ${named}` : named;
}

/** "a", "a or b", "a, b or c" */
function either(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** "a", "a and b", "a, b and c" */
function all(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** What a rule watches, in one line: "NPS drops significantly month over month, each journey". */
export function describeRuleWatch(rule: RuleShape, choices: RuleChoices): string {
  const scope = scopeText(rule, choices);
  const metric = rule.metricCode ? metricText(rule.metricCode, choices) : "A metric";
  switch (rule.kind) {
    case "metric_drop":
      return `${metric} drops significantly ${comparisonLabel[rule.comparison ?? "week"]}, ${scope}`;
    case "below_target": {
      const weeks = rule.consecutiveWeeks ?? 1;
      return `${metric} below target ${weeks === 1 ? "for 1 week" : `${weeks} weeks in a row`}, ${scope}`;
    }
    case "detractor_words":
      return `A detractor's comment says ${either((rule.words ?? []).map((word) => `“${word}”`))}, ${scope}`;
    case "contacts_up":
      return `Contacts caused up significantly ${comparisonLabel[rule.comparison ?? "month"]}, ${scope}`;
    case "theme_share": {
      const minimum = rule.minSharePercent === null ? "" : ` to at least ${formatPercent(rule.minSharePercent)} of comments`;
      return `The share of comments on ${themeText(rule.themeId, choices)} rises significantly ${comparisonLabel[rule.comparison ?? "month"]}${minimum}, ${scope}`;
    }
  }
}

/** A share as the admin typed it: "5%", "2.5%". */
const formatPercent = (percent: number) => `${Number(percent.toFixed(2))}%`;

/** "“Service charge”", with what became of a paused or deleted theme. */
function themeText(themeId: number | null, choices: Pick<RuleChoices, "themes">): string {
  const theme = themeId === null ? undefined : choices.themes.find((t) => t.id === themeId);
  if (!theme) return "a theme that no longer exists (choose another to evaluate it again)";
  return theme.active ? `“${theme.name}”` : `“${theme.name}” (paused: not evaluated)`;
}

/** Who is told: "The touchpoint's owner, the department head, the CCO's office and Ana Ruiz". */
export function describeRecipients(recipients: AlertRecipients, choices: Pick<RuleChoices, "people">): string {
  const people = recipients.userIds.map((id) => {
    const person = choices.people.find((p) => p.id === id);
    if (!person) return `person ${id}, who no longer exists`;
    return person.active ? person.name : `${person.name} (deactivated: not told)`;
  });
  const parts = [
    ...(recipients.touchpointOwner ? ["the touchpoint's owner"] : []),
    ...(recipients.departmentHead ? ["the department head"] : []),
    ...(recipients.ccoRole ? ["the CCO's office"] : []),
    ...people,
  ];
  const text = parts.length ? all(parts) : "nobody";
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The form's state: text where the admin types (weeks, words), the rule's own fields elsewhere. */
export interface RuleDraft {
  name: string;
  kind: AlertRuleKind;
  scopeLevel: AlertScopeLevel;
  entityId: number | null;
  metricCode: string;
  comparison: AlertComparison;
  consecutiveWeeks: string;
  /** Words or phrases, separated by commas or new lines. */
  words: string;
  themeId: number | null;
  /** A share in percent as typed; empty for any share. */
  minSharePercent: string;
  recipients: AlertRecipients;
  active: boolean;
}

export const newRuleDraft: RuleDraft = {
  name: "",
  kind: "metric_drop",
  scopeLevel: "all",
  entityId: null,
  metricCode: "nps",
  comparison: "week",
  consecutiveWeeks: "3",
  words: "",
  themeId: null,
  minSharePercent: "",
  recipients: { touchpointOwner: true, departmentHead: false, ccoRole: false, userIds: [] },
  active: true,
};

export function draftOf(rule: AlertRuleRow): RuleDraft {
  return {
    name: rule.name,
    kind: rule.kind,
    scopeLevel: rule.scopeLevel,
    entityId: rule.entityId,
    metricCode: rule.metricCode ?? newRuleDraft.metricCode,
    comparison: rule.comparison ?? newRuleDraft.comparison,
    consecutiveWeeks: rule.consecutiveWeeks === null ? newRuleDraft.consecutiveWeeks : String(rule.consecutiveWeeks),
    words: (rule.words ?? []).join(", "),
    themeId: rule.themeId,
    minSharePercent: rule.minSharePercent === null ? "" : String(rule.minSharePercent),
    recipients: rule.recipients,
    active: rule.active,
  };
}

/** Words or phrases as typed, split at commas and line breaks, empty ones dropped. */
export function splitWords(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((word) => word.trim())
    .filter(Boolean);
}

/** What the draft sends: only the fields its kind uses, the others empty, so the schema never refuses a hidden field. */
export function ruleInput(draft: RuleDraft): AlertRuleInput {
  const needsMetric = draft.kind === "metric_drop" || draft.kind === "below_target";
  const needsComparison = draft.kind === "metric_drop" || draft.kind === "contacts_up" || draft.kind === "theme_share";
  const weeks = draft.consecutiveWeeks.trim();
  const minShare = draft.minSharePercent.trim();
  const themeRule = draft.kind === "theme_share";
  return {
    name: draft.name,
    kind: draft.kind,
    scopeLevel: draft.scopeLevel,
    entityId: draft.scopeLevel === "all" ? null : draft.entityId,
    metricCode: needsMetric ? draft.metricCode || null : null,
    comparison: needsComparison ? draft.comparison : null,
    consecutiveWeeks: draft.kind === "below_target" ? (weeks === "" ? null : Number(weeks)) : null,
    words: draft.kind === "detractor_words" ? splitWords(draft.words) : null,
    themeId: themeRule ? draft.themeId : null,
    // A comma as the decimal mark is read as a point ("2,5" is 2.5%).
    minSharePercent: themeRule && minShare !== "" ? Number(minShare.replace(",", ".")) : null,
    recipients: draft.recipients,
    active: draft.active,
  };
}

/** The form's fields the server's problems are said at. */
export type RuleField =
  | "name"
  | "kind"
  | "scopeLevel"
  | "entityId"
  | "metricCode"
  | "comparison"
  | "consecutiveWeeks"
  | "words"
  | "themeId"
  | "minSharePercent"
  | "recipients"
  | "userIds";

const fields = new Set<string>([
  "name",
  "kind",
  "scopeLevel",
  "entityId",
  "metricCode",
  "comparison",
  "consecutiveWeeks",
  "words",
  "themeId",
  "minSharePercent",
  "recipients",
]);

/** The field a problem's path ("words.2", "recipients.userIds", "metricCode") belongs to, or null if none. */
export function fieldOf(path: string): RuleField | null {
  if (path === "recipients.userIds" || path.startsWith("recipients.userIds.")) return "userIds";
  const first = path.split(".")[0] ?? "";
  return fields.has(first) ? (first as RuleField) : null;
}

type ErrorLike = {
  message: string;
  data?: {
    code?: string;
    problems?: ReadonlyArray<{ field: string; message: string }>;
    zodError?: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> | null;
  } | null;
} | null;

/**
 * The server's words by field: the input check's issues and the domain's problems; a name clash (the only
 * conflict a save can meet) at the name. Whatever fits no field comes back as `other`, to be said under the form.
 */
export function ruleProblems(error: ErrorLike): { byField: Partial<Record<RuleField, string>>; other: string | null } {
  if (!error) return { byField: {}, other: null };
  const found = [
    ...(error.data?.zodError ?? []).map((issue) => ({ field: issue.path.map(String).join("."), message: issue.message })),
    ...(error.data?.problems ?? []),
  ];
  const byField: Partial<Record<RuleField, string>> = {};
  let unplaced = false;
  for (const problem of found) {
    const field = fieldOf(problem.field);
    // One of the words ("words.2"): say which, counting from 1 as the admin typed them.
    const nth = /^words\.(\d+)$/.exec(problem.field)?.[1];
    if (field) byField[field] ??= nth === undefined ? problem.message : `word or phrase ${Number(nth) + 1}: ${problem.message}`;
    else unplaced = true;
  }
  if (found.length === 0 && error.data?.code === "CONFLICT") byField.name = error.message;
  const placed = Object.keys(byField).length > 0;
  return { byField, other: placed && !unplaced ? null : error.message };
}

// Alerts' vocabularies and the one rule schema: what an admin may ask to be told about, and who is told.
// Shared by the alerts pages (browser), the router, the CLI and the database schema, so they cannot disagree.
import { z } from "zod";
import { entityId, isoDate, text } from "./schemas";

/** A significant drop; below target for N weeks; a detractor's words; contacts caused up significantly; a theme's share up. */
export const alertRuleKinds = ["metric_drop", "below_target", "detractor_words", "contacts_up", "theme_share"] as const;
export type AlertRuleKind = (typeof alertRuleKinds)[number];

/** Where a rule looks: every touchpoint ("all"), or one level of the model (one entity, or each of that level). */
export const alertScopeLevels = ["all", "touchpoint", "stage", "journey", "department"] as const;
export type AlertScopeLevel = (typeof alertScopeLevels)[number];

/** The periods a drop compares: the last complete ISO week with the week before, or the month with the month before. */
export const alertComparisons = ["week", "month"] as const;
export type AlertComparison = (typeof alertComparisons)[number];

/**
 * What an alert is about: an entity of the model, one response (a detractor's comment), or the whole program (a
 * theme's share over every touchpoint's comments).
 */
export const alertEntityLevels = ["touchpoint", "stage", "journey", "department", "response", "program"] as const;
export type AlertEntityLevel = (typeof alertEntityLevels)[number];

/** A case's life: open → acknowledged → in progress → closed. */
export const alertStatuses = ["open", "acknowledged", "in_progress", "closed"] as const;
export type AlertStatus = (typeof alertStatuses)[number];
/** The statuses that still need someone: the navigation's count. */
export const unresolvedAlertStatuses = ["open", "acknowledged", "in_progress"] as const satisfies readonly AlertStatus[];

/** The steps of a case's timeline. */
export const alertEventKinds = ["created", "assigned", "acknowledged", "started", "commented", "escalated", "closed", "initiative_created"] as const;
export type AlertEventKind = (typeof alertEventKinds)[number];

export const alertNotificationChannels = ["email", "webhook"] as const;
export const alertNotificationStatuses = ["pending", "sent", "failed"] as const;

/** The metric code a drop rule may name besides a metric's own: the touchpoints' rolled-up experience score. */
export const EXPERIENCE_METRIC = "experience";

/** A detractor: NPS 0–6, or CSAT 1–2 (the bottom two answers). */
export const DETRACTOR_NPS_MAX = 6;
export const DETRACTOR_CSAT_MAX = 2;

export const alertRecipientsSchema = z.object({
  touchpointOwner: z.boolean().default(true),
  departmentHead: z.boolean().default(false),
  /** Everyone with the executive role (the CCO's office). */
  ccoRole: z.boolean().default(false),
  userIds: z.array(entityId).max(50, "name at most 50 people").default([]),
});
export type AlertRecipients = z.infer<typeof alertRecipientsSchema>;

const ruleFields = z.object({
  name: text(200).trim().min(1, "give the rule a name"),
  kind: z.enum(alertRuleKinds, { error: `use one of ${alertRuleKinds.join(", ")}` }),
  scopeLevel: z.enum(alertScopeLevels, { error: `use one of ${alertScopeLevels.join(", ")}` }),
  /** One touchpoint, stage, journey or department; null for each one of the level. */
  entityId: entityId.nullable().default(null),
  /** nps, csat, ces, a custom metric's code, or "experience" (drops only). */
  metricCode: text(64).trim().min(1).nullable().default(null),
  comparison: z.enum(alertComparisons, { error: "use week or month" }).nullable().default(null),
  consecutiveWeeks: z.number().int("a whole number of weeks").min(1, "at least 1 week").max(26, "at most 26 weeks").nullable().default(null),
  words: z.array(text(100).trim().min(1, "a word or phrase cannot be empty")).max(50, "at most 50 words or phrases").nullable().default(null),
  /** The theme whose share of comments a theme_share rule watches. */
  themeId: entityId.nullable().default(null),
  /** A theme_share rule fires only when the share is at least this, in percent of comments; null: any share. */
  minSharePercent: z.number({ error: "a share in percent, e.g. 5" }).min(0, "0% or more").max(100, "at most 100%").nullable().default(null),
  recipients: alertRecipientsSchema.default({ touchpointOwner: true, departmentHead: false, ccoRole: false, userIds: [] }),
  active: z.boolean().default(true),
});

type RuleFields = z.infer<typeof ruleFields>;

/** Which fields each kind needs and which it must leave empty, said at the field with what to do. */
function checkRule(rule: RuleFields, context: z.RefinementCtx) {
  const problem = (field: keyof RuleFields, message: string) => context.addIssue({ code: "custom", path: [field], message });
  if (rule.scopeLevel === "all" && rule.entityId !== null) problem("entityId", "leave it empty for every touchpoint, or choose a level");
  const needsMetric = rule.kind === "metric_drop" || rule.kind === "below_target";
  if (needsMetric && !rule.metricCode) problem("metricCode", "choose the metric to watch, e.g. nps or csat");
  if (!needsMetric && rule.metricCode) problem("metricCode", `leave it empty: a ${rule.kind} rule watches no metric`);
  if (rule.kind === "below_target" && rule.metricCode === EXPERIENCE_METRIC)
    problem("metricCode", "targets are set per metric: choose nps, csat, ces or a custom metric");
  const needsComparison = rule.kind === "metric_drop" || rule.kind === "contacts_up" || rule.kind === "theme_share";
  if (needsComparison && !rule.comparison) problem("comparison", "choose week (over week) or month (over month)");
  if (!needsComparison && rule.comparison) problem("comparison", `leave it empty: a ${rule.kind} rule compares no periods`);
  if (rule.kind === "below_target" && rule.consecutiveWeeks === null) problem("consecutiveWeeks", "say for how many weeks in a row, e.g. 3");
  if (rule.kind !== "below_target" && rule.consecutiveWeeks !== null) problem("consecutiveWeeks", "leave it empty: only below-target rules count weeks");
  if (rule.kind === "detractor_words" && !rule.words?.length) problem("words", 'give at least one word or phrase, e.g. "refund"');
  if (rule.kind !== "detractor_words" && rule.words?.length) problem("words", "leave it empty: only detractor rules look for words");
  if (rule.kind === "theme_share" && rule.themeId === null) problem("themeId", "choose the theme whose share of comments to watch");
  if (rule.kind !== "theme_share" && rule.themeId !== null) problem("themeId", "leave it empty: only theme-share rules watch a theme");
  if (rule.kind !== "theme_share" && rule.minSharePercent !== null) problem("minSharePercent", "leave it empty: only theme-share rules have a minimum share");
  const { recipients } = rule;
  // Drops, contacts caused and theme shares on a stage or a journey open that entity's case: it has no touchpoint
  // owner nor department head to tell or to hand it to. (Scope "all" opens each touchpoint's own case, which has
  // owners — but a theme's share over all touchpoints is the program's one case, which has none either.)
  const programCase = rule.kind === "theme_share" && rule.scopeLevel === "all";
  const ownerless =
    (rule.kind === "metric_drop" || rule.kind === "contacts_up" || rule.kind === "theme_share") &&
    (rule.scopeLevel === "stage" || rule.scopeLevel === "journey");
  if (!recipients.touchpointOwner && !recipients.departmentHead && !recipients.ccoRole && recipients.userIds.length === 0)
    problem("recipients", "tell someone: the touchpoint's owner, the department head, the CCO role or named people");
  else if (programCase && !recipients.ccoRole && recipients.userIds.length === 0)
    problem("recipients", "the whole program's case has no touchpoint owner or department head: tell the CCO role or named people");
  else if (ownerless && !recipients.ccoRole && recipients.userIds.length === 0)
    problem("recipients", `a ${rule.scopeLevel}'s case has no touchpoint owner or department head: tell the CCO role or named people`);
}

/** Words kept as the admin typed them, without repeats (case-insensitive); each named person once. */
function tidy(rule: RuleFields): RuleFields {
  const seen = new Set<string>();
  const words = rule.words && rule.words.filter((word) => !seen.has(word.toLowerCase()) && seen.add(word.toLowerCase()));
  return { ...rule, words, recipients: { ...rule.recipients, userIds: [...new Set(rule.recipients.userIds)] } };
}

export const alertRuleSchema = ruleFields.superRefine(checkRule).transform(tidy);
export type AlertRuleInput = z.input<typeof alertRuleSchema>;
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const updateAlertRuleSchema = ruleFields
  .extend({ id: entityId })
  .superRefine(checkRule)
  .transform((rule) => ({ ...tidy(rule), id: rule.id }));

/** What closing a case needs: why it happened and what was done. */
export const closeAlertSchema = z.object({
  id: entityId,
  rootCause: text(4000).trim().nullish(),
  actionTaken: text(4000).trim().nullish(),
  note: text(4000).trim().nullish(),
});

/** The alerts list's filters, as the page's URL and the API carry them. */
export const alertListSchema = z.object({
  status: z
    .array(z.enum(alertStatuses, { error: `use one of ${alertStatuses.join(", ")}` }))
    .max(alertStatuses.length)
    .optional(),
  ruleId: entityId.optional(),
  departmentId: entityId.optional(),
  /** Only alerts at least this many days old. */
  ageDays: z.number().int("a whole number of days").min(0, "0 or more days").max(3650, "at most 3650 days").optional(),
  /** Created on or after this day. */
  from: isoDate.optional(),
  /** Created on or before this day. */
  to: isoDate.optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type AlertListQuery = z.infer<typeof alertListSchema>;

// Runs every active rule: period rules from the roll-ups (the last complete week or month before `now` against
// the one before; theme shares from the theme roll-ups), detractor rules from one import batch's own rows.
// Idempotent: a case per rule, entity and period.
import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { DETRACTOR_CSAT_MAX, DETRACTOR_NPS_MAX, EXPERIENCE_METRIC } from "@/lib/alerts";
import { formatDate } from "@/lib/dates";
import { causedFigure, readCausedDemand, type CausedReads } from "@/server/contacts/caused";
import { addCounts, emptyCounts, score, type MetricCounts } from "@/server/metrics/formulas";
import { buildExperienceTree, type ExperienceTree } from "@/server/scores/experience";
import { loadScoreModel, type ScoreModel } from "@/server/scores/model";
import type { Period } from "@/server/scores/periods";
import { readPeriodCounts, type CountsRow } from "@/server/scores/read-rollups";
import {
  belowTargetWording,
  clearlyBelowTarget,
  contactsUp,
  experienceDrop,
  metricDrop,
  metricName,
  themeShareRise,
  type WeekScore,
  type Wording,
} from "./checks";
import { openAlert, type AlertRow, type Finding } from "./cases";
import { comparisonFor, lastCompleteWeek, weekBefore, weekKey, type Comparison } from "./periods";
import { activeAlertRules, alertRuleThemes, type AlertRuleRow } from "./rules";
import { pooledShare, readThemeCommentCounts, type ThemeCommentRow } from "./theme-share";
import { likePatterns, matchedWords } from "./words";

/** A detractor's comment is a call to make while it is fresh: older responses in a batch (a backfill) open no cases. */
export const DETRACTOR_RECENT_DAYS = 14;
/** How far back a below-target streak is followed, so its start (the alert's period) stays the same week after week. */
const MAX_STREAK_WEEKS = 520;

export interface EvaluationResult {
  created: AlertRow[];
  /** Findings that already had their case (run twice: all of them). */
  existing: number;
}

/** One entity a rule looks at, with the touchpoints whose responses and contacts make it up. */
interface Entity {
  level: "touchpoint" | "stage" | "journey" | "department" | "program";
  id: number;
  name: string;
  touchpointIds: number[];
  touchpointId: number | null;
  departmentId: number | null;
}

function entitiesOf(model: ScoreModel, rule: AlertRuleRow): Entity[] {
  const active = new Set(model.touchpoints.map((tp) => tp.id));
  const only = (ids: number[]) => [...new Set(ids)].filter((id) => active.has(id));
  const pick = <T extends { id: number }>(items: T[]) => (rule.entityId === null ? items : items.filter((item) => item.id === rule.entityId));
  switch (rule.scopeLevel) {
    case "all":
    case "touchpoint":
      return pick(model.touchpoints).map((tp) => ({
        level: "touchpoint",
        id: tp.id,
        name: tp.name,
        touchpointIds: [tp.id],
        touchpointId: tp.id,
        departmentId: tp.departmentId,
      }));
    case "stage":
      return pick(model.journeys.flatMap((journey) => journey.stages.map((stage) => ({ ...stage, journeyName: journey.name })))).map((stage) => ({
        level: "stage",
        id: stage.id,
        name: `${stage.journeyName} › ${stage.name}`,
        touchpointIds: only(stage.touchpointIds),
        touchpointId: null,
        departmentId: null,
      }));
    case "journey":
      return pick(model.journeys).map((journey) => ({
        level: "journey",
        id: journey.id,
        name: journey.name,
        touchpointIds: only(journey.stages.flatMap((stage) => stage.touchpointIds)),
        touchpointId: null,
        departmentId: null,
      }));
    case "department":
      return pick(model.departments).map((department) => ({
        level: "department",
        id: department.id,
        name: department.name,
        touchpointIds: model.touchpoints.filter((tp) => tp.departmentId === department.id).map((tp) => tp.id),
        touchpointId: null,
        departmentId: department.id,
      }));
  }
}

/** The touchpoints a touchpoint-level rule (below target, detractor words) watches: those of its scope, each on its own. */
function touchpointsOf(model: ScoreModel, rule: AlertRuleRow): Entity[] {
  const ids = new Set(entitiesOf(model, rule).flatMap((entity) => entity.touchpointIds));
  return entitiesOf(model, { ...rule, scopeLevel: "all", entityId: null }).filter((tp) => ids.has(tp.id));
}

/** The reads of one evaluation, each made once however many rules need it. */
class Reads {
  private counts = new Map<string, Promise<CountsRow[]>>();
  private trees = new Map<string, Promise<ExperienceTree>>();
  private caused = new Map<string, Promise<CausedReads>>();
  private themeCounts = new Map<string, Promise<ThemeCommentRow[]>>();
  private themes: Promise<Map<number, { name: string; active: boolean }>> | undefined;
  constructor(
    private readonly db: Database,
    readonly model: ScoreModel,
  ) {}

  periodCounts(period: Period): Promise<CountsRow[]> {
    const key = `${period.from}/${period.to}`;
    if (!this.counts.has(key)) this.counts.set(key, readPeriodCounts(this.db, period));
    return this.counts.get(key)!;
  }

  tree(period: Period): Promise<ExperienceTree> {
    const key = `${period.from}/${period.to}`;
    if (!this.trees.has(key))
      this.trees.set(
        key,
        this.periodCounts(period).then((counts) =>
          buildExperienceTree({
            touchpoints: this.model.touchpoints,
            journeys: this.model.journeys,
            departmentIds: this.model.departments.map((d) => d.id),
            scales: this.model.scales,
            counts,
            minimumSample: this.model.minimumSample,
          }),
        ),
      );
    return this.trees.get(key)!;
  }

  themeComments(period: Period): Promise<ThemeCommentRow[]> {
    const key = `${period.from}/${period.to}`;
    if (!this.themeCounts.has(key)) this.themeCounts.set(key, readThemeCommentCounts(this.db, period));
    return this.themeCounts.get(key)!;
  }

  theme(id: number): Promise<{ name: string; active: boolean } | undefined> {
    this.themes ??= alertRuleThemes(this.db).then((rows) => new Map(rows.map((row) => [row.id, row])));
    return this.themes.then((themes) => themes.get(id));
  }

  causedDemand(comparison: Comparison): Promise<CausedReads> {
    if (!this.caused.has(comparison.key)) this.caused.set(comparison.key, readCausedDemand(this.db, comparison.period, comparison.compareTo));
    return this.caused.get(comparison.key)!;
  }
}

/** One metric's counts pooled over touchpoints (each counted once), as a stage's or department's metric tiles pool them. */
function pooled(rows: readonly CountsRow[], touchpointIds: readonly number[], metricCode: string): MetricCounts {
  const wanted = new Set(touchpointIds);
  return rows
    .filter((row) => wanted.has(row.touchpointId) && row.metricCode === metricCode)
    .reduce<MetricCounts>((sum, row) => addCounts(sum, row), emptyCounts());
}

function rollupOf(tree: ExperienceTree, entity: Entity) {
  switch (entity.level) {
    case "touchpoint":
      return tree.touchpoints.get(entity.id)?.experience;
    case "stage":
      return tree.stages.get(entity.id);
    case "journey":
      return tree.journeys.get(entity.id);
    case "department":
      return tree.departments.get(entity.id);
  }
}

function findingOf(rule: AlertRuleRow, entity: Entity, periodKey: string, period: Period | null, wording: Wording): Finding {
  return {
    ruleId: rule.id,
    kind: rule.kind,
    recipients: rule.recipients,
    entityLevel: entity.level,
    entityId: entity.id,
    entityKey: `${entity.level}:${entity.id}`,
    entityName: entity.name,
    periodKey,
    touchpointId: entity.touchpointId,
    departmentId: entity.departmentId,
    responseId: null,
    batchId: null,
    metricCode: rule.metricCode,
    periodFrom: period?.from ?? null,
    periodTo: period?.to ?? null,
    ...wording,
  };
}

async function metricDropFindings(reads: Reads, rule: AlertRuleRow, now: Date): Promise<Finding[]> {
  const comparison = comparisonFor(rule.comparison ?? "week", now);
  const metricCode = rule.metricCode!;
  const { model } = reads;
  const findings: Finding[] = [];
  if (metricCode === EXPERIENCE_METRIC) {
    const [before, after] = await Promise.all([reads.tree(comparison.compareTo), reads.tree(comparison.period)]);
    for (const entity of entitiesOf(model, rule)) {
      const previous = rollupOf(before, entity);
      const current = rollupOf(after, entity);
      const wording = previous && current ? experienceDrop({ entityName: entity.name, ...comparison }, previous, current) : null;
      if (wording) findings.push(findingOf(rule, entity, comparison.key, comparison.period, wording));
    }
    return findings;
  }
  const scale = model.scales.get(metricCode);
  if (!scale) return [];
  const [before, after] = await Promise.all([reads.periodCounts(comparison.compareTo), reads.periodCounts(comparison.period)]);
  const name = metricName(metricCode, model.scales);
  for (const entity of entitiesOf(model, rule)) {
    const input = { metricCode, name, scale, entityName: entity.name, minimumSample: model.minimumSample, ...comparison };
    const wording = metricDrop(input, pooled(before, entity.touchpointIds, metricCode), pooled(after, entity.touchpointIds, metricCode));
    if (wording) findings.push(findingOf(rule, entity, comparison.key, comparison.period, wording));
  }
  return findings;
}

async function belowTargetFindings(reads: Reads, rule: AlertRuleRow, now: Date): Promise<Finding[]> {
  const { model } = reads;
  const metricCode = rule.metricCode!;
  const scale = model.scales.get(metricCode);
  const needed = rule.consecutiveWeeks ?? 1;
  if (!scale) return [];
  const latest = lastCompleteWeek(now);
  const findings: Finding[] = [];
  for (const entity of touchpointsOf(model, rule)) {
    const target = model.targets.find((t) => t.touchpointId === entity.id && t.code === metricCode)?.target;
    if (target === undefined) continue;
    // Week by week back from the latest while each is clearly below target: the streak, and the week it began.
    const run: WeekScore[] = [];
    for (let back = 0; back < MAX_STREAK_WEEKS; back += 1) {
      const week = weekBefore(latest, back);
      const result = score(scale, pooled(await reads.periodCounts(week), [entity.id], metricCode), model.minimumSample);
      if (!clearlyBelowTarget(result, target, scale.direction)) break;
      run.push({ weekKey: weekKey(week.from), from: week.from, to: week.to, score: result });
    }
    if (run.length < needed) continue;
    const name = metricName(metricCode, model.scales);
    const wording = belowTargetWording({ metricCode, name, entityName: entity.name, target }, run);
    findings.push(findingOf(rule, entity, `streak:${run.at(-1)!.weekKey}`, { from: run.at(-1)!.from, to: run[0]!.to }, wording));
  }
  return findings;
}

async function contactsUpFindings(reads: Reads, rule: AlertRuleRow, now: Date): Promise<Finding[]> {
  const comparison = comparisonFor(rule.comparison ?? "month", now);
  const caused = await reads.causedDemand(comparison);
  const findings: Finding[] = [];
  for (const entity of entitiesOf(reads.model, rule)) {
    const figure = causedFigure(caused, entity.touchpointIds, comparison.period, comparison.compareTo);
    const wording = contactsUp(
      { entityName: entity.name, minimumSample: reads.model.minimumSample, ...comparison },
      figure.previous.contacts,
      figure.contacts,
      figure.change,
    );
    if (wording) findings.push(findingOf(rule, entity, comparison.key, comparison.period, { ...wording, figures: { ...wording.figures, cost: figure.cost } }));
  }
  return findings;
}

/** The whole program as one entity: a theme's share over every touchpoint's comments. */
const PROGRAM: Entity = { level: "program", id: 0, name: "Whole program", touchpointIds: [], touchpointId: null, departmentId: null };

/**
 * A theme's share of comments, this period against the one before, for each entity of the rule's scope (scope
 * "all": the whole program, one case). A rule whose theme was deleted or is paused has nothing to watch.
 */
async function themeShareFindings(reads: Reads, rule: AlertRuleRow, now: Date): Promise<Finding[]> {
  const theme = rule.themeId === null ? undefined : await reads.theme(rule.themeId);
  if (!theme?.active) return [];
  const comparison = comparisonFor(rule.comparison ?? "month", now);
  const [before, after] = await Promise.all([reads.themeComments(comparison.compareTo), reads.themeComments(comparison.period)]);
  const entities = rule.scopeLevel === "all" ? [PROGRAM] : entitiesOf(reads.model, rule);
  const findings: Finding[] = [];
  for (const entity of entities) {
    const touchpointIds = entity.level === "program" ? undefined : entity.touchpointIds;
    const input = {
      themeName: theme.name,
      place: entity.level === "program" ? "across the whole program" : `at ${entity.name}`,
      minimumSample: reads.model.minimumSample,
      minSharePercent: rule.minSharePercent,
      ...comparison,
    };
    const wording = themeShareRise(input, pooledShare(before, rule.themeId!, touchpointIds), pooledShare(after, rule.themeId!, touchpointIds));
    if (wording)
      findings.push(findingOf(rule, entity, comparison.key, comparison.period, { ...wording, figures: { themeId: rule.themeId, ...wording.figures } }));
  }
  return findings;
}

type DetractorRow = {
  id: number;
  touchpointId: number;
  respondedAt: string;
  nps: number | null;
  csat: number | null;
  comment: string;
};

/** The batch's recent detractors (NPS 0–6 or CSAT 1–2) whose comment may hold one of the words. */
async function batchDetractors(db: Database, batchId: number, words: string[], now: Date): Promise<DetractorRow[]> {
  if (words.length === 0) return [];
  const since = new Date(now.getTime() - DETRACTOR_RECENT_DAYS * 86_400_000);
  const patterns = sql.join(
    likePatterns(words).map((pattern) => sql`${pattern}`),
    sql`, `,
  );
  return db.execute<DetractorRow>(sql`
    select id, touchpoint_id as "touchpointId", to_char(responded_at at time zone 'UTC', 'YYYY-MM-DD') as "respondedAt", nps, csat, comment
    from survey_responses
    where import_batch_id = ${batchId} and comment is not null and (nps <= ${DETRACTOR_NPS_MAX} or csat <= ${DETRACTOR_CSAT_MAX})
      and responded_at >= ${since.toISOString()}::timestamptz and responded_at <= ${now.toISOString()}::timestamptz
      and comment ilike any (array[${patterns}])
    order by id`);
}

function detractorFindings(model: ScoreModel, rule: AlertRuleRow, rows: readonly DetractorRow[], batchId: number): Finding[] {
  const inScope = new Map(touchpointsOf(model, rule).map((tp) => [tp.id, tp]));
  const findings: Finding[] = [];
  for (const row of rows) {
    const touchpoint = inScope.get(row.touchpointId);
    const matched = matchedWords(row.comment, rule.words ?? []);
    if (!touchpoint || matched.length === 0) continue;
    const answers = [row.nps !== null ? `NPS ${row.nps}` : null, row.csat !== null ? `CSAT ${row.csat}` : null].filter(Boolean).join(", ");
    const quoted = matched.map((word) => `"${word}"`).join(", ");
    findings.push({
      ...findingOf(
        rule,
        touchpoint,
        `day:${row.respondedAt}`,
        { from: row.respondedAt, to: row.respondedAt },
        {
          title: `A detractor at ${touchpoint.name} wrote ${quoted}`,
          // The words the rule looks for, never the respondent's own: the summary reaches executives, mails and
          // webhooks; the comment stays in the figures, which only those who may read the respondent are given.
          summary: `A customer who answered ${answers} at ${touchpoint.name} on ${formatDate(row.respondedAt)} used the words ${quoted}`,
          figures: { nps: row.nps, csat: row.csat, matched, comment: row.comment, respondedAt: row.respondedAt },
        },
      ),
      entityLevel: "response",
      entityId: row.id,
      entityKey: `response:${row.id}`,
      entityName: touchpoint.name,
      responseId: row.id,
      batchId,
    });
  }
  return findings;
}

/**
 * Evaluate every active rule as of `now` (default: this moment) and open the cases that do not exist yet.
 * With `batchId`, detractor rules read that import batch's responses; without, they have nothing to read.
 */
export async function evaluateAlerts(db: Database, options: { now?: Date; batchId?: number | null } = {}): Promise<EvaluationResult> {
  const now = options.now ?? new Date();
  const rules = await activeAlertRules(db);
  if (rules.length === 0) return { created: [], existing: 0 };
  const reads = new Reads(db, await loadScoreModel(db));
  const findings: Finding[] = [];
  const detractorRules = rules.filter((rule) => rule.kind === "detractor_words");
  if (options.batchId != null && detractorRules.length) {
    const rows = await batchDetractors(db, options.batchId, [...new Set(detractorRules.flatMap((rule) => rule.words ?? []))], now);
    for (const rule of detractorRules) findings.push(...detractorFindings(reads.model, rule, rows, options.batchId));
  }
  for (const rule of rules) {
    if (rule.kind === "metric_drop") findings.push(...(await metricDropFindings(reads, rule, now)));
    if (rule.kind === "below_target") findings.push(...(await belowTargetFindings(reads, rule, now)));
    if (rule.kind === "contacts_up") findings.push(...(await contactsUpFindings(reads, rule, now)));
    if (rule.kind === "theme_share") findings.push(...(await themeShareFindings(reads, rule, now)));
  }
  const created: AlertRow[] = [];
  for (const finding of findings) {
    const alert = await openAlert(db, finding, now);
    if (alert) created.push(alert);
  }
  return { created, existing: findings.length - created.length };
}

// The executive overview's data: headline tiles and the failure-demand tile, 12-month trend, journey cards, the
// department × stage heatmap (scores, or contacts caused), moments of truth below target, biggest significant
// movers. Reads only roll-up tables.
import { invalid } from "@/server/errors";
import { readSetting } from "@/server/settings/program-settings";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { change, notComparable, rollupChange, score, type Change, type Rollup, type Score } from "@/server/metrics/formulas";
import { buildExperienceTree, type ExperienceTree } from "./experience";
import type { DashboardFilters } from "./filters";
import { loadScoreModel, type ScoreModel } from "./model";
import { lastDays, periodSchema, previousPeriod, tooLongPeriod, trailingMonths, type Period } from "./periods";
import { latestDataDay, readMonthlyCountsByMonth, readPeriodCounts } from "./read-rollups";
import { locationChoices } from "@/server/locations/choices";
import { readLocationScope } from "@/server/locations/scope";
import { causedBy, causedCells, failureDemandTile, readCausedDemand } from "@/server/contacts/caused";
import { programCurrency } from "@/server/config";

export const HEADLINE_METRICS = ["nps", "csat", "ces"] as const;
const DEFAULT_PERIOD_DAYS = 90;

export function resolvePeriods(filters: DashboardFilters, latest: string | null, maxYears = Infinity): { period: Period; compareTo: Period } {
  const period = filters.from && filters.to ? { from: filters.from, to: filters.to } : lastDays(DEFAULT_PERIOD_DAYS, latest ?? undefined);
  const checked = periodSchema.safeParse(period);
  if (!checked.success) throw invalid(`Period: ${checked.error.issues[0]?.message}`, [{ field: "from", message: checked.error.issues[0]!.message }]);
  const tooLong = tooLongPeriod(period, maxYears);
  if (tooLong) throw invalid(`Period: ${tooLong}`, [{ field: "to", message: tooLong }]);
  const compareTo = filters.compareFrom && filters.compareTo ? { from: filters.compareFrom, to: filters.compareTo } : previousPeriod(period);
  const compareChecked = periodSchema.safeParse(compareTo);
  if (!compareChecked.success)
    throw invalid(`Comparison period: ${compareChecked.error.issues[0]?.message}`, [
      { field: "compareFrom", message: compareChecked.error.issues[0]!.message },
    ]);
  const compareTooLong = tooLongPeriod(compareTo, maxYears);
  if (compareTooLong) throw invalid(`Comparison period: ${compareTooLong}`, [{ field: "compareTo", message: compareTooLong }]);
  return { period, compareTo };
}

/** The view's periods from its filters, defaulting to the last 90 days of data, within the settings' limit. */
export async function dashboardPeriods(db: Queryable, filters: DashboardFilters): Promise<{ period: Period; compareTo: Period }> {
  const [latest, maxYears] = await Promise.all([latestDataDay(db), readSetting(db, "max_period_years")]);
  return resolvePeriods(filters, latest, maxYears);
}

/** The model narrowed to the filters: a journey (its touchpoints only), a department, a channel, a location. */
export function scopedModel(model: ScoreModel, filters: DashboardFilters) {
  const { location, locationIds, problems } = readLocationScope(model.locations, filters.location);
  const inJourney = filters.journeyId
    ? new Set(model.journeys.filter((j) => j.id === filters.journeyId).flatMap((j) => j.stages.flatMap((s) => s.touchpointIds)))
    : undefined;
  const touchpoints = model.touchpoints.filter(
    (tp) =>
      (!filters.departmentId || tp.departmentId === filters.departmentId) &&
      (!filters.channel || tp.channel === filters.channel) &&
      (!inJourney || inJourney.has(tp.id)),
  );
  const kept = new Set(touchpoints.map((tp) => tp.id));
  const journeys = model.journeys
    .filter((j) => !filters.journeyId || j.id === filters.journeyId)
    .map((j) => ({ ...j, stages: j.stages.map((s) => ({ ...s, touchpointIds: s.touchpointIds.filter((id) => kept.has(id)) })) }));
  return { touchpoints, journeys, location, locationIds, problems };
}

async function treeFor(db: Queryable, model: ScoreModel, scope: ReturnType<typeof scopedModel>, period: Period): Promise<ExperienceTree> {
  return buildExperienceTree({
    touchpoints: scope.touchpoints,
    journeys: scope.journeys,
    departmentIds: model.departments.map((d) => d.id),
    scales: model.scales,
    counts: await readPeriodCounts(db, period, undefined, scope.locationIds),
    minimumSample: model.minimumSample,
  });
}

async function monthlyTrend(db: Queryable, model: ScoreModel, scope: ReturnType<typeof scopedModel>, to: string) {
  const months = trailingMonths(12, to);
  // Unfiltered, every touchpoint is in scope: no id list (a thousand bind parameters cost more than the read).
  const only = scope.touchpoints.length === model.touchpoints.length ? undefined : scope.touchpoints.map((tp) => tp.id);
  const byMonth = await readMonthlyCountsByMonth(db, months[0]!, months.at(-1)!, only, scope.locationIds);
  return months.map((month) => {
    const tree = buildExperienceTree({
      touchpoints: scope.touchpoints,
      journeys: scope.journeys,
      departmentIds: [],
      scales: model.scales,
      counts: byMonth.get(month) ?? [],
      minimumSample: model.minimumSample,
    });
    return {
      month,
      program: tree.program,
      metrics: Object.fromEntries(
        HEADLINE_METRICS.map((code): [string, Score] => [code, tree.programMetrics[code] ?? { status: "insufficient", n: 0, minimum: model.minimumSample }]),
      ),
    };
  });
}

async function initiativeSummary(db: Queryable) {
  const rows = await db.execute<{ status: string; count: number; overdue: number }>(sql`
    select status, count(*)::int as count,
      count(*) filter (where due_date < current_date and status not in ('done', 'cancelled'))::int as overdue
    from initiatives group by status`);
  return rows;
}

export async function programOverview(db: Queryable, filters: DashboardFilters) {
  const model = await loadScoreModel(db);
  const { period, compareTo } = await dashboardPeriods(db, filters);
  const scope = scopedModel(model, filters);
  const [current, previous, trend, initiatives, contacts] = await Promise.all([
    treeFor(db, model, scope, period),
    treeFor(db, model, scope, compareTo),
    monthlyTrend(db, model, scope, period.to),
    initiativeSummary(db),
    readCausedDemand(db, period, compareTo, scope.locationIds),
  ]);
  // Unfiltered, failure demand is every contact caused upstream (inactive touchpoints' too); narrowed by a
  // department, journey or channel, the contacts the touchpoints in view caused (as on /failure-demand).
  const narrowed = filters.departmentId || filters.journeyId || filters.channel ? scope.touchpoints.map((tp) => tp.id) : undefined;

  const tiles = {
    program: { score: current.program, change: rollupChange(previous.program, current.program) },
    ...Object.fromEntries(
      HEADLINE_METRICS.map((code) => {
        const scale = model.scales.get(code)!;
        const now = current.programCounts.get(code);
        const before = previous.programCounts.get(code);
        const result: { score: Score; change: Change } = {
          score: now ? score(scale, now, model.minimumSample) : { status: "insufficient", n: 0, minimum: model.minimumSample },
          change: now && before ? change(scale, before, now, model.minimumSample) : notComparable(before?.responseCount ?? 0, now?.responseCount ?? 0),
        };
        return [code, result];
      }),
    ),
  } as { program: { score: Rollup; change: Change } } & Record<(typeof HEADLINE_METRICS)[number], { score: Score; change: Change }>;

  const journeys = scope.journeys.map((journey) => {
    const stages = journey.stages.map((stage) => ({ id: stage.id, name: stage.name, score: current.stages.get(stage.id)! }));
    const scored = stages.filter((s) => s.score.status === "ok") as Array<(typeof stages)[number] & { score: Extract<Rollup, { status: "ok" }> }>;
    const weakest = scored.sort((a, b) => a.score.value - b.score.value)[0] ?? null;
    return {
      id: journey.id,
      name: journey.name,
      persona: journey.persona,
      score: current.journeys.get(journey.id)!,
      change: rollupChange(previous.journeys.get(journey.id)!, current.journeys.get(journey.id)!),
      stages,
      weakestStage: weakest ? { id: weakest.id, name: weakest.name, value: weakest.score.value } : null,
    };
  });

  const heatmap = {
    columns: scope.journeys.flatMap((j) => j.stages.map((s) => ({ journeyId: j.id, journeyName: j.name, stageId: s.id, stageName: s.name }))),
    rows: model.departments
      .filter((d) => !filters.departmentId || d.id === filters.departmentId)
      .map((d) => {
        const owned = scope.touchpoints.filter((tp) => tp.departmentId === d.id).map((tp) => tp.id);
        return {
          departmentId: d.id,
          departmentName: d.name,
          index: current.departments.get(d.id)!,
          cells: scope.journeys.flatMap((j) => j.stages.map((s) => current.cells.get(`${d.id}:${s.id}`) ?? null)),
          /** Contacts caused by the department's touchpoints in view, and per stage (the heatmap's other face). */
          caused: causedBy(contacts.now, owned),
          causedCells: causedCells(
            contacts.now,
            owned,
            scope.journeys.flatMap((j) => j.stages),
          ),
        };
      })
      .filter((row) => row.cells.some((cell) => cell !== null)),
  };

  const touchpointById = new Map(model.touchpoints.map((tp) => [tp.id, tp]));
  const momentsBelowTarget = model.targets
    .filter((t) => touchpointById.get(t.touchpointId)?.momentOfTruth && scope.touchpoints.some((tp) => tp.id === t.touchpointId))
    .flatMap((t) => {
      const result = current.touchpoints.get(t.touchpointId)?.metrics[t.code];
      if (!result || result.status !== "ok" || result.value >= t.target) return [];
      const tp = touchpointById.get(t.touchpointId)!;
      return [
        {
          touchpointId: tp.id,
          code: tp.code,
          name: tp.name,
          ownerName: tp.ownerName,
          metric: t.code,
          value: result.value,
          target: t.target,
          n: result.n,
          margin: result.margin,
        },
      ];
    })
    .sort((a, b) => a.value - a.target - (b.value - b.target));

  const movers = scope.touchpoints
    .map((tp) => {
      const delta = rollupChange(previous.touchpoints.get(tp.id)!.experience, current.touchpoints.get(tp.id)!.experience);
      return { touchpointId: tp.id, code: tp.code, name: tp.name, ownerName: tp.ownerName, change: delta, score: current.touchpoints.get(tp.id)!.experience };
    })
    .filter((m): m is typeof m & { change: Extract<Change, { status: "ok" }> } => m.change.status === "ok" && m.change.significant)
    .sort((a, b) => Math.abs(b.change.difference) - Math.abs(a.change.difference))
    .slice(0, 8);

  return {
    period,
    compareTo,
    minimumSample: model.minimumSample,
    /** Touchpoints the filters leave in view: none means "no touchpoints in this view", not n = 0. */
    touchpointsInView: scope.touchpoints.length,
    tiles,
    failureDemand: failureDemandTile(contacts, narrowed, model.minimumSample),
    currency: programCurrency(),
    trend,
    journeys,
    heatmap,
    momentsBelowTarget,
    movers,
    initiatives,
    filterOptions: filterOptionsOf(model),
    /** Filters the URL asked for that could not be used (an unknown location), named at their field. */
    filterProblems: scope.problems,
  };
}

/** What the filter bar offers: journeys, departments, and locations (regions, then their sites). */
export function filterOptionsOf(model: ScoreModel) {
  return {
    journeys: model.journeys.map((j) => ({ id: j.id, name: j.name })),
    departments: model.departments,
    locations: locationChoices(model.locations),
  };
}

export type ProgramOverview = Awaited<ReturnType<typeof programOverview>>;

// The key-driver view of one scope (program, journey, stage, touchpoint, department; any of them cut to a
// location) and period: the outcome's drivers ranked, each with its performance, and the themes as drivers. Roll-ups only.
import "server-only";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { driverScopes } from "@/lib/key-drivers";
import { entityIdText } from "@/lib/schemas";
import { notFound } from "@/server/errors";
import { addCounts, emptyCounts, Z_95, type MetricCounts } from "@/server/metrics/formulas";
import { readLocationScope } from "@/server/locations/scope";
import { dashboardFiltersSchema, type DashboardFilters } from "@/server/scores/filters";
import { loadScoreModel, type ScoreModel } from "@/server/scores/model";
import { dashboardPeriods } from "@/server/scores/overview";
import { readPeriodCounts } from "@/server/scores/read-rollups";
import { locationChoices } from "@/server/locations/choices";
import { analyseKeyDrivers, type Performance } from "./analysis";
import { readPairSums, readThemeOutcomeSums } from "./read";
import { analyseThemeDrivers } from "./themes";

export const DEFAULT_OUTCOME = "nps";

export const keyDriverQuerySchema = dashboardFiltersSchema.extend({
  scope: z.enum(driverScopes.filter((s) => s !== "location") as ["program", "journey", "stage", "touchpoint", "department"]).default("program"),
  id: entityIdText.optional(),
  /** The metric to explain (its code); NPS's 0–10 answer unless chosen. */
  outcome: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, "use a metric's code, such as nps or csat")
    .optional(),
});
export type KeyDriverQuery = z.input<typeof keyDriverQuerySchema>;

/** The touchpoints of a scope (undefined: every one) and its name, or a not-found in words. */
export function scopeTouchpoints(model: ScoreModel, scope: z.infer<typeof keyDriverQuerySchema>["scope"], id: number | undefined) {
  const need = () => {
    if (id === undefined) throw notFound(`A ${scope} needs its id.`);
    return id;
  };
  switch (scope) {
    case "program":
      return { name: "Whole program", touchpointIds: undefined };
    case "journey": {
      const journey = model.journeys.find((j) => j.id === need());
      if (!journey) throw notFound(`Journey ${id} does not exist or is inactive.`);
      return { name: journey.name, touchpointIds: [...new Set(journey.stages.flatMap((s) => s.touchpointIds))] };
    }
    case "stage": {
      for (const journey of model.journeys) {
        const stage = journey.stages.find((s) => s.id === need());
        if (stage) return { name: `${journey.name} › ${stage.name}`, touchpointIds: stage.touchpointIds, journeyId: journey.id };
      }
      throw notFound(`Stage ${id} does not exist in an active journey.`);
    }
    case "touchpoint": {
      const touchpoint = model.touchpoints.find((tp) => tp.id === need());
      if (!touchpoint) throw notFound(`Touchpoint ${id} does not exist or is inactive.`);
      return { name: touchpoint.name, touchpointIds: [touchpoint.id] };
    }
    case "department": {
      const department = model.departments.find((d) => d.id === need());
      if (!department) throw notFound(`Department ${id} does not exist.`);
      return { name: department.name, touchpointIds: model.touchpoints.filter((tp) => tp.departmentId === department.id).map((tp) => tp.id) };
    }
  }
}

/**
 * Each metric's mean answer over the scope on a 0–100 scale (the scale's lowest answer 0, its highest 100,
 * inverted where lower is better), with its 95% margin: the quadrant's performance axis. The mean, not the
 * metric's headline (a top-2-box share, an NPS), so every driver is measured alike.
 */
function performanceByMetric(model: ScoreModel, counts: Array<MetricCounts & { metricCode: string }>): Map<string, Performance> {
  const pooled = new Map<string, MetricCounts>();
  for (const row of counts) pooled.set(row.metricCode, addCounts(pooled.get(row.metricCode) ?? emptyCounts(), row));
  const result = new Map<string, Performance>();
  for (const [code, total] of pooled) {
    const scale = model.scales.get(code);
    if (!scale) continue;
    const n = total.responseCount;
    if (n < Math.max(2, model.minimumSample)) {
      result.set(code, null);
      continue;
    }
    const mean = total.sum / n;
    const variance = Math.max(0, (total.sumOfSquares - n * mean * mean) / (n - 1));
    const factor = 100 / (scale.scaleMax - scale.scaleMin);
    const upward = (mean - scale.scaleMin) * factor;
    result.set(code, {
      value: scale.direction === "lower_is_better" ? 100 - upward : upward,
      margin: Z_95 * Math.sqrt(variance / n) * factor,
      n,
    });
  }
  return result;
}

export async function keyDriversView(db: Queryable, query: z.infer<typeof keyDriverQuerySchema>) {
  const model = await loadScoreModel(db);
  const filters: DashboardFilters = query;
  const scope = scopeTouchpoints(model, query.scope, query.id);
  const { period } = await dashboardPeriods(db, filters);
  const { location, locationIds, problems } = readLocationScope(model.locations, filters.location);
  const wanted = query.outcome ?? DEFAULT_OUTCOME;
  const outcome = model.scales.has(wanted) ? wanted : DEFAULT_OUTCOME;
  const [pairs, counts, themeSums] = await Promise.all([
    readPairSums(db, period, scope.touchpointIds, locationIds),
    readPeriodCounts(db, period, scope.touchpointIds, locationIds),
    readThemeOutcomeSums(db, period, outcome, scope.touchpointIds, locationIds),
  ]);
  const asked = [...new Set(pairs.flatMap((p) => [p.xCode, p.yCode]))];
  const outcomes = asked
    .filter((code) => model.scales.has(code))
    .map((code) => ({ code, name: model.scales.get(code)!.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const outcomeProblems = query.outcome && !model.scales.has(query.outcome) ? [{ field: "outcome", message: `No metric has the code ${query.outcome}.` }] : [];
  const analysis = analyseKeyDrivers({ outcome, pairs, performance: performanceByMetric(model, counts) });
  return {
    scope: { level: query.scope, id: query.id ?? null, name: scope.name },
    location: location ? { code: location.code, name: location.name } : null,
    period,
    outcome: { code: outcome, name: model.scales.get(outcome)?.name ?? outcome },
    outcomes,
    metricNames: Object.fromEntries([...model.scales].map(([code, s]) => [code, s.name])),
    analysis,
    themeDrivers: analyseThemeDrivers(outcome, themeSums, model.minimumSample),
    choices: {
      journeys: model.journeys.map((j) => ({ id: j.id, name: j.name, stages: j.stages.map((s) => ({ id: s.id, name: s.name })) })),
      touchpoints: model.touchpoints.map((tp) => ({ id: tp.id, code: tp.code, name: tp.name })),
      departments: model.departments,
      locations: locationChoices(model.locations),
    },
    problems: [...problems, ...outcomeProblems],
  };
}

export type KeyDriversView = Awaited<ReturnType<typeof keyDriversView>>;

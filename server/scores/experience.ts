// The experience tree: touchpoint scores rolled up into stages, journeys, the program and departments.
// Pure (no I/O): it takes the model and roll-up counts and applies server/metrics/formulas.ts.
import {
  Z_95,
  addCounts,
  emptyCounts,
  normalise,
  rollUp,
  score,
  type MetricCounts,
  type MetricScale,
  type Rollup,
  type RollupPart,
  type Score,
} from "@/server/metrics/formulas";
import type { CountsRow } from "./read-rollups";

export interface ModelTouchpoint {
  id: number;
  importance: number;
  departmentId: number;
}

export interface ModelJourney {
  id: number;
  stages: Array<{ id: number; touchpointIds: number[] }>;
}

export interface ExperienceInput {
  touchpoints: ModelTouchpoint[];
  journeys: ModelJourney[];
  departmentIds: number[];
  scales: Map<string, MetricScale>;
  counts: CountsRow[];
  minimumSample: number;
}

export interface TouchpointExperience {
  metrics: Record<string, Score>;
  /** The touchpoint's normalised experience score: the mean of its sufficient metrics on 0–100. */
  experience: Rollup;
  part: RollupPart;
}

export interface ExperienceTree {
  touchpoints: Map<number, TouchpointExperience>;
  stages: Map<number, Rollup>;
  journeys: Map<number, Rollup>;
  program: Rollup;
  departments: Map<number, Rollup>;
  /** Department × stage: key `${departmentId}:${stageId}`. */
  cells: Map<string, Rollup>;
  /** Program-wide counts per metric, each touchpoint counted once. */
  programMetrics: Record<string, Score>;
  programCounts: Map<string, MetricCounts>;
  /** Pooled metric scores over a set of touchpoints (a stage, journey or department), each counted once. */
  metricsOf: (touchpointIds: Iterable<number>) => Record<string, Score>;
}

function touchpointExperience(
  metricCounts: Map<string, MetricCounts>,
  scales: Map<string, MetricScale>,
  minimum: number,
  importance: number,
): TouchpointExperience {
  const metrics: Record<string, Score> = {};
  const normalisedValues: number[] = [];
  let variance = 0;
  let n = 0;
  for (const [code, counts] of metricCounts) {
    const scale = scales.get(code);
    if (!scale) continue;
    const result = score(scale, counts, minimum);
    metrics[code] = result;
    n = Math.max(n, counts.responseCount);
    if (result.status !== "ok") continue;
    const { value, factor } = normalise(scale, result.value);
    normalisedValues.push(value);
    variance += ((factor * result.margin) / Z_95) ** 2;
  }
  const k = normalisedValues.length;
  const part: RollupPart =
    k === 0
      ? { normalised: null, n, importance }
      : { normalised: normalisedValues.reduce((a, b) => a + b, 0) / k, n, importance, variance: variance / (k * k) };
  return { metrics, experience: rollUp([part]), part };
}

/** A rolled-up score used as one part of the level above it (journeys count their stages with importance 1). */
function asPart(rollup: Rollup): RollupPart {
  return rollup.status === "ok"
    ? { normalised: rollup.value, n: rollup.n, importance: 1, variance: rollup.variance }
    : { normalised: null, n: rollup.n, importance: 1 };
}

export function buildExperienceTree(input: ExperienceInput): ExperienceTree {
  const byTouchpoint = new Map<number, Map<string, MetricCounts>>();
  const programCounts = new Map<string, MetricCounts>();
  // Only the touchpoints in the tree count: counts for others (outside a filter's scope) are ignored.
  const inTree = new Set(input.touchpoints.map((tp) => tp.id));
  for (const row of input.counts) {
    if (!inTree.has(row.touchpointId)) continue;
    const metrics = byTouchpoint.get(row.touchpointId) ?? new Map<string, MetricCounts>();
    metrics.set(row.metricCode, row);
    byTouchpoint.set(row.touchpointId, metrics);
    programCounts.set(row.metricCode, addCounts(programCounts.get(row.metricCode) ?? emptyCounts(), row));
  }
  const touchpoints = new Map<number, TouchpointExperience>();
  for (const tp of input.touchpoints) {
    touchpoints.set(tp.id, touchpointExperience(byTouchpoint.get(tp.id) ?? new Map(), input.scales, input.minimumSample, tp.importance));
  }
  const departmentOf = new Map(input.touchpoints.map((tp) => [tp.id, tp.departmentId]));
  const partOf = (id: number) => touchpoints.get(id)?.part ?? { normalised: null, n: 0, importance: 1 };

  // n is the number of distinct responses behind a figure: a touchpoint placed in two stages or journeys counts
  // once. Weights are another matter: a journey weighs each of its stages, and the program each journey, by the
  // responses placed there, so a touchpoint shared by two journeys weighs in both (docs/metrics.md).
  const distinctN = (ids: Iterable<number>) => {
    let n = 0;
    for (const id of new Set(ids)) n += partOf(id).n;
    return n;
  };
  const stages = new Map<number, Rollup>();
  const journeys = new Map<number, Rollup>();
  const weightedJourneys = new Map<number, Rollup>();
  const cells = new Map<string, Rollup>();
  for (const journey of input.journeys) {
    for (const stage of journey.stages) {
      stages.set(stage.id, rollUp([...new Set(stage.touchpointIds)].map(partOf)));
      for (const departmentId of input.departmentIds) {
        const owned = stage.touchpointIds.filter((id) => departmentOf.get(id) === departmentId);
        if (owned.length) cells.set(`${departmentId}:${stage.id}`, rollUp(owned.map(partOf)));
      }
    }
    const weighted = rollUp(journey.stages.map((stage) => asPart(stages.get(stage.id)!)));
    weightedJourneys.set(journey.id, weighted);
    journeys.set(journey.id, { ...weighted, n: distinctN(journey.stages.flatMap((stage) => stage.touchpointIds)) });
  }
  const program = rollUp(input.journeys.map((journey) => asPart(weightedJourneys.get(journey.id)!)));
  const departments = new Map<number, Rollup>();
  for (const departmentId of input.departmentIds) {
    departments.set(departmentId, rollUp(input.touchpoints.filter((tp) => tp.departmentId === departmentId).map((tp) => partOf(tp.id))));
  }
  const programMetrics: Record<string, Score> = {};
  for (const [code, counts] of programCounts) {
    const scale = input.scales.get(code);
    if (scale) programMetrics[code] = score(scale, counts, input.minimumSample);
  }
  const metricsOf = (touchpointIds: Iterable<number>) => {
    const pooled = new Map<string, MetricCounts>();
    for (const id of new Set(touchpointIds)) {
      for (const [code, counts] of byTouchpoint.get(id) ?? []) pooled.set(code, addCounts(pooled.get(code) ?? emptyCounts(), counts));
    }
    const result: Record<string, Score> = {};
    for (const [code, counts] of pooled) {
      const scale = input.scales.get(code);
      if (scale) result[code] = score(scale, counts, input.minimumSample);
    }
    return result;
  };
  return {
    metricsOf,
    touchpoints,
    stages,
    journeys,
    program: { ...program, n: distinctN(input.journeys.flatMap((journey) => journey.stages.flatMap((stage) => stage.touchpointIds))) },
    departments,
    cells,
    programMetrics,
    programCounts,
  };
}

// One journey as a map: its stages in order, each touchpoint with owner, department, score and target,
// the emotion curve across stages, and which departments own the weakest steps. Reads roll-ups only.
import { notFound } from "@/server/errors";
import type { Queryable } from "@/db/client";
import { rollupChange } from "@/server/metrics/formulas";
import { buildExperienceTree } from "./experience";
import type { DashboardFilters } from "./filters";
import { loadScoreModel } from "./model";
import { dashboardPeriods, filterOptionsOf } from "./overview";
import { readLocationScope } from "@/server/locations/scope";
import { readPeriodCounts } from "./read-rollups";

export async function journeyView(db: Queryable, journeyId: number, filters: DashboardFilters) {
  const model = await loadScoreModel(db);
  const journey = model.journeys.find((j) => j.id === journeyId);
  if (!journey) throw notFound(`Journey ${journeyId} does not exist or is inactive.`);
  const { period, compareTo } = await dashboardPeriods(db, filters);
  const { locationIds, problems: filterProblems } = readLocationScope(model.locations, filters.location);
  const scope = model.touchpoints.filter(
    (tp) => (!filters.departmentId || tp.departmentId === filters.departmentId) && (!filters.channel || tp.channel === filters.channel),
  );
  const kept = new Set(scope.map((tp) => tp.id));
  const stages = journey.stages.map((s) => ({ ...s, touchpointIds: s.touchpointIds.filter((id) => kept.has(id)) }));
  const tree = async (p: typeof period) =>
    buildExperienceTree({
      touchpoints: scope,
      journeys: [{ id: journey.id, stages }],
      departmentIds: model.departments.map((d) => d.id),
      scales: model.scales,
      counts: await readPeriodCounts(db, p, undefined, locationIds),
      minimumSample: model.minimumSample,
    });
  const [current, previous] = await Promise.all([tree(period), tree(compareTo)]);
  const touchpointById = new Map(model.touchpoints.map((tp) => [tp.id, tp]));
  const departmentName = new Map(model.departments.map((d) => [d.id, d.name]));
  const targetsOf = (id: number) => Object.fromEntries(model.targets.filter((t) => t.touchpointId === id).map((t) => [t.code, t.target]));

  const stageViews = stages.map((stage) => ({
    id: stage.id,
    name: stage.name,
    score: current.stages.get(stage.id)!,
    change: rollupChange(previous.stages.get(stage.id)!, current.stages.get(stage.id)!),
    touchpoints: stage.touchpointIds.map((id) => {
      const tp = touchpointById.get(id)!;
      const scores = current.touchpoints.get(id)!;
      return {
        id,
        code: tp.code,
        name: tp.name,
        channel: tp.channel,
        momentOfTruth: tp.momentOfTruth,
        ownerName: tp.ownerName,
        departmentId: tp.departmentId,
        departmentName: departmentName.get(tp.departmentId) ?? "",
        experience: scores.experience,
        metrics: scores.metrics,
        targets: targetsOf(id),
      };
    }),
  }));

  // The weakest steps: scored touchpoints in the bottom third of this journey, grouped by owning department.
  const scored = stageViews
    .flatMap((s) => s.touchpoints)
    .filter((tp) => tp.experience.status === "ok")
    .sort((a, b) => (a.experience.status === "ok" && b.experience.status === "ok" ? a.experience.value - b.experience.value : 0));
  const weakest = scored.slice(0, Math.max(1, Math.ceil(scored.length / 3)));
  const weakestByDepartment = [...new Set(weakest.map((tp) => tp.departmentName))].map((name) => ({
    departmentName: name,
    touchpoints: weakest.filter((tp) => tp.departmentName === name).map((tp) => tp.name),
  }));

  return {
    journey: { id: journey.id, name: journey.name, persona: journey.persona, description: journey.description },
    period,
    compareTo,
    minimumSample: model.minimumSample,
    score: current.journeys.get(journey.id)!,
    change: rollupChange(previous.journeys.get(journey.id)!, current.journeys.get(journey.id)!),
    stages: stageViews,
    weakestByDepartment: weakestByDepartment.sort((a, b) => b.touchpoints.length - a.touchpoints.length),
    filterOptions: filterOptionsOf(model),
    filterProblems,
  };
}

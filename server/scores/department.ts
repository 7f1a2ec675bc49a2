// One department (silo): its index across all journeys and the contacts its touchpoints cause downstream, each
// touchpoint it owns with score, target, placements and contacts caused, and its owners. Reads roll-ups only.
import { notFound } from "@/server/errors";
import { rollupChange } from "@/server/metrics/formulas";
import { buildExperienceTree } from "./experience";
import type { DashboardFilters } from "./filters";
import { loadScoreModel } from "./model";
import { dashboardPeriods, filterOptionsOf } from "./overview";
import { readLocationScope } from "@/server/locations/scope";
import { readPeriodCounts } from "./read-rollups";
import type { Queryable } from "@/db/client";
import { causedFigure, readCausedDemand } from "@/server/contacts/caused";
import { programCurrency } from "@/server/config";

export async function departmentView(db: Queryable, departmentId: number, filters: DashboardFilters) {
  const model = await loadScoreModel(db);
  const department = model.departments.find((d) => d.id === departmentId);
  if (!department) throw notFound(`Department ${departmentId} does not exist.`);
  const { period, compareTo } = await dashboardPeriods(db, filters);
  const { locationIds, problems: filterProblems } = readLocationScope(model.locations, filters.location);
  const owned = model.touchpoints.filter((tp) => tp.departmentId === departmentId && (!filters.channel || tp.channel === filters.channel));
  const tree = async (p: typeof period) =>
    buildExperienceTree({
      touchpoints: owned,
      journeys: [],
      departmentIds: [departmentId],
      scales: model.scales,
      counts: await readPeriodCounts(db, p, undefined, locationIds),
      minimumSample: model.minimumSample,
    });
  const [current, previous, contacts] = await Promise.all([tree(period), tree(compareTo), readCausedDemand(db, period, compareTo, locationIds)]);
  const placementsOf = (id: number) =>
    model.journeys.flatMap((j) => j.stages.filter((s) => s.touchpointIds.includes(id)).map((s) => ({ journeyId: j.id, label: `${j.name} › ${s.name}` })));
  const touchpoints = owned
    .map((tp) => {
      const scores = current.touchpoints.get(tp.id)!;
      return {
        id: tp.id,
        code: tp.code,
        name: tp.name,
        ownerName: tp.ownerName,
        momentOfTruth: tp.momentOfTruth,
        experience: scores.experience,
        change: rollupChange(previous.touchpoints.get(tp.id)!.experience, scores.experience),
        csat: scores.metrics.csat ?? null,
        csatTarget: model.targets.find((t) => t.touchpointId === tp.id && t.code === "csat")?.target ?? null,
        placements: placementsOf(tp.id),
        caused: causedFigure(contacts, [tp.id], period, compareTo),
      };
    })
    .sort((a, b) => (a.experience.status === "ok" ? a.experience.value : 101) - (b.experience.status === "ok" ? b.experience.value : 101));
  return {
    department,
    period,
    compareTo,
    index: current.departments.get(departmentId)!,
    change: rollupChange(previous.departments.get(departmentId)!, current.departments.get(departmentId)!),
    /** Contacts caused downstream by the touchpoints it owns (in view), with their cost and change. */
    caused: causedFigure(
      contacts,
      owned.map((tp) => tp.id),
      period,
      compareTo,
    ),
    /** Contacts of the period, classified or not: says whether any arrived at all. */
    contactsInPeriod: contacts.now.all,
    currency: programCurrency(),
    touchpoints,
    owners: [...new Set(owned.map((tp) => tp.ownerName).filter((name): name is string => Boolean(name)))],
    filterOptions: filterOptionsOf(model),
    filterProblems,
  };
}

// The location views' data: the league of sites and regions, one site's page (the overview cut to it, with
// the location × stage heatmap) and a touchpoint across sites. Reads the per-location roll-ups only.
import type { Queryable } from "@/db/client";
import { notFound } from "@/server/errors";
import type { DashboardFilters } from "@/server/scores/filters";
import { loadScoreModel } from "@/server/scores/model";
import { dashboardPeriods, filterOptionsOf, programOverview, scopedModel } from "@/server/scores/overview";
import { readCountsByLocation, readPeriodCounts } from "@/server/scores/read-rollups";
import { regionOf, sitesUnder } from "./hierarchy";
import { readLocationScope } from "./scope";
import { buildLeague, stageScoresBySite } from "./league";
import { listInitiatives } from "@/server/initiatives/service";

/** Every site and region ranked on the experience score, within the view's other filters. */
export async function locationLeagueView(db: Queryable, filters: DashboardFilters) {
  const model = await loadScoreModel(db);
  const { period, compareTo } = await dashboardPeriods(db, filters);
  // The league compares locations, so the location filter narrows which rows show, not the counts.
  const scope = scopedModel(model, { ...filters, location: undefined });
  const only = scope.touchpoints.length === model.touchpoints.length ? undefined : scope.touchpoints.map((tp) => tp.id);
  const [byLocation, program] = await Promise.all([readCountsByLocation(db, period, only), readPeriodCounts(db, period, only)]);
  const league = buildLeague({ ...model, touchpoints: scope.touchpoints, journeys: scope.journeys, byLocation, program });
  const within = filters.location ? model.locations.find((l) => l.code === filters.location) : undefined;
  const { problems: filterProblems } = readLocationScope(model.locations, filters.location);
  const shown = within
    ? new Set(
        sitesUnder(model.locations, within.id)
          .map((l) => l.code)
          .concat(within.code),
      )
    : undefined;
  return {
    period,
    compareTo,
    minimumSample: model.minimumSample,
    program: league.program,
    rows: shown ? league.rows.filter((r) => shown.has(r.code)) : league.rows,
    filterOptions: filterOptionsOf(model),
    filterProblems,
  };
}

/** One site (or region): the overview cut to it, its place in the league, and its sites × the journey's stages. */
export async function locationView(db: Queryable, code: string, filters: DashboardFilters) {
  const model = await loadScoreModel(db);
  const location = model.locations.find((l) => l.code === code);
  if (!location) throw notFound(`No site or region has the code ${code}.`);
  const overview = await programOverview(db, { ...filters, location: code });
  const region = regionOf(model.locations, location.id);
  // The heatmap compares this location with its peers: the other sites of its region (or of itself, for a region).
  const peers = sitesUnder(model.locations, location.kind === "region" ? location.id : (region?.id ?? location.id));
  const scope = scopedModel(model, { ...filters, location: undefined });
  const byLocation = await readCountsByLocation(db, overview.period);
  const heatmaps = scope.journeys
    .filter((j) => j.stages.length > 0)
    .map((journey) => {
      const cells = stageScoresBySite(
        { ...model, touchpoints: scope.touchpoints, journeys: scope.journeys, byLocation },
        journey,
        peers.map((p) => p.id),
      );
      return {
        journeyId: journey.id,
        journeyName: journey.name,
        stages: journey.stages.map((s) => ({ id: s.id, name: s.name })),
        rows: peers.map((site) => ({
          code: site.code,
          name: site.name,
          current: site.id === location.id,
          cells: journey.stages.map((s) => cells.get(site.id)!.get(s.id)!),
        })),
      };
    });
  // Site-level initiatives here (at this location or, for a region, at its sites), newest first.
  const here = new Set([location.id, ...sitesUnder(model.locations, location.id).map((l) => l.id)]);
  const initiatives = (await listInitiatives(db)).filter((i) => i.locationId !== null && here.has(i.locationId));
  return {
    initiatives: initiatives.map((i) => ({
      id: i.id,
      title: i.title,
      status: i.status,
      touchpointId: i.touchpointId,
      touchpointName: i.touchpointName,
      locationName: i.locationName,
      ownerName: i.ownerName,
      dueDate: i.dueDate,
      overdue: i.overdue,
    })),
    location: {
      code: location.code,
      name: location.name,
      kind: location.kind,
      managerName: location.managerName,
      active: location.active,
      regionName: region?.name ?? null,
      regionCode: region?.code ?? null,
    },
    sites: location.kind === "region" ? sitesUnder(model.locations, location.id).map((s) => ({ code: s.code, name: s.name })) : [],
    overview,
    heatmaps,
  };
}

/** One touchpoint at every site: which sites pull it down. */
export async function touchpointAcrossSites(db: Queryable, touchpointId: number, filters: DashboardFilters) {
  const model = await loadScoreModel(db);
  const touchpoint = model.touchpoints.find((tp) => tp.id === touchpointId);
  if (!touchpoint) return { rows: [], program: null };
  const { period } = await dashboardPeriods(db, filters);
  const [byLocation, program] = await Promise.all([readCountsByLocation(db, period, [touchpointId]), readPeriodCounts(db, period, [touchpointId])]);
  const league = buildLeague({
    ...model,
    touchpoints: [touchpoint],
    journeys: [{ id: 0, stages: [{ id: 0, touchpointIds: [touchpointId] }] }],
    byLocation,
    program,
  });
  return { rows: league.rows.filter((r) => r.kind !== "region" && r.score.n > 0), program: league.program };
}

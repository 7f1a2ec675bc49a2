// The league of locations, pure: each site's and region's experience score and headline metrics from the
// per-location roll-ups, against the rest of the program (everyone else), so "better" and "worse" are tested.
import { addCounts, change, emptyCounts, rollupChange, subtractCounts, type Change, type Rollup, type Score } from "@/server/metrics/formulas";
import { buildExperienceTree, type ExperienceInput } from "@/server/scores/experience";
import type { CountsRow, LocationCountsRow } from "@/server/scores/read-rollups";
import { regionOf, sitesUnder, type LocationNode } from "./hierarchy";

export const LEAGUE_METRICS = ["nps", "csat", "ces"] as const;

export type LeagueInput = Omit<ExperienceInput, "counts" | "departmentIds"> & {
  locations: ReadonlyArray<LocationNode & { name: string; active: boolean; managerName: string | null }>;
  /** Per-site counts of the period. */
  byLocation: LocationCountsRow[];
  /** The program's counts of the period, every response (with a location or not). */
  program: CountsRow[];
};

export interface LeagueRow {
  code: string;
  name: string;
  kind: "region" | "site" | "none";
  regionName: string | null;
  managerName: string | null;
  active: boolean;
  score: Rollup;
  /** This location against every other response of the program: the significance behind "better"/"worse". */
  vsRest: Change;
  /** Its score less the program's, in points (0–100), when both have one. */
  differenceFromProgram: number | null;
  metrics: Record<string, { score: Score; vsRest: Change }>;
  /** Rank among the ranked rows of its kind (1 is best); null below the minimum sample. */
  rank: number | null;
}

const keyOf = (row: { touchpointId: number; metricCode: string }) => `${row.touchpointId}:${row.metricCode}`;

function sumRows(rows: Iterable<CountsRow>): Map<string, CountsRow> {
  const summed = new Map<string, CountsRow>();
  for (const row of rows) {
    const before = summed.get(keyOf(row)) ?? emptyCounts();
    summed.set(keyOf(row), { ...addCounts(before, row), touchpointId: row.touchpointId, metricCode: row.metricCode });
  }
  return summed;
}

/** The program's counts less a part of them, row by row. */
function rest(program: Map<string, CountsRow>, part: Map<string, CountsRow>): CountsRow[] {
  return [...program.values()].map((row) => {
    const taken = part.get(keyOf(row));
    return taken ? { ...subtractCounts(row, taken), touchpointId: row.touchpointId, metricCode: row.metricCode } : row;
  });
}

export function buildLeague(input: LeagueInput): { rows: LeagueRow[]; program: Rollup } {
  const tree = (counts: CountsRow[]) => buildExperienceTree({ ...input, departmentIds: [], counts });
  const program = sumRows(input.program);
  const programTree = tree([...program.values()]);
  const rowFor = (base: Omit<LeagueRow, "score" | "vsRest" | "differenceFromProgram" | "metrics" | "rank">, counts: Map<string, CountsRow>): LeagueRow => {
    const here = tree([...counts.values()]);
    const elsewhere = tree(rest(program, counts));
    const metrics = Object.fromEntries(
      LEAGUE_METRICS.filter((code) => input.scales.has(code)).map((code) => {
        const scale = input.scales.get(code)!;
        const now = here.programCounts.get(code) ?? emptyCounts();
        const others = elsewhere.programCounts.get(code) ?? emptyCounts();
        const result = here.programMetrics[code] ?? { status: "insufficient" as const, n: 0, minimum: input.minimumSample };
        return [code, { score: result, vsRest: change(scale, others, now, input.minimumSample) }];
      }),
    );
    return {
      ...base,
      score: here.program,
      vsRest: rollupChange(elsewhere.program, here.program),
      differenceFromProgram: here.program.status === "ok" && programTree.program.status === "ok" ? here.program.value - programTree.program.value : null,
      metrics,
      rank: null,
    };
  };

  const rowsBySite = new Map<number, LocationCountsRow[]>();
  for (const row of input.byLocation) rowsBySite.set(row.locationId, [...(rowsBySite.get(row.locationId) ?? []), row]);
  const rows = input.locations.map((location) =>
    rowFor(
      {
        code: location.code,
        name: location.name,
        kind: location.kind,
        regionName: regionOf(input.locations, location.id)?.name ?? null,
        managerName: location.managerName,
        active: location.active,
      },
      sumRows(sitesUnder(input.locations, location.id).flatMap((site) => rowsBySite.get(site.id) ?? [])),
    ),
  );
  // Responses that name no location: the program less every site, shown so the totals visibly add up.
  const located = sumRows(input.byLocation);
  const unlocated = new Map(rest(program, located).map((row) => [keyOf(row), row]));
  const none = rowFor({ code: "", name: "No location", kind: "none", regionName: null, managerName: null, active: true }, unlocated);

  for (const kind of ["site", "region"] as const) {
    const ranked = rows.filter((r) => r.kind === kind && r.score.status === "ok").sort((a, b) => valueOf(b) - valueOf(a));
    ranked.forEach((row, i) => (row.rank = i + 1));
  }
  return { rows: none.score.n > 0 ? [...rows, none] : rows, program: programTree.program };
}

const valueOf = (row: LeagueRow) => (row.score.status === "ok" ? row.score.value : -Infinity);

/** Each site's score at each stage of one journey: the location × stage heatmap ("where does this site break?"). */
export function stageScoresBySite(
  input: Omit<LeagueInput, "program">,
  journey: { id: number; stages: Array<{ id: number; touchpointIds: number[] }> },
  siteIds: number[],
): Map<number, Map<number, Rollup>> {
  const result = new Map<number, Map<number, Rollup>>();
  for (const siteId of siteIds) {
    const counts = [...sumRows(input.byLocation.filter((row) => row.locationId === siteId)).values()];
    const tree = buildExperienceTree({ ...input, journeys: [journey], departmentIds: [], counts });
    result.set(siteId, new Map(journey.stages.map((stage) => [stage.id, tree.stages.get(stage.id)!])));
  }
  return result;
}

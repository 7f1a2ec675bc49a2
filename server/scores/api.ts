// Score rows for the scores API and the `scores` CLI: one row per entity and period, with n, margins and
// `insufficient` flags. Built on the same experience tree as the dashboards (roll-up tables only).
import type { Queryable } from "@/db/client";
import type { Rollup, Score } from "@/server/metrics/formulas";
import { buildExperienceTree, type ExperienceTree } from "./experience";
import { loadScoreModel, type ScoreModel } from "./model";
import { apiParametersSchema, flattenRowHead, resolveApiQuery, type ApiQuery, type ApiRowHead } from "./api-query";
import type { Period } from "./periods";
import { latestDataDay, readCountsByLocation, readPeriodCounts } from "./read-rollups";
import { sitesUnder } from "@/server/locations/hierarchy";
import { buildLeague } from "@/server/locations/league";
import { locationScope } from "@/server/locations/scope";

export const scoreLevels = ["program", "journey", "stage", "touchpoint", "department", "location", "region"] as const;
export const scoreGrains = ["none", "month", "quarter"] as const;

/** The parameters as sent: `from` and `to` may be left out (the last 12 months of data). */
export const scoreParametersSchema = apiParametersSchema(scoreLevels, scoreGrains);

export type ScoreQuery = ApiQuery<(typeof scoreLevels)[number], (typeof scoreGrains)[number]>;

/** Checks the parameters and fills in the period from the last day of survey data (see resolveApiQuery). */
export async function resolveScoreQuery(db: Queryable, raw: unknown): Promise<ScoreQuery> {
  return resolveApiQuery(db, scoreParametersSchema, raw, { latestDay: latestDataDay, countPeriods: (period, grain) => periodsOf(period, grain).length });
}

/** [from, to] cut at calendar month or quarter boundaries; the first and last pieces may be partial. */
export function periodsOf(period: Period, grain: ScoreQuery["grain"]): Array<Period & { label: string }> {
  if (grain === "none") return [{ ...period, label: `${period.from}..${period.to}` }];
  const months = grain === "month" ? 1 : 3;
  const pieces: Array<Period & { label: string }> = [];
  let cursor = new Date(`${period.from}T00:00:00Z`);
  const end = new Date(`${period.to}T00:00:00Z`);
  while (cursor <= end) {
    const startMonth = grain === "month" ? cursor.getUTCMonth() : Math.floor(cursor.getUTCMonth() / 3) * 3;
    const next = new Date(Date.UTC(cursor.getUTCFullYear(), startMonth + months, 1));
    const last = new Date(Math.min(next.getTime() - 86_400_000, end.getTime()));
    const label = grain === "month" ? cursor.toISOString().slice(0, 7) : `${cursor.getUTCFullYear()}-Q${Math.floor(cursor.getUTCMonth() / 3) + 1}`;
    pieces.push({ from: cursor.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10), label });
    cursor = next;
  }
  return pieces;
}

export interface ScoreRow extends ApiRowHead<ScoreQuery["level"]> {
  n: { nps: number; csat: number; ces: number; score: number };
  nps: number | null;
  npsMargin: number | null;
  csat: number | null;
  csatMargin: number | null;
  ces: number | null;
  cesMargin: number | null;
  score: number | null;
  scoreMargin: number | null;
  insufficient: { nps: boolean; csat: boolean; ces: boolean; score: boolean };
}

const valueOf = (s: Score | Rollup | undefined) => (s?.status === "ok" ? s.value : null);
const marginOf = (s: Score | Rollup | undefined) => (s?.status === "ok" ? s.margin : null);

function row(
  base: Pick<ScoreRow, "level" | "id" | "code" | "name">,
  period: Period & { label: string },
  metrics: Record<string, Score>,
  experience: Rollup,
): ScoreRow {
  return {
    ...base,
    period: period.label,
    from: period.from,
    to: period.to,
    n: { nps: metrics.nps?.n ?? 0, csat: metrics.csat?.n ?? 0, ces: metrics.ces?.n ?? 0, score: experience.n },
    nps: valueOf(metrics.nps),
    npsMargin: marginOf(metrics.nps),
    csat: valueOf(metrics.csat),
    csatMargin: marginOf(metrics.csat),
    ces: valueOf(metrics.ces),
    cesMargin: marginOf(metrics.ces),
    score: valueOf(experience),
    scoreMargin: marginOf(experience),
    insufficient: {
      nps: metrics.nps?.status !== "ok",
      csat: metrics.csat?.status !== "ok",
      ces: metrics.ces?.status !== "ok",
      score: experience.status !== "ok",
    },
  };
}

function rowsFor(level: ScoreQuery["level"], model: ScoreModel, tree: ExperienceTree, period: Period & { label: string }): ScoreRow[] {
  switch (level) {
    case "program":
      return [row({ level, id: null, code: null, name: "Program" }, period, tree.programMetrics, tree.program)];
    case "journey":
      return model.journeys.map((j) =>
        row({ level, id: j.id, code: null, name: j.name }, period, tree.metricsOf(j.stages.flatMap((s) => s.touchpointIds)), tree.journeys.get(j.id)!),
      );
    case "stage":
      return model.journeys.flatMap((j) =>
        j.stages.map((s) =>
          row({ level, id: s.id, code: null, name: `${j.name} › ${s.name}` }, period, tree.metricsOf(s.touchpointIds), tree.stages.get(s.id)!),
        ),
      );
    case "department":
      return model.departments.map((d) =>
        row(
          { level, id: d.id, code: null, name: d.name },
          period,
          tree.metricsOf(model.touchpoints.filter((tp) => tp.departmentId === d.id).map((tp) => tp.id)),
          tree.departments.get(d.id)!,
        ),
      );
    case "location":
    case "region":
      return []; // read per location, in locationRows
    case "touchpoint":
      return model.touchpoints.map((tp) => {
        const scores = tree.touchpoints.get(tp.id)!;
        return row({ level, id: tp.id, code: tp.code, name: tp.name }, period, scores.metrics, scores.experience);
      });
  }
}

/** One row per site or per region, from the per-location roll-ups (within `location`, when given). */
async function locationRows(db: Queryable, model: ScoreModel, query: ScoreQuery, period: Period & { label: string }): Promise<ScoreRow[]> {
  const level = query.level as "location" | "region";
  const [byLocation, program] = await Promise.all([readCountsByLocation(db, period), readPeriodCounts(db, period)]);
  const { rows } = buildLeague({ ...model, byLocation, program });
  const within = locationScope(model.locations, query.location).locationIds;
  const kind = level === "location" ? "site" : "region";
  return model.locations
    .filter((l) => l.kind === kind && (!within || within.includes(l.id) || sitesUnder(model.locations, l.id).some((s) => within.includes(s.id))))
    .map((l) => {
      const league = rows.find((r) => r.code === l.code)!;
      const metrics = Object.fromEntries(Object.entries(league.metrics).map(([code, m]) => [code, m.score]));
      return row({ level, id: l.id, code: l.code, name: l.name }, period, metrics, league.score);
    });
}

export async function scoreRows(db: Queryable, query: ScoreQuery): Promise<ScoreRow[]> {
  const model = await loadScoreModel(db);
  const { locationIds } = locationScope(model.locations, query.location);
  const rows: ScoreRow[] = [];
  for (const period of periodsOf({ from: query.from, to: query.to }, query.grain)) {
    if (query.level === "location" || query.level === "region") {
      rows.push(...(await locationRows(db, model, query, period)));
      continue;
    }
    const tree = buildExperienceTree({
      touchpoints: model.touchpoints,
      journeys: model.journeys,
      departmentIds: model.departments.map((d) => d.id),
      scales: model.scales,
      counts: await readPeriodCounts(db, period, undefined, locationIds),
      minimumSample: model.minimumSample,
    });
    rows.push(...rowsFor(query.level, model, tree, period));
  }
  return rows;
}

/** Flat columns for CSV. */
export function flattenScoreRow(r: ScoreRow): Record<string, string | number | boolean | null> {
  return {
    ...flattenRowHead(r),
    n_nps: r.n.nps,
    nps: r.nps,
    nps_margin: r.npsMargin,
    n_csat: r.n.csat,
    csat: r.csat,
    csat_margin: r.csatMargin,
    n_ces: r.n.ces,
    ces: r.ces,
    ces_margin: r.cesMargin,
    n_score: r.n.score,
    score: r.score,
    score_margin: r.scoreMargin,
    insufficient_nps: r.insufficient.nps,
    insufficient_csat: r.insufficient.csat,
    insufficient_ces: r.insufficient.ces,
    insufficient_score: r.insufficient.score,
  };
}

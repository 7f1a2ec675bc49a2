// Key-driver rows for GET /api/v1/drivers and the `drivers` CLI: the parameters checked and filled in as the scores
// API does them, one flat row per driver (or skipped metric, or one for a status without drivers), and per theme.
import "server-only";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { driverScopes, type DriverQuadrant } from "@/lib/key-drivers";
import { entityIdText, isoDate } from "@/lib/schemas";
import { invalid, invalidInput } from "@/server/errors";
import { locationScope } from "@/server/locations/scope";
import { keyDriverMinimum } from "@/server/metrics/key-drivers";
import { locationCode } from "@/server/model/rules";
import { loadScoreModel, type ScoreModel } from "@/server/scores/model";
import { tooLongPeriod, twelveMonthsTo } from "@/server/scores/periods";
import { latestDataDay } from "@/server/scores/read-rollups";
import { readSetting } from "@/server/settings/program-settings";
import type { KeyDriverAnalysis } from "./analysis";
import type { ThemeDriverAnalysis } from "./themes";
import { DEFAULT_OUTCOME, keyDriverQuerySchema, keyDriversView, type KeyDriversView } from "./view";

/** The parameters as sent: only `scope` is needed (the program); `from` and `to` default to the last 12 months of data. */
export const driverParametersSchema = z.object({
  scope: z.enum(driverScopes, { error: `use one of ${driverScopes.join(", ")}` }).default("program"),
  /** A journey's, stage's or department's id; a touchpoint's id or code; a location's id or code. */
  id: z.string().max(64, "must be at most 64 characters").optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  outcome: keyDriverQuerySchema.shape.outcome,
  /** Only responses given at this site, or in this region. */
  location: locationCode.optional(),
});

export interface DriverQuery {
  scope: (typeof driverScopes)[number];
  /** The scope's id as stored (a touchpoint's or location's code is turned into it); null for the program. */
  id: number | null;
  from: string;
  to: string;
  outcome: string;
  /** The site or region the analysis is cut to: `location`, or the scope's own code for scope=location. */
  location: string | null;
}

export const refuse = (field: string, message: string) => invalid(`${field}: ${message}`, [{ field, message }]);

/** The period an API call asked for, filled in (the last 12 months of data unless chosen) and checked, in words. */
export async function apiPeriod(db: Queryable, from: string | undefined, to: string | undefined): Promise<{ from: string; to: string }> {
  to ??= (await latestDataDay(db)) ?? new Date().toISOString().slice(0, 10);
  from ??= twelveMonthsTo(to).from;
  if (from > to) throw refuse("from", `must not be after to (${to})`);
  const tooLong = tooLongPeriod({ from, to }, await readSetting(db, "max_period_years"));
  if (tooLong) throw refuse("to", tooLong);
  return { from, to };
}

/**
 * The scope's id, checked against the model: a number for the tables, or a code where the entity has one. The themes
 * API names its scope `level`; the refusals name the parameter as sent.
 */
export function resolveScopeId(
  model: ScoreModel,
  scope: DriverQuery["scope"],
  id: string | undefined,
  parameter: "scope" | "level" = "scope",
): { id: number | null; code: string | null } {
  if (scope === "program") {
    if (id) throw refuse("id", "the program has no id; leave id out");
    return { id: null, code: null };
  }
  const listed = scope === "location" ? "GET /api/v1/scores?level=location" : `GET /api/v1/scores?level=${scope}`;
  if (!id) throw refuse("id", `${parameter}=${scope} needs the ${scope}'s id (list them with ${listed})`);
  const numeric = entityIdText.safeParse(id);
  if (scope === "touchpoint" || scope === "location") {
    const entities: ReadonlyArray<{ id: number; code: string }> = scope === "touchpoint" ? model.touchpoints : model.locations;
    const found = entities.find((e) => e.code === id || (numeric.success && e.id === numeric.data));
    if (!found) throw refuse("id", `no ${scope === "touchpoint" ? "active touchpoint" : "site or region"} has the id or code ${id}; list them with ${listed}`);
    return { id: found.id, code: found.code };
  }
  if (!numeric.success) throw refuse("id", `a ${scope}'s id ${numeric.error.issues[0]!.message}`);
  const ids =
    scope === "journey"
      ? model.journeys.map((j) => j.id)
      : scope === "stage"
        ? model.journeys.flatMap((j) => j.stages.map((s) => s.id))
        : model.departments.map((d) => d.id);
  const what = scope === "journey" ? "active journey" : scope === "stage" ? "stage of an active journey" : "department";
  if (!ids.includes(numeric.data)) throw refuse("id", `no ${what} has the id ${id}; list them with ${listed}`);
  return { id: numeric.data, code: null };
}

/**
 * Checks the parameters and fills in the period as the scores API does: the last 12 months of data ending on the
 * last day with data unless given, at most max_period_years long. An unknown scope, id, outcome or location is a
 * refusal naming that parameter.
 */
export async function resolveDriverQuery(db: Queryable, raw: unknown): Promise<DriverQuery> {
  const parsed = driverParametersSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { scope, outcome = DEFAULT_OUTCOME, location } = parsed.data;
  const model = await loadScoreModel(db);
  const { id, code } = resolveScopeId(model, scope, parsed.data.id);
  if (!model.scales.has(outcome)) {
    throw refuse("outcome", `no metric has the code ${outcome}; use one of ${[...model.scales.keys()].sort().join(", ")}`);
  }
  if (scope === "location" && location && location !== code) throw refuse("location", "scope=location already names the location; leave location out");
  if (location) locationScope(model.locations, location);
  const { from, to } = await apiPeriod(db, parsed.data.from, parsed.data.to);
  return { scope, id, from, to, outcome, location: scope === "location" ? code : (location ?? null) };
}

export interface DriverRow {
  scope: DriverQuery["scope"];
  id: number | null;
  name: string;
  /** The site's or region's code the figures are cut to; null for every location. */
  location: string | null;
  from: string;
  to: string;
  outcome: string;
  outcomeName: string;
  status: KeyDriverAnalysis["status"];
  /** Responses in the model (the smallest pairwise n); the outcome's responses when there are no drivers. */
  n: number;
  /** Responses the model needs: max(50, 10 × drivers); null when there are no drivers. */
  minimum: number | null;
  rSquared: number | null;
  driver: string | null;
  driverName: string | null;
  /** Share of R² in percent (Johnson's relative weight); the drivers' weights add up to 100. */
  weight: number | null;
  coefficient: number | null;
  standardError: number | null;
  /** The coefficient's 95% margin. */
  margin: number | null;
  significant: boolean | null;
  /** 1 for the most important significant driver; null when not significant (or not a driver). */
  rank: number | null;
  /** Responses that answered this metric and the outcome. */
  driverN: number | null;
  /** The driver's score on the common 0–100 scale, with its 95% margin; null below the minimum sample. */
  performance: number | null;
  performanceMargin: number | null;
  quadrant: DriverQuadrant | null;
  /** Why a metric is left out: it does not vary, more candidates than searched, or not asked together enough. */
  skippedWhy: "constant" | "limit" | "apart" | null;
  /** For `apart`, the metric it was too seldom asked with. */
  skippedWith: string | null;
}

type RowHead = Pick<DriverRow, "scope" | "id" | "name" | "location" | "from" | "to" | "outcome" | "outcomeName">;
type RowBody = Omit<DriverRow, keyof RowHead | "status" | "n" | "minimum" | "rSquared">;

const noDriver: RowBody = {
  driver: null,
  driverName: null,
  weight: null,
  coefficient: null,
  standardError: null,
  margin: null,
  significant: null,
  rank: null,
  driverN: null,
  performance: null,
  performanceMargin: null,
  quadrant: null,
  skippedWhy: null,
  skippedWith: null,
};

/** The rows of one analysis: drivers ranked, then the metrics left out; one row with n and the minimum when it has none. */
export function rowsOfAnalysis(head: RowHead, analysis: KeyDriverAnalysis, metricNames: Readonly<Record<string, string>>): DriverRow[] {
  const nameOf = (code: string) => metricNames[code] ?? code;
  if (analysis.status !== "ok") {
    const minimum = analysis.status === "no_drivers" ? null : analysis.status === "insufficient" ? analysis.minimum : keyDriverMinimum(analysis.drivers.length);
    return [{ ...head, status: analysis.status, n: analysis.n, minimum, rSquared: null, ...noDriver }];
  }
  const model = { status: analysis.status, n: analysis.n, minimum: analysis.minimum, rSquared: analysis.rSquared };
  const drivers = analysis.drivers.map((d): DriverRow => ({
    ...head,
    ...model,
    ...noDriver,
    driver: d.code,
    driverName: nameOf(d.code),
    weight: d.weight,
    coefficient: d.coefficient,
    standardError: d.standardError,
    margin: d.margin,
    significant: d.significant,
    rank: d.rank,
    driverN: d.n,
    performance: d.performance?.value ?? null,
    performanceMargin: d.performance?.margin ?? null,
    quadrant: d.quadrant,
  }));
  const skipped = analysis.skipped.map((s): DriverRow => ({
    ...head,
    ...model,
    ...noDriver,
    driver: s.code,
    driverName: nameOf(s.code),
    driverN: s.n,
    skippedWhy: s.why,
    skippedWith: s.why === "apart" ? s.partner : null,
  }));
  return [...drivers, ...skipped];
}

/** The view's query for the API's: a location scope is the program cut to that location's sites. */
function viewQuery(query: DriverQuery): z.infer<typeof keyDriverQuerySchema> {
  const common = { from: query.from, to: query.to, outcome: query.outcome, location: query.location ?? undefined };
  return query.scope === "location" ? { ...common, scope: "program" } : { ...common, scope: query.scope, id: query.id ?? undefined };
}

function scopeName(query: DriverQuery, view: KeyDriversView): string {
  return query.scope === "location" ? (view.location?.name ?? view.scope.name) : view.scope.name;
}

/** A theme as a driver: its presence's correlation with the outcome, and the outcome with and without it. */
export interface ThemeDriverRow extends RowHead {
  theme: number;
  themeName: string;
  /** ok; insufficient (fewer than `minimum` mention it, or do not); constant (everyone answered the outcome alike). */
  status: "ok" | "insufficient" | "constant";
  /** Commented responses that answered the outcome. */
  n: number;
  /** Of them, those mentioning the theme. */
  mentions: number;
  minimum: number;
  /** Point-biserial correlation of the theme's presence with the outcome, with its Fisher 95% interval and p-value. */
  r: number | null;
  rLow: number | null;
  rHigh: number | null;
  pValue: number | null;
  significant: boolean | null;
  /** 1 for the significant theme with the largest |r|; null when not significant. */
  rank: number | null;
  /** The outcome's mean answer (its own scale) with and without the theme, and the difference with Welch's 95% margin. */
  withMean: number | null;
  withoutMean: number | null;
  difference: number | null;
  differenceMargin: number | null;
}

/** One row per theme mentioned in the scope: ranked ones first, then the rest, then those with too few answers. */
export function rowsOfThemeDrivers(head: RowHead, analysis: ThemeDriverAnalysis): ThemeDriverRow[] {
  return analysis.themes.map((t) => {
    const ok = t.status === "ok" ? t : null;
    return {
      ...head,
      theme: t.themeId,
      themeName: t.name,
      status: t.status,
      n: t.n,
      mentions: t.mentions,
      minimum: analysis.minimum,
      r: ok?.r ?? null,
      rLow: ok?.low ?? null,
      rHigh: ok?.high ?? null,
      pValue: ok?.pValue ?? null,
      significant: ok?.significant ?? null,
      rank: t.rank,
      withMean: ok?.withMean ?? null,
      withoutMean: ok?.withoutMean ?? null,
      difference: ok?.difference ?? null,
      differenceMargin: ok?.margin ?? null,
    };
  });
}

export interface DriverReport {
  rows: DriverRow[];
  /** Themes as drivers of the same outcome, scope and period. */
  themes: ThemeDriverRow[];
}

/** The rows for a checked query (see resolveDriverQuery), read from the roll-ups through the key-driver view. */
export async function driverRows(db: Queryable, query: DriverQuery): Promise<DriverReport> {
  const view = await keyDriversView(db, viewQuery(query));
  const head: RowHead = {
    scope: query.scope,
    id: query.id,
    name: scopeName(query, view),
    location: query.location,
    from: view.period.from,
    to: view.period.to,
    outcome: view.outcome.code,
    outcomeName: view.outcome.name,
  };
  return { rows: rowsOfAnalysis(head, view.analysis, view.metricNames), themes: rowsOfThemeDrivers(head, view.themeDrivers) };
}

/** CSV columns as the other APIs write them: snake_case, in the row's order. */
export function flattenDriverRow(row: DriverRow | ThemeDriverRow): Record<string, string | number | boolean | null> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value]));
}

export const driverFormats = ["json", "csv"] as const;
/** Which rows a CSV holds: the metrics' (one table per CSV), or the themes'. */
export const driverTables = ["drivers", "themes"] as const;

export function driverTable(table: string | undefined): (typeof driverTables)[number] {
  if (table === undefined) return "drivers";
  const parsed = z.enum(driverTables).safeParse(table);
  if (!parsed.success) throw refuse("table", `use one of ${driverTables.join(", ")}`);
  return parsed.data;
}

/** JSON unless `format=csv` or an Accept header that asks for text/csv (and not JSON); any other format is refused. */
export function driverFormat(format: string | undefined, accept: string | null): (typeof driverFormats)[number] {
  if (format !== undefined) {
    const parsed = z.enum(driverFormats).safeParse(format);
    if (!parsed.success) throw refuse("format", `use one of ${driverFormats.join(", ")}`);
    return parsed.data;
  }
  return accept && /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept) ? "csv" : "json";
}

// Theme rows for GET /api/v1/themes and the `themes` CLI: the parameters checked and filled in as the drivers API does
// them, and one flat row per theme (volume, shares, sentiment, change and its significance), read from the roll-ups.
import "server-only";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { isoDate } from "@/lib/schemas";
import { themeLevels } from "@/lib/themes";
import { apiPeriod, refuse, resolveScopeId } from "@/server/drivers/api";
import { invalidInput } from "@/server/errors";
import { locationScope } from "@/server/locations/scope";
import type { NotComparableReason, Proportion } from "@/server/metrics/formulas";
import { locationCode } from "@/server/model/rules";
import { loadScoreModel } from "@/server/scores/model";
import { previousPeriod } from "@/server/scores/periods";
import { themesView, type ThemesView } from "./view";

/** The parameters as sent: all optional; the program over the last 12 months of data unless chosen. */
export const themeParametersSchema = z.object({
  level: z.enum(themeLevels, { error: `use one of ${themeLevels.join(", ")}` }).default("program"),
  /** A journey's, stage's or department's id; a touchpoint's id or code; a location's id or code. */
  id: z.string().max(64, "must be at most 64 characters").optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Only comments given at this site, or in this region. */
  location: locationCode.optional(),
});

export interface ThemeApiQuery {
  level: (typeof themeLevels)[number];
  /** The level's id as stored (a touchpoint's or location's code is turned into it); null for the program. */
  id: number | null;
  from: string;
  to: string;
  /** The comparison period: as long as the period, ending the day before it starts. */
  compareFrom: string;
  compareTo: string;
  /** The site or region the figures are cut to: `location`, or the level's own code for level=location. */
  location: string | null;
}

/**
 * Checks the parameters and fills in the period: the last 12 months of data ending on the last day with data unless
 * given, at most max_period_years long. An unknown level, id or location is a refusal naming that parameter.
 */
export async function resolveThemeQuery(db: Queryable, raw: unknown): Promise<ThemeApiQuery> {
  const parsed = themeParametersSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { level, location } = parsed.data;
  const model = await loadScoreModel(db);
  const { id, code } = resolveScopeId(model, level, parsed.data.id, "level");
  if (level === "location" && location && location !== code) throw refuse("location", "level=location already names the location; leave location out");
  if (location) locationScope(model.locations, location);
  const { from, to } = await apiPeriod(db, parsed.data.from, parsed.data.to);
  const compare = previousPeriod({ from, to });
  return { level, id, from, to, compareFrom: compare.from, compareTo: compare.to, location: level === "location" ? code : (location ?? null) };
}

export interface ThemeRow {
  level: ThemeApiQuery["level"];
  id: number | null;
  /** The scope's name: the program, the journey, the touchpoint, the location… */
  name: string;
  location: string | null;
  from: string;
  to: string;
  compareFrom: string;
  compareTo: string;
  themeId: number;
  theme: string;
  /** Comments mentioning the theme, of every comment in the scope and period. */
  comments: number;
  totalComments: number;
  /** In percent with the Wilson 95% interval; null below the minimum sample of comments. */
  share: number | null;
  shareLow: number | null;
  shareHigh: number | null;
  detractorComments: number;
  totalDetractorComments: number;
  /** Of the detractors' comments, the share mentioning the theme (percent, Wilson interval); null below the minimum. */
  detractorShare: number | null;
  detractorShareLow: number | null;
  detractorShareHigh: number | null;
  /** Mean sentiment score (−1 to 1) of the theme's analysed comments with its 95% margin; null below the minimum. */
  sentiment: number | null;
  sentimentMargin: number | null;
  analysedComments: number;
  previousComments: number;
  previousTotalComments: number;
  previousShare: number | null;
  /** Share now less share then, in percentage points (pooled two-proportion z-test); null when not comparable. */
  change: number | null;
  z: number | null;
  pValue: number | null;
  significant: boolean | null;
  direction: "rising" | "falling" | "steady" | null;
  /** Why there is no change: no comments then or now, or too few on a side. */
  notComparableWhy: NotComparableReason | null;
  /** The minimum sample (setting minimum_sample) the shares and the test need. */
  minimum: number;
}

const percent = (p: Proportion) => (p.status === "ok" ? { value: p.value, low: p.low, high: p.high } : { value: null, low: null, high: null });

/** One row per theme of the view, in its order (most comments first). */
export function rowsOfThemesView(query: ThemeApiQuery, view: ThemesView): ThemeRow[] {
  const head = {
    level: query.level,
    id: query.id,
    name: query.level === "location" ? (view.location?.name ?? view.scope.name) : view.scope.name,
    location: query.location,
    from: view.period.from,
    to: view.period.to,
    compareFrom: view.compareTo.from,
    compareTo: view.compareTo.to,
  };
  return view.themes.map((t): ThemeRow => {
    const share = percent(t.share);
    const detractorShare = percent(t.detractorShare);
    const ok = t.change.status === "ok" ? t.change : null;
    return {
      ...head,
      themeId: t.themeId,
      theme: t.name,
      comments: t.comments,
      totalComments: view.totals.comments,
      share: share.value,
      shareLow: share.low,
      shareHigh: share.high,
      detractorComments: t.detractorComments,
      totalDetractorComments: view.totals.detractorComments,
      detractorShare: detractorShare.value,
      detractorShareLow: detractorShare.low,
      detractorShareHigh: detractorShare.high,
      sentiment: t.sentiment?.mean ?? null,
      sentimentMargin: t.sentiment?.margin ?? null,
      analysedComments: t.analysedComments,
      previousComments: t.previous.comments,
      previousTotalComments: view.totals.previousComments,
      previousShare: percent(t.previous.share).value,
      change: ok?.difference ?? null,
      z: ok?.z ?? null,
      pValue: ok?.pValue ?? null,
      significant: ok?.significant ?? null,
      direction: ok?.direction ?? null,
      notComparableWhy: t.change.status === "not_comparable" ? t.change.reason : null,
      minimum: view.minimumSample,
    };
  });
}

/** The rows for a checked query (see resolveThemeQuery), read from the roll-ups through the themes view. */
export async function themeRows(db: Queryable, query: ThemeApiQuery): Promise<ThemeRow[]> {
  const common = { from: query.from, to: query.to, location: query.location ?? undefined };
  const view = await themesView(db, query.level === "program" ? { ...common, level: "program" } : { ...common, level: query.level, id: query.id ?? undefined });
  return rowsOfThemesView(query, view);
}

/** CSV columns as the other APIs write them: snake_case, in the row's order. */
export function flattenThemeRow(row: ThemeRow): Record<string, string | number | boolean | null> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value]));
}

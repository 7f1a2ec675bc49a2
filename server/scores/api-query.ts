// The parameters the scores and contacts APIs share: level, period, grain and location or region, checked and
// filled in one way, so both answer the same words for the same mistake and default to the same period.
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { MAX_PERIODS_PER_ENTITY } from "@/lib/limits";
import { isoDate } from "@/lib/schemas";
import { invalid, invalidInput } from "@/server/errors";
import { locationCode } from "@/server/model/rules";
import { readSetting } from "@/server/settings/program-settings";
import { loadScoreModel } from "./model";
import { tooLongPeriod, twelveMonthsTo, type Period } from "./periods";

type Choices = readonly [string, ...string[]];

/** The parameters as sent for an API's levels and grains: `from` and `to` may be left out, grain defaults to none. */
export function apiParametersSchema<const Levels extends Choices, const Grains extends readonly ["none", ...string[]]>(levels: Levels, grains: Grains) {
  return z.object({
    level: z.enum(levels, { error: `use one of ${levels.join(", ")}` }),
    from: isoDate.optional(),
    to: isoDate.optional(),
    grain: z.enum(grains, { error: `use one of ${grains.join(", ")}` }).default("none" as Grains[number]),
    /** Only what happened at this site, or in this region (a region's code works here too). */
    location: locationCode.optional(),
    /** Only what happened in this region. */
    region: locationCode.optional(),
  });
}

export interface ApiQuery<Level extends string, Grain extends string> {
  level: Level;
  grain: Grain;
  from: string;
  to: string;
  location?: string;
}

export interface ApiQueryRules<Grain extends string> {
  /** The last day with data: the default period ends there (today when there is none). */
  latestDay: (db: Queryable) => Promise<string | null>;
  /** How many periods `grain` cuts the period into. */
  countPeriods: (period: Period, grain: Grain) => number;
}

/**
 * Checks the parameters and fills in the period: the last 12 months of data unless given, at most
 * max_period_years long, and never more than MAX_PERIODS_PER_ENTITY periods per entity.
 */
export async function resolveApiQuery<Level extends string, Grain extends string>(
  db: Queryable,
  schema: z.ZodType<Omit<ApiQuery<Level, Grain>, "from" | "to"> & { from?: string; to?: string; region?: string }>,
  raw: unknown,
  rules: ApiQueryRules<Grain>,
): Promise<ApiQuery<Level, Grain>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { level, grain, location, region } = parsed.data;
  await checkLocation(db, location, region);
  let { from, to } = parsed.data;
  if (!from || !to) {
    const latest = (await rules.latestDay(db)) ?? new Date().toISOString().slice(0, 10);
    to ??= latest;
    from ??= twelveMonthsTo(to).from;
  }
  if (from > to) throw invalid("from: must not be after to", [{ field: "from", message: `must not be after to (${to})` }]);
  const tooLong = tooLongPeriod({ from, to }, await readSetting(db, "max_period_years"));
  if (tooLong) throw invalid(`to: ${tooLong}`, [{ field: "to", message: tooLong }]);
  const periods = rules.countPeriods({ from, to }, grain);
  if (periods > MAX_PERIODS_PER_ENTITY) {
    const message = `grain ${grain} splits this period into ${periods} periods; at most ${MAX_PERIODS_PER_ENTITY} per entity: use a coarser grain or a shorter period`;
    throw invalid(`grain: ${message}`, [{ field: "grain", message }]);
  }
  return { level, grain, from, to, location: location ?? region };
}

/** A location is any site's or region's code, a region only a region's; never both at once. */
async function checkLocation(db: Queryable, location: string | undefined, region: string | undefined): Promise<void> {
  if (location && region) throw invalid("region: give location or region, not both", [{ field: "region", message: "give location or region, not both" }]);
  if (!location && !region) return;
  const model = await loadScoreModel(db);
  const found = model.locations.find((l) => l.code === (location ?? region));
  if (location && !found) {
    const message = `no site or region has the code ${location}`;
    throw invalid(`location: ${message}`, [{ field: "location", message }]);
  }
  if (region && (!found || found.kind !== "region")) {
    const message = found ? `${region} is a site; use location=${region}` : `no region has the code ${region}`;
    throw invalid(`region: ${message}`, [{ field: "region", message }]);
  }
}

/** What every API row starts with: the entity (id and code where it has them) and the period it covers. */
export interface ApiRowHead<Level extends string> {
  level: Level;
  id: number | null;
  code: string | null;
  name: string;
  period: string;
  from: string;
  to: string;
}

/** The first CSV columns of every API row, in this order. */
export function flattenRowHead<Level extends string>(r: ApiRowHead<Level>): ApiRowHead<Level> {
  return { level: r.level, id: r.id, code: r.code, name: r.name, period: r.period, from: r.from, to: r.to };
}

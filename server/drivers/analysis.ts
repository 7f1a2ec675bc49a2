// Key drivers for one scope and period, pure: which metrics to take as drivers, their correlation matrix from the
// pair sums, Johnson's relative weights, and each driver's place on the importance × performance quadrant.
import type { DriverQuadrant } from "@/lib/key-drivers";
import { correlationFromSums, keyDriverMinimum, relativeWeights, type PairSums } from "@/server/metrics/key-drivers";

/** One pair of metrics' sums over a scope and period, as read from the pair roll-ups. */
export type PairRow = PairSums & { xCode: string; yCode: string };

/** A driver's score on the common 0–100 scale (100 best), with its 95% margin and n; null below the minimum sample. */
export type Performance = { value: number; margin: number; n: number } | null;

export interface DriverInput {
  outcome: string;
  pairs: PairRow[];
  performance: ReadonlyMap<string, Performance>;
}

export interface SkippedDriver {
  code: string;
  n: number;
  reason: string;
}

export interface RankedDriver {
  code: string;
  weight: number;
  coefficient: number;
  standardError: number;
  margin: number;
  significant: boolean;
  /** 1 for the most important significant driver; null for a driver that is not significant. */
  rank: number | null;
  /** Responses that answered this driver and the outcome. */
  n: number;
  performance: Performance;
  quadrant: DriverQuadrant | null;
}

export type KeyDriverAnalysis =
  | { status: "no_drivers"; outcome: string; n: number; skipped: SkippedDriver[] }
  | { status: "insufficient"; outcome: string; n: number; minimum: number; drivers: string[]; skipped: SkippedDriver[] }
  | { status: "singular"; outcome: string; n: number; reason: string; drivers: string[]; skipped: SkippedDriver[] }
  | {
      status: "ok";
      outcome: string;
      /** Pairwise-complete responses: the smallest n over every pair of the model's metrics. */
      n: number;
      minimum: number;
      rSquared: number;
      drivers: RankedDriver[];
      skipped: SkippedDriver[];
      /** Where the quadrant lines are drawn: the mean weight (100 ÷ drivers) and the drivers' mean performance. */
      thresholds: { weight: number; performance: number | null };
    };

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

function pairIndex(pairs: PairRow[]): Map<string, PairSums> {
  return new Map(pairs.map((p) => [pairKey(p.xCode, p.yCode), p]));
}

/**
 * The drivers, most often answered with the outcome first. A candidate joins only when it was asked with the
 * outcome and with every driver already taken in at least half as many responses as the first: metrics from
 * different surveys (never in the same response) cannot share one correlation matrix.
 */
export function selectDrivers(outcome: string, pairs: PairRow[]): { drivers: string[]; skipped: SkippedDriver[] } {
  const index = pairIndex(pairs);
  const nOf = (a: string, b: string) => index.get(pairKey(a, b))?.n ?? 0;
  const candidates = [...new Set(pairs.flatMap((p) => [p.xCode, p.yCode]))]
    .filter((code) => code !== outcome && nOf(code, outcome) > 0)
    .sort((a, b) => nOf(b, outcome) - nOf(a, outcome) || a.localeCompare(b));
  const drivers: string[] = [];
  const skipped: SkippedDriver[] = [];
  const floor = candidates.length > 0 ? nOf(candidates[0]!, outcome) / 2 : 0;
  for (const code of candidates) {
    const n = nOf(code, outcome);
    const sums = index.get(pairKey(code, outcome))!;
    if (correlationFromSums(sums) === null) {
      skipped.push({ code, n, reason: "every response gave it (or the outcome) the same answer, so it cannot explain any difference" });
      continue;
    }
    const apart = drivers.find((other) => nOf(code, other) < floor);
    if (n < floor || apart) {
      skipped.push({
        code,
        n,
        reason: apart ? `asked in too few of the same responses as ${apart} (n = ${nOf(code, apart)})` : `asked in too few of the outcome's responses`,
      });
      continue;
    }
    drivers.push(code);
  }
  return { drivers, skipped };
}

/** The quadrant of a significant driver: above or below the mean weight, and the drivers' mean performance. */
function quadrantOf(weight: number, performance: Performance, thresholds: { weight: number; performance: number | null }): DriverQuadrant | null {
  if (!performance || thresholds.performance === null) return null;
  const important = weight >= thresholds.weight;
  const performing = performance.value >= thresholds.performance;
  if (important) return performing ? "keep_up" : "fix_first";
  return performing ? "possible_overkill" : "low_priority";
}

export function analyseKeyDrivers({ outcome, pairs, performance }: DriverInput): KeyDriverAnalysis {
  const { drivers, skipped } = selectDrivers(outcome, pairs);
  const index = pairIndex(pairs);
  const sumsOf = (a: string, b: string) => index.get(pairKey(a, b))!;
  const outcomeN = Math.max(0, ...pairs.filter((p) => p.xCode === outcome || p.yCode === outcome).map((p) => p.n));
  if (drivers.length === 0) return { status: "no_drivers", outcome, n: outcomeN, skipped };
  const codes = [outcome, ...drivers];
  const n = Math.min(...codes.flatMap((a, i) => codes.slice(i + 1).map((b) => sumsOf(a, b)?.n ?? 0)));
  const minimum = keyDriverMinimum(drivers.length);
  if (n < minimum) return { status: "insufficient", outcome, n, minimum, drivers, skipped };
  const correlation = (a: string, b: string) => (a === b ? 1 : (correlationFromSums(sumsOf(a, b)) ?? 0));
  const matrix = drivers.map((a) => drivers.map((b) => correlation(a, b)));
  const result = relativeWeights(
    matrix,
    drivers.map((d) => correlation(d, outcome)),
    n,
  );
  if (result.status === "insufficient") return { status: "insufficient", outcome, n, minimum, drivers, skipped };
  if (result.status === "singular") return { status: "singular", outcome, n, reason: result.reason, drivers, skipped };
  const scored = drivers.map((code) => performance.get(code) ?? null).filter((p): p is NonNullable<Performance> => p !== null);
  const thresholds = {
    weight: 100 / drivers.length,
    performance: scored.length > 0 ? scored.reduce((sum, p) => sum + p.value, 0) / scored.length : null,
  };
  const ranked = result.drivers
    .map((d, i) => {
      const code = drivers[i]!;
      const own = performance.get(code) ?? null;
      return {
        code,
        ...d,
        rank: null as number | null,
        n: sumsOf(code, outcome).n,
        performance: own,
        quadrant: d.significant ? quadrantOf(d.weight, own, thresholds) : null,
      };
    })
    .sort((a, b) => Number(b.significant) - Number(a.significant) || b.weight - a.weight);
  ranked.filter((d) => d.significant).forEach((d, i) => (d.rank = i + 1));
  return { status: "ok", outcome, n, minimum, rSquared: result.rSquared, drivers: ranked, skipped, thresholds };
}

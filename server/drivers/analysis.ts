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

/** A metric left out of the model, and why: it does not vary, too many candidates, or not asked together enough. */
export type SkippedDriver = { code: string; n: number } & (
  { why: "constant" } | { why: "limit"; limit: number } | { why: "apart"; partner: string; partnerN: number }
);

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

/** Subsets of at most this many candidates are searched (2^12 checks of a few lookups each); the rest are skipped. */
const MAX_CANDIDATES = 12;

/**
 * The drivers: the largest set of metrics asked together with the outcome, and with each other, in at least
 * max(50, 10 × drivers) responses (the most responses breaks a tie). Metrics from different surveys are never in
 * the same response, so they cannot share one correlation matrix; searching every subset finds the richest set
 * that can, rather than whichever metric happens to be asked most.
 */
export function selectDrivers(outcome: string, pairs: PairRow[]): { drivers: string[]; skipped: SkippedDriver[] } {
  const index = pairIndex(pairs);
  const nOf = (a: string, b: string) => index.get(pairKey(a, b))?.n ?? 0;
  const varies = (a: string, b: string) => {
    const sums = index.get(pairKey(a, b));
    return sums !== undefined && correlationFromSums(sums) !== null;
  };
  const skipped: SkippedDriver[] = [];
  const asked = [...new Set(pairs.flatMap((p) => [p.xCode, p.yCode]))]
    .filter((code) => code !== outcome && nOf(code, outcome) > 0)
    .sort((a, b) => nOf(b, outcome) - nOf(a, outcome) || a.localeCompare(b));
  const candidates: string[] = [];
  for (const code of asked) {
    if (!varies(code, outcome)) skipped.push({ code, n: nOf(code, outcome), why: "constant" });
    else if (candidates.length >= MAX_CANDIDATES) skipped.push({ code, n: nOf(code, outcome), why: "limit", limit: MAX_CANDIDATES });
    else candidates.push(code);
  }
  let best: { drivers: string[]; n: number } | undefined;
  for (let mask = 1; mask < 1 << candidates.length; mask += 1) {
    const set = candidates.filter((_, i) => mask & (1 << i));
    const codes = [outcome, ...set];
    let n = Infinity;
    let usable = true;
    for (let i = 0; i < codes.length && usable; i += 1)
      for (let j = i + 1; j < codes.length && usable; j += 1) {
        n = Math.min(n, nOf(codes[i]!, codes[j]!));
        usable = varies(codes[i]!, codes[j]!);
      }
    if (!usable || n < keyDriverMinimum(set.length)) continue;
    if (!best || set.length > best.drivers.length || (set.length === best.drivers.length && n > best.n)) best = { drivers: set, n };
  }
  // No set has enough responses: the most often asked metric alone, so the view can say how many there are.
  const drivers = best?.drivers ?? candidates.slice(0, 1);
  for (const code of candidates.filter((c) => !drivers.includes(c))) {
    const partner = [outcome, ...drivers].sort((a, b) => nOf(code, a) - nOf(code, b))[0]!;
    skipped.push({ code, n: nOf(code, outcome), why: "apart", partner, partnerN: nOf(code, partner) });
  }
  return { drivers: [...drivers].sort((a, b) => nOf(b, outcome) - nOf(a, outcome) || a.localeCompare(b)), skipped };
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

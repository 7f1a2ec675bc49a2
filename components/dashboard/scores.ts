// Turns scores into chart points, so every trend chart plots values and bands the same way.
import type { Rollup, Score } from "@/server/metrics/formulas";
import type { TrendPoint } from "./trend-chart";

export function trendPoint(month: string, result: Score | Rollup): TrendPoint {
  return result.status === "ok"
    ? { month, value: result.value, low: result.value - result.margin, high: result.value + result.margin, n: result.n }
    : { month, value: null, low: null, high: null, n: result.n };
}

// Every score formula Throughline shows, in one pure module (no I/O), documented in docs/metrics.md.
// Inputs are the counts and sums stored in the roll-up tables, so any period and level is computed exactly.

/** Two-sided 95% critical value of the normal distribution. */
export const Z_95 = 1.96;
/** Below this many answers a figure is "insufficient data", never a number. A setting; this is its default. */
export const DEFAULT_MINIMUM_SAMPLE = 30;
/** Below this many responses, comments are not shown to executives (respondents could be recognised). */
export const MINIMUM_RESPONSES_FOR_COMMENTS = 5;

export type MetricCounts = {
  responseCount: number;
  promoters: number;
  passives: number;
  detractors: number;
  topBox: number;
  sum: number;
  sumOfSquares: number;
};

export interface MetricScale {
  kind: "nps" | "csat" | "ces" | "custom";
  scaleMin: number;
  scaleMax: number;
  direction: "higher_is_better" | "lower_is_better";
}

export type Score =
  | { status: "insufficient"; n: number; minimum: number }
  | {
      status: "ok";
      n: number;
      /** In the metric's reported unit: NPS points (−100…100), CSAT % (0…100), CES/custom mean on its scale. */
      value: number;
      /** Half-width of the 95% confidence interval, in the same unit. */
      margin: number;
      /** CES only: % of answers in the top box (5–7). */
      topBoxShare?: number;
    };

export const emptyCounts = (): MetricCounts => ({
  responseCount: 0,
  promoters: 0,
  passives: 0,
  detractors: 0,
  topBox: 0,
  sum: 0,
  sumOfSquares: 0,
});

/** Counts add up exactly: this is how days become months, and touchpoints become stages. */
export function addCounts(a: MetricCounts, b: MetricCounts): MetricCounts {
  return {
    responseCount: a.responseCount + b.responseCount,
    promoters: a.promoters + b.promoters,
    passives: a.passives + b.passives,
    detractors: a.detractors + b.detractors,
    topBox: a.topBox + b.topBox,
    sum: a.sum + b.sum,
    sumOfSquares: a.sumOfSquares + b.sumOfSquares,
  };
}

/** `a` less `b`: the responses in a total that are not in a part of it (e.g. the program less one site). */
export function subtractCounts(a: MetricCounts, b: MetricCounts): MetricCounts {
  return {
    responseCount: a.responseCount - b.responseCount,
    promoters: a.promoters - b.promoters,
    passives: a.passives - b.passives,
    detractors: a.detractors - b.detractors,
    topBox: a.topBox - b.topBox,
    sum: a.sum - b.sum,
    sumOfSquares: a.sumOfSquares - b.sumOfSquares,
  };
}

/** Variance of the NPS estimate in proportion units: (p + d − (p − d)²) / n. */
function npsVariance(c: MetricCounts): number {
  const p = c.promoters / c.responseCount;
  const d = c.detractors / c.responseCount;
  return (p + d - (p - d) ** 2) / c.responseCount;
}

function proportionVariance(share: number, n: number): number {
  return (share * (1 - share)) / n;
}

/** Standard error of a mean from its sum and sum of squares (sample standard deviation / √n). */
function meanStandardError(c: MetricCounts): number {
  const n = c.responseCount;
  if (n < 2) return Number.POSITIVE_INFINITY;
  const mean = c.sum / n;
  const variance = Math.max(0, (c.sumOfSquares - n * mean * mean) / (n - 1));
  return Math.sqrt(variance / n);
}

export function score(scale: MetricScale, c: MetricCounts, minimum = DEFAULT_MINIMUM_SAMPLE): Score {
  const n = c.responseCount;
  if (n < minimum || n === 0) return { status: "insufficient", n, minimum };
  switch (scale.kind) {
    case "nps":
      return {
        status: "ok",
        n,
        value: (100 * (c.promoters - c.detractors)) / n,
        margin: Z_95 * 100 * Math.sqrt(npsVariance(c)),
      };
    case "csat": {
      const share = c.topBox / n;
      return { status: "ok", n, value: 100 * share, margin: Z_95 * 100 * Math.sqrt(proportionVariance(share, n)) };
    }
    case "ces":
    case "custom": {
      const result: Score = { status: "ok", n, value: c.sum / n, margin: Z_95 * meanStandardError(c) };
      return scale.kind === "ces" ? { ...result, topBoxShare: (100 * c.topBox) / n } : result;
    }
  }
}

/**
 * Every metric on a common 0–100 scale (100 best) so touchpoints asking different questions can be
 * rolled up together: NPS as (NPS + 100) / 2, CSAT as is, means by min–max of their scale, inverted
 * where lower is better. Returns the factor too, so margins scale with the value.
 */
export function normalise(scale: MetricScale, value: number): { value: number; factor: number } {
  switch (scale.kind) {
    case "nps":
      return { value: (value + 100) / 2, factor: 0.5 };
    case "csat":
      return { value, factor: 1 };
    default: {
      const factor = 100 / (scale.scaleMax - scale.scaleMin);
      const upward = (value - scale.scaleMin) * factor;
      return { value: scale.direction === "lower_is_better" ? 100 - upward : upward, factor };
    }
  }
}

export interface RollupPart {
  /** Normalised 0–100 score, or null when the part is below the minimum sample. */
  normalised: number | null;
  n: number;
  /** Touchpoint importance weight (default 1). */
  importance: number;
  /** Sampling variance of `normalised`, when known: lets the roll-up carry a margin of error. */
  variance?: number;
}

export type Rollup =
  | { status: "insufficient"; n: number; insufficientWeightShare: number }
  | { status: "ok"; value: number; n: number; insufficientWeightShare: number; margin: number; variance: number };

/**
 * Weighted mean of normalised scores, weight = importance × responses. Parts below the minimum sample
 * are left out, and the share of weight they carried is reported so a reader knows how much is missing.
 */
export function rollUp(parts: RollupPart[]): Rollup {
  let weight = 0;
  let weighted = 0;
  let insufficientWeight = 0;
  let weightedVariance = 0;
  let n = 0;
  for (const part of parts) {
    const w = part.importance * part.n;
    n += part.n;
    if (part.normalised === null) insufficientWeight += w;
    else {
      weight += w;
      weighted += w * part.normalised;
      weightedVariance += w * w * (part.variance ?? 0);
    }
  }
  const total = weight + insufficientWeight;
  const insufficientWeightShare = total === 0 ? 0 : insufficientWeight / total;
  if (weight === 0) return { status: "insufficient", n, insufficientWeightShare };
  // Var(Σ wᵢxᵢ / W) = Σ wᵢ² Var(xᵢ) / W², treating the parts as independent samples.
  const variance = weightedVariance / (weight * weight);
  return { status: "ok", value: weighted / weight, n, insufficientWeightShare, variance, margin: Z_95 * Math.sqrt(variance) };
}

/** Significance of the difference between two rolled-up (normalised) scores, from their carried variances. */
export function rollupChange(before: Rollup, after: Rollup): Change {
  if (before.status !== "ok" || after.status !== "ok") return notComparable(before.n, after.n);
  const difference = after.value - before.value;
  const standardError = Math.sqrt(before.variance + after.variance);
  const significant = standardError === 0 ? difference !== 0 : Math.abs(difference) / standardError > Z_95;
  return {
    status: "ok",
    difference,
    margin: Z_95 * standardError,
    significant,
    direction: !significant ? "none" : difference > 0 ? "better" : "worse",
  };
}

export type Change =
  | { status: "not_comparable"; reason: NotComparableReason }
  | { status: "ok"; difference: number; margin: number; significant: boolean; direction: "better" | "worse" | "none" };

/** Why two figures cannot be compared: one period has nothing at all, or too few responses to say. */
export type NotComparableReason = "no_comparison_data" | "no_current_data" | "too_few";

export function notComparable(beforeN: number, afterN: number): Extract<Change, { status: "not_comparable" }> {
  return { status: "not_comparable", reason: beforeN === 0 ? "no_comparison_data" : afterN === 0 ? "no_current_data" : "too_few" };
}

/**
 * Change from `before` to `after`, with its 95% margin and whether it is significant: a difference-of-NPS
 * z-test (variances added), a pooled two-proportion z-test for CSAT, and a large-sample z-test of two means
 * for CES and custom metrics. "better" already accounts for the metric's direction.
 */
export function change(scale: MetricScale, before: MetricCounts, after: MetricCounts, minimum = DEFAULT_MINIMUM_SAMPLE): Change {
  const a = score(scale, before, minimum);
  const b = score(scale, after, minimum);
  if (a.status !== "ok" || b.status !== "ok") return notComparable(before.responseCount, after.responseCount);
  const difference = b.value - a.value;
  let standardError: number;
  let testError: number;
  switch (scale.kind) {
    case "nps":
      standardError = 100 * Math.sqrt(npsVariance(before) + npsVariance(after));
      testError = standardError;
      break;
    case "csat": {
      const p1 = before.topBox / before.responseCount;
      const p2 = after.topBox / after.responseCount;
      const pooled = (before.topBox + after.topBox) / (before.responseCount + after.responseCount);
      standardError = 100 * Math.sqrt(proportionVariance(p1, before.responseCount) + proportionVariance(p2, after.responseCount));
      testError = 100 * Math.sqrt(pooled * (1 - pooled) * (1 / before.responseCount + 1 / after.responseCount));
      break;
    }
    default:
      standardError = Math.sqrt(meanStandardError(before) ** 2 + meanStandardError(after) ** 2);
      testError = standardError;
  }
  const significant = testError === 0 ? difference !== 0 : Math.abs(difference) / testError > Z_95;
  const improved = scale.direction === "lower_is_better" ? difference < 0 : difference > 0;
  return {
    status: "ok",
    difference,
    margin: Z_95 * standardError,
    significant,
    direction: !significant ? "none" : improved ? "better" : "worse",
  };
}

/**
 * The share of contacts that is failure demand (caused upstream by a touchpoint), in percent with its 95%
 * margin, over every contact of the period; below the minimum sample it is not given. Unclassified
 * contacts stay in the denominator, and their share is reported beside it (docs/metrics.md).
 */
export function failureDemandShare(failureContacts: number, allContacts: number, minimum = DEFAULT_MINIMUM_SAMPLE): Score {
  if (allContacts < minimum || allContacts === 0) return { status: "insufficient", n: allContacts, minimum };
  const share = failureContacts / allContacts;
  return { status: "ok", n: allContacts, value: 100 * share, margin: Z_95 * 100 * Math.sqrt(proportionVariance(share, allContacts)) };
}

/**
 * A contact's cost: the tool's own figure where it gave one, else its handling time priced at the channel's
 * cost per hour (a setting). Here summed over many contacts at once, as the roll-ups store them.
 */
export function contactCost(toolCost: number, uncostedHandleSeconds: number, costPerHour: number): number {
  return toolCost + (uncostedHandleSeconds / 3600) * costPerHour;
}

/**
 * Change of the failure-demand share between two periods, in percentage points: a pooled two-proportion
 * z-test for significance, the unpooled standard error for the margin (as for CSAT). Less failure demand is better.
 */
export function failureDemandShareChange(
  before: { failure: number; all: number },
  after: { failure: number; all: number },
  minimum = DEFAULT_MINIMUM_SAMPLE,
): Change {
  if (before.all < minimum || after.all < minimum || before.all === 0 || after.all === 0) return notComparable(before.all, after.all);
  const p1 = before.failure / before.all;
  const p2 = after.failure / after.all;
  const pooled = (before.failure + after.failure) / (before.all + after.all);
  const difference = 100 * (p2 - p1);
  const standardError = 100 * Math.sqrt(proportionVariance(p1, before.all) + proportionVariance(p2, after.all));
  const testError = 100 * Math.sqrt(pooled * (1 - pooled) * (1 / before.all + 1 / after.all));
  const significant = testError === 0 ? difference !== 0 : Math.abs(difference) / testError > Z_95;
  return { status: "ok", difference, margin: Z_95 * standardError, significant, direction: !significant ? "none" : difference < 0 ? "better" : "worse" };
}

/**
 * Contacts per 1,000 of something (responses, transactions), with a 95% margin treating the contacts as a
 * Poisson count: 1000 · (c ± 1.96 √c) / base. Not given when the base is zero.
 */
export function perThousand(contacts: number, base: number): { value: number; margin: number } | null {
  if (base <= 0) return null;
  return { value: (1000 * contacts) / base, margin: (1000 * Z_95 * Math.sqrt(contacts)) / base };
}

/**
 * Change of a contact count between two equally long windows (an initiative's before and after, per month):
 * the difference of two Poisson counts, significant when |a − b| / √(a + b) exceeds 1.96. Fewer is better.
 */
export function contactCountChange(before: number, after: number, beforeMonths = 1, afterMonths = 1): Change {
  if (before + after === 0) return notComparable(before, after);
  const rateBefore = before / beforeMonths;
  const rateAfter = after / afterMonths;
  const standardError = Math.sqrt(before / beforeMonths ** 2 + after / afterMonths ** 2);
  const difference = rateAfter - rateBefore;
  const significant = standardError === 0 ? difference !== 0 : Math.abs(difference) / standardError > Z_95;
  return { status: "ok", difference, margin: Z_95 * standardError, significant, direction: !significant ? "none" : difference < 0 ? "better" : "worse" };
}

/**
 * A share in percent with its Wilson 95% interval: unlike ± 1.96·√(p(1−p)/n) it never leaves 0–100 and stays
 * honest for shares near 0 or 100 (a theme in 2 comments of 40). Below the minimum sample it is not given.
 */
export type Proportion =
  { status: "too_few"; count: number; n: number; minimum: number } | { status: "ok"; count: number; n: number; value: number; low: number; high: number };

export function proportion(count: number, n: number, minimum = DEFAULT_MINIMUM_SAMPLE): Proportion {
  if (n < minimum || n === 0) return { status: "too_few", count, n, minimum };
  const p = count / n;
  const z2 = Z_95 * Z_95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z_95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { status: "ok", count, n, value: 100 * p, low: 100 * Math.max(0, centre - half), high: 100 * Math.min(1, centre + half) };
}

/** Complementary error function, erfc(x), with fractional error below 1.2e-7 everywhere (Numerical Recipes' erfcc). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|). */
export function twoSidedPValue(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

export type ProportionChange =
  | { status: "not_comparable"; reason: NotComparableReason }
  | {
      status: "ok";
      /** After less before, in percentage points. */
      difference: number;
      z: number;
      pValue: number;
      /** p < 0.05, two-sided. */
      significant: boolean;
      /** Rising or falling only when significant; a share has no better or worse of its own. */
      direction: "rising" | "falling" | "steady";
    };

/**
 * Whether a share changed between two periods: the pooled two-proportion z-test,
 * z = (p₂ − p₁) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)) with p̂ = (x₁ + x₂)/(n₁ + n₂). Not comparable when either side is
 * below the minimum sample.
 */
export function proportionChange(
  before: { count: number; n: number },
  after: { count: number; n: number },
  minimum = DEFAULT_MINIMUM_SAMPLE,
): ProportionChange {
  if (before.n < minimum || after.n < minimum || before.n === 0 || after.n === 0) return notComparable(before.n, after.n);
  const p1 = before.count / before.n;
  const p2 = after.count / after.n;
  const pooled = (before.count + after.count) / (before.n + after.n);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / before.n + 1 / after.n));
  const difference = 100 * (p2 - p1);
  // Both shares 0 % or both 100 %: nothing varies, so nothing changed.
  const z = standardError === 0 ? 0 : (p2 - p1) / standardError;
  const pValue = standardError === 0 ? 1 : twoSidedPValue(z);
  const significant = pValue < 0.05;
  return { status: "ok", difference, z, pValue, significant, direction: !significant ? "steady" : difference > 0 ? "rising" : "falling" };
}

/** A mean with its 95% margin (± 1.96·sd/√n) from n, Σx and Σx²; null below the minimum sample. */
export function meanWithMargin(
  n: number,
  sum: number,
  sumOfSquares: number,
  minimum = DEFAULT_MINIMUM_SAMPLE,
): { mean: number; margin: number; n: number } | null {
  if (n < Math.max(2, minimum)) return null;
  const mean = sum / n;
  const variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
  return { mean, margin: Z_95 * Math.sqrt(variance / n), n };
}

// Key drivers, pure: which metrics answered in the same responses move the outcome most (Johnson's relative weights,
// linear algebra by ml-matrix), and which themes go with it (point-biserial r). Documented in docs/metrics.md.
import { EigenvalueDecomposition, inverse, Matrix } from "ml-matrix";
import { twoSidedPValue, Z_95 } from "./formulas";

/** The sums one pair of metrics keeps over the responses that answered both: enough for their correlation. */
export type PairSums = {
  n: number;
  sumX: number;
  sumY: number;
  sumXX: number;
  sumYY: number;
  sumXY: number;
};

/** Pearson's correlation from a pair's sums; null when either metric does not vary (or n < 2). */
export function correlationFromSums(s: PairSums): number | null {
  if (s.n < 2) return null;
  const covariance = s.sumXY - (s.sumX * s.sumY) / s.n;
  const varianceX = s.sumXX - (s.sumX * s.sumX) / s.n;
  const varianceY = s.sumYY - (s.sumY * s.sumY) / s.n;
  if (varianceX <= 0 || varianceY <= 0) return null;
  return Math.max(-1, Math.min(1, covariance / Math.sqrt(varianceX * varianceY)));
}

/** Complete responses needed before drivers are ranked: max(50, 10 × drivers). */
export function keyDriverMinimum(drivers: number): number {
  return Math.max(50, 10 * drivers);
}

export interface DriverResult {
  /** Share of the explained variance (R²) this driver accounts for, in percent; the weights add up to 100. */
  weight: number;
  /** Standardised regression coefficient, with its standard error and 95% margin. */
  coefficient: number;
  standardError: number;
  margin: number;
  /** False when the coefficient is not significantly different from zero: never ranked as if it mattered. */
  significant: boolean;
}

export type KeyDrivers =
  | { status: "insufficient"; n: number; minimum: number }
  | { status: "singular"; n: number; reason: string }
  | { status: "ok"; n: number; rSquared: number; drivers: DriverResult[] };

/** Below this smallest eigenvalue the drivers' correlation matrix is treated as singular (or not a correlation matrix at all). */
const MIN_EIGENVALUE = 1e-8;

/**
 * The symmetric square root V Λ^½ Vᵀ of the drivers' correlation matrix, and its smallest eigenvalue. Correlations
 * taken pair by pair (over different responses) need not form a valid correlation matrix: a negative or zero
 * eigenvalue says so, and the caller refuses rather than clamp it into a confident-looking answer.
 */
function symmetricSquareRoot(matrix: Matrix): { root: Matrix; smallest: number } {
  const eigen = new EigenvalueDecomposition(matrix, { assumeSymmetric: true });
  const vectors = eigen.eigenvectorMatrix;
  const values = eigen.realEigenvalues;
  const roots = Matrix.diag(values.map((value) => Math.sqrt(Math.max(0, value))));
  return { root: vectors.mmul(roots).mmul(vectors.transpose()), smallest: Math.min(...values) };
}

/**
 * Johnson's relative weights for drivers with correlation matrix `driverCorrelations` (k × k) and correlations
 * `outcomeCorrelations` (k) with the outcome, over `n` complete responses:
 * R = VΛVᵀ, Λ* = VΛ^½Vᵀ, β* = Λ*⁻¹ r_xy, ε_j = Σ_k Λ*_jk² β*_k², R² = Σ β*_k², weight_j = 100 ε_j / R².
 * Coefficients are the standardised OLS ones, β = R⁻¹ r_xy, with SE_j = √((1 − R²)/(n − k − 1) · (R⁻¹)_jj).
 */
export function relativeWeights(driverCorrelations: number[][], outcomeCorrelations: number[], n: number): KeyDrivers {
  const k = outcomeCorrelations.length;
  const minimum = keyDriverMinimum(k);
  if (n < minimum) return { status: "insufficient", n, minimum };
  const R = new Matrix(driverCorrelations);
  const rxy = Matrix.columnVector(outcomeCorrelations);
  let rInverse: Matrix;
  let rootInverse: Matrix;
  const { root, smallest } = symmetricSquareRoot(R);
  if (smallest < MIN_EIGENVALUE)
    return {
      status: "singular",
      n,
      reason:
        "the drivers' correlations do not fit together: two are answered (almost) identically, or they were answered by different customers, so their parts cannot be told apart",
    };
  try {
    rInverse = inverse(R);
    rootInverse = inverse(root);
  } catch {
    return { status: "singular", n, reason: "two drivers are answered identically (their correlation is 1), so their parts cannot be told apart" };
  }
  if (rInverse.to1DArray().some((value) => !Number.isFinite(value)))
    return { status: "singular", n, reason: "two drivers are answered identically (their correlation is 1), so their parts cannot be told apart" };
  const betaStar = rootInverse.mmul(rxy).to1DArray();
  const rSquared = betaStar.reduce((sum, b) => sum + b * b, 0);
  const epsilon = Array.from({ length: k }, (_, j) => betaStar.reduce((sum, b, i) => sum + root.get(j, i) ** 2 * b * b, 0));
  const beta = rInverse.mmul(rxy).to1DArray();
  const residualDegrees = n - k - 1;
  const drivers = beta.map((coefficient, j) => {
    const standardError = Math.sqrt((Math.max(0, 1 - rSquared) / residualDegrees) * rInverse.get(j, j));
    return {
      weight: rSquared > 0 ? (100 * epsilon[j]!) / rSquared : 0,
      coefficient,
      standardError,
      margin: Z_95 * standardError,
      significant: standardError === 0 ? coefficient !== 0 : Math.abs(coefficient) / standardError > Z_95,
    };
  });
  return { status: "ok", n, rSquared, drivers };
}

// Themes as drivers: a theme's presence (1 in a commented response that mentions it, 0 in one that does not) against
// the outcome's answer, from the sums the theme-metric roll-ups keep. Documented in docs/metrics.md.

/** One side's n, Σy and Σy². */
export type MeanSums = { n: number; sum: number; sumOfSquares: number };

/**
 * The outcome over every commented response that answered it (theme 0, the baseline) and over those that mention
 * the theme: all a presence correlation needs, since x is 0/1 (Σx = Σx² = mentions, Σxy = the mentions' Σy).
 */
export type PresenceSums = { all: MeanSums; mentioned: MeanSums };

/** The sums of the commented responses that do not mention the theme: the baseline less the mentions. */
export function withoutTheme(s: PresenceSums): MeanSums {
  return { n: s.all.n - s.mentioned.n, sum: s.all.sum - s.mentioned.sum, sumOfSquares: s.all.sumOfSquares - s.mentioned.sumOfSquares };
}

/**
 * The point-biserial correlation of presence with the outcome: Pearson's r on the pair sums, exactly
 * (ȳ₁ − ȳ)/s_y · √(n₁/(n − n₁)) with s_y the population standard deviation. Null when the outcome or presence
 * does not vary (every response, or none, mentions the theme).
 */
export function presenceCorrelation(s: PresenceSums): number | null {
  return correlationFromSums({
    n: s.all.n,
    sumX: s.mentioned.n,
    sumXX: s.mentioned.n,
    sumY: s.all.sum,
    sumYY: s.all.sumOfSquares,
    sumXY: s.mentioned.sum,
  });
}

/** A correlation's 95% interval by Fisher's z (atanh r ± 1.96/√(n − 3)), and its two-sided p-value; null for n ≤ 3. */
export function fisherInterval(r: number, n: number): { low: number; high: number; pValue: number; significant: boolean } | null {
  if (n <= 3) return null;
  // |r| = 1 would make atanh infinite: a perfect correlation is held just inside the bounds.
  const z = Math.atanh(Math.max(-1 + 1e-12, Math.min(1 - 1e-12, r)));
  const standardError = 1 / Math.sqrt(n - 3);
  const pValue = twoSidedPValue(z / standardError);
  return { low: Math.tanh(z - Z_95 * standardError), high: Math.tanh(z + Z_95 * standardError), pValue, significant: pValue < 0.05 };
}

/**
 * Student's t two-sided 95% critical value for `degrees` degrees of freedom (1.96 as they grow), by the
 * Cornish–Fisher expansion of the quantile in powers of 1/ν: within 0.001 of the tables from 4 degrees up (3.179
 * for 3, against 3.182). Themes need 5 answers a side at the least, so Welch gives them 4 degrees or more.
 */
export function tCritical95(degrees: number): number {
  if (!Number.isFinite(degrees)) return Z_95;
  const z = Z_95;
  const v = degrees;
  return (
    z +
    (z ** 3 + z) / (4 * v) +
    (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * v ** 2) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * v ** 3) +
    (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / (92160 * v ** 4)
  );
}

const sampleVariance = (s: MeanSums) => Math.max(0, (s.sumOfSquares - (s.sum * s.sum) / s.n) / (s.n - 1));

/**
 * The difference of two means (a − b) with Welch's 95% interval: SE = √(s²_a/n_a + s²_b/n_b), the t critical value
 * at the Welch–Satterthwaite degrees of freedom (SE⁴ / Σ (s²/n)²/(n − 1)). Null unless each side has 2 answers.
 */
export function welchDifference(a: MeanSums, b: MeanSums): { difference: number; margin: number; degrees: number; significant: boolean } | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = sampleVariance(a) / a.n;
  const vb = sampleVariance(b) / b.n;
  const difference = a.sum / a.n - b.sum / b.n;
  const standardError = Math.sqrt(va + vb);
  if (standardError === 0) return { difference, margin: 0, degrees: a.n + b.n - 2, significant: difference !== 0 };
  const degrees = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const margin = tCritical95(degrees) * standardError;
  return { difference, margin, degrees, significant: Math.abs(difference) > margin };
}

export type ThemeDriverStatistics =
  /** Fewer than the minimum sample mention the theme, or fewer than it do not: nothing is said. */
  | { status: "insufficient"; n: number; mentions: number; minimum: number }
  /** Everyone gave the outcome the same answer: presence cannot explain a difference that is not there. */
  | { status: "constant"; n: number; mentions: number }
  | {
      status: "ok";
      /** Commented responses that answered the outcome (theme 0). */
      n: number;
      /** Of them, those mentioning the theme. */
      mentions: number;
      r: number;
      low: number;
      high: number;
      pValue: number;
      significant: boolean;
      /** The outcome's mean answer with the theme and without it, on the outcome's own scale. */
      withMean: number;
      withoutMean: number;
      /** withMean − withoutMean, with Welch's 95% margin. */
      difference: number;
      margin: number;
    };

/** A theme's statistics as a driver, or why there are none: both those mentioning it and the rest need `minimum` answers. */
export function themeDriverStatistics(s: PresenceSums, minimum: number): ThemeDriverStatistics {
  const rest = withoutTheme(s);
  const base = { n: s.all.n, mentions: s.mentioned.n };
  const needed = Math.max(2, minimum);
  if (s.mentioned.n < needed || rest.n < needed) return { status: "insufficient", ...base, minimum: needed };
  const r = presenceCorrelation(s);
  const interval = r === null ? null : fisherInterval(r, s.all.n);
  const welch = welchDifference(s.mentioned, rest);
  if (r === null || !interval || !welch) return { status: "constant", ...base };
  return {
    status: "ok",
    ...base,
    r,
    ...interval,
    withMean: s.mentioned.sum / s.mentioned.n,
    withoutMean: rest.sum / rest.n,
    difference: welch.difference,
    margin: welch.margin,
  };
}

// Key drivers, pure: which metrics answered in the same responses move the outcome most. Johnson's relative
// weights from the drivers' correlation matrix (documented in docs/metrics.md), linear algebra by ml-matrix.
import { EigenvalueDecomposition, inverse, Matrix } from "ml-matrix";
import { Z_95 } from "./formulas";

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

// Johnson's relative weights against what they must equal: R² of the regression, weights adding to 100,
// r²/R² for uncorrelated drivers, the true driver found in generated data, and the minimum sample.
import { describe, expect, it } from "vitest";
import { correlationFromSums, keyDriverMinimum, relativeWeights, type PairSums } from "../server/metrics/key-drivers";
import { seededRandom } from "../server/seed/random";
import numpyFixture from "./fixtures/key-drivers/numpy-relative-weights.json";

function sumsOf(xs: number[], ys: number[]): PairSums {
  return xs.reduce(
    (s, x, i) => ({ n: s.n + 1, sumX: s.sumX + x, sumY: s.sumY + ys[i]!, sumXX: s.sumXX + x * x, sumYY: s.sumYY + ys[i]! ** 2, sumXY: s.sumXY + x * ys[i]! }),
    { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 },
  );
}

function pearson(xs: number[], ys: number[]): number {
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  const cov = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  return cov / Math.sqrt(xs.reduce((s, x) => s + (x - mx) ** 2, 0) * ys.reduce((s, y) => s + (y - my) ** 2, 0));
}

describe("key drivers", () => {
  it("take each pair's correlation from its sums exactly, and none when a metric does not vary", () => {
    const random = seededRandom(7);
    const xs = Array.from({ length: 300 }, () => random.int(1, 7));
    const ys = xs.map((x) => Math.min(10, Math.max(0, Math.round(x + random.normal(2, 2)))));
    expect(correlationFromSums(sumsOf(xs, ys))).toBeCloseTo(pearson(xs, ys), 12);
    expect(correlationFromSums(sumsOf([3, 3, 3], [1, 2, 3]))).toBeNull();
  });

  it("equal an independent computation with numpy (tests/fixtures/key-drivers/relative-weights.py): weights, R², coefficients, standard errors", () => {
    const result = relativeWeights(numpyFixture.driverCorrelations, numpyFixture.outcomeCorrelations, numpyFixture.n);
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.rSquared).toBeCloseTo(numpyFixture.rSquared, 10);
    result.drivers.forEach((driver, j) => {
      expect(driver.weight).toBeCloseTo(numpyFixture.weights[j]!, 8);
      expect(driver.coefficient).toBeCloseTo(numpyFixture.coefficients[j]!, 10);
      expect(driver.standardError).toBeCloseTo(numpyFixture.standardErrors[j]!, 10);
    });
    // The fixture's third driver ("value") has no effect of its own: not significant.
    expect(result.drivers.map((d) => d.significant)).toEqual([true, true, false, true]);
  });

  it("give uncorrelated drivers their r² share of R², and add up to 100", () => {
    const result = relativeWeights(
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      [0.5, 0.3, 0.1],
      500,
    );
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.rSquared).toBeCloseTo(0.35, 12);
    expect(result.drivers.map((d) => d.weight)).toEqual([
      expect.closeTo((100 * 0.25) / 0.35, 9),
      expect.closeTo((100 * 0.09) / 0.35, 9),
      expect.closeTo((100 * 0.01) / 0.35, 9),
    ]);
  });

  it("find the true driver in correlated data: R² is the regression's, the weights add to 100, an idle driver is not significant", () => {
    // "speed" drives the outcome; "value" is correlated with speed but does not drive it.
    const random = seededRandom(20_261_202);
    const n = 2_000;
    const speed = Array.from({ length: n }, () => random.normal(0, 1));
    const value = speed.map((s) => 0.5 * s + Math.sqrt(0.75) * random.normal(0, 1));
    const outcome = speed.map((s) => 0.6 * s + random.normal(0, 0.8));
    const r12 = pearson(speed, value);
    const R = [
      [1, r12],
      [r12, 1],
    ];
    const rxy = [pearson(speed, outcome), pearson(value, outcome)];
    const result = relativeWeights(R, rxy, n);
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    // R² of the standardised regression: r_xyᵀ R⁻¹ r_xy.
    const det = 1 - r12 * r12;
    const olsR2 = (rxy[0]! ** 2 + rxy[1]! ** 2 - 2 * r12 * rxy[0]! * rxy[1]!) / det;
    expect(result.rSquared).toBeCloseTo(olsR2, 10);
    expect(result.drivers[0]!.weight + result.drivers[1]!.weight).toBeCloseTo(100, 10);
    expect(result.drivers[0]!.weight).toBeGreaterThan(80);
    expect(result.drivers[0]).toMatchObject({ significant: true });
    expect(result.drivers[1]).toMatchObject({ significant: false });
    // The coefficients are the regression's: β = R⁻¹ r_xy.
    expect(result.drivers[0]!.coefficient).toBeCloseTo((rxy[0]! - r12 * rxy[1]!) / det, 10);
  });

  it("say insufficient data below max(50, 10 × drivers) complete responses, and refuse drivers answered identically", () => {
    expect(keyDriverMinimum(2)).toBe(50);
    expect(keyDriverMinimum(6)).toBe(60);
    expect(relativeWeights([[1]], [0.4], 49)).toEqual({ status: "insufficient", n: 49, minimum: 50 });
    const twins = relativeWeights(
      [
        [1, 1],
        [1, 1],
      ],
      [0.5, 0.5],
      100,
    );
    expect(twins.status).toBe("singular");
    // Pairwise correlations that no set of responses could give (r12 = r13 = 0.9, r23 = −0.9): refused, not clamped.
    const impossible = relativeWeights(
      [
        [1, 0.9, 0.9],
        [0.9, 1, -0.9],
        [0.9, -0.9, 1],
      ],
      [0.3, 0.3, 0.3],
      500,
    );
    expect(impossible).toMatchObject({ status: "singular", reason: expect.stringMatching(/do not fit together/) });
  });
});

// The score formulas against hand-worked examples (docs/metrics.md shows the same arithmetic).
import { describe, expect, it } from "vitest";
import {
  change,
  emptyCounts,
  meanWithMargin,
  normalise,
  proportion,
  proportionChange,
  rollUp,
  score,
  twoSidedPValue,
  type MetricCounts,
  type MetricScale,
} from "../server/metrics/formulas";

const nps: MetricScale = { kind: "nps", scaleMin: 0, scaleMax: 10, direction: "higher_is_better" };
const csat: MetricScale = { kind: "csat", scaleMin: 1, scaleMax: 5, direction: "higher_is_better" };
const ces: MetricScale = { kind: "ces", scaleMin: 1, scaleMax: 7, direction: "higher_is_better" };
const waitMinutes: MetricScale = { kind: "custom", scaleMin: 1, scaleMax: 5, direction: "lower_is_better" };

const counts = (partial: Partial<MetricCounts>): MetricCounts => ({ ...emptyCounts(), ...partial });

describe("NPS", () => {
  it("is % promoters − % detractors with margin 1.96·100·√((p + d − (p − d)²)/n)", () => {
    const result = score(nps, counts({ responseCount: 100, promoters: 50, passives: 30, detractors: 20 }));
    expect(result).toMatchObject({ status: "ok", n: 100, value: 30 });
    // p = .5, d = .2: (0.7 − 0.09) / 100 = 0.0061; √ = 0.078102; × 196 = 15.308
    expect(result.status === "ok" && result.margin).toBeCloseTo(15.308, 3);
  });

  it("is 100 with no margin when everyone is a promoter, −100 when everyone is a detractor", () => {
    expect(score(nps, counts({ responseCount: 40, promoters: 40 }))).toEqual({ status: "ok", n: 40, value: 100, margin: 0 });
    expect(score(nps, counts({ responseCount: 40, detractors: 40 }))).toEqual({ status: "ok", n: 40, value: -100, margin: 0 });
  });

  it("is insufficient, never 0, with no answers or below the minimum sample, and a number at it", () => {
    expect(score(nps, emptyCounts())).toEqual({ status: "insufficient", n: 0, minimum: 30 });
    expect(score(nps, counts({ responseCount: 29, promoters: 29 }))).toEqual({ status: "insufficient", n: 29, minimum: 30 });
    expect(score(nps, counts({ responseCount: 30, promoters: 15, detractors: 15 }))).toMatchObject({ status: "ok", value: 0 });
    expect(score(nps, counts({ responseCount: 12, promoters: 12 }), 10)).toMatchObject({ status: "ok", value: 100 });
  });
});

describe("CSAT", () => {
  it("is the top-2-box share with a proportion margin", () => {
    const result = score(csat, counts({ responseCount: 200, topBox: 160 }));
    expect(result).toMatchObject({ status: "ok", value: 80 });
    // 1.96 · 100 · √(.8 · .2 / 200) = 5.5437
    expect(result.status === "ok" && result.margin).toBeCloseTo(5.5437, 3);
  });
});

describe("CES and custom means", () => {
  it("is the mean with 1.96 standard errors, and the share of answers 5–7", () => {
    // Answers 3, 5, 7: mean 5, sample variance (83 − 3·25)/2 = 4, se = 2/√3
    const result = score(ces, counts({ responseCount: 3, sum: 15, sumOfSquares: 83, topBox: 2 }), 1);
    expect(result).toMatchObject({ status: "ok", value: 5 });
    expect(result.status === "ok" && result.margin).toBeCloseTo((1.96 * 2) / Math.sqrt(3), 6);
    expect(result.status === "ok" && result.topBoxShare).toBeCloseTo(66.667, 2);
  });
});

describe("normalising to 0–100", () => {
  it("maps NPS as (NPS + 100)/2, keeps CSAT, and min–max scales means, inverted where lower is better", () => {
    expect(normalise(nps, 30)).toEqual({ value: 65, factor: 0.5 });
    expect(normalise(csat, 80)).toEqual({ value: 80, factor: 1 });
    expect(normalise(ces, 5).value).toBeCloseTo(66.667, 2);
    expect(normalise(waitMinutes, 2).value).toBe(75);
  });
});

describe("roll-up", () => {
  it("weights by importance × responses, leaves out insufficient parts and says how much weight they had", () => {
    const result = rollUp([
      { normalised: 70, n: 100, importance: 1 },
      { normalised: 50, n: 100, importance: 2 },
      { normalised: null, n: 10, importance: 1 },
    ]);
    expect(result.status).toBe("ok");
    expect(result.status === "ok" && result.value).toBeCloseTo(170 / 3, 6);
    expect(result.n).toBe(210);
    expect(result.insufficientWeightShare).toBeCloseTo(10 / 310, 6);
  });

  it("carries a margin: Σ wᵢ² varᵢ / W²", () => {
    const result = rollUp([
      { normalised: 60, n: 100, importance: 1, variance: 4 },
      { normalised: 80, n: 100, importance: 1, variance: 9 },
    ]);
    // (100²·4 + 100²·9) / 200² = 3.25
    expect(result).toMatchObject({ status: "ok", value: 70, variance: 3.25 });
    expect(result.status === "ok" && result.margin).toBeCloseTo(1.96 * Math.sqrt(3.25), 6);
  });

  it("is insufficient when every part is", () => {
    expect(rollUp([{ normalised: null, n: 12, importance: 1 }])).toEqual({ status: "insufficient", n: 12, insufficientWeightShare: 1 });
    expect(rollUp([])).toEqual({ status: "insufficient", n: 0, insufficientWeightShare: 0 });
  });
});

describe("change between periods", () => {
  it("calls a 15-point NPS rise on 400 + 400 answers significant", () => {
    const before = counts({ responseCount: 400, promoters: 160, detractors: 80 });
    const after = counts({ responseCount: 400, promoters: 200, detractors: 60 });
    const result = change(nps, before, after);
    expect(result).toMatchObject({ status: "ok", difference: 15, significant: true, direction: "better" });
    // se = 100·√(.0014 + .00131875) = 5.2142; margin = 1.96 · se
    expect(result.status === "ok" && result.margin).toBeCloseTo(10.2198, 3);
  });

  it("calls a 5-point CSAT rise on 100 + 100 answers not significant", () => {
    const result = change(csat, counts({ responseCount: 100, topBox: 70 }), counts({ responseCount: 100, topBox: 75 }));
    expect(result).toMatchObject({ status: "ok", difference: 5, significant: false, direction: "none" });
  });

  it("counts a fall as better where lower is better", () => {
    const before = counts({ responseCount: 100, sum: 400, sumOfSquares: 1700 });
    const after = counts({ responseCount: 100, sum: 200, sumOfSquares: 500 });
    expect(change(waitMinutes, before, after)).toMatchObject({ status: "ok", difference: -2, significant: true, direction: "better" });
  });

  it("is not comparable when either period is below the minimum sample", () => {
    expect(change(csat, counts({ responseCount: 10, topBox: 5 }), counts({ responseCount: 100, topBox: 75 }))).toEqual({
      status: "not_comparable",
      reason: "too_few",
    });
  });
});

describe("a proportion with its Wilson interval (themes' shares)", () => {
  it("matches the published Wilson 95% interval for 10 of 50: 20 % (11.24–33.04 %)", () => {
    const result = proportion(10, 50);
    expect(result).toMatchObject({ status: "ok", count: 10, n: 50, value: 20 });
    if (result.status !== "ok") throw new Error("expected a proportion");
    expect(result.low).toBeCloseTo(11.244, 2);
    expect(result.high).toBeCloseTo(33.037, 2);
  });

  it("stays within 0–100 at the edges: 0 of 30 is 0–11.35 %, 30 of 30 is 88.65–100 %", () => {
    expect(proportion(0, 30)).toMatchObject({ status: "ok", value: 0, low: 0 });
    const none = proportion(0, 30);
    expect(none.status === "ok" && none.high).toBeCloseTo(11.352, 2);
    const all = proportion(30, 30);
    expect(all.status === "ok" && all.low).toBeCloseTo(88.648, 2);
    expect(all.status === "ok" && all.high).toBe(100);
  });

  it("says too few below the minimum sample, with n and the minimum", () => {
    expect(proportion(3, 29)).toEqual({ status: "too_few", count: 3, n: 29, minimum: 30 });
    expect(proportion(0, 0, 0)).toMatchObject({ status: "too_few", n: 0 });
    expect(proportion(3, 10, 10)).toMatchObject({ status: "ok", value: 30 });
  });
});

describe("the two-proportion z-test (themes' change)", () => {
  it("gives the two-sided normal p-value: 0.05 at 1.96, 0.0027 at 3", () => {
    expect(twoSidedPValue(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedPValue(-3)).toBeCloseTo(0.0026998, 6);
    expect(twoSidedPValue(0)).toBeCloseTo(1, 6);
    expect(twoSidedPValue(6) / 1.97318e-9).toBeCloseTo(1, 3);
  });

  it("pools the two shares: 35 of 100 → 50 of 100 is +15 points, z 2.146, p 0.0319, rising", () => {
    const result = proportionChange({ count: 35, n: 100 }, { count: 50, n: 100 });
    expect(result).toMatchObject({ status: "ok", significant: true, direction: "rising" });
    if (result.status !== "ok") throw new Error("expected a change");
    expect(result.difference).toBeCloseTo(15, 9);
    expect(result.z).toBeCloseTo(2.1456, 3);
    expect(result.pValue).toBeCloseTo(0.0319, 4);
  });

  it("calls a small change steady and a large fall falling", () => {
    expect(proportionChange({ count: 50, n: 100 }, { count: 45, n: 100 })).toMatchObject({ status: "ok", significant: false, direction: "steady" });
    const fall = proportionChange({ count: 120, n: 1000 }, { count: 80, n: 1000 });
    expect(fall).toMatchObject({ status: "ok", significant: true, direction: "falling" });
    expect(fall.status === "ok" && fall.z).toBeCloseTo(-2.9814, 3);
    expect(fall.status === "ok" && fall.pValue).toBeCloseTo(0.002869, 5);
    // Nothing varies: both 0 %.
    expect(proportionChange({ count: 0, n: 40 }, { count: 0, n: 40 })).toMatchObject({ status: "ok", z: 0, pValue: 1, direction: "steady" });
  });

  it("is not comparable when either side is below the minimum, saying which", () => {
    expect(proportionChange({ count: 0, n: 0 }, { count: 5, n: 100 })).toEqual({ status: "not_comparable", reason: "no_comparison_data" });
    expect(proportionChange({ count: 5, n: 100 }, { count: 0, n: 0 })).toEqual({ status: "not_comparable", reason: "no_current_data" });
    expect(proportionChange({ count: 5, n: 29 }, { count: 5, n: 100 })).toEqual({ status: "not_comparable", reason: "too_few" });
  });
});

describe("a mean with its margin (themes' sentiment)", () => {
  it("is Σx/n ± 1.96·sd/√n, null below the minimum", () => {
    // 0.5, −0.5 repeated: mean 0, sample variance 0.25·n/(n − 1).
    const n = 40;
    const result = meanWithMargin(n, 0, 0.25 * n);
    expect(result?.mean).toBeCloseTo(0, 12);
    expect(result?.margin).toBeCloseTo(1.96 * Math.sqrt((0.25 * n) / (n - 1) / n), 12);
    expect(meanWithMargin(29, 1, 1)).toBeNull();
  });
});

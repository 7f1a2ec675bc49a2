// The words every figure is written in: a change says its direction ("better", "worse") in words, not by
// colour alone; nothing in a period is "no data", not "too few responses"; n = 0 is "no responses".
import { describe, expect, it } from "vitest";
import { countOf, describeChange, describeContactChange, describeScore, formatContactRate, formatContactShare } from "../components/format";
import { change, contactCountChange, notComparable, rollupChange } from "../server/metrics/formulas";

const nps = { kind: "nps" as const, scaleMin: 0, scaleMax: 10, direction: "higher_is_better" as const };
const counts = (n: number, promoters: number, detractors: number) => ({
  responseCount: n,
  promoters,
  passives: n - promoters - detractors,
  detractors,
  topBox: 0,
  sum: 0,
  sumOfSquares: 0,
});

describe("figures in words", () => {
  it("says the direction of a significant change in words", () => {
    expect(describeChange("nps", change(nps, counts(400, 160, 80), counts(400, 200, 60)))).toBe("+15, better (significant)");
    expect(describeChange("nps", change(nps, counts(400, 200, 60), counts(400, 160, 80)))).toBe("−15, worse (significant)");
  });

  it("tells an empty comparison period from one with too few responses", () => {
    expect(describeChange("nps", change(nps, counts(0, 0, 0), counts(400, 200, 60)))).toBe("no data in the comparison period");
    expect(describeChange("nps", change(nps, counts(12, 6, 2), counts(400, 200, 60)))).toBe("not comparable (too few responses)");
    expect(describeChange("nps", notComparable(40, 0))).toBe("no data in this period");
    expect(rollupChange({ status: "insufficient", n: 0, insufficientWeightShare: 0 }, { status: "insufficient", n: 3, insufficientWeightShare: 1 })).toEqual({
      status: "not_comparable",
      reason: "no_comparison_data",
    });
  });

  it("writes n = 0 as no responses, and a small n as insufficient data with its n", () => {
    expect(describeScore("nps", { status: "insufficient", n: 0, minimum: 30 })).toBe("no responses in this period");
    expect(describeScore("nps", { status: "insufficient", n: 1234, minimum: 5000 })).toBe("insufficient data (n = 1,234)");
  });

  it("writes counts with their noun in the right number, with thousands separators", () => {
    expect(countOf(1, "response")).toBe("1 response");
    expect(countOf(0, "response")).toBe("0 responses");
    expect(countOf(12_345, "initiative")).toBe("12,345 initiatives");
  });
});

describe("contacts in words", () => {
  it("keeps one decimal for small rates and whole numbers from 100 up, fewer being better", () => {
    // 1,663 contacts before, 3,060.5 after (a contact with two causes counts half to each).
    expect(describeContactChange(contactCountChange(1663, 3060.5))).toBe("+1,398 ± 135, more contacts (significant)");
    expect(describeContactChange(contactCountChange(120, 60, 3, 3), "a month")).toBe("−20 ± 8.8 a month, fewer contacts (significant)");
    expect(describeContactChange(contactCountChange(40, 44))).toBe("no significant change (+4 ± 18)");
    expect(formatContactRate({ value: 12.345, margin: 2.21 }, "per 1,000 responses")).toBe("12.3 ± 2.2 per 1,000 responses");
    expect(formatContactShare(0.4)).toBe("under 1%");
  });
});

// The longest period a view computes: max_period_years when set, no limit when none is given.
import { describe, expect, it } from "vitest";
import { tooLongPeriod } from "../server/scores/periods";

describe("period limits", () => {
  it("puts no limit on a period when none is set (Infinity years)", () => {
    expect(tooLongPeriod({ from: "2000-01-01", to: "2030-01-01" }, Infinity)).toBeUndefined();
    expect(tooLongPeriod({ from: "2000-01-01", to: "2030-01-01" }, 10)).toMatch(/at most 10 years/);
  });
});

// One date format for people: every day shown reads back as the same day when typed, and what is not a day is refused.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DATE_EXAMPLE, formatDate, formatDateTime, formatMonth, formatPeriod, parseTypedDate } from "../lib/dates";

describe("dates for people", () => {
  it("shows a day as '3 Sep 2026' (not the 'Sept' some locales print) and a moment with its UTC time", () => {
    expect(formatDate("2026-09-03")).toBe("3 Sep 2026");
    expect(formatDate(new Date("2026-11-23T23:59:00Z"))).toBe("23 Nov 2026");
    expect(formatDateTime(new Date("2026-11-23T14:37:09Z"))).toBe("23 Nov 2026, 14:37");
    expect(formatDateTime(new Date("2026-11-23T14:37:09Z"), { seconds: true })).toBe("23 Nov 2026, 14:37:09");
    expect(formatPeriod({ from: "2026-09-01", to: "2026-11-30" })).toBe("1 Sep 2026 to 30 Nov 2026");
    expect(formatMonth("2026-09-01")).toBe("Sep 2026");
    expect(parseTypedDate(DATE_EXAMPLE)).toBe("2026-09-03");
  });

  it("reads back every day it shows, as the same day", () => {
    const days = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(fc.property(days, (iso) => parseTypedDate(formatDate(iso)) === iso));
  });

  it("accepts the spellings people reach for, day before month", () => {
    for (const typed of ["3 September 2026", "3 sept 2026", " 3  Sep  2026 ", "3 Sep, 2026", "2026-09-03", "03/09/2026", "3.9.2026", "3 Sep 26"])
      expect(parseTypedDate(typed), typed).toBe("2026-09-03");
  });

  it("refuses what is not a real day", () => {
    for (const typed of ["", "31 Feb 2026", "2026-02-30", "13/13/2026", "Sep 2026", "tomorrow", "3 Sep 12026", "2026-9-3x"])
      expect(parseTypedDate(typed), typed).toBeNull();
  });
});

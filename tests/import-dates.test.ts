// Dates in the formats survey tools export, read in the file's time zone.
import { describe, expect, it } from "vitest";
import { parseDate } from "../server/imports/dates";

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("import dates", () => {
  it("read ISO dates in the file's time zone, and honour an explicit offset", () => {
    expect(iso(parseDate("2026-03-01 18:02:11", "iso", "Europe/Berlin"))).toBe("2026-03-01T17:02:11.000Z");
    expect(iso(parseDate("2026-07-01 18:02:11", "iso", "Europe/Berlin"))).toBe("2026-07-01T16:02:11.000Z");
    expect(iso(parseDate("2026-03-01T18:02:11Z", "iso", "Europe/Berlin"))).toBe("2026-03-01T18:02:11.000Z");
    expect(iso(parseDate("2026-03-01T18:02:11-05:00", "iso", "UTC"))).toBe("2026-03-01T23:02:11.000Z");
    expect(iso(parseDate("2026-03-01", "iso", "UTC"))).toBe("2026-03-01T00:00:00.000Z");
  });

  it("read US dates with AM/PM (SurveyMonkey) and European dates", () => {
    expect(iso(parseDate("03/01/2026 06:02:11 PM", "us", "America/New_York"))).toBe("2026-03-01T23:02:11.000Z");
    expect(iso(parseDate("03/01/2026 12:15:00 AM", "us", "UTC"))).toBe("2026-03-01T00:15:00.000Z");
    expect(iso(parseDate("01.03.2026 18:02", "eu", "UTC"))).toBe("2026-03-01T18:02:00.000Z");
  });

  it("read Excel serial dates, rounded to the second", () => {
    // 46082.75 = 2026-03-01 18:00; a fraction 1 ms short of the second still lands on it.
    expect(iso(parseDate("46082.75", "excel", "UTC"))).toBe("2026-03-01T18:00:00.000Z");
    expect(iso(parseDate(String(46082.75 - 0.001 / 86_400), "excel", "UTC"))).toBe("2026-03-01T18:00:00.000Z");
  });

  it("refuse what is not a date", () => {
    for (const [raw, format] of [
      ["yesterday", "iso"],
      ["2026-02-30", "iso"],
      ["13/01/2026", "us"],
      ["2026-03-01 25:00", "iso"],
      ["", "iso"],
      ["abc", "excel"],
    ] as const) {
      expect(parseDate(raw, format, "UTC"), `${raw} as ${format}`).toBeNull();
    }
  });
});

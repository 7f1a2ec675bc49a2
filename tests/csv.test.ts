// Every CSV the app writes neutralises spreadsheet formulas in text but keeps numbers as numbers.
import { describe, expect, it } from "vitest";
import { toCsv } from "../lib/csv";

describe("CSV export", () => {
  it("prefixes text that a spreadsheet would run as a formula", () => {
    const csv = toCsv([{ comment: '=HYPERLINK("http://x")', other: "+1", at: "@SUM(A1)", dash: "-2+3", tab: "\tx", fine: 'ok, "quoted"', n: -14 }]);
    const [, line] = csv.trim().split("\n");
    expect(line).toBe(`"'=HYPERLINK(""http://x"")",'+1,'@SUM(A1),'-2+3,'\tx,"ok, ""quoted""",-14`);
  });
});

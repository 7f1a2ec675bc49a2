// The words theme figures are written in, the highlight of a theme's words in a comment, and the links that keep a
// view's period: a change says rising or falling in words with its p-value; too few comments say so with their n.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { describeProportion, describeProportionChange, describeSentiment, formatPValue } from "../components/format";
import { HighlightedComment } from "../components/themes/highlighted-comment";
import { themesCsvHref, themesHref } from "../components/themes/links";
import { proportion, proportionChange } from "../server/metrics/formulas";

describe("theme figures in words", () => {
  it("writes a share with its Wilson interval, and too few comments with their n", () => {
    // docs/metrics.md: 10 of 50 comments is 20% (11.2–33.0%).
    expect(describeProportion(proportion(10, 50, 30))).toBe("20% (95% CI 11%–33%)");
    expect(describeProportion(proportion(3, 120, 30))).toBe("2.5% (95% CI 0.9%–7.1%)");
    expect(describeProportion(proportion(2, 12, 30))).toBe("too few comments to say (n = 12; at least 30)");
    expect(describeProportion(proportion(0, 0, 30), "detractor comments")).toBe("no detractor comments");
  });

  it("says a significant change's direction and p-value in words, and why a change is not compared", () => {
    // docs/metrics.md: 35 of 100 to 50 of 100 is +15 points, p = 0.032, rising; 50 to 45 of 100 is steady.
    expect(describeProportionChange(proportionChange({ count: 35, n: 100 }, { count: 50, n: 100 }, 30))).toBe("+15.0 pts, rising significantly (p = 0.03)");
    expect(describeProportionChange(proportionChange({ count: 50, n: 100 }, { count: 45, n: 100 }, 30))).toBe("−5.0 pts, no significant change (p = 0.48)");
    expect(describeProportionChange(proportionChange({ count: 80, n: 400 }, { count: 20, n: 400 }, 30))).toMatch(
      /^−15\.0 pts, falling significantly \(p < 0\.001\)$/,
    );
    expect(describeProportionChange(proportionChange({ count: 0, n: 0 }, { count: 5, n: 100 }, 30))).toBe("no comments in the comparison period");
    expect(describeProportionChange(proportionChange({ count: 1, n: 10 }, { count: 5, n: 100 }, 30))).toBe(
      "not compared: too few comments in one of the periods",
    );
    expect(formatPValue(0.0031)).toBe("p = 0.003");
  });

  it("writes the average sentiment with its margin and reading, or why there is none", () => {
    expect(describeSentiment({ mean: -0.3214, margin: 0.0512, n: 120 }, 120)).toBe("−0.32 ± 0.05, negative (n = 120)");
    expect(describeSentiment({ mean: 0.6, margin: 0.1, n: 40 }, 40)).toBe("+0.60 ± 0.10, positive (n = 40)");
    expect(describeSentiment(null, 0)).toBe("not analysed");
    expect(describeSentiment(null, 7)).toBe("too few analysed comments (n = 7)");
  });
});

describe("a theme's words in a comment", () => {
  const render = (comment: string, spans: Array<{ start: number; end: number }>) => renderToStaticMarkup(createElement(HighlightedComment, { comment, spans }));

  it("marks each span and keeps the rest of the words as they were (escaped)", () => {
    const comment = "A new service charge & a tip? Charged twice.";
    expect(
      render(comment, [
        { start: 6, end: 20 },
        { start: 30, end: 37 },
      ]),
    ).toBe("A new <mark>service charge</mark> &amp; a tip? <mark>Charged</mark> twice.");
  });

  it("skips spans that overlap or run past the text rather than garble it", () => {
    expect(
      render("Too slow.", [
        { start: 0, end: 3 },
        { start: 2, end: 5 },
        { start: 4, end: 99 },
      ]),
    ).toBe("<mark>Too</mark> slow.");
  });
});

describe("links to Experience › Themes", () => {
  it("keep the period, comparison and location, and nothing else", () => {
    const filters = { from: "2026-08-01", to: "2026-08-31", channel: "phone", journeyId: 3, location: "LDN-SOHO" };
    expect(themesHref(filters, { level: "program" })).toBe("/themes?from=2026-08-01&to=2026-08-31&location=LDN-SOHO");
    expect(themesHref(filters, { level: "touchpoint", id: 7 }, { theme: 2, hash: "comments" })).toBe(
      "/themes?level=touchpoint&id=7&from=2026-08-01&to=2026-08-31&location=LDN-SOHO&theme=2#comments",
    );
    expect(themesCsvHref({}, { level: "stage", id: 4 })).toBe("/api/themes/export?level=stage&id=4");
  });
});

// One formatter per metric: how each score, margin and change is written everywhere — pages, mails, alert texts.
import type { Channel, ContactChannel, LocationKind } from "@/lib/enums";
import { countOf, formatNumber } from "@/lib/counts";
import { sentimentLabelOf } from "@/lib/themes";
import type { Change, Proportion, ProportionChange, Rollup, Score } from "@/server/metrics/formulas";

export const channelLabel: Record<Channel, string> = {
  phone: "Phone",
  web: "Web",
  app: "App",
  in_person: "In person",
  email: "Email",
  chat: "Chat",
  other: "Other",
};

/** A contact channel as it reads on a page. */
export const contactChannelLabel = {
  phone: "Phone",
  chat: "Chat",
  email: "Email",
  web_form: "Web form",
  social: "Social",
  in_person: "In person",
  other: "Other",
} satisfies Record<ContactChannel, string>;

/** How a location's kind reads on a page. */
export const locationKindLabel: Record<LocationKind, string> = { region: "Region", site: "Site" };

export type MetricCode = "program" | "nps" | "csat" | "ces" | string;

export const metricLabel: Record<string, string> = {
  program: "Experience score",
  nps: "NPS",
  csat: "CSAT",
  ces: "CES",
  review_stars: "Review rating",
  failure_demand: "Failure demand",
};

/** Metrics read in percent whose changes are percentage points: CSAT and the failure-demand share. */
const inPoints = (metric: MetricCode) => metric === "csat" || metric === "failure_demand";

export function formatValue(metric: MetricCode, value: number): string {
  switch (metric) {
    case "nps":
      return `${value > 0 ? "+" : ""}${Math.round(value)}`;
    case "csat":
    case "failure_demand":
      return `${value.toFixed(0)}%`;
    case "program":
      return value.toFixed(1);
    default:
      return value.toFixed(2);
  }
}

export function formatMargin(metric: MetricCode, margin: number): string {
  if (!Number.isFinite(margin)) return "";
  const points = inPoints(metric)
    ? `${margin.toFixed(1)} pts`
    : metric === "nps"
      ? `${margin.toFixed(0)}`
      : metric === "program"
        ? margin.toFixed(1)
        : margin.toFixed(2);
  return `± ${points}`;
}

// Dates have one format for people, typed and shown alike; it lives with its parser in lib/dates.
export { formatDate, formatDateTime, formatMonth, formatPeriod } from "@/lib/dates";
export { countOf, formatNumber } from "@/lib/counts";

/**
 * One respondent's answers as they gave them, "NPS 9 · CSAT 4": raw answers on each metric's scale, not
 * scores, so not formatValue (an NPS answer of 9 is not a score of +9).
 */
export function formatAnswers(answers: { nps: number | null; csat: number | null; ces: number | null }): string {
  return (["nps", "csat", "ces"] as const)
    .filter((code) => answers[code] != null)
    .map((code) => `${metricLabel[code]} ${answers[code]}`)
    .join(" · ");
}

/** A sample size, as every score shows it: "n = 1,234". */
export function formatCount(n: number): string {
  return `n = ${formatNumber(n)}`;
}

/** Why a score has no value, in words: nothing at all, or too few to say. */
export function describeMissing(result: Score | Rollup): string {
  return result.n === 0 ? "no responses in this period" : `insufficient data (${formatCount(result.n)})`;
}

/** A score as one line of text: the value with its margin, or why there is none. */
export function describeScore(metric: MetricCode, result: Score | Rollup): string {
  if (result.status !== "ok") return describeMissing(result);
  return `${formatValue(metric, result.value)} ${formatMargin(metric, result.margin)} (${formatCount(result.n)})`;
}

/** A difference with its margin, significant or not: "+15.0 pts ± 16.3 pts". */
export function describeDifference(metric: MetricCode, result: Extract<Change, { status: "ok" }>): string {
  const sign = result.difference > 0 ? "+" : result.difference < 0 ? "−" : "±";
  const size = metric === "nps" ? Math.abs(Math.round(result.difference)).toString() : Math.abs(result.difference).toFixed(1);
  return `${sign}${size}${inPoints(metric) ? " pts" : ""} ${formatMargin(metric, result.margin)}`;
}

const notComparableWords = {
  no_comparison_data: "no data in the comparison period",
  no_current_data: "no data in this period",
  too_few: "not comparable (too few responses)",
} as const;

/** A change in words, its direction said, not left to colour: "+5.0 pts, better (significant)". */
export function describeChange(metric: MetricCode, result: Change): string {
  if (result.status !== "ok") return notComparableWords[result.reason];
  if (!result.significant) return "no significant change";
  const sign = result.difference > 0 ? "+" : "−";
  const size = metric === "nps" ? Math.abs(Math.round(result.difference)).toString() : Math.abs(result.difference).toFixed(1);
  return `${sign}${size}${inPoints(metric) ? " pts" : ""}, ${result.direction === "worse" ? "worse" : "better"} (significant)`;
}

/** A number of contacts to one decimal at most, thousands separated: "1,234", "40.6". */
// One decimal where it tells something (8.8 a month, 12.3 per 1,000); whole numbers from 100 up (1,398, not 1,397.5).
const contactFigure = (value: number) => formatNumber(Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10);

/**
 * Contacts as people read them, whole: "1 contact", "1,234 contacts". A contact with two causes counts half
 * to each touchpoint, so a touchpoint's sum can end in a half; the exact figure stays in the CSV.
 */
export function formatContacts(contacts: number): string {
  return countOf(Math.round(contacts), "contact");
}

/** A rate of contacts with its Poisson margin: "40.6 ± 7.2 a month", "12.3 ± 2.2 per 1,000 responses". */
export function formatContactRate(rate: { value: number; margin: number }, unit: string): string {
  return `${contactFigure(rate.value)} ± ${contactFigure(rate.margin)} ${unit}`;
}

/**
 * A change in contacts caused, its direction said in words and its margin always shown (fewer is better):
 * "+12 ± 8.8, more contacts (significant)", "no significant change (−3 ± 8.8)", "−20 ± 8.8 a month, …" with a unit.
 */
export function describeContactChange(result: Change, unit = ""): string {
  if (result.status !== "ok") return "no contacts caused in either period";
  const sign = result.difference > 0 ? "+" : result.difference < 0 ? "−" : "±";
  const figure = `${sign}${contactFigure(Math.abs(result.difference))} ± ${contactFigure(result.margin)}${unit ? ` ${unit}` : ""}`;
  if (!result.significant) return `no significant change (${figure})`;
  return `${figure}, ${result.direction === "worse" ? "more" : "fewer"} contacts (significant)`;
}

/** A share of contacts in percent, with "under 1%" rather than a misleading 0%; "—" when there is none. */
export function formatContactShare(share: number | null): string {
  if (share === null) return "—";
  return share > 0 && share < 1 ? "under 1%" : formatValue("failure_demand", share);
}

/** Beside a figure of contacts caused: how much of the period's demand is not yet classified, or nothing. */
export function describeUnclassified(share: number | null): string | null {
  if (share === null || share <= 0) return null;
  return `${formatContactShare(share)} of this period's contacts are still unclassified; some may belong here.`;
}

/** A key driver's importance: its share of what the model explains, "47.5%". */
export function formatDriverWeight(weight: number): string {
  return `${weight.toFixed(1)}%`;
}

/** A standardised coefficient with its 95% margin, "0.43 ± 0.04". */
export function formatCoefficient(coefficient: number, margin: number): string {
  return `${coefficient.toFixed(2)} ± ${margin.toFixed(2)}`;
}

/** A driver's performance on the common 0–100 scale with its margin, "78.2 ± 1.1". */
export function formatPerformance(performance: { value: number; margin: number } | null): string {
  return performance ? `${performance.value.toFixed(1)} ± ${performance.margin.toFixed(1)}` : "insufficient data";
}

/** A share in percent, one decimal below 10% where the decimal tells something: "2.4%", "23%". */
export function formatShare(percent: number): string {
  return `${percent < 10 ? percent.toFixed(1) : percent.toFixed(0)}%`;
}

/** A share of comments with its Wilson 95% interval, "23% (95% CI 19%–27%)", or why there is none (`of` names the base). */
export function describeProportion(share: Proportion, of = "comments"): string {
  if (share.status === "ok") return `${formatShare(share.value)} (95% CI ${formatShare(share.low)}–${formatShare(share.high)})`;
  return share.n === 0 ? `no ${of}` : `too few ${of} to say (${formatCount(share.n)}; at least ${formatNumber(share.minimum)})`;
}

/** A p-value as people read it: "p < 0.001", "p = 0.003", "p = 0.41". */
export function formatPValue(p: number): string {
  if (p < 0.001) return "p < 0.001";
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

const shareNotComparable = {
  no_comparison_data: "no comments in the comparison period",
  no_current_data: "no comments in this period",
  too_few: "not compared: too few comments in one of the periods",
} as const;

/**
 * A change of a theme's share in words, its direction said (not left to colour), with its size and p-value:
 * "+6.2 pts, rising significantly (p = 0.003)", "−0.4 pts, no significant change (p = 0.62)".
 */
export function describeProportionChange(change: ProportionChange): string {
  if (change.status !== "ok") return shareNotComparable[change.reason];
  const sign = change.difference > 0 ? "+" : change.difference < 0 ? "−" : "±";
  const size = `${sign}${Math.abs(change.difference).toFixed(1)} pts`;
  if (change.direction === "steady") return `${size}, no significant change (${formatPValue(change.pValue)})`;
  return `${size}, ${change.direction} significantly (${formatPValue(change.pValue)})`;
}

/**
 * An average sentiment score (−1 to 1) with its 95% margin and what it reads as: "−0.32 ± 0.05, negative (n = 120)";
 * or why there is none (no comment analysed, e.g. none in English, or too few).
 */
export function describeSentiment(sentiment: { mean: number; margin: number; n: number } | null, analysed: number): string {
  if (sentiment === null) return analysed === 0 ? "not analysed" : `too few analysed comments (${formatCount(analysed)})`;
  const sign = sentiment.mean < 0 ? "−" : sentiment.mean > 0 ? "+" : "";
  return `${sign}${Math.abs(sentiment.mean).toFixed(2)} ± ${sentiment.margin.toFixed(2)}, ${sentimentLabelOf(sentiment.mean)} (${formatCount(sentiment.n)})`;
}

// When each period rule fires, decided by the tests docs/metrics.md documents (never a new statistic), and
// what it says: a title, a sentence with the figures, and the figures themselves. Pure: no I/O.
import {
  change,
  proportionChange,
  rollupChange,
  score,
  type Change,
  type MetricCounts,
  type MetricScale,
  type Rollup,
  type Score,
} from "@/server/metrics/formulas";
import { EXPERIENCE_METRIC } from "@/lib/alerts";
import { countOf, formatNumber } from "@/lib/counts";
import { describeDifference, describeProportionChange, formatCount, formatMargin, formatShare, formatValue, metricLabel } from "@/lib/format";

type OkChange = Extract<Change, { status: "ok" }>;
type OkScore = Extract<Score, { status: "ok" }>;

export interface Wording {
  title: string;
  summary: string;
  figures: Record<string, unknown>;
}

/** The formatter's name for a metric: the experience score reads as the program's score does. */
const formatCode = (metricCode: string) => (metricCode === EXPERIENCE_METRIC ? "program" : metricCode);

export function metricName(metricCode: string, scales: ReadonlyMap<string, { name: string }>): string {
  return metricLabel[formatCode(metricCode)] ?? scales.get(metricCode)?.name ?? metricCode;
}

const valueOf = (metricCode: string, value: number) => formatValue(formatCode(metricCode), value);

interface PeriodLabels {
  label: string;
  compareLabel: string;
}

/** A significant change for the worse; nothing for a change the test cannot tell from noise, or an improvement. */
const worse = (result: Change): result is OkChange => result.status === "ok" && result.significant && result.direction === "worse";

function dropWording(
  metricCode: string,
  name: string,
  entityName: string,
  previous: { value: number; n: number },
  current: { value: number; n: number },
  result: OkChange,
  labels: PeriodLabels,
): Wording {
  const code = formatCode(metricCode);
  return {
    title: `${name} fell at ${entityName}`,
    summary:
      `${name} fell from ${valueOf(metricCode, previous.value)} (${formatCount(previous.n)}) in ${labels.compareLabel} ` +
      `to ${valueOf(metricCode, current.value)} (${formatCount(current.n)}) in ${labels.label}: ${describeDifference(code, result)}, significant at 95%.`,
    figures: {
      metricCode,
      metricName: name,
      value: current.value,
      n: current.n,
      previous: previous.value,
      previousN: previous.n,
      difference: result.difference,
      margin: result.margin,
      significant: true,
      confidence: 95,
    },
  };
}

/** A metric's drop over pooled counts: the change test for its kind (NPS, CSAT, means), as the dashboards compare periods. */
export function metricDrop(
  input: { metricCode: string; name: string; scale: MetricScale; entityName: string; minimumSample: number } & PeriodLabels,
  before: MetricCounts,
  after: MetricCounts,
): Wording | null {
  const result = change(input.scale, before, after, input.minimumSample);
  if (!worse(result)) return null;
  const previous = score(input.scale, before, input.minimumSample) as OkScore;
  const current = score(input.scale, after, input.minimumSample) as OkScore;
  return dropWording(input.metricCode, input.name, input.entityName, previous, current, result, input);
}

/** The experience score's drop (normalised, rolled up): the roll-up change test on the variances it carries. */
export function experienceDrop(input: { entityName: string } & PeriodLabels, before: Rollup, after: Rollup): Wording | null {
  const result = rollupChange(before, after);
  if (!worse(result) || before.status !== "ok" || after.status !== "ok") return null;
  return dropWording(EXPERIENCE_METRIC, metricLabel.program!, input.entityName, before, after, result, input);
}

/**
 * Below target in a week: a score with enough answers whose whole 95% interval lies on the wrong side of the
 * target (|value − target| > margin, the score's own margin), so a week merely near the target never counts.
 */
export function clearlyBelowTarget(result: Score, target: number, direction: MetricScale["direction"]): result is OkScore {
  if (result.status !== "ok") return false;
  return direction === "lower_is_better" ? result.value - result.margin > target : result.value + result.margin < target;
}

export interface WeekScore {
  weekKey: string;
  from: string;
  to: string;
  score: Score;
}

/** The streak's words: `streak` holds its weeks from the latest back, each clearly below target. */
export function belowTargetWording(input: { metricCode: string; name: string; entityName: string; target: number }, streak: readonly WeekScore[]): Wording {
  const { metricCode, name, target } = input;
  const weeks = [...streak].reverse().map((week) => {
    const result = week.score as OkScore;
    return { week: week.weekKey, from: week.from, to: week.to, value: result.value, margin: result.margin, n: result.n };
  });
  const latest = weeks.at(-1)!;
  const code = formatCode(metricCode);
  return {
    title: `${name} below target at ${input.entityName} for ${countOf(weeks.length, "week")}`,
    summary:
      `${name} has been below its target of ${valueOf(metricCode, target)} for ${countOf(weeks.length, "week")} in a row, ` +
      `each week's 95% interval wholly below it; last week ${valueOf(metricCode, latest.value)} ${formatMargin(code, latest.margin)} (${formatCount(latest.n)}).`,
    figures: { metricCode, metricName: name, target, value: latest.value, margin: latest.margin, n: latest.n, weeks, confidence: 95 },
  };
}

/**
 * Contacts caused up: the Poisson comparison of the two periods' counts (the comparison's scaled to this period's
 * length), only once both together reach the minimum sample, as an initiative aimed at contacts is measured.
 */
export function contactsUp(
  input: { entityName: string; minimumSample: number } & PeriodLabels,
  previous: number,
  current: number,
  result: Change,
): Wording | null {
  if (previous + current < input.minimumSample || !worse(result)) return null;
  const whole = (value: number) => countOf(Math.round(value), "contact");
  const sign = result.difference > 0 ? "+" : "−";
  return {
    title: `More contacts caused by ${input.entityName}`,
    summary:
      `Contacts caused by ${input.entityName} rose from ${whole(previous)} in ${input.compareLabel} to ${whole(current)} in ${input.label}: ` +
      `${sign}${Math.abs(result.difference).toFixed(1)} ± ${result.margin.toFixed(1)}, significant at 95%.`,
    figures: {
      value: current,
      previous,
      n: current,
      previousN: previous,
      difference: result.difference,
      margin: result.margin,
      significant: true,
      confidence: 95,
    },
  };
}

/**
 * A theme's share of comments up: the pooled two-proportion test of Themes (docs/metrics.md), significant (p < 0.05)
 * and rising, and at or above the rule's minimum share when it sets one. Either period below the minimum sample of
 * comments is not compared, so a handful of comments never opens a case.
 */
export function themeShareRise(
  input: {
    themeName: string;
    /** Where, as a sentence says it: "at The bill", "across the whole program". */
    place: string;
    minimumSample: number;
    minSharePercent: number | null;
  } & PeriodLabels,
  before: { count: number; n: number },
  after: { count: number; n: number },
): Wording | null {
  const result = proportionChange(before, after, input.minimumSample);
  if (result.status !== "ok" || result.direction !== "rising") return null;
  const share = (100 * after.count) / after.n;
  const previous = (100 * before.count) / before.n;
  if (input.minSharePercent !== null && share < input.minSharePercent) return null;
  const minimum = input.minSharePercent === null ? "" : ` (the rule's minimum: ${formatShare(input.minSharePercent)})`;
  return {
    title: `${input.themeName} rising in comments ${input.place}`,
    summary:
      `${input.themeName} was in ${formatShare(share)} of comments ${input.place} in ${input.label} (${formatNumber(after.count)} of ${countOf(after.n, "comment")})${minimum}, ` +
      `up from ${formatShare(previous)} in ${input.compareLabel} (${formatNumber(before.count)} of ${formatNumber(before.n)}): ${describeProportionChange(result)}, two-proportion test at 95%.`,
    figures: {
      themeName: input.themeName,
      value: share,
      previous,
      n: after.n,
      previousN: before.n,
      count: after.count,
      previousCount: before.count,
      difference: result.difference,
      z: result.z,
      pValue: result.pValue,
      minSharePercent: input.minSharePercent,
      significant: true,
      confidence: 95,
    },
  };
}

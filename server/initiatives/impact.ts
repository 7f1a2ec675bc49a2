// Did an initiative move its touchpoint's score? The same-length windows before and after its start, and
// the difference with its margin and significance. Pure: the caller reads the counts from the roll-ups.
import { change, score, type Change, type MetricCounts, type MetricScale, type Score } from "@/server/metrics/formulas";
import { addDays, periodLength, type Period } from "@/server/scores/periods";

/** Days on each side of the start date unless the reader chooses another length. */
export const DEFAULT_IMPACT_WINDOW_DAYS = 90;

/** The baseline window: the `days` before the start date (the start date itself is "after"). */
export function baselineWindow(startDate: string, days = DEFAULT_IMPACT_WINDOW_DAYS): Period {
  return { from: addDays(startDate, -days), to: addDays(startDate, -1) };
}

/**
 * The after window runs from the start date for `days`, cut at `today`; the before window has the same
 * length, ending the day before the start. Null before the start date.
 */
export function impactWindows(startDate: string, today: string, days = DEFAULT_IMPACT_WINDOW_DAYS): { before: Period; after: Period } | null {
  if (today < startDate) return null;
  const afterEnd = addDays(startDate, days - 1) < today ? addDays(startDate, days - 1) : today;
  const after = { from: startDate, to: afterEnd };
  const length = periodLength(after);
  return { before: { from: addDays(startDate, -length), to: addDays(startDate, -1) }, after };
}

export type Impact =
  | { status: "not_started" }
  | { status: "too_early"; before: Score; after: Score; windows: { before: Period; after: Period }; minimum: number }
  | { status: "not_comparable"; before: Score; after: Score; windows: { before: Period; after: Period } }
  | { status: "measured"; before: Score; after: Score; change: Extract<Change, { status: "ok" }>; windows: { before: Period; after: Period } };

/** "Too early to tell" while the after window is below the minimum sample; "not comparable" when the before one is. */
export function initiativeImpact(
  scale: MetricScale,
  counts: { before: MetricCounts; after: MetricCounts },
  windows: { before: Period; after: Period } | null,
  minimum: number,
): Impact {
  if (!windows) return { status: "not_started" };
  const before = score(scale, counts.before, minimum);
  const after = score(scale, counts.after, minimum);
  if (after.status !== "ok") return { status: "too_early", before, after, windows, minimum };
  const difference = change(scale, counts.before, counts.after, minimum);
  if (difference.status !== "ok") return { status: "not_comparable", before, after, windows };
  return { status: "measured", before, after, change: difference, windows };
}

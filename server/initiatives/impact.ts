// Did an initiative move its touchpoint's score, or the contacts it causes? The same-length windows before and
// after its start, and the difference with its margin and significance. Pure: the caller reads the roll-ups.
import { Z_95, change, contactCountChange, perThousand, score, type Change, type MetricCounts, type MetricScale, type Score } from "@/server/metrics/formulas";
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

/** Days in an average month (365.25 / 12): a window measured in days gives contacts per month. */
export const DAYS_PER_MONTH = 365.25 / 12;

export function monthsIn(period: Period): number {
  return periodLength(period) / DAYS_PER_MONTH;
}

/** One side of an initiative aimed at contacts: the contacts its touchpoint caused, per month and per 1,000 responses. */
export interface ContactWindow {
  contacts: number;
  cost: number;
  months: number;
  /** Contacts per month with the Poisson margin 1.96 · √contacts / months. */
  perMonth: { value: number; margin: number };
  responses: number;
  /** Null without responses in the window. */
  perThousandResponses: { value: number; margin: number } | null;
}

type ContactWindows = { before: Period; after: Period };

export type ContactImpact =
  | { aim: "contacts"; status: "not_started" }
  | { aim: "contacts"; status: "too_early"; before: ContactWindow; after: ContactWindow; windows: ContactWindows; minimum: number }
  | { aim: "contacts"; status: "measured"; before: ContactWindow; after: ContactWindow; change: Extract<Change, { status: "ok" }>; windows: ContactWindows };

function contactWindow(period: Period, caused: { contacts: number; cost: number; responses: number }): ContactWindow {
  const months = monthsIn(period);
  return {
    ...caused,
    months,
    perMonth: { value: caused.contacts / months, margin: (Z_95 * Math.sqrt(caused.contacts)) / months },
    perThousandResponses: perThousand(caused.contacts, caused.responses),
  };
}

/**
 * Did an initiative reduce the contacts its touchpoint causes? Contacts per month in the same windows as a
 * score's impact, compared as two Poisson rates (contactCountChange); "too early" while both windows together
 * hold fewer contacts than the minimum sample, as a score waits for enough answers.
 */
export function initiativeContactImpact(
  caused: { before: { contacts: number; cost: number; responses: number }; after: { contacts: number; cost: number; responses: number } },
  windows: ContactWindows | null,
  minimum: number,
): ContactImpact {
  if (!windows) return { aim: "contacts", status: "not_started" };
  const before = contactWindow(windows.before, caused.before);
  const after = contactWindow(windows.after, caused.after);
  const difference = contactCountChange(before.contacts, after.contacts, before.months, after.months);
  if (before.contacts + after.contacts < minimum || difference.status !== "ok")
    return { aim: "contacts", status: "too_early", before, after, windows, minimum };
  return { aim: "contacts", status: "measured", before, after, change: difference, windows };
}

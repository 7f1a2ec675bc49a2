// The periods period rules compare, in UTC days as the roll-ups keep them: the last complete ISO week (Monday
// to Sunday) or calendar month before a moment, the one before it, and the keys that make an alert idempotent.
import { addDays, type Period } from "@/server/scores/periods";
import type { AlertComparison } from "@/lib/alerts";
import { formatDate, formatMonth } from "@/lib/dates";

const DAY = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The Monday that starts the ISO week of a day. */
function mondayOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** "2026-W10": the ISO week-numbering year and week of the week starting on `monday`. */
export function weekKey(monday: string): string {
  const thursday = new Date(`${addDays(monday, 3)}T00:00:00Z`);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The last complete ISO week before `now`: it ended on the Sunday before `now`'s week began. */
export function lastCompleteWeek(now: Date): Period {
  const monday = addDays(mondayOf(isoDay(now)), -7);
  return { from: monday, to: addDays(monday, 6) };
}

/** The week `weeks` weeks before the given one (a Monday-to-Sunday period). */
export function weekBefore(week: Period, weeks = 1): Period {
  return { from: addDays(week.from, -7 * weeks), to: addDays(week.to, -7 * weeks) };
}

/** The last complete calendar month before `now`. */
export function lastCompleteMonth(now: Date): Period {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: isoDay(start), to: isoDay(end) };
}

function monthBefore(month: Period): Period {
  const start = new Date(`${month.from}T00:00:00Z`);
  return {
    from: isoDay(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - 1, 1))),
    to: addDays(month.from, -1),
  };
}

export interface Comparison {
  period: Period;
  compareTo: Period;
  /** The idempotency key of the period: "week:2026-W10", "month:2026-02". */
  key: string;
  /** How the period reads: "the week of 2 Mar 2026", "Feb 2026". */
  label: string;
  compareLabel: string;
}

/** A week as people read it: "the week of 2 Mar 2026". */
export const weekLabel = (week: Period) => `the week of ${formatDate(week.from)}`;

/** The period a rule looks at before `now`, and the one it is compared with. */
export function comparisonFor(comparison: AlertComparison, now: Date): Comparison {
  if (comparison === "week") {
    const period = lastCompleteWeek(now);
    const compareTo = weekBefore(period);
    return { period, compareTo, key: `week:${weekKey(period.from)}`, label: weekLabel(period), compareLabel: weekLabel(compareTo) };
  }
  const period = lastCompleteMonth(now);
  const compareTo = monthBefore(period);
  return { period, compareTo, key: `month:${period.from.slice(0, 7)}`, label: formatMonth(period.from), compareLabel: formatMonth(compareTo.from) };
}

// Reporting periods: inclusive day ranges, their comparison period, and how they split into whole months
// (read from the monthly roll-up) and loose days (read from the daily roll-up).
import { z } from "zod";
import { isoDate } from "@/lib/schemas";

export const periodSchema = z.object({ from: isoDate, to: isoDate }).refine((p) => p.from <= p.to, "`from` must not be after `to`");

export type Period = z.infer<typeof periodSchema>;

const DAY = 86_400_000;
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  return toIso(new Date(toDate(iso).getTime() + days * DAY));
}

/** Refusal words for a period longer than `maxYears` years, or undefined when it is within. */
export function tooLongPeriod(period: Period, maxYears: number): string | undefined {
  if (!Number.isFinite(maxYears)) return undefined;
  const latestEnd = addDays(period.from, Math.round(maxYears * 365.25) - 1);
  return period.to > latestEnd ? `a period may span at most ${maxYears} years (setting max_period_years); shorten it` : undefined;
}

/** The 12 calendar months that end with `to`'s month (the last one up to `to`). */
export function twelveMonthsTo(to: string): Period {
  const end = toDate(to);
  return { from: toIso(new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1))), to };
}

export function periodLength(period: Period): number {
  return Math.round((toDate(period.to).getTime() - toDate(period.from).getTime()) / DAY) + 1;
}

/** The period of the same length that ends the day before `period` starts. */
export function previousPeriod(period: Period): Period {
  const length = periodLength(period);
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}

/** The last `days` days up to and including `today`. */
export function lastDays(days: number, today = toIso(new Date())): Period {
  return { from: addDays(today, -(days - 1)), to: today };
}

function monthStart(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

function nextMonth(iso: string): string {
  const date = toDate(monthStart(iso));
  return toIso(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)));
}

export interface PeriodSplit {
  /** Whole months [monthsFrom, monthsTo) read from the monthly roll-up; empty when equal. */
  monthsFrom: string;
  monthsTo: string;
  /** Loose days at either end, read from the daily roll-up (inclusive ranges, possibly empty). */
  dayRanges: Array<{ from: string; to: string }>;
}

export function splitPeriod(period: Period): PeriodSplit {
  const firstWhole = period.from === monthStart(period.from) ? period.from : nextMonth(period.from);
  const afterLastWhole = addDays(period.to, 1) === nextMonth(period.to) ? nextMonth(period.to) : monthStart(period.to);
  if (firstWhole >= afterLastWhole) {
    return { monthsFrom: firstWhole, monthsTo: firstWhole, dayRanges: [{ from: period.from, to: period.to }] };
  }
  const dayRanges = [];
  if (period.from < firstWhole) dayRanges.push({ from: period.from, to: addDays(firstWhole, -1) });
  if (afterLastWhole <= period.to) dayRanges.push({ from: afterLastWhole, to: period.to });
  return { monthsFrom: firstWhole, monthsTo: afterLastWhole, dayRanges };
}

export interface WeekSplit extends PeriodSplit {
  /** Whole ISO weeks [from, to) (Mondays) read from the weekly roll-up, inside the loose days at either end. */
  weekRanges: Array<{ from: string; to: string }>;
}

/** The Monday on or after `iso`. */
function mondayFrom(iso: string): string {
  return addDays(iso, (8 - toDate(iso).getUTCDay()) % 7);
}

/**
 * As splitPeriod, for readers that have a weekly roll-up: each run of loose days becomes its whole weeks plus at
 * most six days on either side, so a 90-day period reads two months, a few weeks and ≤ 12 days.
 */
export function splitPeriodByWeeks(period: Period): WeekSplit {
  const split = splitPeriod(period);
  const weekRanges: WeekSplit["weekRanges"] = [];
  const dayRanges: PeriodSplit["dayRanges"] = [];
  for (const range of split.dayRanges) {
    const firstMonday = mondayFrom(range.from);
    const weeks = firstMonday > range.to ? 0 : Math.floor(periodLength({ from: firstMonday, to: range.to }) / 7);
    if (weeks === 0) {
      dayRanges.push(range);
      continue;
    }
    const afterWeeks = addDays(firstMonday, 7 * weeks);
    if (range.from < firstMonday) dayRanges.push({ from: range.from, to: addDays(firstMonday, -1) });
    weekRanges.push({ from: firstMonday, to: afterWeeks });
    if (afterWeeks <= range.to) dayRanges.push({ from: afterWeeks, to: range.to });
  }
  return { ...split, weekRanges, dayRanges };
}

/** The first day of each of the `count` months ending with the month of `to`. */
export function trailingMonths(count: number, to: string): string[] {
  const end = toDate(monthStart(to));
  return Array.from({ length: count }, (_, i) => toIso(new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (count - 1 - i), 1))));
}

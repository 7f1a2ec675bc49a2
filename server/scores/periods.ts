// Reporting periods: inclusive day ranges, their comparison period, and how they split into whole months
// (read from the monthly roll-up) and loose days (read from the daily roll-up).
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD");

export const periodSchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((p) => !Number.isNaN(Date.parse(p.from)) && !Number.isNaN(Date.parse(p.to)), "not a real date")
  .refine((p) => p.from <= p.to, "`from` must not be after `to`");

export type Period = z.infer<typeof periodSchema>;

const DAY = 86_400_000;
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  return toIso(new Date(toDate(iso).getTime() + days * DAY));
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

/** The first day of each of the `count` months ending with the month of `to`. */
export function trailingMonths(count: number, to: string): string[] {
  const end = toDate(monthStart(to));
  return Array.from({ length: count }, (_, i) =>
    toIso(new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (count - 1 - i), 1))),
  );
}

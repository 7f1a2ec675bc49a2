// Dates as people read and type them ("3 Sep 2026") and as URLs and files carry them ("2026-09-03").
// One format both ways, in UTC, so a date typed into a filter reads back exactly as every page shows it.
import { format, isValid, parse } from "date-fns";

/** What a date field suggests typing; every date shown to people looks like this. */
export const DATE_EXAMPLE = "3 Sep 2026";

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A day in UTC, as every page shows one: "3 Sep 2026". Takes a moment or a YYYY-MM-DD day. */
export function formatDate(value: Date | string): string {
  const date = new Date(value);
  return `${date.getUTCDate()} ${monthNames[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** A moment in UTC, as every timeline and log shows it: "3 Sep 2026, 14:37" (with seconds for the audit log). */
export function formatDateTime(value: Date | string, options: { seconds?: boolean } = {}): string {
  const date = new Date(value);
  const time = date.toISOString().slice(11, options.seconds ? 19 : 16);
  return `${formatDate(date)}, ${time}`;
}

/** A calendar month, as tables of months show it: "Sep 2026". Takes the month's first day (or any day in it). */
export function formatMonth(value: string): string {
  const date = new Date(`${value.slice(0, 7)}-01T00:00:00Z`);
  return `${monthNames[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** A period of days, both ends included: "1 Sep 2026 to 30 Nov 2026". */
export function formatPeriod(period: { from: string; to: string }): string {
  return `${formatDate(period.from)} to ${formatDate(period.to)}`;
}

// What people type: the shown form first, then the spellings a person may reach for (full month names,
// "Sept", ISO pasted from a URL, day/month/year). Month before day is never guessed: 03/09 is 3 September.
const typedFormats = ["d MMM yyyy", "d MMMM yyyy", "d MMM yy", "yyyy-MM-dd", "d/M/yyyy", "d.M.yyyy", "d-M-yyyy"];

/** A typed date as YYYY-MM-DD, or null when it is not a real day in one of the accepted spellings. */
export function parseTypedDate(text: string): string | null {
  const cleaned = text
    .trim()
    .replace(/\s+/g, " ")
    .replace(/,/g, "")
    .replace(/\bsept\b/i, "Sep");
  if (!cleaned) return null;
  for (const pattern of typedFormats) {
    const date = parse(cleaned, pattern, new Date(2000, 0, 1));
    if (isValid(date) && date.getFullYear() >= 1900 && date.getFullYear() <= 9999) return format(date, "yyyy-MM-dd");
  }
  return null;
}

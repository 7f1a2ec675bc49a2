// The contacts API's periods: the query cut into days, ISO weeks, months or quarters. Days and months are
// stored in the contact roll-ups; weeks add up days and quarters add up months.
import { periodsOf } from "@/server/scores/api";
import { addDays, type Period } from "@/server/scores/periods";

export const contactGrains = ["none", "day", "week", "month", "quarter"] as const;
export type ContactGrain = (typeof contactGrains)[number];
export type Piece = Period & { label: string };

/** The period cut into days, Monday-to-Sunday weeks (ISO), months or quarters; the first and last may be partial. */
export function contactPeriodsOf(period: Period, grain: ContactGrain): Piece[] {
  if (grain !== "day" && grain !== "week") return periodsOf(period, grain);
  const pieces: Piece[] = [];
  for (let from = period.from; from <= period.to;) {
    const weekday = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
    const last = grain === "day" ? from : addDays(from, 6 - weekday);
    const to = last < period.to ? last : period.to;
    pieces.push({ from, to, label: grain === "day" ? from : isoWeek(from) });
    from = addDays(to, 1);
  }
  return pieces;
}

/** "2026-W09": the ISO week (Monday first; week 1 holds the year's first Thursday). */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

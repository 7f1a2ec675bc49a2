// The Experience Perception Gap, pure: what the company expects customers to score a touchpoint against
// what customers scored it, per touchpoint and rolled up (importance-weighted) to stages, journeys and departments.
import type { Period } from "@/server/scores/periods";

const QUARTER = /^(\d{4})-Q([1-4])$/;

export function quarterOf(isoDate: string): string {
  return `${isoDate.slice(0, 4)}-Q${Math.floor((Number(isoDate.slice(5, 7)) - 1) / 3) + 1}`;
}

export function isQuarter(value: string): boolean {
  return QUARTER.test(value);
}

export function quarterPeriod(quarter: string): Period {
  const [, year, q] = QUARTER.exec(quarter) ?? [];
  if (!year || !q) throw new Error(`Not a quarter: ${quarter} (use e.g. 2026-Q4).`);
  const firstMonth = (Number(q) - 1) * 3;
  const from = new Date(Date.UTC(Number(year), firstMonth, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(Number(year), firstMonth + 3, 0)).toISOString().slice(0, 10);
  return { from, to };
}

export interface TouchpointGap {
  touchpointId: number;
  importance: number;
  /** What the owner expects customers to score (0–100); null when not assessed this quarter. */
  expected: number | null;
  /** What customers scored (0–100); null below the minimum sample. */
  customer: number | null;
}

export interface GroupGap {
  expected: number;
  customer: number;
  /** Expected − customer: positive when the company thinks it does better than customers say. */
  gap: number;
  touchpoints: number;
}

/** The gap of one touchpoint, or null unless both sides have a number. */
export const gapOf = (row: TouchpointGap): number | null => (row.expected == null || row.customer == null ? null : row.expected - row.customer);

/** Importance-weighted means over the touchpoints that have both sides; null when none has. */
export function groupGap(rows: TouchpointGap[]): GroupGap | null {
  const both = rows.filter((row) => gapOf(row) != null);
  const weight = both.reduce((sum, row) => sum + row.importance, 0);
  if (both.length === 0 || weight === 0) return null;
  const mean = (pick: (row: TouchpointGap) => number) => both.reduce((sum, row) => sum + row.importance * pick(row), 0) / weight;
  const expected = mean((row) => row.expected!);
  const customer = mean((row) => row.customer!);
  return { expected, customer, gap: expected - customer, touchpoints: both.length };
}

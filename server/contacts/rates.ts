// The bases of contacts per 1,000: each touchpoint's survey responses in a period (from the survey roll-ups)
// and its transactions (touchpoint_volumes, monthly, prorated by day for a period's partial months).
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { readPeriodCounts, type LocationIds } from "@/server/scores/read-rollups";
import { addDays, periodLength, type Period } from "@/server/scores/periods";

/**
 * Responses per touchpoint: the answers to its most-answered metric, the distinct-response count the roll-ups
 * hold (a response answering NPS and CSAT is one response), as a touchpoint's n everywhere else.
 */
export async function responsesByTouchpoint(db: Queryable, period: Period, locationIds?: LocationIds): Promise<Map<number, number>> {
  const responses = new Map<number, number>();
  for (const row of await readPeriodCounts(db, period, undefined, locationIds))
    responses.set(row.touchpointId, Math.max(responses.get(row.touchpointId) ?? 0, row.responseCount));
  return responses;
}

/** The last day of the month that starts on `month`. */
function monthEnd(month: string): string {
  const start = new Date(`${month}T00:00:00Z`);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

/** How many days of each month the period covers, and how long each month is. */
export function monthsCovered(period: Period): Array<{ month: string; days: number; monthDays: number }> {
  const months = [];
  let month = `${period.from.slice(0, 7)}-01`;
  while (month <= period.to) {
    const end = monthEnd(month);
    const from = period.from > month ? period.from : month;
    const to = period.to < end ? period.to : end;
    months.push({ month, days: periodLength({ from, to }), monthDays: periodLength({ from: month, to: end }) });
    month = addDays(end, 1);
  }
  return months;
}

/**
 * Transactions per touchpoint over the period, only for touchpoints with a volume for every month it touches
 * (a partial month counts its days' share of the month's volume); volumes are program-wide, so none under a location cut.
 */
export async function transactionsByTouchpoint(db: Queryable, period: Period, locationIds?: LocationIds): Promise<Map<number, number>> {
  if (locationIds) return new Map();
  const months = monthsCovered(period);
  const rows = await db.execute<{ touchpointId: number; month: string; transactions: number }>(sql`
    select touchpoint_id as "touchpointId", month::text as month, transactions::float8 as transactions from touchpoint_volumes
    where month >= ${months[0]!.month}::date and month <= ${months.at(-1)!.month}::date`);
  const byTouchpoint = new Map<number, Map<string, number>>();
  for (const row of rows) {
    const list = byTouchpoint.get(row.touchpointId) ?? new Map<string, number>();
    list.set(row.month, row.transactions);
    byTouchpoint.set(row.touchpointId, list);
  }
  const result = new Map<number, number>();
  for (const [touchpointId, volumes] of byTouchpoint) {
    if (!months.every((m) => volumes.has(m.month))) continue;
    result.set(
      touchpointId,
      months.reduce((sum, m) => sum + (volumes.get(m.month)! * m.days) / m.monthDays, 0),
    );
  }
  return result;
}

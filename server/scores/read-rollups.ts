// Reads counts and sums from the roll-up tables — never from survey_responses — for a period or a trend.
// A period is whole months from the monthly table plus loose days from the daily table, so it stays cheap.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { MetricCounts } from "@/server/metrics/formulas";
import { splitPeriod, type Period } from "./periods";

export type CountsRow = MetricCounts & {
  touchpointId: number;
  metricCode: string;
};

const measures = sql`sum(response_count)::float8 as "responseCount", sum(promoters)::float8 as promoters,
  sum(passives)::float8 as passives, sum(detractors)::float8 as detractors, sum(top_box)::float8 as "topBox",
  sum(sum)::float8 as sum, sum(sum_of_squares)::float8 as "sumOfSquares"`;

/** `and touchpoint_id in (…)` for the given touchpoints; nothing when all are wanted; false for an empty list. */
function onlyTouchpoints(touchpointIds?: number[]): SQL {
  if (!touchpointIds) return sql``;
  if (touchpointIds.length === 0) return sql` and false`;
  return sql` and touchpoint_id in (${sql.join(
    touchpointIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

function periodSources(period: Period, touchpointIds?: number[]): SQL {
  const split = splitPeriod(period);
  const only = onlyTouchpoints(touchpointIds);
  const parts: SQL[] = [];
  if (split.monthsFrom < split.monthsTo) {
    parts.push(sql`select touchpoint_id, metric_id, response_count, promoters, passives, detractors, top_box, sum, sum_of_squares, answer_counts
      from touchpoint_monthly_rollups where month >= ${split.monthsFrom}::date and month < ${split.monthsTo}::date${only}`);
  }
  for (const range of split.dayRanges) {
    parts.push(sql`select touchpoint_id, metric_id, response_count, promoters, passives, detractors, top_box, sum, sum_of_squares, answer_counts
      from touchpoint_daily_rollups where day >= ${range.from}::date and day <= ${range.to}::date${only}`);
  }
  return sql.join(parts, sql` union all `);
}

/** Counts per touchpoint and metric over a period (of the given touchpoints only, when given). */
export async function readPeriodCounts(db: Queryable, period: Period, touchpointIds?: number[]): Promise<CountsRow[]> {
  return db.execute<CountsRow>(sql`
    select r.touchpoint_id as "touchpointId", m.code as "metricCode", ${measures}
    from (${periodSources(period, touchpointIds)}) r join metric_definitions m on m.id = r.metric_id
    group by r.touchpoint_id, m.code`);
}

/** How many gave each answer, per metric, for one touchpoint over a period. */
export async function readAnswerDistribution(db: Queryable, period: Period, touchpointId: number) {
  return db.execute<{ metricCode: string; answer: number; count: number }>(sql`
    select m.code as "metricCode", e.key::int as answer, sum(e.value::bigint)::int as count
    from (${periodSources(period, [touchpointId])}) r
    join metric_definitions m on m.id = r.metric_id
    cross join lateral jsonb_each_text(r.answer_counts) e
    group by m.code, e.key::int
    order by 1, 2`);
}

export type MonthlyCountsRow = CountsRow & { month: string };

/** Counts per month, touchpoint and metric for the months [fromMonth, toMonth] (first days of months). */
export async function readMonthlyCounts(db: Queryable, fromMonth: string, toMonth: string, touchpointIds?: number[]): Promise<MonthlyCountsRow[]> {
  // The monthly table holds one row per touchpoint, metric and month already: no GROUP BY, and no ORDER BY
  // (a year of a thousand touchpoints is ~36k rows; sorting them cost more than reading them).
  return db.execute<MonthlyCountsRow>(sql`
    select to_char(r.month, 'YYYY-MM-DD') as month, r.touchpoint_id as "touchpointId", m.code as "metricCode",
      r.response_count::float8 as "responseCount", r.promoters::float8 as promoters, r.passives::float8 as passives,
      r.detractors::float8 as detractors, r.top_box::float8 as "topBox", r.sum as sum, r.sum_of_squares as "sumOfSquares"
    from touchpoint_monthly_rollups r join metric_definitions m on m.id = r.metric_id
    where r.month >= ${fromMonth}::date and r.month <= ${toMonth}::date${onlyTouchpoints(touchpointIds)}`);
}

/** The last day that has any response, so "the last 90 days" of an old dataset is not empty. */
export async function latestDataDay(db: Queryable): Promise<string | null> {
  const [row] = await db.execute<{ day: string | null }>(sql`select to_char(max(day), 'YYYY-MM-DD') as day from touchpoint_daily_rollups`);
  return row?.day ?? null;
}

// Reads counts and sums from the roll-up tables — never from survey_responses — for a period or a trend: whole
// months, then whole weeks at the edges, then loose days; a view cut by location reads the per-location tables.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { MetricCounts } from "@/server/metrics/formulas";
import { splitPeriodByWeeks, type Period } from "./periods";

export type CountsRow = MetricCounts & {
  touchpointId: number;
  metricCode: string;
};

const measures = sql`sum(response_count)::float8 as "responseCount", sum(promoters)::float8 as promoters,
  sum(passives)::float8 as passives, sum(detractors)::float8 as detractors, sum(top_box)::float8 as "topBox",
  sum(sum)::float8 as sum, sum(sum_of_squares)::float8 as "sumOfSquares"`;

// Counts travel packed, one comma-separated text per column (per result, or per month of a trend), not as a
// row each: thousands of rows decoded field by field cost more in Node than the database spends summing them
// (measured on 33k trend rows: 150 ms as rows, 104 ms as JSON, 60 ms as packed columns). No ORDER BY inside the
// aggregates: every column of one group then sees the rows in the same order, which is what pairs them up.
// `q` is a counts query with the columns of `measures` plus touchpointId and metricCode (and locationId).
const packedColumns = ["touchpointId", "metricCode", "responseCount", "promoters", "passives", "detractors", "topBox", "sum", "sumOfSquares"] as const;
type PackedColumn = (typeof packedColumns)[number] | "locationId";

const packed = (columns: readonly PackedColumn[]) => sql.raw(columns.map((c) => `coalesce(string_agg(q."${c}"::text, ','), '') as "${c}"`).join(", "));

const split = (text: string) => (text === "" ? [] : text.split(","));
const numbers = (text: string) => split(text).map(Number);

function unpack(row: Record<PackedColumn, string>): CountsRow[] {
  const codes = split(row.metricCode);
  const [touchpointId, responseCount, promoters, passives, detractors, topBox, sum, sumOfSquares] = (
    ["touchpointId", "responseCount", "promoters", "passives", "detractors", "topBox", "sum", "sumOfSquares"] as const
  ).map((c) => numbers(row[c]));
  return codes.map((metricCode, i) => ({
    touchpointId: touchpointId![i]!,
    metricCode,
    responseCount: responseCount![i]!,
    promoters: promoters![i]!,
    passives: passives![i]!,
    detractors: detractors![i]!,
    topBox: topBox![i]!,
    sum: sum![i]!,
    sumOfSquares: sumOfSquares![i]!,
  }));
}

async function packedRows(db: Queryable, query: SQL): Promise<CountsRow[]> {
  const [row] = await db.execute<Record<PackedColumn, string>>(sql`select ${packed(packedColumns)} from (${query}) q`);
  return unpack(row!);
}

/** `and touchpoint_id in (…)` for the given touchpoints; nothing when all are wanted; false for an empty list. */
function onlyTouchpoints(touchpointIds?: number[]): SQL {
  if (!touchpointIds) return sql``;
  if (touchpointIds.length === 0) return sql` and false`;
  return sql` and touchpoint_id in (${sql.join(
    touchpointIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** The sites a view is cut to: undefined for every response (located or not), else these locations' ids. */
export type LocationIds = number[] | undefined;

/** `and location_id in (…)`; false for an empty list (a region without sites has no responses). */
function onlyLocations(locationIds: number[]): SQL {
  if (locationIds.length === 0) return sql` and false`;
  return sql` and location_id in (${sql.join(
    locationIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

const rollupTables = {
  all: { day: sql.raw("touchpoint_daily_rollups"), week: sql.raw("touchpoint_weekly_rollups"), month: sql.raw("touchpoint_monthly_rollups") },
  location: { day: sql.raw("location_daily_rollups"), week: sql.raw("location_weekly_rollups"), month: sql.raw("location_monthly_rollups") },
};

/** The roll-up tables a read uses and the condition on them: the totals, or the per-location grain cut to some sites. */
function grainFor(touchpointIds: number[] | undefined, locationIds: LocationIds) {
  const only = onlyTouchpoints(touchpointIds);
  if (!locationIds) return { tables: rollupTables.all, only };
  return { tables: rollupTables.location, only: sql`${only}${onlyLocations(locationIds)}` };
}

function periodSources(period: Period, touchpointIds?: number[], locationIds?: LocationIds): SQL {
  const split = splitPeriodByWeeks(period);
  const { tables, only } = grainFor(touchpointIds, locationIds);
  const parts: SQL[] = [];
  if (split.monthsFrom < split.monthsTo) {
    parts.push(sql`select touchpoint_id, metric_id, response_count, promoters, passives, detractors, top_box, sum, sum_of_squares, answer_counts
      from ${tables.month} where month >= ${split.monthsFrom}::date and month < ${split.monthsTo}::date${only}`);
  }
  for (const range of split.weekRanges) {
    parts.push(sql`select touchpoint_id, metric_id, response_count, promoters, passives, detractors, top_box, sum, sum_of_squares, answer_counts
      from ${tables.week} where week >= ${range.from}::date and week < ${range.to}::date${only}`);
  }
  for (const range of split.dayRanges) {
    parts.push(sql`select touchpoint_id, metric_id, response_count, promoters, passives, detractors, top_box, sum, sum_of_squares, answer_counts
      from ${tables.day} where day >= ${range.from}::date and day <= ${range.to}::date${only}`);
  }
  return sql.join(parts, sql` union all `);
}

/**
 * Counts per touchpoint and metric over a period (of the given touchpoints and sites only, when given). The sum
 * groups by metric id and names the metric after: joined first, the planner misjudged the rows and sorted ~90k
 * of them on disk with parallel workers (measured at 10M: 212 ms against 113 ms).
 */
export async function readPeriodCounts(db: Queryable, period: Period, touchpointIds?: number[], locationIds?: LocationIds): Promise<CountsRow[]> {
  return packedRows(
    db,
    sql`
    select a.*, m.code as "metricCode" from (
      select r.touchpoint_id as "touchpointId", r.metric_id, ${measures}
      from (${periodSources(period, touchpointIds, locationIds)}) r group by r.touchpoint_id, r.metric_id
    ) a join metric_definitions m on m.id = a.metric_id`,
  );
}

export type LocationCountsRow = CountsRow & { locationId: number };

/** Counts per site, touchpoint and metric over a period: the league table and the location × stage heatmap. */
export async function readCountsByLocation(db: Queryable, period: Period, touchpointIds?: number[]): Promise<LocationCountsRow[]> {
  const split = splitPeriodByWeeks(period);
  const only = onlyTouchpoints(touchpointIds);
  const parts: SQL[] = [];
  if (split.monthsFrom < split.monthsTo)
    parts.push(sql`select location_id, touchpoint_id, metric_id, response_count, promoters, passives, detractors, top_box, sum, sum_of_squares
      from location_monthly_rollups where month >= ${split.monthsFrom}::date and month < ${split.monthsTo}::date${only}`);
  for (const range of split.weekRanges)
    parts.push(sql`select location_id, touchpoint_id, metric_id, response_count, promoters, passives, detractors, top_box, sum, sum_of_squares
      from location_weekly_rollups where week >= ${range.from}::date and week < ${range.to}::date${only}`);
  for (const range of split.dayRanges)
    parts.push(sql`select location_id, touchpoint_id, metric_id, response_count, promoters, passives, detractors, top_box, sum, sum_of_squares
      from location_daily_rollups where day >= ${range.from}::date and day <= ${range.to}::date${only}`);
  const [row] = await db.execute<Record<PackedColumn, string>>(sql`
    select ${packed([...packedColumns, "locationId"])} from (
      select a.*, m.code as "metricCode" from (
        select r.location_id as "locationId", r.touchpoint_id as "touchpointId", r.metric_id, ${measures}
        from (${sql.join(parts, sql` union all `)}) r group by r.location_id, r.touchpoint_id, r.metric_id
      ) a join metric_definitions m on m.id = a.metric_id) q`);
  const locations = numbers(row!.locationId);
  return unpack(row!).map((counts, i) => ({ ...counts, locationId: locations[i]! }));
}

/** How many gave each answer, per metric, for one touchpoint over a period. */
export async function readAnswerDistribution(db: Queryable, period: Period, touchpointId: number, locationIds?: LocationIds) {
  return db.execute<{ metricCode: string; answer: number; count: number }>(sql`
    select m.code as "metricCode", e.key::int as answer, sum(e.value::bigint)::int as count
    from (${periodSources(period, [touchpointId], locationIds)}) r
    join metric_definitions m on m.id = r.metric_id
    cross join lateral jsonb_each_text(r.answer_counts) e
    group by m.code, e.key::int
    order by 1, 2`);
}

export type MonthlyCountsRow = CountsRow & { month: string };

/**
 * Counts per touchpoint and metric for each month in [fromMonth, toMonth] (first days of months), by month:
 * one packed row per month. Unfiltered, the monthly table already holds one row per touchpoint, metric and
 * month (no GROUP BY); cut to sites, the per-site rows are summed.
 */
export async function readMonthlyCountsByMonth(
  db: Queryable,
  fromMonth: string,
  toMonth: string,
  touchpointIds?: number[],
  locationIds?: LocationIds,
): Promise<Map<string, CountsRow[]>> {
  const source = locationIds
    ? sql`select r.month, r.touchpoint_id as "touchpointId", m.code as "metricCode", ${measures}
      from location_monthly_rollups r join metric_definitions m on m.id = r.metric_id
      where r.month >= ${fromMonth}::date and r.month <= ${toMonth}::date${grainFor(touchpointIds, locationIds).only}
      group by r.month, r.touchpoint_id, m.code`
    : sql`select r.month, r.touchpoint_id as "touchpointId", m.code as "metricCode", r.response_count as "responseCount", r.promoters,
        r.passives, r.detractors, r.top_box as "topBox", r.sum, r.sum_of_squares as "sumOfSquares"
      from touchpoint_monthly_rollups r join metric_definitions m on m.id = r.metric_id
      where r.month >= ${fromMonth}::date and r.month <= ${toMonth}::date${onlyTouchpoints(touchpointIds)}`;
  const rows = await db.execute<Record<PackedColumn | "month", string>>(sql`
    select to_char(q.month, 'YYYY-MM-DD') as month, ${packed(packedColumns)} from (${source}) q group by q.month`);
  return new Map(rows.map((row) => [row.month, unpack(row)]));
}

/** The same counts as one list, each row with its month. */
export async function readMonthlyCounts(
  db: Queryable,
  fromMonth: string,
  toMonth: string,
  touchpointIds?: number[],
  locationIds?: LocationIds,
): Promise<MonthlyCountsRow[]> {
  const byMonth = await readMonthlyCountsByMonth(db, fromMonth, toMonth, touchpointIds, locationIds);
  return [...byMonth].flatMap(([month, rows]) => rows.map((row) => ({ ...row, month })));
}

/** The last day that has any response, so "the last 90 days" of an old dataset is not empty. */
export async function latestDataDay(db: Queryable): Promise<string | null> {
  const [row] = await db.execute<{ day: string | null }>(sql`select to_char(max(day), 'YYYY-MM-DD') as day from touchpoint_daily_rollups`);
  return row?.day ?? null;
}

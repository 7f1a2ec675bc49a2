// Reads the metric-pair sums and the theme-outcome sums for a scope and period from the roll-ups — never from
// survey_responses: whole months from the monthly tables, loose days from the daily ones, all sites (location 0) or chosen ones.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { LocationIds } from "@/server/scores/read-rollups";
import { splitPeriod, type Period } from "@/server/scores/periods";
import type { PairRow } from "./analysis";
import { locationGrainFilter } from "@/server/rollups/grain-filter";

/** The pair sums per pair of metric codes over the period, the touchpoints (all when undefined) and sites. */
export async function readPairSums(db: Queryable, period: Period, touchpointIds?: number[], locationIds?: LocationIds): Promise<PairRow[]> {
  const split = splitPeriod(period);
  const filter = locationGrainFilter(touchpointIds, locationIds);
  const columns = sql`metric_x_id, metric_y_id, response_count, sum_x, sum_y, sum_xx, sum_yy, sum_xy`;
  const parts: SQL[] = [];
  if (split.monthsFrom < split.monthsTo)
    parts.push(sql`select ${columns} from metric_pair_monthly_rollups where month >= ${split.monthsFrom}::date and month < ${split.monthsTo}::date${filter}`);
  for (const range of split.dayRanges)
    parts.push(sql`select ${columns} from metric_pair_daily_rollups where day >= ${range.from}::date and day <= ${range.to}::date${filter}`);
  // Summed by metric ids, then named: joined first, the planner joined every roll-up row before grouping
  // (measured at 1M: 140 ms against ~15 ms for the index-only read itself), as readPeriodCounts found.
  return db.execute<PairRow>(sql`
    select x.code as "xCode", y.code as "yCode", p.n, p."sumX", p."sumY", p."sumXX", p."sumYY", p."sumXY"
    from (
      select metric_x_id, metric_y_id, sum(response_count)::float8 as n,
        sum(sum_x)::float8 as "sumX", sum(sum_y)::float8 as "sumY", sum(sum_xx)::float8 as "sumXX",
        sum(sum_yy)::float8 as "sumYY", sum(sum_xy)::float8 as "sumXY"
      from (${sql.join(parts, sql` union all `)}) r group by metric_x_id, metric_y_id
    ) p
    join metric_definitions x on x.id = p.metric_x_id
    join metric_definitions y on y.id = p.metric_y_id`);
}

/** One theme's outcome sums (theme 0: every commented response that answered the outcome), named; 0 has no name. */
export type ThemeOutcomeRow = { themeId: number; name: string | null; n: number; sum: number; sumOfSquares: number };

/**
 * The outcome's n, Σy and Σy² per theme over the commented responses of the period, touchpoints and sites, from the
 * theme-metric roll-ups. Theme 0 is the baseline; a deleted or paused theme is never read, even before the re-tagger
 * has taken its tags out.
 */
export async function readThemeOutcomeSums(
  db: Queryable,
  period: Period,
  outcome: string,
  touchpointIds?: number[],
  locationIds?: LocationIds,
): Promise<ThemeOutcomeRow[]> {
  const split = splitPeriod(period);
  const filter = locationGrainFilter(touchpointIds, locationIds);
  const columns = sql`theme_id, metric_id, response_count, sum, sum_of_squares`;
  const parts: SQL[] = [];
  if (split.monthsFrom < split.monthsTo)
    parts.push(sql`select ${columns} from theme_metric_monthly_rollups where month >= ${split.monthsFrom}::date and month < ${split.monthsTo}::date${filter}`);
  for (const range of split.dayRanges)
    parts.push(sql`select ${columns} from theme_metric_daily_rollups where day >= ${range.from}::date and day <= ${range.to}::date${filter}`);
  return db.execute<ThemeOutcomeRow>(sql`
    select p.theme_id as "themeId", t.name, sum(p.response_count)::float8 as n, sum(p.sum)::float8 as sum,
      sum(p.sum_of_squares)::float8 as "sumOfSquares"
    from (${sql.join(parts, sql` union all `)}) p
    join metric_definitions m on m.id = p.metric_id and m.code = ${outcome}
    left join themes t on t.id = p.theme_id
    where p.theme_id = 0 or t.active is true
    group by p.theme_id, t.name`);
}

// Reads the metric-pair sums for a scope and period from the pair roll-ups — never from survey_responses:
// whole months from the monthly table, loose days from the daily one, all sites (location 0) or chosen ones.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { LocationIds } from "@/server/scores/read-rollups";
import { splitPeriod, type Period } from "@/server/scores/periods";
import type { PairRow } from "./analysis";

const idList = (ids: number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

function where(touchpointIds: number[] | undefined, locationIds: LocationIds): SQL {
  const touchpoints =
    touchpointIds === undefined ? sql`` : touchpointIds.length === 0 ? sql` and false` : sql` and touchpoint_id in (${idList(touchpointIds)})`;
  // An unfiltered read takes the all-locations grain, which also counts responses that name no site.
  const locations =
    locationIds === undefined ? sql` and location_id = 0` : locationIds.length === 0 ? sql` and false` : sql` and location_id in (${idList(locationIds)})`;
  return sql`${touchpoints}${locations}`;
}

/** The pair sums per pair of metric codes over the period, the touchpoints (all when undefined) and sites. */
export async function readPairSums(db: Queryable, period: Period, touchpointIds?: number[], locationIds?: LocationIds): Promise<PairRow[]> {
  const split = splitPeriod(period);
  const filter = where(touchpointIds, locationIds);
  const columns = sql`metric_x_id, metric_y_id, response_count, sum_x, sum_y, sum_xx, sum_yy, sum_xy`;
  const parts: SQL[] = [];
  if (split.monthsFrom < split.monthsTo)
    parts.push(sql`select ${columns} from metric_pair_monthly_rollups where month >= ${split.monthsFrom}::date and month < ${split.monthsTo}::date${filter}`);
  for (const range of split.dayRanges)
    parts.push(sql`select ${columns} from metric_pair_daily_rollups where day >= ${range.from}::date and day <= ${range.to}::date${filter}`);
  return db.execute<PairRow>(sql`
    select x.code as "xCode", y.code as "yCode", sum(p.response_count)::float8 as n,
      sum(p.sum_x)::float8 as "sumX", sum(p.sum_y)::float8 as "sumY", sum(p.sum_xx)::float8 as "sumXX",
      sum(p.sum_yy)::float8 as "sumYY", sum(p.sum_xy)::float8 as "sumXY"
    from (${sql.join(parts, sql` union all `)}) p
    join metric_definitions x on x.id = p.metric_x_id
    join metric_definitions y on y.id = p.metric_y_id
    group by x.code, y.code`);
}

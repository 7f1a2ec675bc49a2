// Keeps the metric-pair sums (n, Σx, Σy, Σx², Σy², Σxy per touchpoint, bucket and pair of metrics answered in
// the same response) in step with survey_responses, in the caller's transaction: the key drivers' correlations.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { answeredMetrics, bucketExpression, type Grain } from "./answers";

const pairTable: Record<Grain, SQL> = { day: sql.raw("metric_pair_daily_rollups"), month: sql.raw("metric_pair_monthly_rollups") };
const bucketColumn: Record<Grain, SQL> = { day: sql.raw("day"), month: sql.raw("month") };

/**
 * Sums per location (0 = every response, plus each named site), touchpoint, bucket and metric pair over the
 * responses `filter` selects. Each pair is kept once, the lower metric id as x.
 */
function aggregatePairs(grain: Grain, filter: SQL): SQL {
  return sql`
    with answers as materialized (
      select r.id as response_id, r.location_id, r.touchpoint_id, ${bucketExpression[grain]} as bucket, m.id as metric_id, v.score
      from survey_responses r
      cross join lateral ${answeredMetrics} v
      join metric_definitions m on m.code = v.code
      where v.score is not null and ${filter}
    ),
    pairs as (
      select a.location_id, a.touchpoint_id, a.bucket, a.metric_id as x_id, b.metric_id as y_id, a.score as x, b.score as y
      from answers a join answers b on b.response_id = a.response_id and b.metric_id > a.metric_id
    )
    select l.location_id, p.touchpoint_id, p.bucket, p.x_id, p.y_id, count(*) as n,
      sum(p.x) as sum_x, sum(p.y) as sum_y, sum(p.x * p.x) as sum_xx, sum(p.y * p.y) as sum_yy, sum(p.x * p.y) as sum_xy
    from pairs p
    cross join lateral (select 0 as location_id union all select p.location_id where p.location_id is not null) l
    group by 1, 2, 3, 4, 5`;
}

async function addPairAggregates(tx: Queryable, grain: Grain, filter: SQL, sign: 1 | -1): Promise<void> {
  const table = pairTable[grain];
  const bucket = bucketColumn[grain];
  const s = sql.raw(String(sign));
  await tx.execute(sql`
    insert into ${table} as t (location_id, touchpoint_id, ${bucket}, metric_x_id, metric_y_id, response_count, sum_x, sum_y, sum_xx, sum_yy, sum_xy)
    select a.location_id, a.touchpoint_id, a.bucket, a.x_id, a.y_id, ${s} * a.n, ${s} * a.sum_x, ${s} * a.sum_y, ${s} * a.sum_xx, ${s} * a.sum_yy, ${s} * a.sum_xy
    from (${aggregatePairs(grain, filter)}) a
    on conflict (location_id, touchpoint_id, metric_x_id, metric_y_id, ${bucket}) do update set
      response_count = t.response_count + excluded.response_count,
      sum_x = t.sum_x + excluded.sum_x,
      sum_y = t.sum_y + excluded.sum_y,
      sum_xx = t.sum_xx + excluded.sum_xx,
      sum_yy = t.sum_yy + excluded.sum_yy,
      sum_xy = t.sum_xy + excluded.sum_xy`);
  if (sign < 0) await tx.execute(sql`delete from ${table} where response_count <= 0`);
}

/** Add (sign 1) or remove (sign -1) the responses `filter` selects from both pair tables. */
export async function addPairSums(tx: Queryable, filter: SQL, sign: 1 | -1): Promise<void> {
  for (const grain of ["day", "month"] as const) await addPairAggregates(tx, grain, filter, sign);
}

/** Recompute both pair tables from every stored response. */
export async function rebuildPairSums(tx: Queryable): Promise<void> {
  for (const grain of ["day", "month"] as const) await tx.execute(sql`delete from ${pairTable[grain]}`);
  await addPairSums(tx, sql`true`, 1);
}

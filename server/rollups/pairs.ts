// Keeps the metric-pair sums (n, Σx, Σy, Σx², Σy², Σxy per touchpoint, bucket and pair of metrics answered in
// the same response) in step with survey_responses, in the caller's transaction: the key drivers' correlations.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { answeredMetrics, bucketExpression, type Grain } from "./answers";
import { createDelta, foldDelta, type RollupFamily } from "./deltas";

const pairTable: RollupFamily["tables"] = { day: sql.raw("metric_pair_daily_rollups"), month: sql.raw("metric_pair_monthly_rollups") };

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

const pairFamily: RollupFamily = {
  tables: pairTable,
  keys: ["location_id", "touchpoint_id", "metric_x_id", "metric_y_id"],
  sums: ["response_count", "sum_x", "sum_y", "sum_xx", "sum_yy", "sum_xy"],
  countColumn: "response_count",
};

/** The pair sums as the tables name their columns, for the responses `filter` selects, at one grain. */
const pairRows = (grain: Grain, filter: SQL) => sql`
  select a.location_id, a.touchpoint_id, a.bucket, a.x_id as metric_x_id, a.y_id as metric_y_id, a.n as response_count,
    a.sum_x, a.sum_y, a.sum_xx, a.sum_yy, a.sum_xy
  from (${aggregatePairs(grain, filter)}) a`;

/** Add (sign 1) or remove (sign -1) the responses `filter` selects from every pair table, through one daily delta. */
export async function addPairSums(tx: Queryable, filter: SQL, sign: 1 | -1): Promise<void> {
  await foldDelta(tx, pairFamily, await createDelta(tx, "pair_delta", pairRows("day", filter)), sign);
}

/** Recompute every pair table from every stored response, each grain straight from the raw rows. */
export async function rebuildPairSums(tx: Queryable): Promise<void> {
  const columns = sql.raw([...pairFamily.keys, ...pairFamily.sums].join(", "));
  for (const [grain, table] of Object.entries(pairTable) as Array<[Grain, SQL]>) {
    await tx.execute(sql`delete from ${table}`);
    await tx.execute(sql`insert into ${table} (${sql.raw(grain)}, ${columns}) select p.bucket, ${columns} from (${pairRows(grain, sql`true`)}) p`);
  }
}

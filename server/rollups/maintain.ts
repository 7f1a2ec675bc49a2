// Keeps the daily and monthly roll-up tables in step with survey_responses, in the caller's transaction.
// Incremental updates add or subtract one batch's aggregates; a rebuild recomputes everything from raw rows.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";

type Grain = "day" | "month";

const bucketExpression: Record<Grain, SQL> = {
  day: sql`(r.responded_at at time zone 'UTC')::date`,
  month: sql`date_trunc('month', r.responded_at at time zone 'UTC')::date`,
};

const rollupTable: Record<Grain, SQL> = {
  day: sql.raw("touchpoint_daily_rollups"),
  month: sql.raw("touchpoint_monthly_rollups"),
};

const bucketColumn: Record<Grain, SQL> = { day: sql.raw("day"), month: sql.raw("month") };

/** Counts and sums per touchpoint, bucket and metric over the responses `filter` selects. */
function aggregateResponses(grain: Grain, filter: SQL): SQL {
  return sql`
    select r.touchpoint_id, ${bucketExpression[grain]} as bucket, m.id as metric_id,
      count(*) as response_count,
      count(*) filter (where m.kind = 'nps' and v.score >= 9) as promoters,
      count(*) filter (where m.kind = 'nps' and v.score >= 7 and v.score < 9) as passives,
      count(*) filter (where m.kind = 'nps' and v.score <= 6) as detractors,
      count(*) filter (where v.score >= m.top_box_min) as top_box,
      sum(v.score) as sum,
      sum(v.score * v.score) as sum_of_squares
    from survey_responses r
    cross join lateral (
      select 'nps' as code, r.nps::float8 as score
      union all select 'csat', r.csat::float8
      union all select 'ces', r.ces::float8
      union all select e.key, e.value::float8 from jsonb_each_text(coalesce(r.custom_values, '{}'::jsonb)) e
    ) v
    join metric_definitions m on m.code = v.code
    where v.score is not null and ${filter}
    group by 1, 2, 3`;
}

async function addAggregates(tx: Queryable, grain: Grain, filter: SQL, sign: 1 | -1): Promise<void> {
  const table = rollupTable[grain];
  const bucket = bucketColumn[grain];
  const s = sql.raw(String(sign));
  await tx.execute(sql`
    insert into ${table} as t (touchpoint_id, ${bucket}, metric_id, response_count, promoters, passives, detractors, top_box, sum, sum_of_squares)
    select a.touchpoint_id, a.bucket, a.metric_id, ${s} * a.response_count, ${s} * a.promoters, ${s} * a.passives,
      ${s} * a.detractors, ${s} * a.top_box, ${s} * a.sum, ${s} * a.sum_of_squares
    from (${aggregateResponses(grain, filter)}) a
    on conflict (touchpoint_id, metric_id, ${bucket}) do update set
      response_count = t.response_count + excluded.response_count,
      promoters = t.promoters + excluded.promoters,
      passives = t.passives + excluded.passives,
      detractors = t.detractors + excluded.detractors,
      top_box = t.top_box + excluded.top_box,
      sum = t.sum + excluded.sum,
      sum_of_squares = t.sum_of_squares + excluded.sum_of_squares`);
  if (sign < 0) await tx.execute(sql`delete from ${table} where response_count <= 0`);
}

/** Add (sign 1) or remove (sign -1) one import batch's responses from both roll-up grains. */
export async function applyBatchToRollups(tx: Queryable, importBatchId: number, sign: 1 | -1): Promise<void> {
  const filter = sql`r.import_batch_id = ${importBatchId}`;
  await addAggregates(tx, "day", filter, sign);
  await addAggregates(tx, "month", filter, sign);
}

/** Recompute both roll-up tables from every stored response. */
export async function rebuildRollups(tx: Queryable): Promise<void> {
  await tx.execute(sql`delete from touchpoint_daily_rollups`);
  await tx.execute(sql`delete from touchpoint_monthly_rollups`);
  await addAggregates(tx, "day", sql`true`, 1);
  await addAggregates(tx, "month", sql`true`, 1);
}

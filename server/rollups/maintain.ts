// Keeps the daily and monthly roll-up tables (all locations, and per location) in step with survey_responses,
// in the caller's transaction (with the metric-pair and theme sums). Incremental updates add or subtract one batch; a rebuild recomputes from raw rows.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { answeredMetrics, bucketExpression, type Grain } from "./answers";
import { addPairSums, rebuildPairSums } from "./pairs";
import { addThemeSums, rebuildThemeSums } from "./themes";

/** "all": every response, whatever its location; "location": responses that name one, per location. */
type Scope = "all" | "location";

const rollupTable: Record<Scope, Record<Grain, SQL>> = {
  all: { day: sql.raw("touchpoint_daily_rollups"), month: sql.raw("touchpoint_monthly_rollups") },
  location: { day: sql.raw("location_daily_rollups"), month: sql.raw("location_monthly_rollups") },
};
const scopes: Scope[] = ["all", "location"];
const grains: Grain[] = ["day", "month"];

const bucketColumn: Record<Grain, SQL> = { day: sql.raw("day"), month: sql.raw("month") };

/** Counts and sums per touchpoint, bucket and metric (and location) over the responses `filter` selects. */
function aggregateResponses(grain: Grain, scope: Scope, filter: SQL): SQL {
  // The all-locations grain groups every response under location 0, which is never stored.
  const location = scope === "location" ? sql`r.location_id` : sql`0`;
  const located = scope === "location" ? sql` and r.location_id is not null` : sql``;
  // Inner query: one row per distinct answer, so the outer query can build the answer distribution.
  return sql`
    select g.location_id, g.touchpoint_id, g.bucket, g.metric_id,
      sum(g.answers) as response_count,
      coalesce(sum(g.answers) filter (where g.kind = 'nps' and g.score >= 9), 0) as promoters,
      coalesce(sum(g.answers) filter (where g.kind = 'nps' and g.score >= 7 and g.score < 9), 0) as passives,
      coalesce(sum(g.answers) filter (where g.kind = 'nps' and g.score <= 6), 0) as detractors,
      coalesce(sum(g.answers) filter (where g.score >= g.top_box_min), 0) as top_box,
      sum(g.answers * g.score) as sum,
      sum(g.answers * g.score * g.score) as sum_of_squares,
      coalesce(jsonb_object_agg(g.score::int::text, g.answers) filter (where g.score = trunc(g.score)), '{}'::jsonb) as answer_counts
    from (
      select ${location} as location_id, r.touchpoint_id, ${bucketExpression[grain]} as bucket, m.id as metric_id, m.kind, m.top_box_min, v.score,
        count(*) as answers
      from survey_responses r
      cross join lateral ${answeredMetrics} v
      join metric_definitions m on m.code = v.code
      where v.score is not null and ${filter}${located}
      group by 1, 2, 3, 4, 5, 6, 7
    ) g
    group by 1, 2, 3, 4`;
}

/** `stored` + `sign` × `delta` for two answer-count maps, dropping answers whose count reaches zero. */
function mergeAnswerCounts(stored: SQL, delta: SQL): SQL {
  return sql`(select coalesce(jsonb_object_agg(x.answer, x.total), '{}'::jsonb) from (
      select e.key as answer, sum(e.value::bigint) as total
      from (select * from jsonb_each_text(${stored}) union all select * from jsonb_each_text(${delta})) e
      group by e.key having sum(e.value::bigint) <> 0) x)`;
}

async function addAggregates(tx: Queryable, grain: Grain, scope: Scope, filter: SQL, sign: 1 | -1): Promise<void> {
  const table = rollupTable[scope][grain];
  const keyColumn = scope === "location" ? sql`location_id, ` : sql``;
  const keyValue = scope === "location" ? sql`a.location_id, ` : sql``;
  const bucket = bucketColumn[grain];
  const s = sql.raw(String(sign));
  // Negate every answer count when removing, so the merge below subtracts.
  const signedAnswers =
    sign > 0 ? sql`a.answer_counts` : sql`(select coalesce(jsonb_object_agg(k, -(v::bigint)), '{}'::jsonb) from jsonb_each_text(a.answer_counts) as j(k, v))`;
  await tx.execute(sql`
    insert into ${table} as t (${keyColumn}touchpoint_id, ${bucket}, metric_id, response_count, promoters, passives, detractors, top_box, sum, sum_of_squares, answer_counts)
    select ${keyValue}a.touchpoint_id, a.bucket, a.metric_id, ${s} * a.response_count, ${s} * a.promoters, ${s} * a.passives,
      ${s} * a.detractors, ${s} * a.top_box, ${s} * a.sum, ${s} * a.sum_of_squares, ${signedAnswers}
    from (${aggregateResponses(grain, scope, filter)}) a
    on conflict (${keyColumn}touchpoint_id, metric_id, ${bucket}) do update set
      response_count = t.response_count + excluded.response_count,
      promoters = t.promoters + excluded.promoters,
      passives = t.passives + excluded.passives,
      detractors = t.detractors + excluded.detractors,
      top_box = t.top_box + excluded.top_box,
      sum = t.sum + excluded.sum,
      sum_of_squares = t.sum_of_squares + excluded.sum_of_squares,
      answer_counts = ${mergeAnswerCounts(sql`t.answer_counts`, sql`excluded.answer_counts`)}`);
  if (sign < 0) await tx.execute(sql`delete from ${table} where response_count <= 0`);
}

/** Add (sign 1) or remove (sign -1) one import batch's responses from every roll-up table. */
export async function applyBatchToRollups(tx: Queryable, importBatchId: number, sign: 1 | -1): Promise<void> {
  const filter = sql`r.import_batch_id = ${importBatchId}`;
  for (const scope of scopes) for (const grain of grains) await addAggregates(tx, grain, scope, filter, sign);
  await addPairSums(tx, filter, sign);
  await addThemeSums(tx, filter, sign);
}

/** Recompute every roll-up table from every stored response. */
export async function rebuildRollups(tx: Queryable): Promise<void> {
  for (const scope of scopes) for (const grain of grains) await tx.execute(sql`delete from ${rollupTable[scope][grain]}`);
  for (const scope of scopes) for (const grain of grains) await addAggregates(tx, grain, scope, sql`true`, 1);
  await rebuildPairSums(tx);
  await rebuildThemeSums(tx);
}

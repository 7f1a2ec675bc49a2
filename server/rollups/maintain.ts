// Keeps the daily and monthly roll-up tables (all locations, and per location) in step with survey_responses,
// in the caller's transaction (with the metric-pair and theme sums). A batch (or any set of rows, as an erasure) is added or subtracted through daily deltas; a rebuild recomputes from raw rows.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { answeredMetrics, bucketExpression, type Grain } from "./answers";
import { createDelta, foldDelta, type RollupFamily } from "./deltas";
import { addPairSums, rebuildPairSums } from "./pairs";
import { addThemeSums, rebuildThemeSums } from "./themes";

/** "all": every response, whatever its location; "location": responses that name one, per location. */
type Scope = "all" | "location";

const rollupTable: Record<Scope, RollupFamily["tables"]> = {
  all: { day: sql.raw("touchpoint_daily_rollups"), week: sql.raw("touchpoint_weekly_rollups"), month: sql.raw("touchpoint_monthly_rollups") },
  location: { day: sql.raw("location_daily_rollups"), week: sql.raw("location_weekly_rollups"), month: sql.raw("location_monthly_rollups") },
};
const scopes: Scope[] = ["all", "location"];
const metricSums = ["response_count", "promoters", "passives", "detractors", "top_box", "sum", "sum_of_squares"];

// The all-locations scope groups every response under location 0, which is never stored; "each" yields both
// rows per located response (0 and its site), so one scan feeds both scopes.
const locationsOf: Record<Scope | "each", { join: SQL; location: SQL }> = {
  all: { join: sql``, location: sql`0` },
  location: { join: sql`cross join lateral (select r.location_id where r.location_id is not null) l`, location: sql`l.location_id` },
  each: {
    join: sql`cross join lateral (select 0 as location_id union all select r.location_id where r.location_id is not null) l`,
    location: sql`l.location_id`,
  },
};

/** Counts and sums per location, touchpoint, bucket and metric over the responses `filter` selects. */
function aggregateResponses(grain: Grain, scope: Scope | "each", filter: SQL): SQL {
  const { join, location } = locationsOf[scope];
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
      ${join}
      cross join lateral ${answeredMetrics} v
      join metric_definitions m on m.code = v.code
      where v.score is not null and ${filter}
      group by 1, 2, 3, 4, 5, 6, 7
    ) g
    group by 1, 2, 3, 4`;
}

const families: Record<Scope, RollupFamily> = {
  all: {
    tables: rollupTable.all,
    keys: ["touchpoint_id", "metric_id"],
    sums: metricSums,
    answerCounts: true,
    countColumn: "response_count",
    where: sql`d.location_id = 0`,
  },
  location: {
    tables: rollupTable.location,
    keys: ["location_id", "touchpoint_id", "metric_id"],
    sums: metricSums,
    answerCounts: true,
    countColumn: "response_count",
    where: sql`d.location_id <> 0`,
  },
};

/**
 * Add (sign 1) or remove (sign -1) the responses `filter` selects (alias r) from every roll-up table: the rows are
 * aggregated once per day (both scopes in one scan), and every grain of every table is folded from those deltas.
 */
export async function applyResponsesToRollups(tx: Queryable, filter: SQL, sign: 1 | -1): Promise<void> {
  const delta = await createDelta(tx, "metric_delta", aggregateResponses("day", "each", filter));
  for (const scope of scopes) await foldDelta(tx, families[scope], delta, sign);
  await addPairSums(tx, filter, sign);
  await addThemeSums(tx, filter, sign);
}

/** Add (sign 1) or remove (sign -1) one import batch's responses from every roll-up table. */
export async function applyBatchToRollups(tx: Queryable, importBatchId: number, sign: 1 | -1): Promise<void> {
  await applyResponsesToRollups(tx, sql`r.import_batch_id = ${importBatchId}`, sign);
}

/** Recompute every roll-up table from every stored response, each grain straight from the raw rows: the brute-force truth. */
export async function rebuildRollups(tx: Queryable): Promise<void> {
  for (const scope of scopes) {
    const family = families[scope];
    for (const [grain, table] of Object.entries(family.tables) as Array<[Grain, SQL]>) {
      const keys = sql.raw(family.keys.join(", "));
      const values = sql.raw(family.keys.map((k) => `a.${k}`).join(", "));
      await tx.execute(sql`delete from ${table}`);
      await tx.execute(sql`
        insert into ${table} (${keys}, ${sql.raw(grain)}, ${sql.raw(metricSums.join(", "))}, answer_counts)
        select ${values}, a.bucket, ${sql.raw(metricSums.map((c) => `a.${c}`).join(", "))}, a.answer_counts
        from (${aggregateResponses(grain, scope, sql`true`)}) a`);
    }
  }
  await rebuildPairSums(tx);
  await rebuildThemeSums(tx);
}

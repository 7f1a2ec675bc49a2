// Keeps the theme roll-ups (comments, detractor comments, sentiment sums per location, touchpoint, theme, day/month;
// theme 0 = every comment) and the theme-metric sums (themes as key drivers) in step with survey_responses.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { DETRACTOR_CSAT_MAX, DETRACTOR_NPS_MAX } from "@/lib/alerts";
import { answeredMetrics, bucketExpression, type Grain } from "./answers";

const grains: Grain[] = ["day", "month"];
const themeTable: Record<Grain, SQL> = { day: sql.raw("theme_daily_rollups"), month: sql.raw("theme_monthly_rollups") };
const themeMetricTable: Record<Grain, SQL> = { day: sql.raw("theme_metric_daily_rollups"), month: sql.raw("theme_metric_monthly_rollups") };
const bucketColumn: Record<Grain, SQL> = { day: sql.raw("day"), month: sql.raw("month") };

/**
 * Every writer of the theme roll-ups (imports, reverts, the re-tagger) takes this lock first, in its transaction:
 * they touch the same rows in different orders, and the lock turns would-be deadlocks into a short wait.
 */
export async function lockThemeRollups(tx: Queryable): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('throughline.theme_rollups'))`);
}

// Each commented response counts under theme 0 and each of its themes, at location 0 and at its own site.
const themesAndLocations = sql`
  cross join lateral (select 0 as theme_id union all select unnest(coalesce(r.theme_ids, '{}'::int[]))) th
  cross join lateral (select 0 as location_id union all select r.location_id where r.location_id is not null) l`;

function aggregateThemes(grain: Grain, filter: SQL): SQL {
  return sql`
    select l.location_id, r.touchpoint_id, ${bucketExpression[grain]} as bucket, th.theme_id,
      count(*) as comments,
      count(*) filter (where r.nps <= ${DETRACTOR_NPS_MAX} or r.csat <= ${DETRACTOR_CSAT_MAX}) as detractor_comments,
      count(r.sentiment) as analysed_comments,
      coalesce(sum(r.sentiment_score), 0) as sentiment_sum,
      coalesce(sum(r.sentiment_score * r.sentiment_score), 0) as sentiment_sum_of_squares,
      count(*) filter (where r.sentiment = 1) as positive_comments,
      count(*) filter (where r.sentiment = -1) as negative_comments
    from survey_responses r ${themesAndLocations}
    where r.comment is not null and ${filter}
    group by 1, 2, 3, 4`;
}

function aggregateThemeMetrics(grain: Grain, filter: SQL): SQL {
  return sql`
    select l.location_id, r.touchpoint_id, ${bucketExpression[grain]} as bucket, th.theme_id, m.id as metric_id,
      count(*) as response_count, sum(v.score) as sum, sum(v.score * v.score) as sum_of_squares
    from survey_responses r
    cross join lateral ${answeredMetrics} v
    join metric_definitions m on m.code = v.code
    ${themesAndLocations}
    where v.score is not null and r.comment is not null and ${filter}
    group by 1, 2, 3, 4, 5`;
}

async function addThemeAggregates(tx: Queryable, grain: Grain, filter: SQL, sign: 1 | -1): Promise<void> {
  const s = sql.raw(String(sign));
  const bucket = bucketColumn[grain];
  await tx.execute(sql`
    insert into ${themeTable[grain]} as t (location_id, touchpoint_id, ${bucket}, theme_id, comments, detractor_comments, analysed_comments,
      sentiment_sum, sentiment_sum_of_squares, positive_comments, negative_comments)
    select a.location_id, a.touchpoint_id, a.bucket, a.theme_id, ${s} * a.comments, ${s} * a.detractor_comments, ${s} * a.analysed_comments,
      ${s} * a.sentiment_sum, ${s} * a.sentiment_sum_of_squares, ${s} * a.positive_comments, ${s} * a.negative_comments
    from (${aggregateThemes(grain, filter)}) a
    on conflict (location_id, touchpoint_id, theme_id, ${bucket}) do update set
      comments = t.comments + excluded.comments,
      detractor_comments = t.detractor_comments + excluded.detractor_comments,
      analysed_comments = t.analysed_comments + excluded.analysed_comments,
      sentiment_sum = t.sentiment_sum + excluded.sentiment_sum,
      sentiment_sum_of_squares = t.sentiment_sum_of_squares + excluded.sentiment_sum_of_squares,
      positive_comments = t.positive_comments + excluded.positive_comments,
      negative_comments = t.negative_comments + excluded.negative_comments`);
  await tx.execute(sql`
    insert into ${themeMetricTable[grain]} as t (location_id, touchpoint_id, ${bucket}, theme_id, metric_id, response_count, sum, sum_of_squares)
    select a.location_id, a.touchpoint_id, a.bucket, a.theme_id, a.metric_id, ${s} * a.response_count, ${s} * a.sum, ${s} * a.sum_of_squares
    from (${aggregateThemeMetrics(grain, filter)}) a
    on conflict (location_id, touchpoint_id, theme_id, metric_id, ${bucket}) do update set
      response_count = t.response_count + excluded.response_count,
      sum = t.sum + excluded.sum,
      sum_of_squares = t.sum_of_squares + excluded.sum_of_squares`);
  if (sign < 0) {
    await tx.execute(sql`delete from ${themeTable[grain]} where comments <= 0`);
    await tx.execute(sql`delete from ${themeMetricTable[grain]} where response_count <= 0`);
  }
}

/** Add (sign 1) or remove (sign -1) the commented responses `filter` selects (alias r) from every theme roll-up. */
export async function addThemeSums(tx: Queryable, filter: SQL, sign: 1 | -1): Promise<void> {
  await lockThemeRollups(tx);
  for (const grain of grains) await addThemeAggregates(tx, grain, filter, sign);
}

/** Recompute every theme roll-up from the stored tags. */
export async function rebuildThemeSums(tx: Queryable): Promise<void> {
  await lockThemeRollups(tx);
  for (const grain of grains) {
    await tx.execute(sql`delete from ${themeTable[grain]}`);
    await tx.execute(sql`delete from ${themeMetricTable[grain]}`);
  }
  for (const grain of grains) await addThemeAggregates(tx, grain, sql`true`, 1);
}

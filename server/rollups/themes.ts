// Keeps the theme roll-ups (comments, detractor comments, sentiment sums per location, touchpoint, theme, day/month;
// theme 0 = every comment) and the theme-metric sums (themes as key drivers) in step with survey_responses.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { DETRACTOR_CSAT_MAX, DETRACTOR_NPS_MAX } from "@/lib/alerts";
import { answeredMetrics, bucketExpression, type Grain } from "./answers";
import { createDelta, foldDelta, type RollupFamily } from "./deltas";

const themeTable: RollupFamily["tables"] = { day: sql.raw("theme_daily_rollups"), month: sql.raw("theme_monthly_rollups") };
const themeMetricTable: RollupFamily["tables"] = { day: sql.raw("theme_metric_daily_rollups"), month: sql.raw("theme_metric_monthly_rollups") };

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

// sentiment_score is a real, and sum(real) is a real too: its 7 digits would make a month folded from daily deltas
// differ from the same month summed from the rows. Cast to float8 (exact for every real), the two agree.
function aggregateThemes(grain: Grain, filter: SQL): SQL {
  return sql`
    select l.location_id, r.touchpoint_id, ${bucketExpression[grain]} as bucket, th.theme_id,
      count(*) as comments,
      count(*) filter (where r.nps <= ${DETRACTOR_NPS_MAX} or r.csat <= ${DETRACTOR_CSAT_MAX}) as detractor_comments,
      count(r.sentiment) as analysed_comments,
      coalesce(sum(r.sentiment_score::float8), 0) as sentiment_sum,
      coalesce(sum(r.sentiment_score::float8 * r.sentiment_score::float8), 0) as sentiment_sum_of_squares,
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

const themeFamily: RollupFamily = {
  tables: themeTable,
  keys: ["location_id", "touchpoint_id", "theme_id"],
  sums: ["comments", "detractor_comments", "analysed_comments", "sentiment_sum", "sentiment_sum_of_squares", "positive_comments", "negative_comments"],
  countColumn: "comments",
};
const themeMetricFamily: RollupFamily = {
  tables: themeMetricTable,
  keys: ["location_id", "touchpoint_id", "theme_id", "metric_id"],
  sums: ["response_count", "sum", "sum_of_squares"],
  countColumn: "response_count",
};

/** Add (sign 1) or remove (sign -1) the commented responses `filter` selects (alias r) from every theme roll-up, through daily deltas. */
export async function addThemeSums(tx: Queryable, filter: SQL, sign: 1 | -1): Promise<void> {
  await lockThemeRollups(tx);
  await foldDelta(tx, themeFamily, await createDelta(tx, "theme_delta", aggregateThemes("day", filter)), sign);
  await foldDelta(tx, themeMetricFamily, await createDelta(tx, "theme_metric_delta", aggregateThemeMetrics("day", filter)), sign);
}

/** Recompute every theme roll-up from the stored tags, each grain straight from the raw rows. */
export async function rebuildThemeSums(tx: Queryable): Promise<void> {
  await lockThemeRollups(tx);
  for (const [family, aggregate] of [
    [themeFamily, aggregateThemes],
    [themeMetricFamily, aggregateThemeMetrics],
  ] as const) {
    const columns = sql.raw([...family.keys, ...family.sums].join(", "));
    for (const [grain, table] of Object.entries(family.tables) as Array<[Grain, SQL]>) {
      await tx.execute(sql`delete from ${table}`);
      await tx.execute(sql`insert into ${table} (${sql.raw(grain)}, ${columns}) select a.bucket, ${columns} from (${aggregate(grain, sql`true`)}) a`);
    }
  }
}

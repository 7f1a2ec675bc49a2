// What every roll-up aggregates over: a response's answers as (metric code, score) rows, and the day or
// month (UTC) a response counts in. Shared by the per-metric roll-ups and the metric-pair sums.
import { sql, type SQL } from "drizzle-orm";

/** A roll-up bucket: the day, the ISO week (Monday) or the month it starts, in UTC. */
export type Grain = "day" | "week" | "month";

/** One row per metric a response `r` answers (code, score): the fixed columns and the custom values. */
export const answeredMetrics = sql`(
  select 'nps' as code, r.nps::float8 as score
  union all select 'csat', r.csat::float8
  union all select 'ces', r.ces::float8
  union all select e.key, e.value::float8 from jsonb_each_text(coalesce(r.custom_values, '{}'::jsonb)) e
)`;

export const bucketExpression: Record<Grain, SQL> = {
  day: sql`(r.responded_at at time zone 'UTC')::date`,
  week: sql`date_trunc('week', r.responded_at at time zone 'UTC')::date`,
  month: sql`date_trunc('month', r.responded_at at time zone 'UTC')::date`,
};

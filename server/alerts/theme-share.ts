// The theme counts a theme-share rule compares: comments per touchpoint and theme (theme 0 = every comment) over a
// period, at the all-locations grain, from the theme roll-ups — never the comments themselves.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { splitPeriod, type Period } from "@/server/scores/periods";

export type ThemeCommentRow = { touchpointId: number; themeId: number; comments: number };

/** Comments per touchpoint and theme, with theme 0 (the denominators), whole months plus loose days. */
export async function readThemeCommentCounts(db: Queryable, period: Period): Promise<ThemeCommentRow[]> {
  const split = splitPeriod(period);
  const filter = sql`location_id = 0`;
  const parts: SQL[] = [];
  if (split.monthsFrom < split.monthsTo)
    parts.push(
      sql`select touchpoint_id, theme_id, comments from theme_monthly_rollups where ${filter} and month >= ${split.monthsFrom}::date and month < ${split.monthsTo}::date`,
    );
  for (const range of split.dayRanges)
    parts.push(
      sql`select touchpoint_id, theme_id, comments from theme_daily_rollups where ${filter} and day >= ${range.from}::date and day <= ${range.to}::date`,
    );
  return db.execute<ThemeCommentRow>(sql`
    select touchpoint_id as "touchpointId", theme_id as "themeId", sum(comments)::float8 as comments
    from (${sql.join(parts, sql` union all `)}) p
    group by touchpoint_id, theme_id`);
}

/** A theme's comments and every comment, pooled over the touchpoints (all when undefined). */
export function pooledShare(rows: readonly ThemeCommentRow[], themeId: number, touchpointIds?: readonly number[]): { count: number; n: number } {
  const inScope = touchpointIds && new Set(touchpointIds);
  let count = 0;
  let n = 0;
  for (const row of rows) {
    if (inScope && !inScope.has(row.touchpointId)) continue;
    if (row.themeId === themeId) count += row.comments;
    if (row.themeId === 0) n += row.comments;
  }
  return { count, n };
}

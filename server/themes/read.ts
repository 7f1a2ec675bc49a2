// Reads the theme roll-ups for a scope and period — never survey_responses: whole months from the monthly table,
// loose days from the daily one, summed per theme (theme 0 = every comment); deleted and paused themes never show.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { LocationIds } from "@/server/scores/read-rollups";
import { splitPeriod, type Period } from "@/server/scores/periods";
import { locationGrainFilter } from "@/server/rollups/grain-filter";

/** The sums of one theme (0: every comment) over a period or a month. */
export type ThemeSums = {
  themeId: number;
  comments: number;
  detractorComments: number;
  analysedComments: number;
  sentimentSum: number;
  sentimentSumOfSquares: number;
  positiveComments: number;
  negativeComments: number;
};

export const emptyThemeSums = (themeId: number): ThemeSums => ({
  themeId,
  comments: 0,
  detractorComments: 0,
  analysedComments: 0,
  sentimentSum: 0,
  sentimentSumOfSquares: 0,
  positiveComments: 0,
  negativeComments: 0,
});

const columns = sql`theme_id, comments, detractor_comments, analysed_comments, sentiment_sum, sentiment_sum_of_squares, positive_comments, negative_comments`;

const sums = sql`sum(p.comments)::float8 as comments, sum(p.detractor_comments)::float8 as "detractorComments",
  sum(p.analysed_comments)::float8 as "analysedComments", sum(p.sentiment_sum)::float8 as "sentimentSum",
  sum(p.sentiment_sum_of_squares)::float8 as "sentimentSumOfSquares", sum(p.positive_comments)::float8 as "positiveComments",
  sum(p.negative_comments)::float8 as "negativeComments"`;

// Theme 0 has no row in themes; any other theme must exist and be active.
const shownThemes = sql`left join themes t on t.id = p.theme_id where (p.theme_id = 0 or t.active is true)`;

/** Per theme (and theme 0, the totals) over the period, the touchpoints and the sites; themes with no comments are absent. */
export async function readThemeSums(db: Queryable, period: Period, touchpointIds?: number[], locationIds?: LocationIds): Promise<ThemeSums[]> {
  const split = splitPeriod(period);
  const filter = locationGrainFilter(touchpointIds, locationIds);
  const parts: SQL[] = [];
  if (split.monthsFrom < split.monthsTo)
    parts.push(sql`select ${columns} from theme_monthly_rollups where month >= ${split.monthsFrom}::date and month < ${split.monthsTo}::date${filter}`);
  for (const range of split.dayRanges)
    parts.push(sql`select ${columns} from theme_daily_rollups where day >= ${range.from}::date and day <= ${range.to}::date${filter}`);
  return db.execute<ThemeSums>(sql`
    select p.theme_id as "themeId", ${sums}
    from (${sql.join(parts, sql` union all `)}) p ${shownThemes}
    group by p.theme_id`);
}

export type MonthlyThemeSums = ThemeSums & { month: string };

/** Per month and theme (with theme 0) for the months [fromMonth, toMonth] (first days of months), in one grouped read. */
export async function readMonthlyThemeSums(
  db: Queryable,
  fromMonth: string,
  toMonth: string,
  touchpointIds?: number[],
  locationIds?: LocationIds,
): Promise<MonthlyThemeSums[]> {
  return db.execute<MonthlyThemeSums>(sql`
    select to_char(p.month, 'YYYY-MM-DD') as month, p.theme_id as "themeId", ${sums}
    from theme_monthly_rollups p ${shownThemes}
      and p.month >= ${fromMonth}::date and p.month <= ${toMonth}::date${locationGrainFilter(touchpointIds, locationIds)}
    group by p.month, p.theme_id`);
}

export type ShownTheme = {
  id: number;
  name: string;
  description: string | null;
  terms: string[];
  /** The touchpoints the theme is limited to; empty for every touchpoint. */
  touchpointIds: number[];
};

/** The active themes of the codebook (no comments read), by name. */
export async function readActiveThemes(db: Queryable): Promise<ShownTheme[]> {
  const rows = await db.execute<ShownTheme>(sql`
    select t.id, t.name, t.description, t.terms,
      coalesce(array_agg(tt.touchpoint_id order by tt.touchpoint_id) filter (where tt.touchpoint_id is not null), '{}') as "touchpointIds"
    from themes t left join theme_touchpoints tt on tt.theme_id = t.id
    where t.active
    group by t.id
    order by t.name`);
  return rows.map((r) => ({ ...r, touchpointIds: r.touchpointIds ?? [] }));
}

// The overview's counts computed the naive way, by GROUP BY over survey_responses, for comparison with the
// roll-up reads: the current and previous periods per touchpoint and metric, and the 12-month trend.
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { resolvePeriods } from "@/server/scores/overview";
import { addDays, trailingMonths } from "@/server/scores/periods";
import { latestDataDay } from "@/server/scores/read-rollups";

const measures = sql`
  count(nps) as nps_n, count(*) filter (where nps >= 9) as promoters, count(*) filter (where nps between 7 and 8) as passives,
  count(*) filter (where nps <= 6) as detractors, sum(nps) as nps_sum, sum(nps * nps) as nps_squares,
  count(csat) as csat_n, count(*) filter (where csat >= 4) as csat_top, sum(csat) as csat_sum, sum(csat * csat) as csat_squares,
  count(ces) as ces_n, count(*) filter (where ces >= 5) as ces_top, sum(ces) as ces_sum, sum(ces * ces) as ces_squares`;

async function periodCounts(db: Database, from: string, to: string) {
  return db.execute(sql`select touchpoint_id, ${measures} from survey_responses
    where responded_at >= ${from}::timestamptz and responded_at < ${addDays(to, 1)}::timestamptz group by touchpoint_id`);
}

export async function naiveOverviewCounts(db: Database): Promise<number> {
  const { period, compareTo } = resolvePeriods({}, await latestDataDay(db));
  const months = trailingMonths(12, period.to);
  const [current, previous, trend] = await Promise.all([
    periodCounts(db, period.from, period.to),
    periodCounts(db, compareTo.from, compareTo.to),
    db.execute(sql`select date_trunc('month', responded_at) as month, touchpoint_id, ${measures} from survey_responses
      where responded_at >= ${months[0]!}::timestamptz and responded_at < ${addDays(period.to, 1)}::timestamptz group by 1, 2`),
  ]);
  return current.length + previous.length + trend.length;
}

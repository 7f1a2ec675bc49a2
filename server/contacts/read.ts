// Reads contact demand for a period from the contact roll-ups (whole months plus loose days) and the small
// reason map — never from service_contacts — and splits it into failure, value and unclassified demand.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { splitPeriod, type Period } from "@/server/scores/periods";
import { splitDemand, type DemandSplit, type ReasonMapping } from "./demand";

function periodRows(period: Period): SQL {
  const split = splitPeriod(period);
  const parts: SQL[] = [];
  if (split.monthsFrom < split.monthsTo)
    parts.push(sql`select reason_set_id, contacts from contact_monthly_rollups where month >= ${split.monthsFrom}::date and month < ${split.monthsTo}::date`);
  for (const range of split.dayRanges)
    parts.push(sql`select reason_set_id, contacts from contact_daily_rollups where day >= ${range.from}::date and day <= ${range.to}::date`);
  return sql.join(parts, sql` union all `);
}

/** The period's contacts by reason set, with the reason map as it is now. */
export async function readDemand(db: Queryable, period: Period): Promise<DemandSplit> {
  const [rows, sets, mappings] = await Promise.all([
    db.execute<{ reasonSetId: number; contacts: number }>(sql`
      select r.reason_set_id as "reasonSetId", sum(r.contacts)::float8 as contacts from (${periodRows(period)}) r group by r.reason_set_id`),
    db.execute<{ id: number; reasonIds: number[] }>(sql`select id, reason_ids as "reasonIds" from contact_reason_sets`),
    db.execute<{ reasonId: number; kind: ReasonMapping["kind"]; touchpointId: number | null }>(sql`
      select reason_id as "reasonId", kind, touchpoint_id as "touchpointId" from contact_reason_mappings`),
  ]);
  return splitDemand(rows, new Map(sets.map((s) => [s.id, s.reasonIds])), new Map(mappings.map((m) => [m.reasonId, m])));
}

// Reads contact demand for a period from the contact roll-ups (whole months plus loose days) and the small
// reason map — never from service_contacts — and splits it into failure, value and unclassified demand.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { ContactChannel } from "@/lib/enums";
import { splitPeriod, type Period } from "@/server/scores/periods";
import type { LocationIds } from "@/server/scores/read-rollups";
import { readCostPerHour } from "@/server/settings/program-settings";
import { resolveReasonMap, splitDemand, type ContactRow, type DemandSplit, type ReasonMapping, type ReasonRule, type ResolvedMapping } from "./demand";

/** Sites to count (a site or a region's sites); undefined counts every contact, with or without a location. */
export type ContactLocationIds = LocationIds;

const measures = sql.raw(`reason_set_id, channel, touchpoint_id, contacts, cost, uncosted_handle_seconds`);

function locationFilter(locationIds: ContactLocationIds): SQL {
  if (locationIds === undefined) return sql`true`;
  if (locationIds.length === 0) return sql`false`;
  return sql`location_id in (${sql.join(
    locationIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** The period's roll-up rows, each with the month it falls in, from whole months plus loose days. */
function periodRows(period: Period, locationIds: ContactLocationIds): SQL {
  const split = splitPeriod(period);
  const where = locationFilter(locationIds);
  const parts: SQL[] = [];
  if (split.monthsFrom < split.monthsTo)
    parts.push(
      sql`select month, ${measures} from contact_monthly_rollups where month >= ${split.monthsFrom}::date and month < ${split.monthsTo}::date and ${where}`,
    );
  for (const range of split.dayRanges)
    parts.push(
      sql`select date_trunc('month', day)::date as month, ${measures} from contact_daily_rollups where day >= ${range.from}::date and day <= ${range.to}::date and ${where}`,
    );
  if (parts.length === 0) return sql`select null::date as month, ${measures} from contact_monthly_rollups where false`;
  return sql.join(parts, sql` union all `);
}

export type MonthlyContactRow = ContactRow & { month: string };

/** The period's contacts by month, reason set, channel and named touchpoint. */
export async function readContactRows(db: Queryable, period: Period, locationIds?: ContactLocationIds): Promise<MonthlyContactRow[]> {
  return db.execute<MonthlyContactRow & { channel: ContactChannel }>(sql`
    select r.month::text as month, r.reason_set_id as "reasonSetId", r.channel, r.touchpoint_id as "touchpointId",
      sum(r.contacts)::float8 as contacts, sum(r.cost)::float8 as cost, sum(r.uncosted_handle_seconds)::float8 as "uncostedHandleSeconds"
    from (${periodRows(period, locationIds)}) r group by 1, 2, 3, 4`);
}

export interface ReasonMap {
  reasons: Map<number, string>;
  sets: Map<number, number[]>;
  map: Map<number, ResolvedMapping>;
  rules: ReasonRule[];
  costPerHour: Record<ContactChannel, number>;
}

/** The small tables that classify and price contacts: reasons, reason sets, mappings, rules and the channels' rates. */
export async function readReasonMap(db: Queryable): Promise<ReasonMap> {
  const [reasons, sets, mappings, rules, costPerHour] = await Promise.all([
    db.execute<{ id: number; name: string }>(sql`select id, name from contact_reasons`),
    db.execute<{ id: number; reasonIds: number[] }>(sql`select id, reason_ids as "reasonIds" from contact_reason_sets`),
    db.execute<{ reasonId: number } & ReasonMapping>(sql`
      select reason_id as "reasonId", kind, touchpoint_id as "touchpointId" from contact_reason_mappings`),
    db.execute<ReasonRule>(sql`select id, match, pattern, kind, touchpoint_id as "touchpointId" from contact_reason_rules order by id`),
    readCostPerHour(db),
  ]);
  const map = resolveReasonMap(reasons, new Map(mappings.map((m) => [m.reasonId, m])), rules);
  return { reasons: new Map(reasons.map((r) => [r.id, r.name])), sets: new Map(sets.map((s) => [s.id, s.reasonIds])), map, rules: [...rules], costPerHour };
}

/** Split rows with the reason map as it is now. */
export function splitRows(rows: readonly ContactRow[], reasonMap: ReasonMap): DemandSplit {
  return splitDemand(rows, reasonMap.sets, reasonMap.map, reasonMap.costPerHour);
}

/** The period's demand, split by the reason map as it is now. */
export async function readDemand(db: Queryable, period: Period, locationIds?: ContactLocationIds): Promise<DemandSplit> {
  const [rows, reasonMap] = await Promise.all([readContactRows(db, period, locationIds), readReasonMap(db)]);
  return splitRows(rows, reasonMap);
}

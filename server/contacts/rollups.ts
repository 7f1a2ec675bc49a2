// Keeps the contact roll-ups (per day and month, reason set, channel, location, named touchpoint) in step
// with service_contacts, in the caller's transaction: one batch added or removed through a daily delta, or everything rebuilt.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { createDelta, foldDelta, type RollupFamily } from "@/server/rollups/deltas";

const family: RollupFamily = {
  tables: { day: sql.raw("contact_daily_rollups"), month: sql.raw("contact_monthly_rollups") },
  keys: ["reason_set_id", "channel", "location_id", "touchpoint_id"],
  sums: ["contacts", "handle_seconds", "timed_contacts", "cost", "costed_contacts", "uncosted_handle_seconds"],
  countColumn: "contacts",
};
const buckets: Record<"day" | "month", SQL> = {
  day: sql`(c.occurred_at at time zone 'UTC')::date`,
  month: sql`date_trunc('month', c.occurred_at at time zone 'UTC')::date`,
};

/** Counts and sums per bucket and key over the contacts `filter` selects (alias c). */
const aggregateContacts = (grain: "day" | "month", filter: SQL) => sql`
  select ${buckets[grain]} as bucket, c.reason_set_id, c.channel, coalesce(c.location_id, 0) as location_id, coalesce(c.touchpoint_id, 0) as touchpoint_id,
    count(*) as contacts, coalesce(sum(c.handle_seconds), 0) as handle_seconds, count(c.handle_seconds) as timed_contacts,
    coalesce(sum(c.cost), 0) as cost, count(c.cost) as costed_contacts, coalesce(sum(c.handle_seconds) filter (where c.cost is null), 0) as uncosted_handle_seconds
  from service_contacts c where ${filter}
  group by 1, 2, 3, 4, 5`;

/** Add (1) or remove (-1) the contacts `filter` selects (alias c) from every grain, through one daily delta. */
export async function applyContactsToRollups(tx: Queryable, filter: SQL, sign: 1 | -1): Promise<void> {
  await foldDelta(tx, family, await createDelta(tx, "contact_delta", aggregateContacts("day", filter)), sign);
}

/** Add (1) or remove (-1) one import batch's contacts from every grain. */
export async function applyContactBatchToRollups(tx: Queryable, importBatchId: number, sign: 1 | -1): Promise<void> {
  await applyContactsToRollups(tx, sql`c.import_batch_id = ${importBatchId}`, sign);
}

/** Recompute every contact roll-up table from every stored contact, each grain straight from the raw rows. */
export async function rebuildContactRollups(tx: Queryable): Promise<void> {
  const columns = sql.raw([...family.keys, ...family.sums].join(", "));
  for (const [grain, table] of Object.entries(family.tables) as Array<["day" | "month", SQL]>) {
    await tx.execute(sql`delete from ${table}`);
    await tx.execute(sql`insert into ${table} (${sql.raw(grain)}, ${columns}) select a.bucket, ${columns} from (${aggregateContacts(grain, sql`true`)}) a`);
  }
}

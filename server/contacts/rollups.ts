// Keeps the contact roll-ups (per day and month, reason set, channel, location, named touchpoint) in step
// with service_contacts, in the caller's transaction: one batch added or removed, or everything rebuilt.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";

const tables = { day: sql.raw("contact_daily_rollups"), month: sql.raw("contact_monthly_rollups") };
const buckets = {
  day: sql`(c.occurred_at at time zone 'UTC')::date`,
  month: sql`date_trunc('month', c.occurred_at at time zone 'UTC')::date`,
};

async function addContacts(tx: Queryable, grain: "day" | "month", filter: SQL, sign: 1 | -1): Promise<void> {
  const s = sql.raw(String(sign));
  const bucket = sql.raw(grain);
  await tx.execute(sql`
    insert into ${tables[grain]} as t (${bucket}, reason_set_id, channel, location_id, touchpoint_id, contacts, handle_seconds, timed_contacts,
      cost, costed_contacts, uncosted_handle_seconds)
    select ${buckets[grain]}, c.reason_set_id, c.channel, coalesce(c.location_id, 0), coalesce(c.touchpoint_id, 0),
      ${s} * count(*), ${s} * coalesce(sum(c.handle_seconds), 0), ${s} * count(c.handle_seconds),
      ${s} * coalesce(sum(c.cost), 0), ${s} * count(c.cost), ${s} * coalesce(sum(c.handle_seconds) filter (where c.cost is null), 0)
    from service_contacts c where ${filter}
    group by 1, 2, 3, 4, 5
    on conflict (${bucket}, reason_set_id, channel, location_id, touchpoint_id) do update set
      contacts = t.contacts + excluded.contacts,
      handle_seconds = t.handle_seconds + excluded.handle_seconds,
      timed_contacts = t.timed_contacts + excluded.timed_contacts,
      cost = t.cost + excluded.cost,
      costed_contacts = t.costed_contacts + excluded.costed_contacts,
      uncosted_handle_seconds = t.uncosted_handle_seconds + excluded.uncosted_handle_seconds`);
  if (sign < 0) await tx.execute(sql`delete from ${tables[grain]} where contacts <= 0`);
}

/** Add (1) or remove (-1) one import batch's contacts from both grains. */
export async function applyContactBatchToRollups(tx: Queryable, importBatchId: number, sign: 1 | -1): Promise<void> {
  for (const grain of ["day", "month"] as const) await addContacts(tx, grain, sql`c.import_batch_id = ${importBatchId}`, sign);
}

/** Recompute both contact roll-up tables from every stored contact. */
export async function rebuildContactRollups(tx: Queryable): Promise<void> {
  for (const grain of ["day", "month"] as const) {
    await tx.execute(sql`delete from ${tables[grain]}`);
    await addContacts(tx, grain, sql`true`, 1);
  }
}

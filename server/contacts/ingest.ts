// The one write path for service contacts (imports of support-tool exports, the seed, the API): a batch's
// contacts, its new reasons and reason sets, its roll-ups and its batch record commit together or not at all.
import { eq, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { importBatches, type ResponseSource } from "@/db/schema";
import type { BatchInput, BatchOptions, BatchResult } from "@/server/responses/ingest";
import { copyLine, stageRows, type StagedRows } from "@/db/copy";
import type { ContactChannel } from "@/lib/enums";
import { recordAudit } from "@/server/audit";
import { applyContactBatchToRollups } from "./rollups";

export interface ContactInput {
  occurredAt: Date;
  channel: ContactChannel;
  /** The reasons as the tool gives them (a category, tags, a wrap-up code); none is allowed. */
  reasons: readonly string[];
  externalId: string;
  direction?: string | null;
  queue?: string | null;
  handleSeconds?: number | null;
  cost?: number | null;
  touchpointId?: number | null;
  locationId?: number | null;
  subject?: string | null;
  description?: string | null;
  requesterEmail?: string | null;
  requesterName?: string | null;
}

/** The batch record of a contacts import: the same fields as a survey batch's. */
export type ContactBatchInput = BatchInput;

const stagedColumns = [
  "ord",
  "occurred_at",
  "channel",
  "direction",
  "queue",
  "reasons",
  "handle_seconds",
  "cost",
  "touchpoint_id",
  "location_id",
  "subject",
  "description",
  "requester_email",
  "requester_name",
  "external_id",
];

function stagedLine(r: ContactInput, ord: number): string {
  const reasons = r.reasons.map((reason) => reason.trim()).filter(Boolean);
  return copyLine([
    ord,
    r.occurredAt.toISOString(),
    r.channel,
    r.direction,
    r.queue,
    JSON.stringify(reasons),
    r.handleSeconds,
    r.cost,
    r.touchpointId,
    r.locationId,
    r.subject,
    r.description,
    r.requesterEmail,
    r.requesterName,
    r.externalId,
  ]);
}

/** Stream contacts with COPY into this transaction's staging table (dropped at commit or rollback); returns how many. */
export async function stageContacts(tx: Queryable, rows: StagedRows<ContactInput>) {
  return stageRows(
    tx,
    "staged_contacts",
    `
    ord int not null, occurred_at timestamptz not null, channel contact_channel not null, direction text,
    queue text, reasons jsonb not null, handle_seconds int, cost float8, touchpoint_id int, location_id int,
    subject text, description text, requester_email text, requester_name text, external_id text not null`,
    stagedColumns,
    rows,
    stagedLine,
  );
}

/** Staged contacts whose (source, external id) is already stored, by anti-join. */
export async function stagedContactDuplicates(tx: Queryable, source: ResponseSource): Promise<number> {
  const [row] = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from staged_contacts s
    where exists (select 1 from service_contacts c where c.source = ${source} and c.external_id = s.external_id)`);
  return row!.n;
}

/**
 * Write the staged contacts as one batch in the caller's transaction: new reason names and reason sets (the
 * sorted distinct reason ids; none is the empty set), one set-based insert that skips what is stored, the roll-ups, the batch record.
 */
export async function writeStagedContacts(tx: Queryable, batch: ContactBatchInput, offered: number, options: BatchOptions = {}): Promise<BatchResult> {
  const [created] = await tx
    .insert(importBatches)
    .values({ ...batch, kind: "contacts", status: "importing" })
    .returning({ id: importBatches.id });
  const batchId = created!.id;
  options.onProgress?.(0);
  await tx.execute(sql`
    insert into contact_reasons (name)
    select distinct n.name from staged_contacts s cross join lateral jsonb_array_elements_text(s.reasons) n(name)
    order by 1
    on conflict do nothing`);
  await tx.execute(sql`drop table if exists pg_temp.staged_reason_sets`);
  await tx.execute(sql`
    create temp table staged_reason_sets on commit drop as
    select s.ord, coalesce((select array_agg(distinct r.id order by r.id) from jsonb_array_elements_text(s.reasons) n(name)
      join contact_reasons r on r.name = n.name), '{}'::int[]) as reason_ids
    from staged_contacts s`);
  await tx.execute(sql`
    insert into contact_reason_sets (reason_ids) select distinct reason_ids from staged_reason_sets order by 1 on conflict do nothing`);
  const [row] = await tx.execute<{ n: number }>(sql`
    with inserted as (
      insert into service_contacts (occurred_at, channel, direction, queue, reason_set_id, handle_seconds, cost, touchpoint_id, location_id,
        subject, description, requester_email, requester_name, source, external_id, import_batch_id)
      select s.occurred_at, s.channel, s.direction, s.queue, rs.id, s.handle_seconds, s.cost, s.touchpoint_id, s.location_id,
        s.subject, s.description, s.requester_email, s.requester_name, ${batch.source}, s.external_id, ${batchId}::int
      from staged_contacts s
      join staged_reason_sets k on k.ord = s.ord
      join contact_reason_sets rs on rs.reason_ids = k.reason_ids
      order by s.ord
      on conflict (source, external_id) do nothing
      returning 1)
    select count(*)::int as n from inserted`);
  const inserted = row!.n;
  options.onProgress?.(inserted);
  await applyContactBatchToRollups(tx, batchId, 1);
  await tx
    .update(importBatches)
    .set({ status: "imported", rowsRead: batch.rowsRead ?? offered, rowsImported: inserted, completedAt: sql`now()` })
    .where(eq(importBatches.id, batchId));
  const result = { batchId, inserted, duplicates: offered - inserted };
  if (options.audit)
    await recordAudit(tx, options.audit.actor, {
      action: options.audit.action,
      entityType: "import_batch",
      entityId: batchId,
      after: options.audit.details(result),
    });
  return result;
}

/**
 * Write one batch of contacts in a single transaction, from an array or an async stream of chunks; a contact
 * already imported from the same tool (same external id) is skipped, not an error.
 */
export async function ingestContactBatch(
  db: Database,
  batch: ContactBatchInput,
  rows: ContactInput[] | AsyncIterable<ContactInput[]>,
  options: BatchOptions = {},
): Promise<BatchResult> {
  return db.transaction(async (tx) => writeStagedContacts(tx, batch, await stageContacts(tx, rows), options));
}

/** A contacts batch's rows and their roll-ups, removed inside the caller's (revert's) transaction. */
export async function removeContactBatch(tx: Queryable, batchId: number): Promise<number> {
  await applyContactBatchToRollups(tx, batchId, -1);
  const removed = await tx.execute<{ id: number }>(sql`delete from service_contacts where import_batch_id = ${batchId} returning id`);
  return removed.length;
}

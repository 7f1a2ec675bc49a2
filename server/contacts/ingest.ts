// The one write path for service contacts (imports of support-tool exports, the seed, the API): a batch's
// contacts, its new reasons and reason sets, its roll-ups and its batch record commit together or not at all.
import { eq, inArray, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { contactReasonSets, contactReasons, importBatches, type ResponseSource } from "@/db/schema";
import type { BatchInput, BatchOptions, BatchResult } from "@/server/responses/ingest";
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

const CHUNK_ROWS = 5_000;

/** Reason names to ids, creating the ones not seen before. */
async function reasonIds(tx: Queryable, names: Set<string>): Promise<Map<string, number>> {
  if (names.size === 0) return new Map();
  const list = [...names];
  await tx
    .insert(contactReasons)
    .values(list.map((name) => ({ name })))
    .onConflictDoNothing();
  const rows = await tx.select({ id: contactReasons.id, name: contactReasons.name }).from(contactReasons).where(inArray(contactReasons.name, list));
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Sorted reason-id lists to reason-set ids, creating the sets not seen before; the empty set is "no reason". */
async function reasonSetIds(tx: Queryable, sets: Map<string, number[]>): Promise<Map<string, number>> {
  const values = [...sets.values()];
  await tx
    .insert(contactReasonSets)
    .values(values.map((reasonIds) => ({ reasonIds })))
    .onConflictDoNothing();
  const rows = await tx.execute<{ id: number; key: string }>(sql`
    select id, array_to_string(reason_ids, ',') as key from contact_reason_sets
    where array_to_string(reason_ids, ',') in (${sql.join(
      [...sets.keys()].map((key) => sql`${key}`),
      sql`, `,
    )})`);
  return new Map(rows.map((r) => [r.key, r.id]));
}

async function insertChunk(tx: Queryable, batchId: number, source: ResponseSource, rows: ContactInput[]): Promise<number> {
  if (rows.length === 0) return 0;
  const names = new Set(rows.flatMap((r) => r.reasons.map((reason) => reason.trim()).filter(Boolean)));
  const ids = await reasonIds(tx, names);
  const keyOf = (r: ContactInput) =>
    [...new Set(r.reasons.map((reason) => ids.get(reason.trim())).filter((id): id is number => id !== undefined))].sort((a, b) => a - b);
  const sets = new Map(rows.map((r) => keyOf(r)).map((set) => [set.join(","), set]));
  const setIds = await reasonSetIds(tx, sets);
  const json = JSON.stringify(
    rows.map((r) => ({
      occurred_at: r.occurredAt.toISOString(),
      channel: r.channel,
      direction: r.direction ?? null,
      queue: r.queue ?? null,
      reason_set_id: setIds.get(keyOf(r).join(","))!,
      handle_seconds: r.handleSeconds ?? null,
      cost: r.cost ?? null,
      touchpoint_id: r.touchpointId ?? null,
      location_id: r.locationId ?? null,
      subject: r.subject ?? null,
      description: r.description ?? null,
      requester_email: r.requesterEmail ?? null,
      requester_name: r.requesterName ?? null,
      external_id: r.externalId,
    })),
  );
  const inserted = await tx.execute<{ id: number }>(sql`
    insert into service_contacts (occurred_at, channel, direction, queue, reason_set_id, handle_seconds, cost, touchpoint_id, location_id,
      subject, description, requester_email, requester_name, source, external_id, import_batch_id)
    select t.occurred_at, t.channel::contact_channel, t.direction, t.queue, t.reason_set_id, t.handle_seconds, t.cost, t.touchpoint_id, t.location_id,
      t.subject, t.description, t.requester_email, t.requester_name, ${source}, t.external_id, ${batchId}::int
    from json_to_recordset(${json}::json) as t(occurred_at timestamptz, channel text, direction text, queue text, reason_set_id int,
      handle_seconds int, cost float8, touchpoint_id int, location_id int, subject text, description text, requester_email text,
      requester_name text, external_id text)
    on conflict (source, external_id) do nothing
    returning id`);
  return inserted.length;
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
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(importBatches)
      .values({ ...batch, kind: "contacts", status: "importing" })
      .returning({ id: importBatches.id });
    const batchId = created!.id;
    let inserted = 0;
    let offered = 0;
    for await (const chunk of Array.isArray(rows) ? [rows] : rows) {
      for (let start = 0; start < chunk.length; start += CHUNK_ROWS) {
        const slice = chunk.slice(start, start + CHUNK_ROWS);
        offered += slice.length;
        inserted += await insertChunk(tx, batchId, batch.source, slice);
        options.onProgress?.(inserted);
      }
    }
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
  });
}

/** A contacts batch's rows and their roll-ups, removed inside the caller's (revert's) transaction. */
export async function removeContactBatch(tx: Queryable, batchId: number): Promise<number> {
  await applyContactBatchToRollups(tx, batchId, -1);
  const removed = await tx.execute<{ id: number }>(sql`delete from service_contacts where import_batch_id = ${batchId} returning id`);
  return removed.length;
}

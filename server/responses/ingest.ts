// The one write path for survey responses: seeding, file imports and the HTTP API all come through here.
// A batch's responses, its roll-up updates and its batch record commit together or not at all.
import { eq, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { importBatches, surveyResponses, type ResponseSource } from "@/db/schema";
import { recordAudit, type Actor } from "@/server/audit";
import { conflict, notFound } from "@/server/errors";
import { applyBatchToRollups } from "@/server/rollups/maintain";
import { removeContactBatch } from "@/server/contacts/ingest";
import { loadCodebook } from "@/server/themes/load";
import { compileCodebook, tagComment, type ThemeMatcher } from "@/server/themes/tagger";

export type ResponseInput = Omit<
  typeof surveyResponses.$inferInsert,
  "id" | "source" | "importBatchId" | "createdAt" | "commentLanguage" | "sentiment" | "sentimentScore" | "themeIds" | "taggedVersion"
>;

export interface BatchInput {
  fileName: string;
  fileHash: string;
  sourceFormat: string;
  source: ResponseSource;
  mapping?: Record<string, unknown>;
  createdById?: number | null;
  decision?: string | null;
  /** Rows in the source file; defaults to the number of responses offered. */
  rowsRead?: number;
  rowsSkipped?: number;
  rowsRejected?: number;
}

export interface BatchResult {
  batchId: number;
  inserted: number;
  duplicates: number;
}

export interface BatchOptions {
  onProgress?: (insertedSoFar: number) => void;
  /** The audit entry, written in the batch's own transaction (the demo seed has none). */
  audit?: { actor: Actor; action: string; details: (result: BatchResult) => Record<string, unknown> };
}

// A chunk travels as one JSON parameter expanded by json_to_recordset: PostgreSQL parses that far
// faster than a multi-row VALUES list with a dozen bound parameters per row, and no row limit applies.
const CHUNK_ROWS = 5_000;

function chunkAsJson(rows: ResponseInput[], matcher: ThemeMatcher): string {
  return JSON.stringify(
    rows.map((r) => ({
      ...commentTagColumns(r, matcher),
      touchpoint_id: r.touchpointId,
      location_id: r.locationId ?? null,
      responded_at: r.respondedAt instanceof Date ? r.respondedAt.toISOString() : r.respondedAt,
      nps: r.nps ?? null,
      csat: r.csat ?? null,
      ces: r.ces ?? null,
      custom_values: r.customValues ?? null,
      comment: r.comment ?? null,
      external_id: r.externalId,
      respondent_email: r.respondentEmail ?? null,
      respondent_name: r.respondentName ?? null,
    })),
  );
}

/** A comment's tags (language, sentiment, themes) as the insert's columns, computed with the batch's codebook. */
function commentTagColumns(r: ResponseInput, matcher: ThemeMatcher) {
  if (!r.comment) return { comment_language: null, sentiment: null, sentiment_score: null, theme_ids: null, tagged_version: null };
  const tags = tagComment(matcher, r.comment, r.touchpointId);
  return {
    comment_language: tags.language,
    sentiment: tags.sentiment,
    sentiment_score: tags.sentimentScore,
    theme_ids: tags.themeIds,
    tagged_version: matcher.version,
  };
}

async function insertChunk(tx: Queryable, batchId: number, source: ResponseSource, rows: ResponseInput[], matcher: ThemeMatcher): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await tx.execute<{ id: number }>(sql`
    insert into survey_responses (touchpoint_id, location_id, responded_at, nps, csat, ces, custom_values, comment, source, external_id,
      import_batch_id, respondent_email, respondent_name, comment_language, sentiment, sentiment_score, theme_ids, tagged_version)
    select t.touchpoint_id, t.location_id, t.responded_at, t.nps, t.csat, t.ces, t.custom_values, t.comment, ${source}::response_source,
      t.external_id, ${batchId}::int, t.respondent_email, t.respondent_name, t.comment_language, t.sentiment, t.sentiment_score,
      t.theme_ids, t.tagged_version
    from json_to_recordset(${chunkAsJson(rows, matcher)}::json) as t(touchpoint_id int, location_id int, responded_at timestamptz, nps smallint,
      csat smallint, ces smallint, custom_values jsonb, comment text, external_id text, respondent_email text, respondent_name text,
      comment_language text, sentiment smallint, sentiment_score real, theme_ids int[], tagged_version int)
    on conflict (source, external_id) do nothing
    returning id`);
  return inserted.length;
}

/**
 * Write one batch of responses in a single transaction. `rows` may be an array or an async stream of
 * chunks (imports stream files); duplicates of earlier imports are skipped, not errors.
 */
export async function ingestBatch(
  db: Database,
  batch: BatchInput,
  rows: ResponseInput[] | AsyncIterable<ResponseInput[]>,
  options: BatchOptions = {},
): Promise<BatchResult> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(importBatches)
      .values({ ...batch, status: "importing" })
      .returning({ id: importBatches.id });
    const batchId = created!.id;
    // Comments are tagged with the codebook as it stands when the batch starts; a later change re-tags them.
    const matcher = compileCodebook(await loadCodebook(tx));
    let inserted = 0;
    let offered = 0;
    const chunks = Array.isArray(rows) ? [rows] : rows;
    for await (const chunk of chunks) {
      for (let start = 0; start < chunk.length; start += CHUNK_ROWS) {
        const slice = chunk.slice(start, start + CHUNK_ROWS);
        offered += slice.length;
        inserted += await insertChunk(tx, batchId, batch.source, slice, matcher);
        options.onProgress?.(inserted);
      }
    }
    await applyBatchToRollups(tx, batchId, 1);
    await tx
      .update(importBatches)
      .set({ status: "imported", rowsRead: batch.rowsRead ?? offered, rowsImported: inserted, completedAt: sql`now()` })
      .where(eq(importBatches.id, batchId));
    const result = { batchId, inserted, duplicates: offered - inserted };
    if (options.audit) {
      await recordAudit(tx, options.audit.actor, {
        action: options.audit.action,
        entityType: "import_batch",
        entityId: batchId,
        after: options.audit.details(result),
      });
    }
    return result;
  });
}

/**
 * Undo a batch: its responses leave, the roll-ups follow and the audit entry is written, in one transaction;
 * the batch stays listed as reverted.
 */
export async function revertBatch(db: Database, actor: Actor, batchId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const [batch] = await tx.select().from(importBatches).where(eq(importBatches.id, batchId)).for("update");
    if (!batch) throw notFound(`Import batch ${batchId} does not exist; \`import list\` shows the batches.`);
    if (batch.status !== "imported") throw conflict(`Import batch ${batchId} is ${batch.status}; only imported batches can be reverted.`);
    // A support-tool batch holds contacts, not responses: the same revert, the other rows.
    let removed: number;
    if (batch.kind === "contacts") removed = await removeContactBatch(tx, batchId);
    else {
      await applyBatchToRollups(tx, batchId, -1);
      removed = (await tx.delete(surveyResponses).where(eq(surveyResponses.importBatchId, batchId)).returning({ id: surveyResponses.id })).length;
    }
    await tx
      .update(importBatches)
      .set({ status: "reverted", revertedAt: sql`now()`, revertedById: actor.id })
      .where(eq(importBatches.id, batchId));
    await recordAudit(tx, actor, { action: "import.revert", entityType: "import_batch", entityId: batchId, after: { removed } });
    return removed;
  });
}

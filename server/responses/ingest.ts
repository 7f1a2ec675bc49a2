// The one write path for survey responses: seeding, file imports and the HTTP API all come through here.
// A batch's responses, its roll-up updates and its batch record commit together or not at all.
import { eq, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { importBatches, surveyResponses, type ResponseSource } from "@/db/schema";
import { log } from "@/server/log";
import { recordAudit, type Actor } from "@/server/audit";
import { conflict, notFound } from "@/server/errors";
import { applyBatchToRollups } from "@/server/rollups/maintain";
import { removeContactBatch } from "@/server/contacts/ingest";
import { loadCodebook } from "@/server/themes/load";
import { compileCodebook, tagComment } from "@/server/themes/tagger";
import { copyInto, copyLine, eventLoopYielder, intArray, stageRows, transactionClient, type StagedRows } from "@/db/copy";

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

const stagedColumns = [
  "ord",
  "touchpoint_id",
  "location_id",
  "responded_at",
  "nps",
  "csat",
  "ces",
  "custom_values",
  "comment",
  "external_id",
  "respondent_email",
  "respondent_name",
];
const tagColumns = ["ord", "comment_language", "sentiment", "sentiment_score", "theme_ids", "tagged_version"];

/** One response as a COPY line of the staging table; `ord` keeps file order (the first of two equal ids wins). */
function stagedLine(r: ResponseInput, ord: number): string {
  const at = r.respondedAt instanceof Date ? r.respondedAt.toISOString() : r.respondedAt;
  return copyLine([
    ord,
    r.touchpointId,
    r.locationId,
    at,
    r.nps,
    r.csat,
    r.ces,
    r.customValues ? JSON.stringify(r.customValues) : null,
    r.comment,
    r.externalId,
    r.respondentEmail,
    r.respondentName,
  ]);
}

/**
 * Stream responses with COPY into this transaction's staging table (dropped at commit or rollback, so a crash
 * leaves nothing behind). Returns how many were staged. Nothing reaches survey_responses yet.
 */
export async function stageResponses(tx: Queryable, rows: StagedRows<ResponseInput>) {
  return stageRows(
    tx,
    "staged_responses",
    `
    ord int not null, touchpoint_id int not null, location_id int, responded_at timestamptz not null,
    nps smallint, csat smallint, ces smallint, custom_values jsonb, comment text, external_id text not null,
    respondent_email text, respondent_name text`,
    stagedColumns,
    rows,
    stagedLine,
  );
}

/** Staged rows whose (source, external id) is already stored: duplicates of earlier imports, by anti-join. */
export async function stagedResponseDuplicates(tx: Queryable, source: ResponseSource): Promise<number> {
  const [row] = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from staged_responses s
    where exists (select 1 from survey_responses r where r.source = ${source}::response_source and r.external_id = s.external_id)`);
  return row!.n;
}

/**
 * Tag the staged comments that will be written (not the duplicates of earlier imports) and COPY their tags into
 * staged_tags. The comments are read with a cursor first, since the connection cannot read and COPY at once.
 */
async function tagStagedComments(tx: Queryable, source: ResponseSource, onProgress?: (tagged: number) => void): Promise<void> {
  const matcher = compileCodebook(await loadCodebook(tx));
  await tx.execute(sql`drop table if exists pg_temp.staged_tags`);
  await tx.execute(sql`
    create temp table staged_tags (ord int primary key, comment_language text, sentiment smallint, sentiment_score real, theme_ids int[],
      tagged_version int) on commit drop`);
  const lines: string[] = [];
  const yieldTurn = eventLoopYielder();
  const comments = transactionClient(tx)<Array<{ ord: number; touchpoint_id: number; comment: string }>>`
    select s.ord, s.touchpoint_id, s.comment from staged_responses s
    where s.comment is not null
      and not exists (select 1 from survey_responses r where r.source = ${source}::response_source and r.external_id = s.external_id)`;
  for await (const rows of comments.cursor(2_000)) {
    for (const r of rows) {
      // A text seen before is not parsed again (the tagger keeps recent parses); only its themes are matched.
      const tags = tagComment(matcher, r.comment, r.touchpoint_id);
      lines.push(copyLine([r.ord, tags.language, tags.sentiment, tags.sentimentScore, intArray(tags.themeIds), matcher.version]));
      await yieldTurn();
    }
    onProgress?.(lines.length);
  }
  await copyInto(tx, "staged_tags", tagColumns, lines);
}

/**
 * Write the staged responses as one batch, in the caller's transaction: tags for the new comments, one set-based
 * insert that skips what is already stored, the roll-ups from the batch's daily deltas, the batch record and the audit entry.
 */
export async function writeStagedResponses(tx: Queryable, batch: BatchInput, offered: number, options: BatchOptions = {}): Promise<BatchResult> {
  const [created] = await tx
    .insert(importBatches)
    .values({ ...batch, status: "importing" })
    .returning({ id: importBatches.id });
  const batchId = created!.id;
  // Comments are tagged with the codebook as it stands when the batch starts; a later change re-tags them.
  await tagStagedComments(tx, batch.source);
  options.onProgress?.(0);
  const [row] = await tx.execute<{ n: number }>(sql`
    with inserted as (
      insert into survey_responses (touchpoint_id, location_id, responded_at, nps, csat, ces, custom_values, comment, source, external_id,
        import_batch_id, respondent_email, respondent_name, comment_language, sentiment, sentiment_score, theme_ids, tagged_version)
      select s.touchpoint_id, s.location_id, s.responded_at, s.nps, s.csat, s.ces, s.custom_values, s.comment, ${batch.source}::response_source,
        s.external_id, ${batchId}::int, s.respondent_email, s.respondent_name, t.comment_language, t.sentiment, t.sentiment_score,
        t.theme_ids, t.tagged_version
      from staged_responses s left join staged_tags t on t.ord = s.ord
      order by s.ord
      on conflict (source, external_id) do nothing
      returning 1)
    select count(*)::int as n from inserted`);
  const inserted = row!.n;
  options.onProgress?.(inserted);
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
}

/**
 * Write one batch of responses in a single transaction. `rows` may be an array or an async stream of
 * chunks (the seed streams); duplicates of earlier imports are skipped, not errors.
 */
export async function ingestBatch(
  db: Database,
  batch: BatchInput,
  rows: ResponseInput[] | AsyncIterable<ResponseInput[]> | Iterable<ResponseInput[]>,
  options: BatchOptions = {},
): Promise<BatchResult> {
  return db.transaction(async (tx) => writeStagedResponses(tx, batch, await stageResponses(tx, rows), options));
}

/**
 * Undo a batch: its responses leave, the roll-ups follow and the audit entry is written, in one transaction;
 * the batch stays listed as reverted.
 */
export async function revertBatch(db: Database, actor: Actor, batchId: number): Promise<number> {
  const reverted = await db.transaction(async (tx) => {
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
    return { removed, kind: batch.kind };
  });
  log.info({ event: "import_revert", outcome: "reverted", batchId, kind: reverted.kind, removed: reverted.removed, userId: actor.id }, "import reverted");
  return reverted.removed;
}

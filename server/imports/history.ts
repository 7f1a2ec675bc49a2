// The import history an admin reviews and reverts from: who brought which file in, when, with what counts.
import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, Queryable } from "@/db/client";
import { importBatches, users } from "@/db/schema";
import { recordAudit, type Actor } from "@/server/audit";
import { revertBatch } from "@/server/responses/ingest";
import { ImportError } from "./source-file";

const revertedBy = alias(users, "reverted_by");

export async function importHistory(db: Queryable, limit = 100) {
  return db
    .select({
      id: importBatches.id,
      fileName: importBatches.fileName,
      sourceFormat: importBatches.sourceFormat,
      status: importBatches.status,
      decision: importBatches.decision,
      rowsRead: importBatches.rowsRead,
      rowsImported: importBatches.rowsImported,
      rowsSkipped: importBatches.rowsSkipped,
      rowsRejected: importBatches.rowsRejected,
      createdAt: importBatches.createdAt,
      createdBy: users.name,
      revertedAt: importBatches.revertedAt,
      revertedBy: revertedBy.name,
    })
    .from(importBatches)
    .leftJoin(users, eq(users.id, importBatches.createdById))
    .leftJoin(revertedBy, eq(revertedBy.id, importBatches.revertedById))
    .orderBy(desc(importBatches.id))
    .limit(limit);
}

export type ImportHistoryRow = Awaited<ReturnType<typeof importHistory>>[number];

/** Revert a batch for an admin: responses and roll-ups in one transaction, then the audit entry. */
export async function revertImport(db: Database, batchId: number, actor: Actor): Promise<number> {
  const [batch] = await db.select({ status: importBatches.status }).from(importBatches).where(eq(importBatches.id, batchId));
  if (!batch) throw new ImportError(`Import batch ${batchId} does not exist.`);
  if (batch.status !== "imported") throw new ImportError(`Import batch ${batchId} is ${batch.status}; only imported batches can be reverted.`);
  const removed = await revertBatch(db, batchId, actor.id);
  await recordAudit(db, actor, { action: "import.revert", entityType: "import_batch", entityId: batchId, after: { removed } });
  return removed;
}

// The import history an admin reviews and reverts from: who brought which file in, when, with what counts, and
// the attempts that failed (an interrupted connection, a server error) with their reason.
import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { importBatches, users } from "@/db/schema";
import { revertBatch } from "@/server/responses/ingest";

const revertedBy = alias(users, "reverted_by");

/** The newest batches first; `batchId` narrows it to one. */
export async function importHistory(db: Queryable, limit = 100, batchId?: number) {
  return db
    .select({
      id: importBatches.id,
      kind: importBatches.kind,
      fileName: importBatches.fileName,
      sourceFormat: importBatches.sourceFormat,
      status: importBatches.status,
      decision: importBatches.decision,
      failureReason: importBatches.failureReason,
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
    .where(batchId === undefined ? undefined : eq(importBatches.id, batchId))
    .orderBy(desc(importBatches.id))
    .limit(limit);
}

export type ImportHistoryRow = Awaited<ReturnType<typeof importHistory>>[number];

/** Revert a batch for an admin: its responses or contacts, roll-ups and the audit entry in one transaction. */
export const revertImport = revertBatch;

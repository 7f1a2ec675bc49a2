// Preview or import of a staged browser upload through the one pipeline, reporting progress events
// (rows, share done, rows per second) and writing the rejected rows to the upload's error report.
import { z } from "zod";
import type { Database } from "@/db/client";
import type { Actor } from "@/server/audit";
import { anyImportMappingSchema } from "@/lib/contact-mapping";
import { importFile, type ImportProgress, type ImportSummary } from "./pipeline";
import { DomainError, unexpectedMessage } from "@/server/errors";
import { reportUnexpected } from "@/server/log";
import { openErrorReport, type StagedUpload } from "./staging";

export const stagedRunSchema = z.object({
  mode: z.enum(["preview", "import"]),
  mapping: anyImportMappingSchema,
  validOnly: z.boolean().default(false),
});
export type StagedRunRequest = z.infer<typeof stagedRunSchema>;

export type StagedRunEvent =
  ({ type: "progress"; rowsPerSecond: number } & ImportProgress) | { type: "result"; summary: ImportSummary } | { type: "error"; message: string };

const PROGRESS_INTERVAL_MS = 150;
// One run per upload at a time: a second tab or a double click must not import the same file twice at once.
const running = new Set<string>();

export async function runStagedUpload(
  db: Database,
  upload: StagedUpload,
  request: StagedRunRequest,
  actor: Actor,
  emit: (event: StagedRunEvent) => void,
): Promise<void> {
  if (running.has(upload.uploadId)) {
    emit({ type: "error", message: "This file is already being checked or imported; wait for that to finish." });
    return;
  }
  running.add(upload.uploadId);
  const report = openErrorReport(upload);
  const started = { phase: "", at: Date.now() };
  let lastEmit = 0;
  const onProgress = (progress: ImportProgress) => {
    if (progress.phase !== started.phase) Object.assign(started, { phase: progress.phase, at: Date.now() });
    const now = Date.now();
    if (now - lastEmit < PROGRESS_INTERVAL_MS && progress.fraction !== 1) return;
    lastEmit = now;
    const seconds = Math.max((now - started.at) / 1000, 0.001);
    emit({ type: "progress", ...progress, rowsPerSecond: Math.round(progress.rows / seconds) });
  };
  try {
    const summary = await importFile(db, upload.filePath, {
      fileName: upload.fileName,
      mapping: request.mapping,
      dryRun: request.mode === "preview",
      validOnly: request.validOnly,
      actor,
      onProgress,
      onRejected: report.add,
    });
    emit({ type: "result", summary });
  } catch (error) {
    if (error instanceof DomainError) return emit({ type: "error", message: error.message });
    const reference = reportUnexpected(error, { route: "import run", userId: actor.id });
    emit({ type: "error", message: `The import failed on the server; nothing was written. ${unexpectedMessage(reference)}` });
  } finally {
    await report.close();
    running.delete(upload.uploadId);
  }
}

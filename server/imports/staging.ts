// Files an admin uploaded in the browser wait here between upload, mapping, preview and import, each in a
// folder named by an unguessable id and tied to the admin who uploaded it; they are swept after a day.
import fs from "node:fs";
import path from "node:path";
import { dataDirectory } from "@/server/config";
import { createCsvFile } from "@/server/export/csv-file";
import { receiveUpload } from "./upload";
import type { RowProblem } from "./validate";

const KEEP_FOR_MS = 24 * 60 * 60 * 1000;
const ID = /^throughline-upload-[A-Za-z0-9]{6}$/;

export interface StagedUpload {
  uploadId: string;
  fileName: string;
  filePath: string;
  uploadedById: number;
  size: number;
}

const stagingDirectory = () => path.join(dataDirectory(), "uploads");

function sweepOldUploads(): void {
  const root = stagingDirectory();
  if (!fs.existsSync(root)) return;
  for (const name of fs.readdirSync(root)) {
    const dir = path.join(root, name);
    if (Date.now() - fs.statSync(dir).mtimeMs > KEEP_FOR_MS) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * At start: an admin's upload that a crash cut off (its folder has no meta.json, written once the file is whole)
 * can never be found again, so it goes now rather than after a day: a folder without it whose files were last
 * written before this process started.
 */
export function sweepInterruptedStagedUploads(startedAtMs = performance.timeOrigin): number {
  const root = stagingDirectory();
  if (!fs.existsSync(root)) return 0;
  let removed = 0;
  for (const name of fs.readdirSync(root)) {
    const dir = path.join(root, name);
    if (fs.existsSync(path.join(dir, "meta.json"))) continue;
    // The file's own time too: one still being written (by another app process on a shared DATABASE_URL) is recent.
    const latest = Math.max(fs.statSync(dir).mtimeMs, ...fs.readdirSync(dir).map((file) => fs.statSync(path.join(dir, file)).mtimeMs));
    if (latest >= startedAtMs) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

export async function stageUpload(request: Request, maxBytes: number, uploadedById: number): Promise<StagedUpload> {
  sweepOldUploads();
  const upload = await receiveUpload(request, maxBytes, stagingDirectory());
  const dir = path.dirname(upload.filePath);
  const meta = { fileName: upload.fileName, uploadedById };
  fs.writeFileSync(path.join(dir, "meta.json"), JSON.stringify(meta));
  return { uploadId: path.basename(dir), filePath: upload.filePath, size: fs.statSync(upload.filePath).size, ...meta };
}

/** The staged upload, only for the admin who uploaded it; null when it is unknown, swept or someone else's. */
export function findStagedUpload(uploadId: string, userId: number): StagedUpload | null {
  if (!ID.test(uploadId)) return null;
  const dir = path.join(stagingDirectory(), uploadId);
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, "meta.json"), "utf8")) as { fileName: string; uploadedById: number };
    if (meta.uploadedById !== userId) return null;
    const filePath = path.join(dir, "upload");
    return { uploadId, filePath, size: fs.statSync(filePath).size, ...meta };
  } catch {
    return null;
  }
}

export const errorReportPath = (upload: StagedUpload) => path.join(path.dirname(upload.filePath), "errors.csv");

/** The rejected rows (row, column, problem) as a CSV beside the staged file, for the admin to download. */
export function openErrorReport(upload: StagedUpload) {
  const file = createCsvFile(errorReportPath(upload), ["row", "column", "problem"]);
  return { add: (rejection: { row: number } & RowProblem) => file.write([rejection.row, rejection.column, rejection.message]), close: file.close };
}

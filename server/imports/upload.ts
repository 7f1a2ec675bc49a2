// Streams a multipart upload (one file plus text fields) to a temporary file, refusing it cleanly once
// it passes the size limit, so memory stays flat whatever the file's size.
import { DomainError } from "@/server/errors";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { isAlive } from "@/lib/process-alive";

/** A refused upload (not multipart, no file, too large): an invalid or too_large DomainError. */
export class UploadError extends DomainError {
  override name = "UploadError";
  constructor(message: string, kind: "invalid" | "too_large" = "invalid") {
    super(kind, message);
  }
}

export interface Upload {
  filePath: string;
  fileName: string;
  fields: Record<string, string>;
  cleanup: () => void;
}

/** Where an upload waits while it is imported (POST /api/v1/imports): removed after the import, or at the next start. */
export const uploadTempDirectory = () => path.join(os.tmpdir(), "throughline-uploads");
// In the temporary directory each folder names the process receiving it, so a start can tell a crash's leftovers
// from another running app's uploads in flight.
const TEMP_UPLOAD = /^throughline-upload-(\d+)-/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * At start: remove the uploads a killed or crashed process left in the temporary folder (its process is gone), and
 * any older than a day. Returns how many went.
 */
export function sweepInterruptedUploads(directory = uploadTempDirectory()): number {
  // The ignore comments keep Next.js output tracing from copying the whole project (the folder is only known at run time).
  if (!fs.existsSync(/* turbopackIgnore: true */ directory)) return 0;
  let removed = 0;
  for (const name of fs.readdirSync(/* turbopackIgnore: true */ directory)) {
    const pid = Number(TEMP_UPLOAD.exec(name)?.[1]);
    const full = path.join(directory, name);
    const stale = !Number.isInteger(pid) || pid === 0 || (pid !== process.pid && !isAlive(pid)) || Date.now() - fs.statSync(full).mtimeMs > DAY_MS;
    if (!stale) continue;
    fs.rmSync(full, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

/**
 * Saves the upload in a new folder of its own under `parentDirectory`, or in the temporary upload folder (named
 * by this process) when none is given.
 */
export async function receiveUpload(request: Request, maxBytes: number, parentDirectory?: string): Promise<Upload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data") || !request.body) {
    throw new UploadError("Send the file as multipart/form-data with a field named file.");
  }
  const parent = parentDirectory ?? uploadTempDirectory();
  fs.mkdirSync(parent, { recursive: true, mode: 0o700 });
  const dir = fs.mkdtempSync(path.join(parent, parentDirectory ? "throughline-upload-" : `throughline-upload-${process.pid}-`));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  const fields: Record<string, string> = {};
  let saved: Promise<{ filePath: string; fileName: string; truncated: boolean }> | undefined;
  const parser = busboy({ headers: { "content-type": contentType }, limits: { files: 1, fileSize: maxBytes, fields: 20 } });
  parser.on("field", (name, value) => {
    fields[name] = value;
  });
  parser.on("file", (name, stream, info) => {
    if (name !== "file" || saved) {
      stream.resume();
      return;
    }
    const fileName = path.basename(info.filename || "upload.csv");
    const filePath = path.join(dir, "upload");
    let truncated = false;
    stream.on("limit", () => {
      truncated = true;
    });
    saved = pipeline(stream, fs.createWriteStream(filePath)).then(() => ({ filePath, fileName, truncated }));
    // When the form itself breaks, the outer pipeline reports it; this copy's own failure must not go unheard.
    saved.catch(() => {});
  });
  try {
    await pipeline(Readable.fromWeb(request.body as unknown as WebReadableStream), parser);
    if (!saved) throw new UploadError("No file in the upload: send it in a field named file.");
    const file = await saved;
    if (file.truncated) throw new UploadError(`The file is larger than the ${Math.round(maxBytes / 1_048_576)} MB limit (setting max_upload_mb).`, "too_large");
    return { filePath: file.filePath, fileName: file.fileName, fields, cleanup };
  } catch (error) {
    cleanup();
    if (error instanceof DomainError) throw error;
    // busboy's own errors ("Unexpected end of form", "Malformed part header"): the body is not a multipart form.
    throw new UploadError(
      `The upload is not a readable multipart/form-data body (${error instanceof Error ? error.message : "unreadable"}): send the file in a field named file.`,
    );
  }
}

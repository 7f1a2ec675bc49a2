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

/** Saves the upload under `parentDirectory` (the system's temporary directory unless given) in a new folder of its own. */
export async function receiveUpload(request: Request, maxBytes: number, parentDirectory = os.tmpdir()): Promise<Upload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data") || !request.body) {
    throw new UploadError("Send the file as multipart/form-data with a field named file.");
  }
  fs.mkdirSync(parentDirectory, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parentDirectory, "throughline-upload-"));
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

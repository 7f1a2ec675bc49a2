// An uploaded file as the import pipeline sees it: its hash, its records (CSV or XLSX, streamed once per
// pass, with how far through the file a pass is) and its header rows with the detected format.
import { DomainError, type DomainErrorKind } from "@/server/errors";
import crypto from "node:crypto";
import fs from "node:fs";
import { CsvError } from "csv-parse";
import { readCsvRecords } from "./csv";
import { detectFormat, type DetectedFormat } from "./detect-format";
import { decodeText } from "./text";
import { looksLikeXlsx, readXlsxRecords, SpreadsheetError } from "./xlsx";

/** A problem with the file or its mapping, in words the admin can act on; nothing was written. */
export class ImportError extends DomainError {
  override name = "ImportError";
  constructor(message: string, kind: DomainErrorKind = "invalid") {
    super(kind, message);
  }
}

/** Turns the readers' own errors into ImportErrors so every entrance reports them the same way. */
export function asImportError(error: unknown): unknown {
  if (error instanceof SpreadsheetError) return new ImportError(error.message);
  if (error instanceof CsvError) return new ImportError(`The file is not readable as CSV: ${error.message}. Nothing was imported.`);
  return error;
}

export async function fileHash(path: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export interface SourceFile {
  isXlsx: boolean;
  /** A fresh pass over the file's records; `onBytes` reports the bytes read so far (CSV only). */
  records: (onBytes?: (bytesRead: number) => void) => AsyncGenerator<string[]>;
  size: number;
}

export function openSourceFile(path: string, maxExpandedBytes: number): SourceFile {
  const isXlsx = looksLikeXlsx(path);
  const size = fs.statSync(path).size;
  if (isXlsx) return { isXlsx, size, records: () => readXlsxRecords(path, maxExpandedBytes) };
  async function* countedBytes(onBytes?: (bytesRead: number) => void) {
    let read = 0;
    for await (const chunk of fs.createReadStream(path, { highWaterMark: 256 * 1024 })) {
      read += (chunk as Buffer).length;
      onBytes?.(read);
      yield chunk as Buffer;
    }
  }
  return { isXlsx, size, records: (onBytes) => readCsvRecords(decodeText(countedBytes(onBytes))) };
}

export interface FileHeaders {
  detected: DetectedFormat;
  headers: string[][];
  /** Up to `sampleRows` answer rows after the headers, for the mapping screen. */
  samples: string[][];
}

export async function readHeaders(file: SourceFile, sampleRows = 0): Promise<FileHeaders> {
  const first: string[][] = [];
  for await (const record of file.records()) {
    first.push(record);
    if (first.length === 3 + sampleRows) break;
  }
  if (first.length === 0) throw new ImportError("The file is empty.");
  const detected = detectFormat(first.slice(0, 3));
  return {
    detected,
    headers: first.slice(0, detected.headerRows),
    samples: first.slice(detected.headerRows, detected.headerRows + sampleRows),
  };
}

/** The same survey exported again has the same signature, so its saved mapping template is found. */
export function headerSignature(detected: DetectedFormat, headers: string[][]): string {
  return crypto
    .createHash("sha256")
    .update(JSON.stringify([detected.format, headers.slice(0, 1)]))
    .digest("hex");
}

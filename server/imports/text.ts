// Turns an uploaded file's bytes into text whatever the survey tool wrote: UTF-8 with or without BOM,
// UTF-16 (LE/BE, by BOM) or Windows-1252, decoded as a stream so memory stays flat in the file's size.
import iconv from "iconv-lite";
import { invalid } from "@/server/errors";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** The encoding of a file from its first bytes: a BOM decides; otherwise valid UTF-8 or else Windows-1252. */
export function detectEncoding(sample: Uint8Array): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf-8";
  if (sample[0] === 0xff && sample[1] === 0xfe) return "utf-16le";
  if (sample[0] === 0xfe && sample[1] === 0xff) return "utf-16be";
  try {
    // `stream: true` tolerates a multi-byte character cut off at the end of the sample.
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

const SAMPLE_BYTES = 64 * 1024;

const signatures: Array<[string, number[]]> = [
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a PDF document", [0x25, 0x50, 0x44, 0x46]],
  ["a zip archive", [0x50, 0x4b, 0x03, 0x04]],
  ["a gzip archive", [0x1f, 0x8b]],
  ["a 7-Zip archive", [0x37, 0x7a, 0xbc, 0xaf]],
  ["a RAR archive", [0x52, 0x61, 0x72, 0x21]],
  ["an old Excel (.xls) or Word file", [0xd0, 0xcf, 0x11, 0xe0]],
  ["a program", [0x7f, 0x45, 0x4c, 0x46]],
  ["a Windows program", [0x4d, 0x5a]],
];

/** What a file that is not text looks like ("a PNG image"), or undefined when it may be text. */
export function binaryKind(sample: Uint8Array): string | undefined {
  for (const [kind, bytes] of signatures) if (bytes.every((b, i) => sample[i] === b)) return kind;
  const encoding = detectEncoding(sample);
  if (encoding === "utf-16le" || encoding === "utf-16be") return undefined;
  // Text exports hold no control bytes other than tab, CR, LF (and the odd form feed); binaries are full of them.
  let control = 0;
  const length = Math.min(sample.length, 8192);
  for (let i = 0; i < length; i++) if (sample[i]! < 0x09 || (sample[i]! > 0x0d && sample[i]! < 0x20)) control++;
  return length > 0 && control / length > 0.02 ? "binary data" : undefined;
}

// PostgreSQL cannot store NUL in text; in a survey export it is only ever damage (or UTF-16 read without its BOM).
const stripNul = (text: string) => (text.includes("\u0000") ? text.replaceAll("\u0000", "") : text);

/**
 * Decode a byte stream to text chunks. The BOM, if any, is dropped, and so are NUL characters. Reads ahead only as far as the
 * encoding sample (64 KiB), then passes chunks through one at a time.
 */
export async function* decodeText(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const iterator = bytes[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headLength = 0;
  while (headLength < SAMPLE_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(Buffer.from(next.value));
    headLength += next.value.length;
  }
  const first = Buffer.concat(head);
  const kind = binaryKind(first);
  if (kind) throw invalid(`This is not a text file (it looks like ${kind}). Export the survey as CSV or XLSX and upload that.`);
  const decoder = iconv.getDecoder(detectEncoding(first), { stripBOM: true });
  const text = stripNul(decoder.write(first));
  if (text) yield text;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    const chunk = stripNul(decoder.write(Buffer.from(next.value)));
    if (chunk) yield chunk;
  }
  const rest = stripNul(decoder.end() ?? "");
  if (rest) yield rest;
}

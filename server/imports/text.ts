// Turns an uploaded file's bytes into text whatever the survey tool wrote: UTF-8 with or without BOM,
// UTF-16 (LE/BE, by BOM) or Windows-1252, decoded as a stream so memory stays flat in the file's size.
import iconv from "iconv-lite";

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

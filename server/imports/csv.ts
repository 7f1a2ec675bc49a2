// Reads delimited text as records with csv-parse (streaming): the delimiter (comma, semicolon or tab) is
// sniffed from the first lines; quoted fields, embedded newlines, doubled quotes and CRLF are csv-parse's job.
import { parse } from "csv-parse";
import { Readable } from "node:stream";

export type Delimiter = "," | ";" | "\t";
const candidates: Delimiter[] = [",", ";", "\t"];

/** Delimiter counts per line, ignoring anything inside double quotes. */
function countsPerLine(sample: string, delimiter: Delimiter): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let count = 0;
  for (const char of sample) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && char === delimiter) count += 1;
    else if (!inQuotes && char === "\n") {
      counts.push(count);
      count = 0;
    }
  }
  return counts.slice(0, 20);
}

/** The candidate found on the most lines, at the most consistent count; comma when nothing stands out. */
export function sniffDelimiter(sample: string): Delimiter {
  let best: { delimiter: Delimiter; score: number } = { delimiter: ",", score: 0 };
  for (const delimiter of candidates) {
    const counts = countsPerLine(sample, delimiter).filter((c) => c > 0);
    if (counts.length === 0) continue;
    const mode = counts.sort((a, b) => counts.filter((c) => c === b).length - counts.filter((c) => c === a).length)[0]!;
    const score = counts.filter((c) => c === mode).length * 1000 + mode;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/** Records (arrays of cell strings) from decoded text chunks. */
export async function* readCsvRecords(text: AsyncIterable<string>): AsyncGenerator<string[], void, undefined> {
  const iterator = text[Symbol.asyncIterator]();
  let sample = "";
  const buffered: string[] = [];
  while (sample.length < 16 * 1024) {
    const next = await iterator.next();
    if (next.done) break;
    buffered.push(next.value);
    sample += next.value;
  }
  const delimiter = sniffDelimiter(sample);
  async function* replay() {
    yield* buffered;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const parser = Readable.from(replay()).pipe(parse({ delimiter, relax_column_count: true, skip_empty_lines: true, bom: true, relax_quotes: true }));
  for await (const record of parser) yield record as string[];
}

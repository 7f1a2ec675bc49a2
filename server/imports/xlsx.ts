// Reads the first sheet of an XLSX file as records, streaming (exceljs' WorkbookReader), after checking the
// zip's central directory so a small file that expands to gigabytes (a zip bomb) is refused before parsing.
import { DomainError } from "@/server/errors";
import fs from "node:fs";
import type ExcelJS from "exceljs";
import yauzl from "yauzl";

/** The spreadsheet itself is unreadable or too big once expanded: one sentence for the admin. */
export class SpreadsheetError extends DomainError {
  override name = "SpreadsheetError";
  constructor(message: string) {
    super("invalid", message);
  }
}

/** True when the file starts like a zip archive (every XLSX does). */
export function looksLikeXlsx(path: string): boolean {
  const fd = fs.openSync(path, "r");
  try {
    const head = Buffer.alloc(4);
    fs.readSync(fd, head, 0, 4, 0);
    return head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    fs.closeSync(fd);
  }
}

/** Sum of the entries' uncompressed sizes, read from the central directory without extracting anything. */
export function uncompressedSize(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error || !zip) return reject(new SpreadsheetError("The file is not a readable XLSX (zip) file."));
      let total = 0;
      zip.on("entry", (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        zip.readEntry();
      });
      zip.on("end", () => resolve(total));
      zip.on("error", () => reject(new SpreadsheetError("The XLSX file is damaged.")));
      zip.readEntry();
    });
  });
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A cell as text. Dates (Excel keeps wall-clock time) become ISO local time, rounded to the second. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const d = new Date(Math.round(value.getTime() / 1000) * 1000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  }
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
  }
  return String(value).replaceAll("\u0000", "");
}

/** Records of the first worksheet; `maxExpandedBytes` bounds what the archive may unpack to. */
export async function* readXlsxRecords(path: string, maxExpandedBytes: number): AsyncGenerator<string[], void, undefined> {
  const expanded = await uncompressedSize(path);
  if (expanded > maxExpandedBytes) {
    throw new SpreadsheetError(
      `The XLSX file would expand to ${Math.round(expanded / 1_048_576)} MB, over the ${Math.round(maxExpandedBytes / 1_048_576)} MB limit; it was not read.`,
    );
  }
  // Loaded on first use: exceljs takes ~0.6 s to load, and most imports (and every CLI call) are CSV.
  const { default: excel } = await import("exceljs");
  try {
    const reader = new excel.stream.xlsx.WorkbookReader(path, {
      sharedStrings: "cache",
      styles: "cache",
      hyperlinks: "ignore",
      worksheets: "emit",
      entries: "emit",
    });
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        // row.values is 1-based with a hole at 0; keep empty cells so columns stay aligned.
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        const record = Array.from({ length: values.length }, (_, i) => cellText(values[i]));
        if (record.some((cell) => cell !== "")) yield record;
      }
      return; // the first sheet only
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // exceljs fails with TypeErrors and XML parser errors on a damaged or foreign workbook: say so in one sentence.
    throw new SpreadsheetError(
      "The XLSX file's first sheet could not be read (the workbook is damaged, or not one Excel wrote); open it in a spreadsheet and save it again, or export CSV.",
    );
  }
}

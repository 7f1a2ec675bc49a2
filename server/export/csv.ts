// The one CSV writer for every export. Text that a spreadsheet would run as a formula (starting with
// =, +, -, @, tab or CR) is prefixed with an apostrophe; numbers are written as numbers.
import fs from "node:fs";
import { stringify as stringifyStream } from "csv-stringify";
import { stringify } from "csv-stringify/sync";

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: unknown): unknown {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

const safeRow = (values: unknown[]) => values.map(neutraliseFormula);

export function toCsv(rows: Array<Record<string, unknown>>): string {
  const safe = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, neutraliseFormula(v)])));
  return stringify(safe, { header: true, cast: { boolean: (v) => (v ? "true" : "false") } });
}

/** A CSV file written row by row, for exports too long to hold in memory (an import's error report). */
export function createCsvFile(path: string, columns: string[]) {
  const csv = stringifyStream({ header: true, columns });
  const finished = new Promise<void>((resolve, reject) => {
    csv.pipe(fs.createWriteStream(path)).on("finish", resolve).on("error", reject);
  });
  return {
    write: (values: unknown[]) => void csv.write(safeRow(values)),
    close: async () => {
      csv.end();
      await finished;
    },
  };
}

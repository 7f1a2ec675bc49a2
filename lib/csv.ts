// The one CSV writer for every export, server and browser alike. Text that a spreadsheet would run as a
// formula (starting with =, +, -, @, tab or CR) is prefixed with an apostrophe; numbers stay numbers.
import { stringify } from "csv-stringify/sync";

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: unknown): unknown {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

export function toCsv(rows: Array<Record<string, unknown>>): string {
  const safe = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, neutraliseFormula(v)])));
  return stringify(safe, { header: true, cast: { boolean: (v) => (v ? "true" : "false") } });
}

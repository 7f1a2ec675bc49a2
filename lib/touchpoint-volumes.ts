// A touchpoint's monthly volume (orders delivered, bills paid, bookings made): the rules a row must meet, named
// by row and field, and CSV text read into rows with csv-parse — shared by the setup page, the CLI and the server.
import { parse, CsvError } from "csv-parse/browser/esm/sync";
import { z } from "zod";
import { countOf, formatNumber } from "./counts";
import { entityId } from "./schemas";

/** Rows one call may set: a year of every touchpoint many times over; a longer history is split into files. */
export const MAX_VOLUME_ROWS = 10_000;
/** A bound far above any touchpoint's month that still fits the database and counts exactly in JavaScript. */
export const MAX_TRANSACTIONS = 1_000_000_000_000;
export const VOLUME_COLUMNS = ["touchpoint", "month", "transactions"] as const;
type VolumeColumn = (typeof VOLUME_COLUMNS)[number];

const MONTH_HINT = "use YYYY-MM";
const TRANSACTIONS_HINT = "a whole number of 0 or more, e.g. 9500";

/** True for a month written YYYY-MM (2026-13 and 2026-9 are not). */
export function isMonth(value: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month] = [Number(match[1]), Number(match[2])];
  return year >= 1900 && month >= 1 && month <= 12;
}

const quoted = (value: unknown) => (typeof value === "string" ? `"${value}"` : (JSON.stringify(value) ?? String(value)));

/** A calendar month as YYYY-MM: `"2026-13" is not a month (use YYYY-MM)`. */
export const volumeMonth = z
  .string({
    error: (issue) =>
      issue.input === undefined || issue.input === null ? `required: ${MONTH_HINT}, e.g. 2026-09` : `${quoted(issue.input)} is not a month (${MONTH_HINT})`,
  })
  .trim()
  .refine(isMonth, {
    error: (issue) => (issue.input === "" ? `required: ${MONTH_HINT}, e.g. 2026-09` : `${quoted(issue.input)} is not a month (${MONTH_HINT})`),
  });

/** Text a person types or a spreadsheet writes ("9500", "9,500", " 9 500 ") as the number it says. */
function wholeNumberText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const cleaned = value.trim();
  if (/^\d{1,3}([, ]\d{3})+$/.test(cleaned)) return Number(cleaned.replace(/[, ]/g, ""));
  if (/^-?\d+(\.\d+)?$/.test(cleaned)) return Number(cleaned);
  return cleaned === "" ? undefined : value;
}

const transactionsNumber = z
  .number({
    error: (issue) =>
      issue.input === undefined || issue.input === null ? `required: ${TRANSACTIONS_HINT}` : `${quoted(issue.input)} is not ${TRANSACTIONS_HINT}`,
  })
  // A refinement, not .int(): zod's int check stops the other rows' checks, and every problem should be named at once.
  .refine(Number.isInteger, `must be ${TRANSACTIONS_HINT}`)
  .min(0, `must be ${TRANSACTIONS_HINT}`)
  .max(MAX_TRANSACTIONS, `must be at most ${formatNumber(MAX_TRANSACTIONS)}`);

/** One month of one touchpoint, as a form, a pasted line or a file row gives it. */
export const volumeRowSchema = z.object(
  {
    touchpoint: z
      .string({ error: "required: a touchpoint code, e.g. DEL-TRACKING" })
      .trim()
      .min(1, "required: a touchpoint code, e.g. DEL-TRACKING")
      .max(64, "must be at most 64 characters (a touchpoint code, e.g. DEL-TRACKING)")
      .transform((code) => code.toUpperCase()),
    month: volumeMonth,
    transactions: z.preprocess(wholeNumberText, transactionsNumber),
  },
  { error: "must give touchpoint, month and transactions" },
);
export type VolumeRow = z.output<typeof volumeRowSchema>;
/** A row before it is checked: whatever the caller sent for each column. */
export interface VolumeRowDraft {
  touchpoint?: unknown;
  month?: unknown;
  transactions?: unknown;
}

/** The rows of one call: 1 to 10,000, each touchpoint's month at most once. */
export const touchpointVolumesSchema = z.object({
  rows: z
    .array(volumeRowSchema, { error: "must be a list of rows {touchpoint, month, transactions}" })
    .min(1, "give at least one row: touchpoint, month, transactions")
    .max(MAX_VOLUME_ROWS, `at most ${formatNumber(MAX_VOLUME_ROWS)} rows at once; split the file`)
    .superRefine(
      (rows, ctx) => {
        const firstRow = new Map<string, number>();
        rows.forEach((value, index) => {
          // Run even when other rows have problems (so every problem is named at once): only rows that pass count.
          const row = volumeRowSchema.safeParse(value);
          if (!row.success) return;
          const key = `${row.data.touchpoint} ${row.data.month}`;
          const earlier = firstRow.get(key);
          if (earlier === undefined) firstRow.set(key, index);
          else ctx.addIssue({ code: "custom", path: [index, "month"], message: `${key} is also in row ${earlier + 1}; give each month once` });
        });
      },
      { when: () => true },
    ),
});

/** What setVolumes takes at the door: rows are checked one by one behind it, so every problem names its row. */
export const setVolumesInputSchema = z.object({
  rows: z.array(z.custom<VolumeRowDraft>()).max(MAX_VOLUME_ROWS, `at most ${formatNumber(MAX_VOLUME_ROWS)} rows at once; split the file`),
});
export type SetVolumesInput = z.input<typeof setVolumesInputSchema>;

export const clearVolumeSchema = z.object({ touchpointId: entityId, month: volumeMonth });
export type ClearVolumeInput = z.input<typeof clearVolumeSchema>;

/** One problem with one row: `row 3, month: "2026-13" is not a month (use YYYY-MM)`; row null for the whole text. */
export interface VolumeProblem {
  row: number | null;
  field: string;
  message: string;
}

/** The field a problem names, as every entrance writes it: "row 3, month" (rows counted from 1, under any header). */
export const problemField = (row: number | null, column?: string) => (row === null ? (column ?? "rows") : column ? `row ${row}, ${column}` : `row ${row}`);

/** The row a problem's field names ("row 3, month" → 3), for the page to show problems beside their row. */
export function rowOfField(field: string): number | null {
  const match = /^row (\d+)\b/.exec(field);
  return match ? Number(match[1]) : null;
}

export const problemText = (p: Pick<VolumeProblem, "field" | "message">) => `${p.field}: ${p.message}`;

/** The problems as one sentence, the first ten named and the rest counted, for a refusal's message. */
export function problemsSummary(problems: readonly Pick<VolumeProblem, "field" | "message">[]): string {
  const shown = problems.slice(0, 10).map(problemText).join("; ");
  const more = problems.length > 10 ? `; and ${countOf(problems.length - 10, "more problem")}` : "";
  return `${countOf(problems.length, "problem")}, so nothing was saved: ${shown}${more}`;
}

/** Check rows against the rules; the problems name each row from 1. */
export function checkVolumeRows(rows: readonly unknown[]): { ok: true; rows: VolumeRow[] } | { ok: false; problems: VolumeProblem[] } {
  const parsed = touchpointVolumesSchema.safeParse({ rows });
  if (parsed.success) return { ok: true, rows: parsed.data.rows };
  const problems = parsed.error.issues.map((issue): VolumeProblem => {
    const [, index, column] = issue.path;
    const row = typeof index === "number" ? index + 1 : null;
    const field = problemField(row, typeof column === "string" ? column : undefined);
    return { row, field, message: issue.message };
  });
  return { ok: false, problems: problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };
}

/** The delimiter of pasted or saved text: a tab from a spreadsheet's cells, a semicolon in some locales, else a comma. */
function delimiterOf(text: string): string {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== "") ?? "";
  const count = (c: string) => firstLine.split(c).length - 1;
  if (count("\t") > 0) return "\t";
  return count(";") > count(",") ? ";" : ",";
}

export interface ParsedVolumeText {
  rows: VolumeRowDraft[];
  /** Each row as it was written, to show beside its problems. */
  lines: string[];
  problems: VolumeProblem[];
}

const isHeader = (cells: string[]) => cells.some((c) => c.trim().toLowerCase() === "touchpoint") && cells.some((c) => c.trim().toLowerCase() === "month");

/**
 * CSV text (a file or a pasted block) as rows: columns touchpoint, month, transactions, by a header row in any
 * order or, without one, in that order. Rows are counted from 1 under the header; unreadable text is one problem.
 */
export function parseVolumeCsv(text: string): ParsedVolumeText {
  let records: string[][];
  try {
    records = parse(text, { delimiter: delimiterOf(text), bom: true, trim: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // csv-parse's words ("Quote Not Closed: the parsing is finished with an opening quote at line 4") name the line.
    return { rows: [], lines: [], problems: [{ row: null, field: "text", message: `cannot be read as CSV: ${error.message}; check the quotes` }] };
  }
  records = records.filter((cells) => cells.some((c) => c !== ""));
  const header = records[0] && isHeader(records[0]) ? records[0].map((c) => c.trim().toLowerCase()) : null;
  if (header) {
    const missing = VOLUME_COLUMNS.filter((c) => !header.includes(c));
    if (missing.length) {
      return {
        rows: [],
        lines: [],
        problems: [{ row: null, field: "header", message: `names no ${missing.join(" or ")} column; write touchpoint,month,transactions` }],
      };
    }
  }
  const body = header ? records.slice(1) : records;
  const problems: VolumeProblem[] = [];
  const rows = body.map((cells, index): VolumeRowDraft => {
    if (!header && cells.length > VOLUME_COLUMNS.length) {
      problems.push({ row: index + 1, field: problemField(index + 1), message: `has ${cells.length} columns; write touchpoint,month,transactions` });
    }
    const cell = (column: VolumeColumn) => {
      const at = header ? header.indexOf(column) : VOLUME_COLUMNS.indexOf(column);
      return cells[at];
    };
    return { touchpoint: cell("touchpoint"), month: cell("month"), transactions: cell("transactions") };
  });
  return { rows, lines: body.map((cells) => cells.join(", ")), problems };
}

/** The `count` months ending with `last` (YYYY-MM), oldest first. */
export function monthsEnding(last: string, count: number): string[] {
  const [year, month] = last.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(year, month - 1 - (count - 1 - i), 1));
    return date.toISOString().slice(0, 7);
  });
}

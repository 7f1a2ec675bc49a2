// The mapping an admin confirms for a survey export (and saves as a template): which column is which field.
// Shared by the mapping screen in the browser and the import pipeline, so both check it the same way.
import { z } from "zod";
import { dateFormats } from "./enums";
import { text } from "./schemas";

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A column of the file, by its key. */
export const mappedColumn = text(500).min(1, "choose a column");
const column = mappedColumn;

/** A file's own codes mapped to Throughline's ("TABLE-SERVICE" → "DIN-TABLE", "store 12" → "LDN-SOHO"), kept in the template. */
export const codeMapSchema = z.record(text(64), text(64));

/** Where each row happened: a column of site codes (embedded data, custom data, a store field) or one site. */
export const locationMappingSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("column"), column }),
  z.object({ kind: z.literal("fixed"), code: text(64).min(1, "choose a location") }),
]);

/** The column with each row's date and time, its format, and the time zone of times that carry none. */
export const dateColumnSchema = z.object({
  column,
  format: z.enum(dateFormats),
  timeZone: text(64).refine(isValidTimeZone, "not a time zone (use an IANA name such as Europe/London)"),
});

/** Rows whose value in this column is listed are skipped (previews, tests, spam, deleted tickets). */
export const skipWhenSchema = z.object({ column, values: z.array(text(500)).max(1000), reason: text(200) });

export const importMappingSchema = z.object({
  touchpoint: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("column"), column }),
    z.object({ kind: z.literal("fixed"), code: text(64).min(1, "choose a touchpoint") }),
  ]),
  respondedAt: dateColumnSchema,
  metrics: z
    .array(z.object({ metric: text(64).min(1, "choose a metric"), column, labels: z.record(text(200), z.number().finite()).optional() }))
    .min(1, "map at least one metric")
    .max(100, "map at most 100 metrics"),
  comment: column.optional(),
  externalId: column.optional(),
  respondentEmail: column.optional(),
  respondentName: column.optional(),
  touchpointCodes: codeMapSchema.optional(),
  location: locationMappingSchema.optional(),
  locationCodes: codeMapSchema.optional(),
  skipWhen: skipWhenSchema.optional(),
});

export type ImportMapping = z.infer<typeof importMappingSchema>;

/** A question that asks for words: where survey tools put the customer's comment. */
export const COMMENT_QUESTION =
  /comment|anything else|tell us|_TEXT$|review text|open-ended|kommentar|feedback|reason|\bwhy\b|explain|improve|suggest|describe|what (could|can|should|would)|verbatim|free.?text|anmerkung|begründ/i;

/**
 * True when a column's sample values read as people's words (not numbers, codes, dates or ids): most of
 * them hold a space and letters, and they are longer than a label.
 */
export function looksLikeFreeText(samples: readonly string[]): boolean {
  const filled = samples.map((s) => s.trim()).filter((s) => s !== "");
  if (filled.length === 0) return false;
  const wordy = filled.filter((s) => /\p{L}/u.test(s) && /\s/.test(s) && !/^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(s));
  const averageLength = filled.reduce((sum, s) => sum + s.length, 0) / filled.length;
  return wordy.length / filled.length >= 0.6 && averageLength >= 12;
}

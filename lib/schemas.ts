// The input rules every entrance shares (tRPC procedures, route handlers, CLI flags, forms): real calendar
// dates, ids that fit the database, bounded text without NUL. Errors say what to write, with an example.
import { z } from "zod";
import { MAX_DATABASE_ID } from "./limits";

const DATE_EXAMPLE = "use YYYY-MM-DD, e.g. 2026-01-31";

/** True for a real day of the Gregorian calendar written YYYY-MM-DD (2026-02-30 and 2026-13-45 are not). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar day as YYYY-MM-DD. */
export const isoDate = z
  .string({ error: (issue) => (issue.input === undefined ? `required: ${DATE_EXAMPLE}` : DATE_EXAMPLE) })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_EXAMPLE, abort: true })
  .refine(isCalendarDate, { message: `not a day of the calendar (check the month and the day): ${DATE_EXAMPLE}` });

const idMessage = `must be a whole number from 1 to ${MAX_DATABASE_ID}`;
/** An id as JSON sends it. */
export const entityId = z.number({ error: idMessage }).int(idMessage).min(1, idMessage).max(MAX_DATABASE_ID, idMessage);
/** An id as a URL or a form sends it (text). */
export const entityIdText = z.coerce.number({ error: idMessage }).pipe(entityId);

const noNul = (value: string) => !value.includes("\u0000");
/** Text of at most `max` characters with no NUL character (PostgreSQL cannot store one). */
export const text = (max: number) => z.string().max(max, `must be at most ${max} characters`).refine(noNul, { message: "must not contain NUL characters" });

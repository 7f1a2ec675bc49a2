// Dates as survey tools write them, read in the file's time zone: ISO ("2026-03-01 18:02:11"), US
// ("03/01/2026 06:02:11 PM", SurveyMonkey), European ("01.03.2026 18:02") and Excel serial numbers.
import { dateFormats, type DateFormat } from "@/lib/enums";
import { isValidTimeZone } from "@/lib/import-mapping";

export { dateFormats, type DateFormat };

/** Minutes to add to local wall time in `timeZone` to get UTC, at that moment. */
// Building a formatter is far dearer than using one (a million-row file in a time zone spent most of its time
// here), so each zone's is made once.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function zoneOffsetMinutes(utcGuess: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcGuess));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return (utcGuess - asUtc) / 60_000;
}

/** Wall-clock fields in a time zone to an instant; DST gaps resolve forwards, as calendars do. */
export function zonedToInstant(fields: { year: number; month: number; day: number; hour: number; minute: number; second: number }, timeZone: string): Date {
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  const first = wall + zoneOffsetMinutes(wall, timeZone) * 60_000;
  return new Date(wall + zoneOffsetMinutes(first, timeZone) * 60_000);
}

export { isValidTimeZone };

const patterns: Record<Exclude<DateFormat, "excel">, RegExp> = {
  iso: /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/,
  us: /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp][Mm]))?)?$/,
  eu: /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/,
};

/** The instant a cell means, or null when it is not a date in that format. */
export function parseDate(raw: string, format: DateFormat, timeZone: string): Date | null {
  const text = raw.trim();
  if (!text) return null;
  if (format === "excel") {
    const serial = Number(text);
    if (!Number.isFinite(serial) || serial < 1) return null;
    // Excel's day 0 is 1899-12-30 (with its 1900 leap-year bug); round to the second, as fractions drift.
    const seconds = Math.round((serial - 25569) * 86_400);
    const utc = new Date(seconds * 1000);
    return zonedToInstant(
      {
        year: utc.getUTCFullYear(),
        month: utc.getUTCMonth() + 1,
        day: utc.getUTCDate(),
        hour: utc.getUTCHours(),
        minute: utc.getUTCMinutes(),
        second: utc.getUTCSeconds(),
      },
      timeZone,
    );
  }
  const match = patterns[format].exec(text);
  if (!match) return null;
  let year: number, month: number, day: number;
  const [hour = 0, minute = 0, second = 0] = [match[4], match[5], match[6]].map((v) => (v === undefined ? 0 : Number(v)));
  let h = hour;
  if (format === "iso") [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if (format === "us") [month, day, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (format === "us" && match[7]) {
    const pm = match[7].toLowerCase() === "pm";
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (pm ? 12 : 0);
  }
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  if (h > 23 || minute > 59 || second > 59) return null;
  const offset = format === "iso" ? match[7] : undefined;
  if (offset) {
    const base = Date.UTC(year, month - 1, day, h, minute, second);
    if (offset === "Z") return new Date(base);
    const sign = offset.startsWith("-") ? -1 : 1;
    const digits = offset.replace(/[+:\-]/g, "");
    return new Date(base - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000);
  }
  return zonedToInstant({ year, month, day, hour: h, minute, second }, timeZone);
}

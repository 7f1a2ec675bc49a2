// Turns one record of a support-tool export into a service contact, a skip (with why) or a rejection (with
// every problem, by column). Pure: the caller supplies the touchpoint and site codes it validates against.
import { channelOf, reasonsIn, type ContactMapping } from "@/lib/contact-mapping";
import type { ContactInput } from "@/server/contacts/ingest";
import { parseDate } from "./dates";
import { cellOf, contentId, type RowProblem } from "./validate";

export interface ContactValidationContext {
  keys: string[];
  mapping: ContactMapping;
  touchpointIds: Map<string, number>;
  locationIds: Map<string, number>;
}

export type ContactRowOutcome = { kind: "valid"; contact: ContactInput } | { kind: "skipped"; reason: string } | { kind: "rejected"; problems: RowProblem[] };

const SECONDS_PER: Record<NonNullable<ContactMapping["handleTime"]>["unit"], number> = { seconds: 1, minutes: 60, milliseconds: 0.001 };
// Longer than a day of handling is a typing or unit error, not a contact.
const MAX_HANDLE_SECONDS = 86_400;

/** A number as support tools write it: "1,234.5", "12.50", "£7.20"; null when the cell is empty. */
function amount(raw: string): number | null | "invalid" {
  if (!raw) return null;
  const cleaned = raw.replace(/[£$€\s]/g, "").replace(/,(?=\d{3}\b)/g, "");
  const value = Number(cleaned.replace(",", "."));
  return Number.isFinite(value) ? value : "invalid";
}

function handleSecondsOf(record: string[], ctx: ContactValidationContext, problems: RowProblem[]): number | null {
  const handle = ctx.mapping.handleTime;
  if (!handle) return null;
  const raw = cellOf(record, ctx.keys, handle.column);
  const value = amount(raw);
  if (value === null) return null;
  const seconds = value === "invalid" ? NaN : Math.round(value * SECONDS_PER[handle.unit]);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_HANDLE_SECONDS) {
    problems.push({ column: handle.column, message: `"${raw}" is not a handling time in ${handle.unit} (0 to a day)` });
    return null;
  }
  return seconds;
}

function reasonsOf(record: string[], ctx: ContactValidationContext): string[] {
  const ignored = new Set(ctx.mapping.unclassifiedValues.map((v) => v.toLowerCase()));
  const reasons = ctx.mapping.reasons.flatMap((r) => reasonsIn(cellOf(record, ctx.keys, r.column), r.split));
  return [...new Set(reasons.map((r) => r.slice(0, 200)).filter((r) => !ignored.has(r.toLowerCase())))];
}

export function validateContactRecord(record: string[], ctx: ContactValidationContext): ContactRowOutcome {
  const { keys, mapping } = ctx;
  const cell = (column: string | undefined) => cellOf(record, keys, column);
  if (mapping.skipWhen && mapping.skipWhen.values.includes(cell(mapping.skipWhen.column))) return { kind: "skipped", reason: mapping.skipWhen.reason };
  if (record.every((value) => value.trim() === "")) return { kind: "skipped", reason: "empty row" };
  const problems: RowProblem[] = [];

  const rawDate = cell(mapping.occurredAt.column);
  const occurredAt = parseDate(rawDate, mapping.occurredAt.format, mapping.occurredAt.timeZone);
  if (!occurredAt)
    problems.push({ column: mapping.occurredAt.column, message: rawDate ? `"${rawDate}" is not a date (${mapping.occurredAt.format})` : "no date" });

  // The touchpoint and the site are optional: an empty cell means the tool did not say.
  const writtenTouchpoint = cell(mapping.touchpoint);
  const touchpointCode = mapping.touchpointCodes?.[writtenTouchpoint] ?? writtenTouchpoint;
  const touchpointId = touchpointCode ? ctx.touchpointIds.get(touchpointCode) : null;
  if (touchpointCode && touchpointId === undefined)
    problems.push({ column: mapping.touchpoint!, message: `unknown touchpoint code "${touchpointCode}"`, unknownCode: touchpointCode });

  const writtenLocation = !mapping.location ? "" : mapping.location.kind === "fixed" ? mapping.location.code : cell(mapping.location.column);
  const locationCode = mapping.locationCodes?.[writtenLocation] ?? writtenLocation;
  const locationId = locationCode ? ctx.locationIds.get(locationCode) : null;
  if (locationCode && locationId === undefined) {
    const locationColumn = mapping.location?.kind === "column" ? mapping.location.column : "(whole file)";
    problems.push({ column: locationColumn, message: `unknown location code "${locationCode}"`, unknownLocation: locationCode });
  }

  const handleSeconds = handleSecondsOf(record, ctx, problems);
  const rawCost = cell(mapping.cost);
  const cost = amount(rawCost);
  if (cost === "invalid" || (typeof cost === "number" && cost < 0)) problems.push({ column: mapping.cost!, message: `"${rawCost}" is not a cost` });
  if (problems.length) return { kind: "rejected", problems };

  const channel = mapping.channel.kind === "fixed" ? mapping.channel.channel : channelOf(cell(mapping.channel.column), mapping.channel.values);
  const reasons = reasonsOf(record, ctx);
  const subject = cell(mapping.subject) || null;
  return {
    kind: "valid",
    contact: {
      occurredAt: occurredAt!,
      channel,
      reasons,
      // Without the tool's id, what the contact says identifies it, so the same file imported twice adds nothing.
      externalId: cell(mapping.externalId) || contentId([occurredAt!.toISOString(), channel, reasons, subject, cell(mapping.requesterEmail)]),
      direction: cell(mapping.direction) || null,
      queue: cell(mapping.queue) || null,
      handleSeconds,
      cost: typeof cost === "number" ? cost : null,
      touchpointId: touchpointId ?? null,
      locationId: locationId ?? null,
      subject,
      description: cell(mapping.description) || null,
      requesterEmail: cell(mapping.requesterEmail) || null,
      requesterName: cell(mapping.requesterName) || null,
    },
  };
}

// Turns one record of an export into a response, a skip (with why) or a rejection (with every problem,
// by column). Pure: the caller supplies the touchpoint codes and metric scales it validates against.
import crypto from "node:crypto";
import type { ResponseInput } from "@/server/responses/ingest";
import { parseDate } from "./dates";
import type { ImportMapping } from "./mapping";

export interface ValidationContext {
  keys: string[];
  mapping: ImportMapping;
  touchpointIds: Map<string, number>;
  /** Active sites by code: the only places a response can be given. */
  locationIds: Map<string, number>;
  scales: Map<string, { scaleMin: number; scaleMax: number; name: string }>;
}

export interface RowProblem {
  column: string;
  message: string;
  /** Set when the problem is a touchpoint code Throughline does not know: the preview counts rows per code. */
  unknownCode?: string;
  /** Likewise for a location (site) code. */
  unknownLocation?: string;
}

export type RowOutcome = { kind: "valid"; response: ResponseInput } | { kind: "skipped"; reason: string } | { kind: "rejected"; problems: RowProblem[] };

const STANDARD = new Set(["nps", "csat", "ces"]);

export function cellOf(record: string[], keys: string[], column: string | undefined): string {
  if (!column) return "";
  const index = keys.indexOf(column);
  return index === -1 ? "" : (record[index] ?? "").trim();
}

function metricValue(
  raw: string,
  metric: ImportMapping["metrics"][number],
  scale: { scaleMin: number; scaleMax: number; name: string },
): number | RowProblem | null {
  if (raw === "") return null;
  let value: number;
  if (metric.labels) {
    const labelled = Object.entries(metric.labels).find(([label]) => label.toLowerCase() === raw.toLowerCase());
    if (labelled) value = labelled[1];
    else if (/^-?\d+(\.\d+)?$/.test(raw)) value = Number(raw);
    else return { column: metric.column, message: `"${raw}" is not one of the answer labels: ${Object.keys(metric.labels).join(", ")}` };
  } else {
    value = Number(raw.replace(",", "."));
    if (!Number.isFinite(value)) return { column: metric.column, message: `"${raw}" is not a number` };
  }
  if (value < scale.scaleMin || value > scale.scaleMax) {
    return { column: metric.column, message: `${scale.name} ${value} is outside ${scale.scaleMin}–${scale.scaleMax}` };
  }
  if (STANDARD.has(metric.metric) && !Number.isInteger(value)) {
    return { column: metric.column, message: `${scale.name} ${value} is not a whole number` };
  }
  return value;
}

/** A stable id for rows whose tool gave none, so importing the same file twice adds nothing. */
export function contentId(parts: unknown[]): string {
  return `h:${crypto.createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32)}`;
}

export function validateRecord(record: string[], ctx: ValidationContext): RowOutcome {
  const { keys, mapping } = ctx;
  const cell = (column: string | undefined) => cellOf(record, keys, column);
  if (mapping.skipWhen && mapping.skipWhen.values.includes(cell(mapping.skipWhen.column))) {
    return { kind: "skipped", reason: mapping.skipWhen.reason };
  }
  const problems: RowProblem[] = [];

  const written = mapping.touchpoint.kind === "fixed" ? mapping.touchpoint.code : cell(mapping.touchpoint.column);
  const code = mapping.touchpointCodes?.[written] ?? written;
  const touchpointId = ctx.touchpointIds.get(code);
  const touchpointColumn = mapping.touchpoint.kind === "column" ? mapping.touchpoint.column : "(whole file)";
  if (!code) problems.push({ column: touchpointColumn, message: "no touchpoint code" });
  else if (touchpointId === undefined) problems.push({ column: touchpointColumn, message: `unknown touchpoint code "${code}"`, unknownCode: code });

  // The location is optional: an empty cell means "no location", which still counts in every total.
  const writtenLocation = !mapping.location ? "" : mapping.location.kind === "fixed" ? mapping.location.code : cell(mapping.location.column);
  const locationCode = mapping.locationCodes?.[writtenLocation] ?? writtenLocation;
  const locationId = locationCode ? ctx.locationIds.get(locationCode) : null;
  if (locationCode && locationId === undefined) {
    const locationColumn = mapping.location?.kind === "column" ? mapping.location.column : "(whole file)";
    problems.push({ column: locationColumn, message: `unknown location code "${locationCode}"`, unknownLocation: locationCode });
  }

  const rawDate = cell(mapping.respondedAt.column);
  const respondedAt = parseDate(rawDate, mapping.respondedAt.format, mapping.respondedAt.timeZone);
  if (!respondedAt) {
    problems.push({ column: mapping.respondedAt.column, message: rawDate ? `"${rawDate}" is not a date (${mapping.respondedAt.format})` : "no date" });
  }

  const values: Record<string, number> = {};
  for (const metric of mapping.metrics) {
    const scale = ctx.scales.get(metric.metric);
    if (!scale) {
      problems.push({ column: metric.column, message: `no metric "${metric.metric}"` });
      continue;
    }
    const result = metricValue(cell(metric.column), metric, scale);
    if (result === null) continue;
    if (typeof result === "number") values[metric.metric] = result;
    else problems.push(result);
  }
  if (problems.length) return { kind: "rejected", problems };

  const comment = cell(mapping.comment) || null;
  if (Object.keys(values).length === 0 && !comment) return { kind: "skipped", reason: "no answers" };
  const custom = Object.fromEntries(Object.entries(values).filter(([metric]) => !STANDARD.has(metric)));
  return {
    kind: "valid",
    response: {
      touchpointId: touchpointId!,
      locationId: locationId ?? null,
      respondedAt: respondedAt!,
      nps: values.nps ?? null,
      csat: values.csat ?? null,
      ces: values.ces ?? null,
      customValues: Object.keys(custom).length ? custom : null,
      comment,
      // The location is a property of the response, not part of what identifies it: mapping or remapping a
      // site column later must not make the same rows look new.
      externalId: cell(mapping.externalId) || contentId([code, respondedAt!.toISOString(), values, comment]),
      respondentEmail: cell(mapping.respondentEmail) || null,
      respondentName: cell(mapping.respondentName) || null,
    },
  };
}

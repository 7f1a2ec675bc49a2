// The mapping screen's editable form of an import mapping, and the conversions both ways. The server checks
// the result again with the same zod schema.
import { importMappingSchema, type ImportMapping } from "@/lib/import-mapping";
import type { MappingProposal } from "@/server/imports/mapping";
import type { DateFormat } from "@/lib/enums";

export interface MetricDraft {
  metric: string;
  column: string;
  /** One "label = number" per line; empty when answers are numbers. */
  labels: string;
}

export interface MappingDraft {
  touchpointKind: "column" | "fixed";
  touchpointColumn: string;
  touchpointCode: string;
  respondedAtColumn: string;
  dateFormat: DateFormat;
  timeZone: string;
  metrics: MetricDraft[];
  comment: string;
  externalId: string;
  respondentEmail: string;
  respondentName: string;
  skipColumn: string;
  skipValues: string;
  skipReason: string;
  /** The file's codes mapped to Throughline's touchpoint codes. */
  touchpointCodes: Record<string, string>;
  /** Where each response was given: not in the file, a column of site codes, or one site for the file. */
  locationKind: "none" | "column" | "fixed";
  locationColumn: string;
  locationCode: string;
  /** The file's site codes mapped to Throughline's. */
  locationCodes: Record<string, string>;
}

const labelsToText = (labels?: Record<string, number>) =>
  labels
    ? Object.entries(labels)
        .map(([label, value]) => `${label} = ${value}`)
        .join("\n")
    : "";

function textToLabels(text: string): Record<string, number> | undefined {
  const entries = text
    .split("\n")
    .map((line) => line.split("="))
    .filter((parts) => parts.length >= 2 && parts[0]!.trim())
    .map((parts) => [parts.slice(0, -1).join("=").trim(), Number(parts.at(-1)!.trim())] as const);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

export function draftFrom(mapping: MappingProposal["mapping"]): MappingDraft {
  return {
    touchpointKind: mapping.touchpoint?.kind ?? "column",
    touchpointColumn: mapping.touchpoint?.kind === "column" ? mapping.touchpoint.column : "",
    touchpointCode: mapping.touchpoint?.kind === "fixed" ? mapping.touchpoint.code : "",
    respondedAtColumn: mapping.respondedAt?.column ?? "",
    dateFormat: mapping.respondedAt?.format ?? "iso",
    timeZone: mapping.respondedAt?.timeZone ?? "UTC",
    metrics: mapping.metrics.map((m) => ({ metric: m.metric, column: m.column, labels: labelsToText(m.labels) })),
    comment: mapping.comment ?? "",
    externalId: mapping.externalId ?? "",
    respondentEmail: mapping.respondentEmail ?? "",
    respondentName: mapping.respondentName ?? "",
    skipColumn: mapping.skipWhen?.column ?? "",
    skipValues: mapping.skipWhen?.values.join(", ") ?? "",
    skipReason: mapping.skipWhen?.reason ?? "",
    touchpointCodes: mapping.touchpointCodes ?? {},
    locationKind: mapping.location?.kind ?? "none",
    locationColumn: mapping.location?.kind === "column" ? mapping.location.column : "",
    locationCode: mapping.location?.kind === "fixed" ? mapping.location.code : "",
    locationCodes: mapping.locationCodes ?? {},
  };
}

const optional = (value: string) => (value ? value : undefined);

/** The mapping, or the problems that keep it from being one, in words for the form. */
export function mappingFrom(draft: MappingDraft): { mapping: ImportMapping } | { problems: string[] } {
  const candidate = {
    touchpoint: draft.touchpointKind === "column" ? { kind: "column", column: draft.touchpointColumn } : { kind: "fixed", code: draft.touchpointCode },
    respondedAt: { column: draft.respondedAtColumn, format: draft.dateFormat, timeZone: draft.timeZone.trim() },
    metrics: draft.metrics.map((m) => ({ metric: m.metric, column: m.column, ...(textToLabels(m.labels) ? { labels: textToLabels(m.labels) } : {}) })),
    comment: optional(draft.comment),
    externalId: optional(draft.externalId),
    respondentEmail: optional(draft.respondentEmail),
    respondentName: optional(draft.respondentName),
    skipWhen: draft.skipColumn
      ? {
          column: draft.skipColumn,
          values: draft.skipValues
            .split(",")
            .map((v) => v.trim())
            .filter(Boolean),
          reason: draft.skipReason.trim() || "skipped",
        }
      : undefined,
    touchpointCodes: Object.keys(draft.touchpointCodes).length ? draft.touchpointCodes : undefined,
    location:
      draft.locationKind === "column"
        ? { kind: "column", column: draft.locationColumn }
        : draft.locationKind === "fixed"
          ? { kind: "fixed", code: draft.locationCode }
          : undefined,
    locationCodes: draft.locationKind !== "none" && Object.keys(draft.locationCodes).length ? draft.locationCodes : undefined,
  };
  const parsed = importMappingSchema.safeParse(candidate);
  if (parsed.success) return { mapping: parsed.data };
  return { problems: parsed.error.issues.map((issue) => `${fieldNames[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`) };
}

const fieldNames: Record<string, string> = {
  touchpoint: "Touchpoint",
  location: "Location",
  respondedAt: "Responded at",
  metrics: "Metrics",
  skipWhen: "Rows to skip",
};

/** What each column is used for, for the columns table. */
export function usesOf(draft: MappingDraft): Map<string, string> {
  const uses = new Map<string, string>();
  const add = (column: string, use: string) => column && uses.set(column, uses.has(column) ? `${uses.get(column)}, ${use}` : use);
  if (draft.touchpointKind === "column") add(draft.touchpointColumn, "touchpoint");
  if (draft.locationKind === "column") add(draft.locationColumn, "location");
  add(draft.respondedAtColumn, "responded at");
  for (const m of draft.metrics) add(m.column, m.metric.toUpperCase());
  add(draft.comment, "comment");
  add(draft.externalId, "external id");
  add(draft.respondentEmail, "respondent email");
  add(draft.respondentName, "respondent name");
  add(draft.skipColumn, "skip rows");
  return uses;
}

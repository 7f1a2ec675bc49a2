// The mapping screen's editable form of a support-tool mapping (Zendesk, Genesys, Salesforce, any CSV of
// contacts), and the conversions both ways. The server checks the result again with the same zod schema.
import { contactMappingSchema, type ContactMapping, type handleTimeUnits, type reasonSplits } from "@/lib/contact-mapping";
import type { ContactChannel, DateFormat } from "@/lib/enums";
import type { ContactMappingProposal } from "@/server/imports/contact-mapping";

export interface ReasonDraft {
  column: string;
  split: (typeof reasonSplits)[number];
}

export interface ContactDraft {
  occurredAtColumn: string;
  dateFormat: DateFormat;
  timeZone: string;
  externalId: string;
  channelKind: "column" | "fixed";
  channelColumn: string;
  channelValues: Record<string, ContactChannel>;
  channel: ContactChannel;
  reasons: ReasonDraft[];
  /** Values that mean "no reason", comma-separated. */
  unclassifiedValues: string;
  handleColumn: string;
  handleUnit: (typeof handleTimeUnits)[number];
  cost: string;
  direction: string;
  queue: string;
  subject: string;
  description: string;
  requesterEmail: string;
  requesterName: string;
  touchpointColumn: string;
  touchpointCodes: Record<string, string>;
  locationKind: "none" | "column" | "fixed";
  locationColumn: string;
  locationCode: string;
  locationCodes: Record<string, string>;
  skipColumn: string;
  skipValues: string;
  skipReason: string;
}

export function contactDraftFrom(mapping: ContactMappingProposal["mapping"]): ContactDraft {
  return {
    occurredAtColumn: mapping.occurredAt?.column ?? "",
    dateFormat: mapping.occurredAt?.format ?? "iso",
    timeZone: mapping.occurredAt?.timeZone ?? "UTC",
    externalId: mapping.externalId ?? "",
    channelKind: mapping.channel?.kind ?? "column",
    channelColumn: mapping.channel?.kind === "column" ? mapping.channel.column : "",
    channelValues: mapping.channel?.kind === "column" ? (mapping.channel.values ?? {}) : {},
    channel: mapping.channel?.kind === "fixed" ? mapping.channel.channel : "phone",
    reasons: mapping.reasons.map((r) => ({ column: r.column, split: r.split })),
    unclassifiedValues: mapping.unclassifiedValues.join(", "),
    handleColumn: mapping.handleTime?.column ?? "",
    handleUnit: mapping.handleTime?.unit ?? "seconds",
    cost: mapping.cost ?? "",
    direction: mapping.direction ?? "",
    queue: mapping.queue ?? "",
    subject: mapping.subject ?? "",
    description: mapping.description ?? "",
    requesterEmail: mapping.requesterEmail ?? "",
    requesterName: mapping.requesterName ?? "",
    touchpointColumn: mapping.touchpoint ?? "",
    touchpointCodes: mapping.touchpointCodes ?? {},
    locationKind: mapping.location?.kind ?? "none",
    locationColumn: mapping.location?.kind === "column" ? mapping.location.column : "",
    locationCode: mapping.location?.kind === "fixed" ? mapping.location.code : "",
    locationCodes: mapping.locationCodes ?? {},
    skipColumn: mapping.skipWhen?.column ?? "",
    skipValues: mapping.skipWhen?.values.join(", ") ?? "",
    skipReason: mapping.skipWhen?.reason ?? "",
  };
}

const optional = (value: string) => (value ? value : undefined);
const list = (text: string) =>
  text
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

const fieldNames: Record<string, string> = {
  occurredAt: "When",
  channel: "Channel",
  reasons: "Reasons",
  handleTime: "Handling time",
  location: "Location",
  skipWhen: "Rows to skip",
};

/** The mapping, or the problems that keep it from being one, in words for the form. */
export function contactMappingFrom(draft: ContactDraft): { mapping: ContactMapping } | { problems: string[] } {
  const candidate = {
    kind: "contacts",
    occurredAt: { column: draft.occurredAtColumn, format: draft.dateFormat, timeZone: draft.timeZone.trim() },
    externalId: optional(draft.externalId),
    channel:
      draft.channelKind === "column"
        ? { kind: "column", column: draft.channelColumn, ...(Object.keys(draft.channelValues).length ? { values: draft.channelValues } : {}) }
        : { kind: "fixed", channel: draft.channel },
    reasons: draft.reasons.filter((r) => r.column),
    unclassifiedValues: list(draft.unclassifiedValues),
    handleTime: draft.handleColumn ? { column: draft.handleColumn, unit: draft.handleUnit } : undefined,
    cost: optional(draft.cost),
    direction: optional(draft.direction),
    queue: optional(draft.queue),
    subject: optional(draft.subject),
    description: optional(draft.description),
    requesterEmail: optional(draft.requesterEmail),
    requesterName: optional(draft.requesterName),
    touchpoint: optional(draft.touchpointColumn),
    touchpointCodes: draft.touchpointColumn && Object.keys(draft.touchpointCodes).length ? draft.touchpointCodes : undefined,
    location:
      draft.locationKind === "column"
        ? { kind: "column", column: draft.locationColumn }
        : draft.locationKind === "fixed"
          ? { kind: "fixed", code: draft.locationCode }
          : undefined,
    locationCodes: draft.locationKind !== "none" && Object.keys(draft.locationCodes).length ? draft.locationCodes : undefined,
    skipWhen: draft.skipColumn ? { column: draft.skipColumn, values: list(draft.skipValues), reason: draft.skipReason.trim() || "skipped" } : undefined,
  };
  const parsed = contactMappingSchema.safeParse(candidate);
  if (parsed.success) return { mapping: parsed.data };
  return { problems: parsed.error.issues.map((issue) => `${fieldNames[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`) };
}

/** What each column is used for, for the columns table. */
export function contactUsesOf(draft: ContactDraft): Map<string, string> {
  const uses = new Map<string, string>();
  const add = (column: string, use: string) => column && uses.set(column, uses.has(column) ? `${uses.get(column)}, ${use}` : use);
  add(draft.occurredAtColumn, "when");
  add(draft.externalId, "contact id");
  if (draft.channelKind === "column") add(draft.channelColumn, "channel");
  for (const r of draft.reasons) add(r.column, "reason");
  add(draft.handleColumn, "handling time");
  add(draft.cost, "cost");
  add(draft.direction, "direction");
  add(draft.queue, "queue");
  add(draft.subject, "subject");
  add(draft.description, "description");
  add(draft.requesterEmail, "requester email");
  add(draft.requesterName, "requester name");
  add(draft.touchpointColumn, "touchpoint");
  if (draft.locationKind === "column") add(draft.locationColumn, "location");
  add(draft.skipColumn, "skip rows");
  return uses;
}

// The mapping an admin confirms for a support-tool export (Zendesk, Genesys Cloud, Salesforce, any CSV):
// which column is which field of a service contact. Shared by the mapping screen and the import pipeline.
import { z } from "zod";
import { contactChannels, type ContactChannel } from "./enums";
import { codeMapSchema, dateColumnSchema, importMappingSchema, locationMappingSchema, mappedColumn, skipWhenSchema } from "./import-mapping";
import { text } from "./schemas";

const column = mappedColumn;

export const reasonSplits = ["none", "comma", "space"] as const;
export const handleTimeUnits = ["seconds", "minutes", "milliseconds"] as const;

export const contactMappingSchema = z.object({
  /** Marks the mapping as one for contacts; survey mappings carry no kind. */
  kind: z.literal("contacts"),
  occurredAt: dateColumnSchema,
  externalId: column.optional(),
  channel: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("column"), column, values: z.record(text(200), z.enum(contactChannels)).optional() }),
    z.object({ kind: z.literal("fixed"), channel: z.enum(contactChannels) }),
  ]),
  /** Where the reasons are: a category, a wrap-up code, tags (several per cell), custom dropdowns. */
  reasons: z
    .array(z.object({ column, split: z.enum(reasonSplits) }))
    .max(50, "map at most 50 reason columns")
    .default([]),
  /** Values that mean "no reason given" (Genesys' default wrap-up ININ-WRAP-UP-TIMEOUT, "-", "n/a"). */
  unclassifiedValues: z.array(text(200)).max(200).default([]),
  handleTime: z.object({ column, unit: z.enum(handleTimeUnits) }).optional(),
  cost: column.optional(),
  direction: column.optional(),
  queue: column.optional(),
  subject: column.optional(),
  description: column.optional(),
  requesterEmail: column.optional(),
  requesterName: column.optional(),
  /** A column of touchpoint codes, when the support tool already knows what the contact is about. */
  touchpoint: column.optional(),
  touchpointCodes: codeMapSchema.optional(),
  location: locationMappingSchema.optional(),
  locationCodes: codeMapSchema.optional(),
  skipWhen: skipWhenSchema.optional(),
});

export type ContactMapping = z.infer<typeof contactMappingSchema>;

const channelPatterns: Array<[RegExp, ContactChannel]> = [
  [/phone|voice|call|telephon|ivr/i, "phone"],
  [/chat|messag|whatsapp|sms|text/i, "chat"],
  [/e-?mail|mail/i, "email"],
  [/web|form|portal|api/i, "web_form"],
  [/twitter|facebook|instagram|social|x\.com/i, "social"],
  [/in.?person|walk.?in|store|counter|face/i, "in_person"],
];

/**
 * The channel a support tool's value means ("Phone call (inbound)", "voice", "Web Form", "Twitter DM"): the
 * mapping's own table first, then common names; anything else is "other".
 */
export function channelOf(raw: string, values?: Record<string, ContactChannel>): ContactChannel {
  const value = raw.trim();
  const own = values && Object.entries(values).find(([label]) => label.toLowerCase() === value.toLowerCase());
  if (own) return own[1];
  if (!value) return "other";
  return channelPatterns.find(([pattern]) => pattern.test(value))?.[1] ?? "other";
}

/** The reasons in one cell: a whole value, or several separated by commas or spaces (Zendesk tags). */
export function reasonsIn(cell: string, split: (typeof reasonSplits)[number]): string[] {
  const trimmed = cell.trim();
  if (!trimmed) return [];
  if (split === "none") return [trimmed];
  return trimmed
    .split(split === "comma" ? /\s*[,;]\s*/ : /\s+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** A confirmed mapping of either kind: contact mappings say `kind: "contacts"`, survey mappings carry no kind. */
export const anyImportMappingSchema = z.union([contactMappingSchema, importMappingSchema]);

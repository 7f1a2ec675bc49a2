// What differs between importing survey responses and service contacts — the mapping, the row check, the
// staging, the duplicate count and the write — behind one shape, so the pipeline runs both the same way.
import { and, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { locations, metricDefinitions, touchpoints, type ResponseSource } from "@/db/schema";
import type { BatchKind } from "@/lib/enums";
import { stageContacts, stagedContactDuplicates, writeStagedContacts, type ContactInput } from "@/server/contacts/ingest";
import {
  stagedResponseDuplicates,
  stageResponses,
  writeStagedResponses,
  type BatchInput,
  type BatchOptions,
  type BatchResult,
  type ResponseInput,
} from "@/server/responses/ingest";
import { contactMappingSchema, proposeContactMapping, type ContactMapping } from "./contact-mapping";
import type { DetectedFormat } from "./detect-format";
import { importMappingSchema, proposeMapping, type ImportMapping } from "./mapping";
import { ImportError } from "./source-file";
import { validateContactRecord, type ContactValidationContext } from "./validate-contact";
import { validateRecord, type RowProblem, type ValidationContext } from "./validate";

export type KindOutcome<Row> = { kind: "valid"; row: Row } | { kind: "skipped"; reason: string } | { kind: "rejected"; problems: RowProblem[] };

export interface ImportKind<Mapping, Context, Row> {
  kind: BatchKind;
  /** What one row is called in messages: "response" or "contact". */
  noun: string;
  parse: (candidate: unknown) => { success: true; data: Mapping } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };
  propose: (
    db: Queryable,
    detected: DetectedFormat,
    headers: string[][],
    keys: string[],
    options: { timeZone?: string },
  ) => Promise<{ mapping: unknown; missing: string[] }>;
  /** Fixed touchpoint and site from the CLI or HTTP options, laid over the mapping. */
  override: (mapping: object, options: { touchpoint?: string; location?: string; timeZone?: string }) => object;
  columnsUsed: (mapping: Mapping) => Array<string | undefined>;
  context: (db: Queryable, keys: string[], mapping: Mapping) => Promise<Context>;
  validate: (record: string[], context: Context) => KindOutcome<Row>;
  /** COPY the valid rows into the transaction's staging table, in one pass over the file; returns how many. */
  stage: (tx: Queryable, rows: AsyncIterable<Row>) => Promise<number>;
  /** Staged rows already stored by an earlier import (same source and external id). */
  duplicates: (tx: Queryable, source: ResponseSource) => Promise<number>;
  /** Write the staged rows as one batch, in the same transaction. */
  write: (tx: Queryable, batch: BatchInput, offered: number, options: BatchOptions) => Promise<BatchResult>;
}

async function activeCodes(db: Queryable) {
  const touchpointRows = await db.select({ id: touchpoints.id, code: touchpoints.code }).from(touchpoints).where(eq(touchpoints.active, true));
  const siteRows = await db
    .select({ id: locations.id, code: locations.code })
    .from(locations)
    .where(and(eq(locations.active, true), eq(locations.kind, "site")));
  return { touchpointIds: new Map(touchpointRows.map((t) => [t.code, t.id])), locationIds: new Map(siteRows.map((l) => [l.code, l.id])) };
}

const fixedLocation = (options: { location?: string }) => (options.location ? { location: { kind: "fixed", code: options.location } } : {});

export const responsesKind: ImportKind<ImportMapping, ValidationContext, ResponseInput> = {
  kind: "responses",
  noun: "response",
  parse: (candidate) => importMappingSchema.safeParse(candidate),
  propose: async (db, detected, headers) => {
    const metrics = (await db.select({ code: metricDefinitions.code }).from(metricDefinitions)).map((m) => m.code);
    return proposeMapping(detected, headers, metrics);
  },
  override: (mapping, options) => {
    const respondedAt = (mapping as Partial<ImportMapping>).respondedAt;
    return {
      ...mapping,
      ...(options.touchpoint ? { touchpoint: { kind: "fixed", code: options.touchpoint } } : {}),
      ...fixedLocation(options),
      ...(options.timeZone && respondedAt ? { respondedAt: { ...respondedAt, timeZone: options.timeZone } } : {}),
    };
  },
  columnsUsed: (m) => [
    m.respondedAt.column,
    ...m.metrics.map((metric) => metric.column),
    m.comment,
    m.externalId,
    m.touchpoint.kind === "column" ? m.touchpoint.column : undefined,
    m.location?.kind === "column" ? m.location.column : undefined,
  ],
  context: async (db, keys, mapping) => {
    const metricRows = await db.select().from(metricDefinitions);
    return {
      keys,
      mapping,
      ...(await activeCodes(db)),
      scales: new Map(
        metricRows.map((m) => [m.code, { scaleMin: m.scaleMin, scaleMax: m.scaleMax, name: m.kind === "custom" ? m.name : m.code.toUpperCase() }]),
      ),
    };
  },
  validate: (record, context) => {
    const outcome = validateRecord(record, context);
    return outcome.kind === "valid" ? { kind: "valid", row: outcome.response } : outcome;
  },
  stage: stageResponses,
  duplicates: stagedResponseDuplicates,
  write: writeStagedResponses,
};

export const contactsKind: ImportKind<ContactMapping, ContactValidationContext, ContactInput> = {
  kind: "contacts",
  noun: "contact",
  parse: (candidate) => contactMappingSchema.safeParse(candidate),
  propose: async (_db, detected, _headers, keys, options) => proposeContactMapping(detected, keys, options.timeZone),
  override: (mapping, options) => {
    const occurredAt = (mapping as Partial<ContactMapping>).occurredAt;
    return {
      ...mapping,
      kind: "contacts",
      ...(options.touchpoint ? { touchpoint: undefined } : {}),
      ...fixedLocation(options),
      ...(options.timeZone && occurredAt ? { occurredAt: { ...occurredAt, timeZone: options.timeZone } } : {}),
    };
  },
  columnsUsed: (m) => [
    m.occurredAt.column,
    m.externalId,
    m.channel.kind === "column" ? m.channel.column : undefined,
    ...m.reasons.map((r) => r.column),
    m.handleTime?.column,
    m.cost,
    m.direction,
    m.queue,
    m.subject,
    m.description,
    m.requesterEmail,
    m.requesterName,
    m.touchpoint,
    m.location?.kind === "column" ? m.location.column : undefined,
  ],
  context: async (db, keys, mapping) => ({ keys, mapping, ...(await activeCodes(db)) }),
  validate: (record, context) => {
    const outcome = validateContactRecord(record, context);
    return outcome.kind === "valid" ? { kind: "valid", row: outcome.contact } : outcome;
  },
  stage: stageContacts,
  duplicates: stagedContactDuplicates,
  write: writeStagedContacts,
};

/** The kind a mapping is for: contact mappings say so; survey mappings carry no kind. */
export function mappingKind(mapping: unknown): BatchKind | undefined {
  if (!mapping || typeof mapping !== "object") return undefined;
  return (mapping as { kind?: unknown }).kind === "contacts" ? "contacts" : "responses";
}

/** Which kind a file is: the caller's word, else the mapping's, else what the headers look like; a clash is said. */
export function kindFor(detected: DetectedFormat, requested: BatchKind | undefined, mapping: unknown): BatchKind {
  const fromMapping = mappingKind(mapping);
  const kind = requested ?? fromMapping ?? detected.kind;
  if (detected.format !== "csv" && detected.kind !== kind) {
    throw new ImportError(
      detected.kind === "contacts"
        ? `This file looks like a ${detected.format} export of service contacts, not survey responses. Import it as contacts (--kind contacts).`
        : `This file looks like a ${detected.format} survey export, not service contacts. Import it as responses (--kind responses).`,
    );
  }
  if (requested && fromMapping && requested !== fromMapping) throw new ImportError(`The mapping is for ${fromMapping}, but --kind ${requested} was given.`);
  return kind;
}

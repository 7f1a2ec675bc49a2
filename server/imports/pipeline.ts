// The one import pipeline (CLI today; the admin UI and HTTP endpoint will call the same function):
// read and detect, map, validate every row (preview), then write all-or-nothing through ingestBatch.
import { and, eq, inArray } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { importBatches, importMappingTemplates, locations, metricDefinitions, surveyResponses, touchpoints, type ResponseSource } from "@/db/schema";
import { type Actor } from "@/server/audit";
import { ingestBatch, type ResponseInput } from "@/server/responses/ingest";
import { readSetting } from "@/server/settings/program-settings";
import type { DetectedFormat, SourceFormat } from "./detect-format";
import { templateForSignature } from "./inspect";
import { columnKeys, importMappingSchema, proposeMapping, type ImportMapping } from "./mapping";
import { asImportError, fileHash, headerSignature, ImportError, openSourceFile, readHeaders } from "./source-file";
import { validateRecord, type RowProblem, type ValidationContext } from "./validate";
import { countOf, formatNumber } from "@/lib/counts";

export const importSources = ["auto", "qualtrics", "surveymonkey", "typeform", "csv", "xlsx"] as const;
export type ImportSource = (typeof importSources)[number];

export interface ImportOptions {
  fileName: string;
  source?: ImportSource;
  template?: string;
  mapping?: ImportMapping;
  touchpoint?: string;
  /** Every response in the file was given at this site. */
  location?: string;
  dryRun?: boolean;
  validOnly?: boolean;
  actor: Actor;
  onProgress?: (progress: ImportProgress) => void;
  /** Called for every problem of every rejected row (the summary keeps only the first 1,000): the error report. */
  onRejected?: (rejection: { row: number } & RowProblem) => void;
}

export interface ImportProgress {
  phase: "checking" | "writing";
  /** Records checked, or responses written, so far. */
  rows: number;
  /** How far through the phase, 0–1, when it can be known (CSV while checking; always while writing). */
  fraction: number | null;
}

export interface ImportSummary {
  status: "previewed" | "imported" | "refused" | "already_imported";
  batchId: number | null;
  fileHash: string;
  format: SourceFormat;
  mapping: ImportMapping;
  rowsRead: number;
  valid: number;
  duplicates: number;
  imported: number;
  skipped: Record<string, number>;
  rejected: number;
  /** The first rejections (up to 1,000), with the record number counted from the first data row as 1. */
  rejections: Array<{ row: number } & RowProblem>;
  /** Touchpoint codes in the file that Throughline does not know, with their rows, most rows first. */
  unknownCodes: Array<{ code: string; rows: number }>;
  /** Location codes likewise. */
  unknownLocations: Array<{ code: string; rows: number }>;
  message: string;
}

const MAX_REPORTED_REJECTIONS = 1_000;
const CHUNK = 5_000;
const PROGRESS_EVERY = 1_000;

const responseSourceOf: Record<SourceFormat, ResponseSource> = {
  qualtrics: "qualtrics",
  qualtrics_legacy: "qualtrics",
  surveymonkey: "surveymonkey",
  typeform: "typeform",
  csv: "csv",
};

async function resolveMapping(db: Queryable, detected: DetectedFormat, headers: string[][], options: ImportOptions): Promise<ImportMapping> {
  let candidate: unknown = options.mapping;
  if (!candidate && options.template) {
    const [template] = await db.select().from(importMappingTemplates).where(eq(importMappingTemplates.name, options.template));
    if (!template) throw new ImportError(`No mapping template named "${options.template}".`);
    candidate = template.mapping;
  }
  if (!candidate) candidate = (await templateForSignature(db, headerSignature(detected, headers)))?.mapping;
  if (!candidate) {
    const metrics = (await db.select({ code: metricDefinitions.code }).from(metricDefinitions)).map((m) => m.code);
    const proposal = proposeMapping(detected, headers, metrics);
    const missing = options.touchpoint ? proposal.missing.filter((m) => !m.startsWith("which touchpoint")) : proposal.missing;
    if (missing.length) throw new ImportError(`Cannot map this ${detected.format} file yet. Still needed: ${missing.join("; ")}.`);
    candidate = proposal.mapping;
  }
  const withTouchpoint = {
    ...(candidate as object),
    ...(options.touchpoint ? { touchpoint: { kind: "fixed", code: options.touchpoint } } : {}),
    ...(options.location ? { location: { kind: "fixed", code: options.location } } : {}),
  };
  const parsed = importMappingSchema.safeParse(withTouchpoint);
  if (!parsed.success) {
    throw new ImportError(`The mapping is not complete: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const keys = columnKeys(detected, headers);
  const used = [parsed.data.respondedAt.column, ...parsed.data.metrics.map((m) => m.column), parsed.data.comment, parsed.data.externalId]
    .concat(parsed.data.touchpoint.kind === "column" ? [parsed.data.touchpoint.column] : [])
    .concat(parsed.data.location?.kind === "column" ? [parsed.data.location.column] : [])
    .filter((c): c is string => Boolean(c));
  const unknown = used.filter((c) => !keys.includes(c));
  if (unknown.length) throw new ImportError(`The mapping names columns this file does not have: ${unknown.join(", ")}.`);
  return parsed.data;
}

async function validationContext(db: Queryable, keys: string[], mapping: ImportMapping): Promise<ValidationContext> {
  const touchpointRows = await db.select({ id: touchpoints.id, code: touchpoints.code }).from(touchpoints).where(eq(touchpoints.active, true));
  const siteRows = await db
    .select({ id: locations.id, code: locations.code })
    .from(locations)
    .where(and(eq(locations.active, true), eq(locations.kind, "site")));
  const metricRows = await db.select().from(metricDefinitions);
  return {
    keys,
    mapping,
    touchpointIds: new Map(touchpointRows.map((t) => [t.code, t.id])),
    locationIds: new Map(siteRows.map((l) => [l.code, l.id])),
    scales: new Map(metricRows.map((m) => [m.code, { scaleMin: m.scaleMin, scaleMax: m.scaleMax, name: m.kind === "custom" ? m.name : m.code.toUpperCase() }])),
  };
}

/** Valid responses in chunks, in file order; the same pass also tallies skips and rejections. */
async function* validRows(
  records: AsyncIterable<string[]>,
  headerCount: number,
  ctx: ValidationContext,
  tally?: (outcome: ReturnType<typeof validateRecord>, row: number) => void,
) {
  let chunk: ResponseInput[] = [];
  let index = 0;
  for await (const record of records) {
    index += 1;
    if (index <= headerCount) continue;
    const outcome = validateRecord(record, ctx);
    tally?.(outcome, index - headerCount);
    if (outcome.kind !== "valid") continue;
    chunk.push(outcome.response);
    if (chunk.length === CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

async function countDuplicates(db: Queryable, source: ResponseSource, chunk: ResponseInput[]): Promise<number> {
  const rows = await db
    .select({ id: surveyResponses.externalId })
    .from(surveyResponses)
    .where(
      and(
        eq(surveyResponses.source, source),
        inArray(
          surveyResponses.externalId,
          chunk.map((r) => r.externalId),
        ),
      ),
    );
  return rows.length;
}

export async function importFile(db: Database, path: string, options: ImportOptions): Promise<ImportSummary> {
  try {
    return await importFileUnchecked(db, path, options);
  } catch (error) {
    throw asImportError(error);
  }
}

async function importFileUnchecked(db: Database, path: string, options: ImportOptions): Promise<ImportSummary> {
  const file = openSourceFile(path, (await readSetting(db, "max_xlsx_expanded_mb")) * 1_048_576);
  const isXlsx = file.isXlsx;
  if (options.source === "xlsx" && !isXlsx) throw new ImportError("--source xlsx was given, but this file is not an XLSX workbook.");
  const hash = await fileHash(path);
  const { detected, headers } = await readHeaders(file);
  if (options.source && options.source !== "auto" && options.source !== "xlsx" && responseSourceOf[detected.format] !== options.source) {
    throw new ImportError(`This file looks like a ${detected.format} export, not ${options.source}. Use --source auto, or check the file.`);
  }
  const mapping = await resolveMapping(db, detected, headers, options);
  const source = responseSourceOf[detected.format];
  const ctx = await validationContext(db, columnKeys(detected, headers), mapping);
  const base = { batchId: null, fileHash: hash, format: detected.format, mapping };

  const [previous] = await db
    .select({ id: importBatches.id })
    .from(importBatches)
    .where(and(eq(importBatches.fileHash, hash), eq(importBatches.status, "imported")));

  // Pass 1: the preview — every row validated, duplicates of earlier imports counted, nothing written.
  const skipped: Record<string, number> = {};
  const rejections: ImportSummary["rejections"] = [];
  let rejected = 0;
  let valid = 0;
  let duplicates = 0;
  let rowsRead = 0;
  let bytesRead = 0;
  const maxRows = await readSetting(db, "max_import_rows");
  const unknownCodes = new Map<string, number>();
  const unknownLocations = new Map<string, number>();
  const tally = (outcome: ReturnType<typeof validateRecord>, row: number) => {
    rowsRead = row;
    if (row > maxRows) {
      throw new ImportError(`The file has more than ${countOf(maxRows, "row")} (setting max_import_rows). Split it, or raise the limit. Nothing was imported.`);
    }
    if (row % PROGRESS_EVERY === 0) options.onProgress?.({ phase: "checking", rows: row, fraction: file.isXlsx ? null : bytesRead / file.size });
    if (outcome.kind === "skipped") skipped[outcome.reason] = (skipped[outcome.reason] ?? 0) + 1;
    if (outcome.kind === "rejected") {
      rejected += 1;
      for (const problem of outcome.problems) {
        if (problem.unknownCode !== undefined) unknownCodes.set(problem.unknownCode, (unknownCodes.get(problem.unknownCode) ?? 0) + 1);
        if (problem.unknownLocation !== undefined) unknownLocations.set(problem.unknownLocation, (unknownLocations.get(problem.unknownLocation) ?? 0) + 1);
        if (rejections.length < MAX_REPORTED_REJECTIONS) rejections.push({ row, ...problem });
        options.onRejected?.({ row, ...problem });
      }
    }
  };
  for await (const chunk of validRows(
    file.records((bytes) => (bytesRead = bytes)),
    detected.headerRows,
    ctx,
    tally,
  )) {
    valid += chunk.length;
    duplicates += await countDuplicates(db, source, chunk);
  }
  options.onProgress?.({ phase: "checking", rows: rowsRead, fraction: 1 });
  if (duplicates > 0) skipped["already imported"] = duplicates;
  const byRows = (tally: Map<string, number>) =>
    [...tally].map(([code, rows]) => ({ code, rows })).sort((a, b) => b.rows - a.rows || a.code.localeCompare(b.code));
  const preview = {
    ...base,
    rowsRead,
    valid,
    duplicates,
    skipped,
    rejected,
    rejections,
    unknownCodes: byRows(unknownCodes),
    unknownLocations: byRows(unknownLocations),
    imported: 0,
  };
  if (valid === 0 && rejected === 0) {
    const reasons = Object.entries(skipped)
      .map(([reason, n]) => `${formatNumber(n)} ${reason}`)
      .join(", ");
    throw new ImportError(
      rowsRead === 0
        ? "The file has no responses: it holds a header row but no data rows. Nothing was imported."
        : `The file has no responses to import: every row was skipped (${reasons}). Nothing was imported.`,
      "unprocessable",
    );
  }

  if (previous && duplicates === valid) {
    return { ...preview, status: "already_imported", message: `This file was imported before (batch ${previous.id}); nothing new to import.` };
  }
  if (options.dryRun) {
    return { ...preview, status: "previewed", message: `Dry run: ${countOf(valid - duplicates, "new response")} would be imported; nothing was written.` };
  }
  if (rejected > 0 && !options.validOnly) {
    return {
      ...preview,
      status: "refused",
      message: `${countOf(rejected, "row was", "rows were")} rejected, so nothing was imported. Fix them, or choose to import only the valid rows.`,
    };
  }

  // Pass 2: write the valid rows, the roll-ups and the batch record in one transaction.
  const result = await ingestBatch(
    db,
    {
      fileName: options.fileName,
      fileHash: hash,
      sourceFormat: isXlsx ? "xlsx" : detected.format,
      source,
      mapping,
      createdById: options.actor.id,
      decision: rejected > 0 ? "valid_only" : null,
      rowsRead,
      rowsSkipped: Object.values(skipped).reduce((a, b) => a + b, 0),
      rowsRejected: rejected,
    },
    validRows(file.records(), detected.headerRows, ctx),
    {
      onProgress: (rows) => options.onProgress?.({ phase: "writing", rows, fraction: valid > 0 ? Math.min(1, rows / (valid - duplicates || valid)) : 1 }),
      audit: {
        actor: options.actor,
        action: "import.batch",
        details: (written) => ({
          fileName: options.fileName,
          format: detected.format,
          imported: written.inserted,
          rejected,
          decision: rejected > 0 ? "valid_only" : null,
        }),
      },
    },
  );
  return {
    ...preview,
    batchId: result.batchId,
    imported: result.inserted,
    status: "imported",
    message: `Imported ${countOf(result.inserted, "response")}${result.duplicates ? `; ${countOf(result.duplicates, "was", "were")} already there` : ""}${rejected ? `; ${countOf(rejected, "rejected row")} left out` : ""}.`,
  };
}

// The one import pipeline for the admin UI, the CLI and the HTTP endpoint, for survey responses and service
// contacts alike: read and detect, map, then one pass that validates and stages every row, and a write from the staged rows, all-or-nothing.
import { and, eq } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { importBatches, importMappingTemplates, type ResponseSource } from "@/db/schema";
import type { ContactMapping } from "@/lib/contact-mapping";
import type { BatchKind } from "@/lib/enums";
import { enqueueAlertEvaluation } from "@/server/alerts/jobs";
import { type Actor } from "@/server/audit";
import { readSetting } from "@/server/settings/program-settings";
import type { DetectedFormat, SourceFormat } from "./detect-format";
import { templateForSignature } from "./inspect";
import { contactsKind, kindFor, mappingKind, responsesKind, type ImportKind, type KindOutcome } from "./kinds";
import { columnKeys, type ImportMapping } from "./mapping";
import { asImportError, fileHash, headerSignature, ImportError, openSourceFile, readHeaders, type SourceFile } from "./source-file";
import type { RowProblem } from "./validate";
import { countOf, formatNumber } from "@/lib/counts";
import { eventLoopYielder } from "@/db/copy";
import { isConnectionFailure } from "@/db/connection-faults";
import { DomainError } from "@/server/errors";
import { log } from "@/server/log";

export const importSources = ["auto", "qualtrics", "surveymonkey", "typeform", "zendesk", "genesys", "salesforce", "csv", "xlsx"] as const;
export type ImportSource = (typeof importSources)[number];

export interface ImportOptions {
  fileName: string;
  source?: ImportSource;
  template?: string;
  mapping?: ImportMapping | ContactMapping;
  /** Survey responses or service contacts; unset, the headers (or the mapping) decide. */
  kind?: BatchKind;
  /** The time zone of the file's times, where the tool writes none (Zendesk: the account's). */
  timeZone?: string;
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
  /** Records checked, or responses (contacts) written, so far. */
  rows: number;
  /** How far through the phase, 0–1, when it can be known (CSV while checking; always while writing). */
  fraction: number | null;
}

export interface ImportSummary {
  status: "previewed" | "imported" | "refused" | "already_imported";
  kind: BatchKind;
  batchId: number | null;
  fileHash: string;
  format: SourceFormat;
  mapping: ImportMapping | ContactMapping;
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
const PROGRESS_EVERY = 1_000;

const responseSourceOf: Record<SourceFormat, ResponseSource> = {
  qualtrics: "qualtrics",
  qualtrics_legacy: "qualtrics",
  surveymonkey: "surveymonkey",
  typeform: "typeform",
  zendesk: "zendesk",
  genesys: "genesys",
  salesforce: "salesforce",
  csv: "csv",
};

async function resolveMapping<M, C, R>(
  db: Queryable,
  kind: ImportKind<M, C, R>,
  detected: DetectedFormat,
  headers: string[][],
  candidate: unknown,
  options: ImportOptions,
): Promise<M> {
  const keys = columnKeys(detected, headers);
  if (!candidate) {
    const proposal = await kind.propose(db, detected, headers, keys, options);
    const missing = options.touchpoint ? proposal.missing.filter((m) => !m.startsWith("which touchpoint")) : proposal.missing;
    const label = detected.format === "csv" ? `plain ${kind.noun}s` : detected.format;
    if (missing.length) throw new ImportError(`Cannot map this ${label} file yet. Still needed: ${missing.join("; ")}.`);
    candidate = proposal.mapping;
  }
  const parsed = kind.parse(kind.override(candidate as object, options));
  if (!parsed.success) {
    throw new ImportError(`The mapping is not complete: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const unknown = kind.columnsUsed(parsed.data).filter((c): c is string => Boolean(c) && !keys.includes(c!));
  if (unknown.length) throw new ImportError(`The mapping names columns this file does not have: ${unknown.join(", ")}.`);
  return parsed.data;
}

/** The mapping the caller named: given, or a saved template by name. */
async function namedMapping(db: Queryable, options: ImportOptions): Promise<unknown> {
  if (options.mapping) return options.mapping;
  if (!options.template) return undefined;
  const [template] = await db.select().from(importMappingTemplates).where(eq(importMappingTemplates.name, options.template));
  if (!template) throw new ImportError(`No mapping template named "${options.template}".`);
  return template.mapping;
}

/** Valid rows in file order; the same pass also tallies skips and rejections, and gives the event loop its turns. */
async function* validRows<M, C, R>(
  kind: ImportKind<M, C, R>,
  records: AsyncIterable<string[]>,
  headerCount: number,
  ctx: C,
  tally: (outcome: KindOutcome<R>, row: number) => void,
) {
  let index = 0;
  const yieldTurn = eventLoopYielder();
  for await (const record of records) {
    index += 1;
    if (index <= headerCount) continue;
    const outcome = kind.validate(record, ctx);
    tally(outcome, index - headerCount);
    if (outcome.kind === "valid") yield outcome.row;
    await yieldTurn();
  }
}

/** A finished preview that must write nothing: thrown out of the transaction so it rolls back, then returned. */
class Verdict {
  constructor(readonly summary: ImportSummary) {}
}

/** What every entrance says (the CLI prints it as is) when the import's connection closed part-way. */
export const INTERRUPTED_MESSAGE = "The import was interrupted (the database connection closed); nothing was written — run it again.";
const UNREACHABLE_MESSAGE = "The database is not answering, so nothing was imported; try again in a minute.";

export async function importFile(db: Database, path: string, options: ImportOptions): Promise<ImportSummary> {
  try {
    const summary = await importFileUnchecked(db, path, options);
    // Counts only: never a respondent's email or comment.
    log.info(
      {
        event: "import",
        outcome: summary.status,
        batchId: summary.batchId,
        kind: summary.kind,
        format: summary.format,
        rowsRead: summary.rowsRead,
        imported: summary.imported,
        duplicates: summary.duplicates,
        rejected: summary.rejected,
        userId: options.actor.id,
      },
      `import ${summary.status}`,
    );
    return summary;
  } catch (error) {
    // A connection lost before the import's transaction (reading settings, templates): nothing had started.
    if (isConnectionFailure(error)) throw new ImportError(UNREACHABLE_MESSAGE, "unavailable");
    throw asImportError(error);
  }
}

/**
 * A failed attempt, recorded after its transaction rolled back (which took its batch row with it), in a short write
 * of its own: the history then lists it with its reason. Best effort: with the database gone, the log has it.
 */
async function recordFailedAttempt(db: Database, batch: typeof importBatches.$inferInsert, failureReason: string): Promise<number | null> {
  try {
    const [row] = await db
      .insert(importBatches)
      .values({ ...batch, status: "failed", failureReason, rowsRead: 0, rowsImported: 0, rowsSkipped: 0, rowsRejected: 0, completedAt: new Date() })
      .returning({ id: importBatches.id });
    return row?.id ?? null;
  } catch (error) {
    log.warn(
      { event: "import_failure_unrecorded", route: "import", fileName: batch.fileName, failureReason, err: error },
      "could not record the failed import attempt",
    );
    return null;
  }
}

/**
 * What the transaction's failure means for the person, and the reason the history keeps: none for a refusal in
 * words, nor for a preview (`record` false), which is no attempt to import.
 */
async function failedImport(db: Database, batch: typeof importBatches.$inferInsert, error: unknown, { record }: { record: boolean }): Promise<unknown> {
  // A refusal (the row limit, a file with no rows) was said to the person and is no failed attempt.
  if (error instanceof DomainError) return error;
  if (isConnectionFailure(error)) {
    const batchId = record ? await recordFailedAttempt(db, batch, INTERRUPTED_MESSAGE) : null;
    log.warn(
      { event: "import_interrupted", route: "import", batchId, fileName: batch.fileName, err: error },
      "import interrupted: the database connection closed",
    );
    return new ImportError(INTERRUPTED_MESSAGE, "unavailable");
  }
  if (!record) return error;
  const batchId = await recordFailedAttempt(
    db,
    batch,
    "The import failed on the server; nothing was written. The server log has the details under this batch number.",
  );
  log.error({ event: "import_failed", route: "import", batchId, fileName: batch.fileName, err: error }, "import failed");
  return error;
}

async function importFileUnchecked(db: Database, path: string, options: ImportOptions): Promise<ImportSummary> {
  const file = openSourceFile(path, (await readSetting(db, "max_xlsx_expanded_mb")) * 1_048_576);
  if (options.source === "xlsx" && !file.isXlsx) throw new ImportError("--source xlsx was given, but this file is not an XLSX workbook.");
  const { detected, headers } = await readHeaders(file);
  if (options.source && options.source !== "auto" && options.source !== "xlsx" && responseSourceOf[detected.format] !== options.source) {
    throw new ImportError(`This file looks like a ${detected.format} export, not ${options.source}. Use --source auto, or check the file.`);
  }
  const named = await namedMapping(db, options);
  const saved = named ? undefined : (await templateForSignature(db, headerSignature(detected, headers)))?.mapping;
  const kind = kindFor(detected, options.kind, named ?? (options.kind ? undefined : saved));
  // A template saved for these headers maps the file only when it is of the same kind.
  const candidate = named ?? (saved && mappingKind(saved) === kind ? saved : undefined);
  const run = { db, path, file, detected, headers, candidate, options };
  return kind === "contacts" ? runImport(contactsKind, run) : runImport(responsesKind, run);
}

interface ImportRun {
  db: Database;
  path: string;
  file: SourceFile;
  detected: DetectedFormat;
  headers: string[][];
  candidate: unknown;
  options: ImportOptions;
}

async function runImport<M extends ImportMapping | ContactMapping, C, R>(
  kind: ImportKind<M, C, R>,
  { db, path, file, detected, headers, candidate, options }: ImportRun,
): Promise<ImportSummary> {
  const isXlsx = file.isXlsx;
  const hash = await fileHash(path);
  const mapping = await resolveMapping(db, kind, detected, headers, candidate, options);
  const source = responseSourceOf[detected.format];
  const ctx = await kind.context(db, columnKeys(detected, headers), mapping);
  const base = { kind: kind.kind, batchId: null, fileHash: hash, format: detected.format, mapping };
  const noun = kind.noun;

  const [previous] = await db
    .select({ id: importBatches.id })
    .from(importBatches)
    .where(and(eq(importBatches.fileHash, hash), eq(importBatches.status, "imported")));

  // One pass: every row validated and the valid ones staged with COPY, in the import's own transaction. The
  // preview's verdict comes from the staged rows; a verdict that writes nothing rolls the staging back.
  const skipped: Record<string, number> = {};
  const rejections: ImportSummary["rejections"] = [];
  let rejected = 0;
  let rowsRead = 0;
  let bytesRead = 0;
  const maxRows = await readSetting(db, "max_import_rows");
  const unknownCodes = new Map<string, number>();
  const unknownLocations = new Map<string, number>();
  const tally = (outcome: KindOutcome<R>, row: number) => {
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
  // The batch as its record names it: written with the rows on success, or alone as a failed attempt.
  const batch = {
    fileName: options.fileName,
    fileHash: hash,
    sourceFormat: isXlsx ? "xlsx" : detected.format,
    source,
    kind: kind.kind,
    mapping,
    createdById: options.actor.id,
  };
  const outcome = await db
    .transaction(async (tx) => {
      const valid = await kind.stage(
        tx,
        validRows(
          kind,
          file.records((bytes) => (bytesRead = bytes)),
          detected.headerRows,
          ctx,
          tally,
        ),
      );
      const duplicates = await kind.duplicates(tx, source);
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
            ? `The file has no ${noun}s: it holds a header row but no data rows. Nothing was imported.`
            : `The file has no ${noun}s to import: every row was skipped (${reasons}). Nothing was imported.`,
          "unprocessable",
        );
      }

      if (previous && duplicates === valid) {
        throw new Verdict({ ...preview, status: "already_imported", message: `This file was imported before (batch ${previous.id}); nothing new to import.` });
      }
      if (options.dryRun) {
        throw new Verdict({
          ...preview,
          status: "previewed",
          message: `Dry run: ${countOf(valid - duplicates, `new ${noun}`)} would be imported; nothing was written.`,
        });
      }
      if (rejected > 0 && !options.validOnly) {
        throw new Verdict({
          ...preview,
          status: "refused",
          message: `${countOf(rejected, "row was", "rows were")} rejected, so nothing was imported. Fix them, or choose to import only the valid rows.`,
        });
      }

      // The write, from the staged rows: the rows, the roll-ups and the batch record, in this same transaction.
      const result = await kind.write(
        tx,
        {
          fileName: batch.fileName,
          fileHash: batch.fileHash,
          sourceFormat: batch.sourceFormat,
          source,
          mapping,
          createdById: batch.createdById,
          decision: rejected > 0 ? "valid_only" : null,
          rowsRead,
          rowsSkipped: Object.values(skipped).reduce((a, b) => a + b, 0),
          rowsRejected: rejected,
        },
        valid,
        {
          onProgress: (rows) => options.onProgress?.({ phase: "writing", rows, fraction: valid > 0 ? Math.min(1, rows / (valid - duplicates || valid)) : 1 }),
          audit: {
            actor: options.actor,
            action: "import.batch",
            details: (written) => ({
              kind: kind.kind,
              fileName: options.fileName,
              format: detected.format,
              imported: written.inserted,
              rejected,
              decision: rejected > 0 ? "valid_only" : null,
            }),
          },
        },
      );
      const summary: ImportSummary = {
        ...preview,
        batchId: result.batchId,
        imported: result.inserted,
        status: "imported",
        message: `Imported ${countOf(result.inserted, noun)}${result.duplicates ? `; ${countOf(result.duplicates, "was", "were")} already there` : ""}${rejected ? `; ${countOf(rejected, "rejected row")} left out` : ""}.`,
      };
      return summary;
    })
    .catch(async (error: unknown) => {
      if (error instanceof Verdict) return error.summary;
      throw await failedImport(db, batch, error, { record: !options.dryRun });
    });
  // Committed: the alert rules look at what it brought, off this request's path.
  if (outcome.status === "imported" && outcome.imported > 0) enqueueAlertEvaluation(db, outcome.batchId!);
  return outcome;
}

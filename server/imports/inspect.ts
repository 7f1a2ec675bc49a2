// What the mapping screen needs before anything is validated: the detected format, each column with its
// question and sample values, and the mapping to start from (the saved template for this survey, or a proposal).
import { asc, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { importMappingTemplates, metricDefinitions } from "@/db/schema";
import type { Actor } from "@/server/audit";
import { recordAudit } from "@/server/audit";
import { readSetting } from "@/server/settings/program-settings";
import type { SourceFormat } from "./detect-format";
import { columnKeys, proposeMapping, type ImportMapping, type MappingProposal } from "./mapping";
import { proposeContactMapping, type ContactMappingProposal } from "./contact-mapping";
import type { BatchKind } from "@/lib/enums";
import { anyImportMappingSchema, type ContactMapping } from "@/lib/contact-mapping";
import { asImportError, headerSignature, ImportError, openSourceFile, readHeaders } from "./source-file";

const SAMPLE_ROWS = 5;

export interface ColumnPreview {
  key: string;
  /** The question text where the export has one (Qualtrics' second header row), else the key. */
  question: string;
  samples: string[];
}

export interface FileInspection {
  format: SourceFormat;
  /** What the headers look like: survey responses or service contacts (the admin may say otherwise). */
  kind: BatchKind;
  isXlsx: boolean;
  columns: ColumnPreview[];
  /** The mapping to start from if the file holds survey responses… */
  mapping: MappingProposal["mapping"];
  missing: string[];
  /** …and if it holds service contacts. */
  contactMapping: ContactMappingProposal["mapping"];
  contactMissing: string[];
  /** The saved template whose header signature matched, when one did. */
  template: string | null;
}

export async function templateForSignature(db: Queryable, signature: string) {
  const [saved] = await db.select().from(importMappingTemplates).where(eq(importMappingTemplates.headerSignature, signature));
  return saved ?? null;
}

export async function inspectFile(db: Queryable, path: string): Promise<FileInspection> {
  try {
    const file = openSourceFile(path, (await readSetting(db, "max_xlsx_expanded_mb")) * 1_048_576);
    const { detected, headers, samples } = await readHeaders(file, SAMPLE_ROWS);
    const keys = columnKeys(detected, headers);
    const columns = keys.map((key, i) => ({
      key,
      question: detected.format === "qualtrics" ? (headers[1]?.[i] ?? key) : key,
      samples: samples.map((row) => row[i] ?? "").filter((value) => value.trim() !== ""),
    }));
    const metrics = (await db.select({ code: metricDefinitions.code }).from(metricDefinitions)).map((m) => m.code);
    const proposal = proposeMapping(detected, headers, metrics);
    const contactProposal = proposeContactMapping(detected, keys);
    const inspection: FileInspection = {
      format: detected.format,
      kind: detected.kind,
      isXlsx: file.isXlsx,
      columns,
      mapping: proposal.mapping,
      missing: proposal.missing,
      contactMapping: contactProposal.mapping,
      contactMissing: contactProposal.missing,
      template: null,
    };
    // A saved template for these headers is the starting point, whichever kind it maps.
    const saved = await templateForSignature(db, headerSignature(detected, headers));
    const stored = saved ? anyImportMappingSchema.safeParse(saved.mapping) : null;
    if (!saved || !stored?.success) return inspection;
    if ("kind" in stored.data) return { ...inspection, kind: "contacts", contactMapping: stored.data, contactMissing: [], template: saved.name };
    return { ...inspection, kind: "responses", mapping: stored.data, missing: [], template: saved.name };
  } catch (error) {
    throw asImportError(error);
  }
}

export async function listTemplates(db: Queryable) {
  return db
    .select({
      id: importMappingTemplates.id,
      name: importMappingTemplates.name,
      sourceFormat: importMappingTemplates.sourceFormat,
      updatedAt: importMappingTemplates.updatedAt,
    })
    .from(importMappingTemplates)
    .orderBy(asc(importMappingTemplates.name));
}

/**
 * Save (or replace, by name) the mapping for the survey this file comes from; later files with the same
 * header signature start from it, in the UI and in the CLI and HTTP imports alike.
 */
export async function saveTemplate(
  db: Queryable,
  actor: Actor,
  { path, name, mapping }: { path: string; name: string; mapping: ImportMapping | ContactMapping },
): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) throw new ImportError("Give the template a name.");
  const file = openSourceFile(path, (await readSetting(db, "max_xlsx_expanded_mb")) * 1_048_576);
  const { detected, headers } = await readHeaders(file).catch((error: unknown) => Promise.reject(asImportError(error)));
  const values = { name: trimmed, sourceFormat: detected.format, headerSignature: headerSignature(detected, headers), mapping, createdById: actor.id };
  await db.transaction(async (tx) => {
    // One template per survey: a template saved for the same headers under another name is replaced.
    await tx.delete(importMappingTemplates).where(eq(importMappingTemplates.headerSignature, values.headerSignature));
    await tx
      .insert(importMappingTemplates)
      .values(values)
      .onConflictDoUpdate({ target: importMappingTemplates.name, set: { ...values, updatedAt: new Date() } });
    await recordAudit(tx, actor, { action: "import.template.save", entityType: "import_mapping_template", entityId: trimmed, after: mapping });
  });
}

// Survey responses (one row per answer set) and the import batches that bring them in.
// Respondent contact fields form a separate column group that executive-facing queries never select.
import { batchKinds, importStatuses, responseSources, type ResponseSource } from "../../lib/enums";
import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgEnum, pgTable, real, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { touchpoints } from "./model";
import { locations } from "./locations";
import { users } from "./people";

export { responseSources, importStatuses, type ResponseSource };
export const responseSource = pgEnum("response_source", responseSources);
export const importStatus = pgEnum("import_status", importStatuses);
export const batchKind = pgEnum("batch_kind", batchKinds);

export const importBatches = pgTable(
  "import_batches",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    fileName: text().notNull(),
    // sha256 of the file's bytes: the same file twice is recognised and imports nothing new.
    fileHash: text().notNull(),
    sourceFormat: text().notNull(),
    source: responseSource().notNull(),
    // Survey responses or service contacts: which rows a revert removes.
    kind: batchKind().notNull().default("responses"),
    mapping: jsonb().$type<Record<string, unknown>>(),
    rowsRead: integer().notNull().default(0),
    rowsImported: integer().notNull().default(0),
    rowsSkipped: integer().notNull().default(0),
    rowsRejected: integer().notNull().default(0),
    status: importStatus().notNull().default("importing"),
    // What the admin chose when rows were rejected, e.g. "valid_only"; kept for the record.
    decision: text(),
    // Why a failed import failed, in words (recorded after the rollback, so the history lists failed attempts).
    failureReason: text(),
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
    revertedAt: timestamp({ withTimezone: true }),
    revertedById: integer().references(() => users.id, { onDelete: "set null" }),
  },
  (table) => [index("import_batches_file_hash_idx").on(table.fileHash), index("import_batches_created_at_idx").on(table.createdAt)],
);

export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    // Restrict: touchpoints with responses are deactivated, never deleted with their history.
    touchpointId: integer()
      .notNull()
      .references(() => touchpoints.id, { onDelete: "restrict" }),
    respondedAt: timestamp({ withTimezone: true }).notNull(),
    // The site the customer was at, when the export says; responses without one count in every total.
    locationId: integer().references(() => locations.id, { onDelete: "restrict" }),
    nps: smallint(),
    csat: smallint(),
    ces: smallint(),
    // Custom numeric metrics keyed by metric_definitions.code, e.g. {"review_stars": 4}.
    customValues: jsonb().$type<Record<string, number>>(),
    comment: text(),
    // Tags the import computed from the comment (server/themes/tagger): its language (ISO 639-3, "und" when too
    // short to tell), sentiment (-1, 0, 1 and wink-nlp's score, English only), themes, and the codebook version used.
    commentLanguage: text(),
    sentiment: smallint(),
    sentimentScore: real(),
    themeIds: integer().array(),
    taggedVersion: integer(),
    source: responseSource().notNull(),
    externalId: text().notNull(),
    importBatchId: integer()
      .notNull()
      .references(() => importBatches.id, { onDelete: "restrict" }),
    // Personal data: only admins and the owning department's owners may read these two columns.
    respondentEmail: text(),
    respondentName: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Idempotent imports: the same answer set from the same tool is stored once.
    uniqueIndex("survey_responses_source_external_id_unique").on(table.source, table.externalId),
    // Verbatims list and roll-up rebuilds read one touchpoint over a time range.
    index("survey_responses_touchpoint_time_idx").on(table.touchpointId, table.respondedAt),
    // Revert and incremental roll-up updates select one batch's rows.
    index("survey_responses_batch_idx").on(table.importBatchId),
    index("survey_responses_location_idx").on(table.locationId),
    // Verbatim search only ever looks at rows with a comment.
    index("survey_responses_commented_idx")
      .on(table.touchpointId, table.respondedAt)
      .where(sql`${table.comment} is not null`),
    // A theme's comments, for the drill from a theme to the customers' words.
    index("survey_responses_theme_ids_idx").using("gin", table.themeIds),
    // The re-tagger's queue: comments tagged with an older codebook.
    index("survey_responses_tagged_version_idx")
      .on(table.taggedVersion)
      .where(sql`${table.comment} is not null`),
  ],
);

/** Saved column mappings; a later file whose header signature matches reuses its template automatically. */
export const importMappingTemplates = pgTable(
  "import_mapping_templates",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    sourceFormat: text().notNull(),
    // sha256 of the format and its header rows: the same survey exported again has the same signature.
    headerSignature: text().notNull(),
    mapping: jsonb().$type<Record<string, unknown>>().notNull(),
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("import_mapping_templates_name_unique").on(table.name), index("import_mapping_templates_signature_idx").on(table.headerSignature)],
);

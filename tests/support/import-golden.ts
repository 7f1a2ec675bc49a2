// The import scenario the write path is held to (tests/import-copy-path.test.ts, tests/import-crash.test.ts): a model,
// the fixture files and generated ones imported in order, and a dump of what they leave, by natural keys, never serial ids.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { drainAlertQueue } from "../../server/alerts/jobs";
import { importFile, type ImportOptions } from "../../server/imports/pipeline";
import type { ImportMapping } from "../../server/imports/mapping";
import { importModel } from "../../server/model/transfer";
import { revertBatch } from "../../server/responses/ingest";
import { testModel } from "./fixtures";

// This file is also copied into a worktree of the previous write path (commit 34737f5) to generate the golden
// dump, so it imports only modules whose interface both versions share.

const actor = { id: null, email: "test" };

/** The test model, plus the touchpoints the survey fixtures name, a custom metric and a codebook to tag comments with. */
export const goldenModel = {
  ...testModel,
  departments: [...testModel.departments, { name: "Delivery", head: null }],
  customMetrics: [{ code: "review_stars", name: "Review rating", scaleMin: 1, scaleMax: 5, topBoxMin: 4 }],
  touchpoints: [
    ...testModel.touchpoints,
    { code: "PAY-BILL", name: "Paying", channel: "in_person" as const, department: "Billing", targets: { csat: 75 } },
    { code: "DEL-APP-MENU", name: "App menu", channel: "app" as const, department: "Delivery" },
  ],
  journeys: [
    ...testModel.journeys,
    {
      name: "Delivery",
      stages: [
        { name: "Order", touchpoints: ["DEL-APP-MENU"] },
        { name: "Pay", touchpoints: ["PAY-BILL"] },
      ],
    },
  ],
  themes: [
    { name: "Service charge", terms: ["service charge", "bill"], touchpointCodes: [] },
    { name: "Staff", terms: ["friendly", "rude", "staff"], touchpointCodes: ["SVC-HOST"] },
    { name: "Speed", terms: ["slow", "quick", "wait"], touchpointCodes: [] },
  ],
};

export async function seedGoldenModel(db: Database): Promise<void> {
  await importModel(db, actor, goldenModel);
}

/** A small deterministic random source (mulberry32), so a generated file is the same bytes on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!,
  };
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const csvLine = (cells: readonly string[]) => cells.map(csvCell).join(",");

// Comments that exercise the tagger (themes, sentiment, languages) and COPY's text encoding (tabs, newlines,
// backslashes, a literal \N, which must stay text and not become null).
const comments = [
  "",
  "",
  "The staff were friendly and quick",
  "Rude staff, slow service, and a service charge on the bill I did not expect",
  "Lovely evening",
  "Waited forty minutes. Slow.",
  "Der Service war sehr freundlich, aber die Rechnung war falsch",
  "Très bien, merci",
  "tab\there, and a backslash \\ too",
  "two\nlines\r\nand a carriage return",
  "\\N",
  'She said "fine" 👍',
  "Great service",
  "Great service",
];

export interface GeneratedFile {
  /** Rows in the file. */
  rows: number;
  seed: number;
  /** The first row id's number: two files with overlapping ranges share those rows. */
  firstId?: number;
  /** Every how many rows one is invalid (see each generator); none when unset. */
  invalidEvery?: number;
}

/**
 * A plain CSV of survey responses: four touchpoints, three sites and none, all four metrics (some blank), comments
 * from the list above, times without an offset around the March clock change, and now and then the same id twice;
 * every `invalidEvery` rows, an NPS of 11, an unknown touchpoint or a date that is not on the calendar.
 */
export function generatedSurveyCsv({ rows, seed, firstId = 0, invalidEvery }: GeneratedFile): string {
  const r = random(seed);
  const lines = [csvLine(["id", "responded_at", "touchpoint", "site", "nps", "csat", "ces", "stars", "comment", "email"])];
  const blankOr = (min: number, max: number) => (r.next() < 0.2 ? "" : String(r.int(min, max)));
  for (let i = 0; i < rows; i++) {
    const n = firstId + i;
    // Every 41st row repeats an earlier id of the file with other answers: the first one in the file is kept.
    const id = i > 10 && i % 41 === 0 ? `g-${n - r.int(1, 10)}` : `g-${n}`;
    const day = new Date(Date.UTC(2026, 2, 24) + r.int(0, 10) * 86_400_000);
    const at = `${day.toISOString().slice(0, 10)} ${String(r.int(0, 23)).padStart(2, "0")}:${String(r.int(0, 59)).padStart(2, "0")}:00`;
    const cells = [
      id,
      at,
      r.pick(["SVC-HOST", "BIL-BILL", "PAY-BILL", "DEL-APP-MENU"]),
      r.pick(["", "N-LEEDS", "N-YORK", "S-BATH"]),
      blankOr(0, 10),
      blankOr(1, 5),
      blankOr(1, 7),
      blankOr(1, 5),
      r.pick(comments),
      r.next() < 0.3 ? `person${n}@example.com` : "",
    ];
    if (!cells.slice(4, 8).some(Boolean)) cells[4] = String(r.int(0, 10));
    if (invalidEvery && i % invalidEvery === invalidEvery - 1) {
      const which = r.int(0, 2);
      if (which === 0) cells[4] = "11";
      else if (which === 1) cells[2] = "NOPE-9";
      else cells[1] = "31/02/2026";
    }
    lines.push(csvLine(cells));
  }
  return lines.join("\r\n") + "\r\n";
}

/** The generated survey files' mapping: times in London, so the March clock change moves some across a day. */
export const generatedSurveyMapping: ImportMapping = {
  touchpoint: { kind: "column", column: "touchpoint" },
  respondedAt: { column: "responded_at", format: "iso", timeZone: "Europe/London" },
  metrics: [
    { metric: "nps", column: "nps" },
    { metric: "csat", column: "csat" },
    { metric: "ces", column: "ces" },
    { metric: "review_stars", column: "stars" },
  ],
  comment: "comment",
  externalId: "id",
  respondentEmail: "email",
  location: { kind: "column", column: "site" },
};

/**
 * A plain CSV of service contacts: channels, one reason and a few tags (padded, repeated, in other case), handling
 * times and costs now and then, the tool's own touchpoint and site; an unknown site every `invalidEvery` rows.
 */
export function generatedContactsCsv({ rows, seed, firstId = 0, invalidEvery }: GeneratedFile): string {
  const r = random(seed);
  const lines = [csvLine(["contact_id", "opened", "channel", "reason", "tags", "handle_seconds", "cost", "touchpoint", "site", "subject"])];
  for (let i = 0; i < rows; i++) {
    const n = firstId + i;
    const id = i > 10 && i % 37 === 0 ? `k-${n - r.int(1, 10)}` : `k-${n}`;
    const at = new Date(Date.UTC(2026, 2, 26) + r.int(0, 10 * 24 * 60) * 60_000).toISOString();
    const tags = Array.from({ length: r.int(0, 3) }, () => r.pick(["refund", " refund ", "Refund", "late", "billing/charge", "billing/refund"]));
    const cells = [
      id,
      at,
      r.pick(["phone", "chat", "email", "web", "Twitter", "walk-in", "carrier pigeon"]),
      r.pick(["", "Charge query", "Book a table", "Where is my order", "  Charge query  ", "n/a"]),
      tags.join(","),
      r.next() < 0.3 ? "" : String(r.int(30, 1_800)),
      r.next() < 0.7 ? "" : (r.int(50, 2_000) / 100).toFixed(2),
      r.pick(["", "", "BIL-BILL", "DEL-APP-MENU"]),
      r.pick(["", "N-LEEDS", "S-BATH"]),
      r.pick(["", "Charged twice", "Where is it?\tStill waiting"]),
    ];
    if (invalidEvery && i % invalidEvery === invalidEvery - 1) cells[8] = "STORE-99";
    lines.push(csvLine(cells));
  }
  return lines.join("\r\n") + "\r\n";
}

interface Step {
  /** Under tests/fixtures, or a generated file's name. */
  file: string;
  generated?: () => string;
  options?: Omit<ImportOptions, "fileName" | "actor">;
  /** Revert the batch this step imported, once it has. */
  revert?: boolean;
}

const surveyFixture = (name: string) => `imports/${name}`;
const contactsFixture = (name: string) => `contacts/${name}`;
const surveyA = () => generatedSurveyCsv({ rows: 160, seed: 1, invalidEvery: 40 });
const surveyB = () => generatedSurveyCsv({ rows: 100, seed: 2, firstId: 110 });
const contactsA = () => generatedContactsCsv({ rows: 120, seed: 3, invalidEvery: 40 });
const contactsB = () => generatedContactsCsv({ rows: 80, seed: 4, firstId: 90 });
const generated = { mapping: generatedSurveyMapping };

/** Every survey and contacts fixture, and generated files that overlap, with refusals, dry runs, a repeat and reverts. */
export const goldenSteps: Step[] = [
  { file: surveyFixture("qualtrics.csv") },
  { file: surveyFixture("surveymonkey-utf16.csv") },
  { file: surveyFixture("typeform.csv") },
  { file: surveyFixture("qualtrics-legacy.tsv"), options: { touchpoint: "PAY-BILL" } },
  {
    file: surveyFixture("plain-semicolon-1252.csv"),
    options: {
      mapping: {
        touchpoint: { kind: "column", column: "Touchpoint" },
        respondedAt: { column: "Datum", format: "eu", timeZone: "Europe/Berlin" },
        metrics: [{ metric: "csat", column: "Bewertung" }],
        comment: "Kommentar",
      },
    },
  },
  { file: "survey-a.csv", generated: surveyA, options: generated },
  { file: "survey-a.csv", generated: surveyA, options: { ...generated, validOnly: true } },
  { file: "survey-b.csv", generated: surveyB, options: { ...generated, dryRun: true } },
  { file: "survey-b.csv", generated: surveyB, options: generated, revert: true },
  { file: "survey-b.csv", generated: surveyB, options: generated },
  { file: "survey-a.csv", generated: surveyA, options: { ...generated, validOnly: true } },
  { file: contactsFixture("zendesk-march.csv") },
  { file: contactsFixture("zendesk-march.csv"), options: { timeZone: "Europe/London" } },
  { file: contactsFixture("zendesk-overlap.csv"), options: { timeZone: "Europe/London" } },
  { file: contactsFixture("zendesk-overlap.csv"), options: { timeZone: "Europe/London", validOnly: true } },
  { file: contactsFixture("genesys.csv"), options: { validOnly: true } },
  { file: contactsFixture("salesforce.csv"), options: { validOnly: true } },
  { file: contactsFixture("plain-contacts.csv"), options: { validOnly: true } },
  { file: "contacts-a.csv", generated: contactsA, options: { validOnly: true } },
  { file: "contacts-b.csv", generated: contactsB, options: { dryRun: true } },
  { file: "contacts-b.csv", generated: contactsB, revert: true },
  { file: "contacts-b.csv", generated: contactsB },
  { file: "contacts-a.csv", generated: contactsA, options: { validOnly: true } },
];

/** What one step answered: the summary without its serial ids, or the error's message. */
function stepOutcome(step: Step, outcome: Awaited<ReturnType<typeof importFile>> | Error, reverted: number | null) {
  if (outcome instanceof Error) return { file: step.file, error: outcome.message };
  const { batchId: _batchId, ...summary } = outcome;
  // Through JSON, as the golden file holds it (a mapping's unset fields are gone, not undefined).
  return JSON.parse(JSON.stringify({ file: step.file, ...summary, message: summary.message.replace(/batch \d+/g, "batch #"), reverted })) as Record<
    string,
    unknown
  >;
}

/** Run every step into `db` (seeded with the golden model), writing generated files into `dir`; returns what each answered. */
export async function runGoldenSteps(db: Database, dir: string, fixturesDir: string, steps: Step[] = goldenSteps) {
  const outcomes = [];
  for (const step of steps) {
    let file = path.join(fixturesDir, step.file);
    if (step.generated) {
      file = path.join(dir, step.file);
      fs.writeFileSync(file, step.generated());
    }
    const outcome = await importFile(db, file, { fileName: path.basename(step.file), actor, ...step.options }).catch((error: Error) => error);
    await drainAlertQueue();
    const reverted = step.revert && !(outcome instanceof Error) && outcome.batchId ? await revertBatch(db, actor, outcome.batchId) : null;
    outcomes.push(stepOutcome(step, outcome, reverted));
  }
  return outcomes;
}

/** Every roll-up table the write paths keep (the previous path kept the same ones). */
export const rollupTables = [
  "touchpoint_daily_rollups",
  "touchpoint_monthly_rollups",
  "location_daily_rollups",
  "location_monthly_rollups",
  "metric_pair_daily_rollups",
  "metric_pair_monthly_rollups",
  "theme_daily_rollups",
  "theme_monthly_rollups",
  "theme_metric_daily_rollups",
  "theme_metric_monthly_rollups",
  "contact_daily_rollups",
  "contact_monthly_rollups",
] as const;

/** A batch's float sums added and subtracted again (a revert) may leave the last bit, or -0: within 1e-9 of zero is 0. */
function normalized(value: unknown): unknown {
  if (typeof value === "number") return Math.abs(value) < 1e-9 ? 0 : value;
  if (Array.isArray(value)) return value.map(normalized);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalized(v)]));
  return value;
}

const rowsOf = async (db: Database, query: ReturnType<typeof sql>) => (await db.execute<{ row: Record<string, unknown> }>(query)).map((r) => normalized(r.row));

/** Rows in the order of their keys: every field but the measures (numbers, other than the *_id columns), which may drift. */
function sortedRows(rows: unknown[]): unknown[] {
  const key = (row: unknown) => JSON.stringify(Object.entries(row as object).filter(([column, v]) => typeof v !== "number" || column.endsWith("_id")));
  return rows
    .map((r) => [key(r), r] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}

/**
 * `received` with each number replaced by the expected one where they agree within `tolerance` (relative, or absolute
 * below 1): a float sum depends on the order it was added up in (daily deltas then months, or a revert in between).
 * Compare its result with toEqual, so that a real difference still reads as a diff.
 */
export function closeTo<T>(received: T, expected: unknown, tolerance = 1e-9): T {
  const near = (r: unknown, e: unknown): unknown => {
    if (typeof r === "number" && typeof e === "number") return Math.abs(r - e) <= tolerance * Math.max(1, Math.abs(e)) ? e : r;
    if (Array.isArray(r) && Array.isArray(e)) return r.map((v, i) => near(v, e[i]));
    if (r && e && typeof r === "object" && typeof e === "object") {
      return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, near(v, (e as Record<string, unknown>)[k])]));
    }
    return r;
  };
  return near(received, expected) as T;
}

export type ImportDump = Record<string, unknown[]>;

/**
 * What the imports left, id-free: the batches in order, responses and contacts by source and external id (with
 * codes, names and UTC times for their references), the reasons and reason sets, and every roll-up table's rows
 * with each id column replaced by its natural key (0, "all" or "none" in the roll-ups, stays 0).
 */
export async function dumpImportState(db: Database): Promise<ImportDump> {
  // A batch by its file and how many batches of that file came before it: "survey-b.csv #2".
  const batchOf = sql`(select b.file_name || ' #' || b.ordinal from (select id, file_name, row_number() over (partition by file_name order by id) as ordinal from import_batches) b
    where b.id = x.import_batch_id)`;
  const reasonsOf = (setId: ReturnType<typeof sql>) =>
    sql`(select coalesce(jsonb_agg(r.name order by r.name), '[]') from contact_reason_sets rs join contact_reasons r on r.id = any(rs.reason_ids) where rs.id = ${setId})`;
  const utc = (column: ReturnType<typeof sql>) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const dump: ImportDump = {
    import_batches: await rowsOf(
      db,
      sql`select jsonb_build_object('file_name', file_name, 'file_hash', file_hash, 'source_format', source_format, 'source', source, 'kind', kind,
        'mapping', mapping, 'rows_read', rows_read, 'rows_imported', rows_imported, 'rows_skipped', rows_skipped, 'rows_rejected', rows_rejected,
        'status', status, 'decision', decision, 'completed', completed_at is not null, 'reverted', reverted_at is not null) as row
      from import_batches order by id`,
    ),
    survey_responses: await rowsOf(
      db,
      sql`select jsonb_build_object('source', x.source, 'external_id', x.external_id, 'batch', ${batchOf},
        'touchpoint', (select code from touchpoints where id = x.touchpoint_id), 'location', (select code from locations where id = x.location_id),
        'responded_at', ${utc(sql`x.responded_at`)}, 'nps', x.nps, 'csat', x.csat, 'ces', x.ces, 'custom_values', x.custom_values, 'comment', x.comment,
        'comment_language', x.comment_language, 'sentiment', x.sentiment, 'sentiment_score', x.sentiment_score,
        'themes', (select jsonb_agg(t.name order by t.name) from themes t where t.id = any(x.theme_ids)), 'themes_tagged', x.theme_ids is not null,
        'tagged_version', x.tagged_version, 'respondent_email', x.respondent_email, 'respondent_name', x.respondent_name) as row
      from survey_responses x order by x.source, x.external_id`,
    ),
    service_contacts: await rowsOf(
      db,
      sql`select jsonb_build_object('source', x.source, 'external_id', x.external_id, 'batch', ${batchOf}, 'occurred_at', ${utc(sql`x.occurred_at`)},
        'channel', x.channel, 'direction', x.direction, 'queue', x.queue, 'reasons', ${reasonsOf(sql`x.reason_set_id`)}, 'handle_seconds', x.handle_seconds,
        'cost', x.cost, 'touchpoint', (select code from touchpoints where id = x.touchpoint_id), 'location', (select code from locations where id = x.location_id),
        'subject', x.subject, 'description', x.description, 'requester_email', x.requester_email, 'requester_name', x.requester_name) as row
      from service_contacts x order by x.source, x.external_id`,
    ),
    contact_reasons: await rowsOf(db, sql`select jsonb_build_object('name', name) as row from contact_reasons order by name`),
    contact_reason_sets: sortedRows(await rowsOf(db, sql`select jsonb_build_object('reasons', ${reasonsOf(sql`s.id`)}) as row from contact_reason_sets s`)),
  };
  const codes = async (query: ReturnType<typeof sql>) => new Map((await db.execute<{ id: number; key: unknown }>(query)).map((r) => [r.id, r.key]));
  const keys: Record<string, Map<number, unknown>> = {
    touchpoint_id: await codes(sql`select id, code as key from touchpoints`),
    location_id: await codes(sql`select id, code as key from locations`),
    metric_id: await codes(sql`select id, code as key from metric_definitions`),
    theme_id: await codes(sql`select id, name as key from themes`),
    reason_set_id: await codes(sql`select s.id, ${reasonsOf(sql`s.id`)} as key from contact_reason_sets s`),
  };
  keys.metric_x_id = keys.metric_id!;
  keys.metric_y_id = keys.metric_id!;
  for (const table of rollupTables) {
    const rows = await rowsOf(db, sql`select to_jsonb(t) as row from ${sql.raw(table)} t`);
    dump[table] = sortedRows(
      rows.map((row) =>
        Object.fromEntries(
          Object.entries(row as Record<string, unknown>).map(([column, value]) => {
            const names = keys[column];
            if (!names || value === 0) return [column, value];
            if (!names.has(value as number)) throw new Error(`${table}.${column} = ${String(value)} names nothing`);
            return [column, names.get(value as number)];
          }),
        ),
      ),
    );
  }
  return dump;
}

/** A section as a table: its columns once, then each row's values in that order (half the bytes of objects). */
interface Table {
  columns: string[];
  rows: unknown[][];
}

const lines = (values: unknown[], indent: string) => `[${values.map((v) => `\n${indent}${JSON.stringify(v)}`).join(",")}\n${indent.slice(2)}]`;

/**
 * The dump as a golden file: valid JSON with one row per line, so a difference reads as a line in a diff. A section
 * whose rows share their columns is written as a table; the steps (summaries and errors) stay objects.
 */
export function formatDump(dump: ImportDump): string {
  const sections = Object.entries(dump).map(([name, rows]) => {
    const columns = Object.keys((rows[0] ?? {}) as object).sort();
    const same = rows.every(
      (row) =>
        typeof row === "object" &&
        row !== null &&
        !Array.isArray(row) &&
        Object.keys(row as object).length === columns.length &&
        columns.every((c) => c in (row as object)),
    );
    if (!same) return `  ${JSON.stringify(name)}: ${lines(rows, "    ")}`;
    const values = rows.map((row) => columns.map((c) => (row as Record<string, unknown>)[c]));
    return `  ${JSON.stringify(name)}: {\n    "columns": ${JSON.stringify(columns)},\n    "rows": ${lines(values, "      ")}\n  }`;
  });
  return `{\n${sections.join(",\n")}\n}\n`;
}

/** A golden file read back into the dump's shape (a table's rows as objects again). */
export function parseDump(text: string): ImportDump {
  const sections = JSON.parse(text) as Record<string, Table | unknown[]>;
  return Object.fromEntries(
    Object.entries(sections).map(([name, section]) => [
      name,
      Array.isArray(section) ? section : section.rows.map((values) => Object.fromEntries(section.columns.map((c, i) => [c, values[i]]))),
    ]),
  );
}

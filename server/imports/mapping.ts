// How a file's columns become responses: the mapping an admin confirms (and saves as a template), and the
// mapping Throughline proposes from the detected format, the field ids and the question texts.
import { COMMENT_QUESTION, importMappingSchema, isValidTimeZone, type ImportMapping } from "@/lib/import-mapping";
import type { DetectedFormat } from "./detect-format";

export { importMappingSchema, type ImportMapping };

/** SurveyMonkey's standard satisfaction labels; an admin can edit them in the mapping. */
export const satisfactionLabels: Record<string, number> = {
  "Very satisfied": 5,
  Satisfied: 4,
  "Neither satisfied nor dissatisfied": 3,
  Dissatisfied: 2,
  "Very dissatisfied": 1,
};

const QUALTRICS_SKIPPED_STATUSES = ["Survey Preview", "Survey Test", "Spam", "1", "2", "8"];

/**
 * The key of each column: the field id for most formats; for SurveyMonkey, whose question text stands
 * only over a question's first column, "question / sub-label"; for legacy Qualtrics, the second row's names.
 */
export function columnKeys(detected: DetectedFormat, headerRows: string[][]): string[] {
  const [first = [], second = []] = headerRows;
  if (detected.format === "qualtrics_legacy") return second.map((name, i) => name.trim() || first[i] || `column ${i + 1}`);
  if (detected.format === "surveymonkey") {
    let question = "";
    return first.map((cell, i) => {
      if (cell.trim()) question = cell.trim();
      const label = (second[i] ?? "").trim();
      return cell.trim() && (!label || label === "Response" || label === "Open-Ended Response") ? cell.trim() : `${question} / ${label}`;
    });
  }
  return first.map((cell, i) => cell.trim() || `column ${i + 1}`);
}

/** What a column asks, for guessing: its question text (Qualtrics' second row) or its key. */
function questionTexts(detected: DetectedFormat, headerRows: string[][], keys: string[]): string[] {
  if (detected.format === "qualtrics") return keys.map((key, i) => `${key} ${headerRows[1]?.[i] ?? ""}`);
  return keys;
}

const find = (keys: string[], texts: string[], pattern: RegExp) => {
  const i = texts.findIndex((t) => pattern.test(t));
  return i === -1 ? undefined : keys[i];
};
const exact = (keys: string[], ...names: string[]) => keys.find((k) => names.some((n) => k.toLowerCase() === n.toLowerCase()));

/** The file's time zone from Qualtrics' ImportId row, e.g. {"ImportId":"endDate","timeZone":"Europe/Berlin"}. */
function qualtricsTimeZone(headerRows: string[][]): string | undefined {
  for (const cell of headerRows[2] ?? []) {
    try {
      const zone = (JSON.parse(cell) as { timeZone?: string }).timeZone;
      if (zone && isValidTimeZone(zone)) return zone;
    } catch {
      // Not JSON: keep looking.
    }
  }
  return undefined;
}

export interface MappingProposal {
  mapping: Partial<ImportMapping> & { metrics: ImportMapping["metrics"] };
  /** What the admin must still decide, in words. */
  missing: string[];
}

export function proposeMapping(detected: DetectedFormat, headerRows: string[][], knownMetrics: string[]): MappingProposal {
  const keys = columnKeys(detected, headerRows);
  const texts = questionTexts(detected, headerRows, keys);
  const touchpointColumn = find(keys, keys, /^(touchpoint|touchpoint[ _]?code|custom data 1)$/i);
  const metrics: ImportMapping["metrics"] = [];
  const addMetric = (metric: string, pattern: RegExp, labels?: Record<string, number>) => {
    const col = find(keys, texts, pattern);
    if (col && knownMetrics.includes(metric) && !metrics.some((m) => m.column === col)) metrics.push({ metric, column: col, ...(labels ? { labels } : {}) });
  };
  addMetric("nps", /_NPS$|recommend|empfehlen|\bnps\b/i);
  addMetric("ces", /easy|effort|einfach|\bces\b/i);
  addMetric("csat", /satisf|zufrieden|\bcsat\b/i, detected.format === "surveymonkey" ? satisfactionLabels : undefined);
  addMetric("review_stars", /\bstars?\b|\brating\b/i);

  const mapping: MappingProposal["mapping"] = { metrics };
  if (touchpointColumn) mapping.touchpoint = { kind: "column", column: touchpointColumn };
  // Where the customer was: Qualtrics embedded data, SurveyMonkey custom data, Typeform hidden fields, a CSV column.
  const locationColumn = find(keys, keys, /^(location|location[ _]?code|site|site[ _]?code|store|store[ _]?id|restaurant|branch|unit|custom data 2)$/i);
  if (locationColumn) mapping.location = { kind: "column", column: locationColumn };
  switch (detected.format) {
    case "qualtrics":
    case "qualtrics_legacy": {
      const at = exact(keys, "RecordedDate", "EndDate");
      if (at) mapping.respondedAt = { column: at, format: "iso", timeZone: qualtricsTimeZone(headerRows) ?? "UTC" };
      mapping.externalId = exact(keys, "ResponseId", "ResponseID");
      mapping.respondentEmail = exact(keys, "RecipientEmail", "EmailAddress");
      mapping.respondentName = exact(keys, "RecipientFirstName", "Name");
      const status = exact(keys, "Status");
      if (status) mapping.skipWhen = { column: status, values: QUALTRICS_SKIPPED_STATUSES, reason: "preview, test or spam response" };
      break;
    }
    case "surveymonkey": {
      const at = exact(keys, "End Date");
      if (at) mapping.respondedAt = { column: at, format: "us", timeZone: "UTC" };
      mapping.externalId = exact(keys, "Respondent ID");
      mapping.respondentEmail = exact(keys, "Email Address");
      mapping.respondentName = exact(keys, "First Name");
      break;
    }
    case "typeform": {
      const at = exact(keys, "Submit Date (UTC)");
      if (at) mapping.respondedAt = { column: at, format: "iso", timeZone: "UTC" };
      mapping.externalId = exact(keys, "#");
      const type = exact(keys, "Response Type");
      if (type) mapping.skipWhen = { column: type, values: ["partial"], reason: "partial response" };
      break;
    }
    case "csv": {
      const at = find(keys, keys, /date|time|responded|submitted/i);
      if (at) mapping.respondedAt = { column: at, format: "iso", timeZone: "UTC" };
      mapping.externalId = find(keys, keys, /^(id|response ?id|external ?id|review ?id)$/i);
      mapping.respondentEmail = find(keys, keys, /e-?mail/i);
      break;
    }
  }
  mapping.comment = find(keys, texts, COMMENT_QUESTION);
  const missing: string[] = [];
  if (!mapping.touchpoint) missing.push("which touchpoint each response is about: a column of touchpoint codes, or one touchpoint for the whole file");
  if (!mapping.respondedAt) missing.push("the column with the date of each response");
  if (metrics.length === 0) missing.push("at least one metric column (NPS, CSAT, CES or a custom metric)");
  return { mapping, missing };
}

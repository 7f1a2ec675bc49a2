// Recognises which tool wrote an export from its header rows, so the admin never has to say: survey tools
// (Qualtrics current and legacy, SurveyMonkey, Typeform), support tools (Zendesk, Genesys Cloud, Salesforce), or plain.
import type { BatchKind } from "@/lib/enums";

export type SourceFormat = "qualtrics" | "qualtrics_legacy" | "surveymonkey" | "typeform" | "zendesk" | "genesys" | "salesforce" | "csv";

export interface DetectedFormat {
  format: SourceFormat;
  /** How many rows at the top are headers (not answers). */
  headerRows: number;
  /** Survey responses or service contacts. */
  kind: BatchKind;
}

/** Plain files: contacts when the headers name a contact reason and a channel and nothing reads as a survey question. */
function plainKind(headers: string[]): BatchKind {
  const reason = headers.some((h) => /reason|wrap.?up|disposition|\btags?\b|category|topic/.test(h));
  const channel = headers.some((h) => /channel|\bvia\b|origin|media/.test(h));
  const survey = headers.some((h) => /\bnps\b|csat|\bces\b|recommend|satisf|effort|score|rating|\bstars?\b/.test(h));
  return reason && channel && !survey ? "contacts" : "responses";
}

const norm = (cell: string | undefined) => (cell ?? "").trim().toLowerCase();

export function detectFormat(firstRows: string[][]): DetectedFormat {
  const [first = [], second = [], third = []] = firstRows;
  const firstSet = new Set(first.map(norm));
  const secondSet = new Set(second.map(norm));
  if (firstSet.has("responseid") && firstSet.has("startdate") && firstSet.has("status")) {
    // The third header row holds {"ImportId": …} per column in current exports.
    const importIds = third.some((cell) => cell.trim().startsWith('{"ImportId"'));
    return { format: "qualtrics", headerRows: importIds ? 3 : 2, kind: "responses" };
  }
  if (norm(first[0]) === "v1" && secondSet.has("responseid")) return { format: "qualtrics_legacy", headerRows: 2, kind: "responses" };
  if (firstSet.has("respondent id") && firstSet.has("collector id")) return { format: "surveymonkey", headerRows: 2, kind: "responses" };
  if (norm(first[0]) === "#" && (firstSet.has("submit date (utc)") || firstSet.has("response type"))) {
    return { format: "typeform", headerRows: 1, kind: "responses" };
  }
  if (firstSet.has("id") && firstSet.has("requester") && firstSet.has("created at") && (firstSet.has("tags") || firstSet.has("via"))) {
    return { format: "zendesk", headerRows: 1, kind: "contacts" };
  }
  if (firstSet.has("conversation id") && (firstSet.has("media type") || firstSet.has("wrap-up"))) return { format: "genesys", headerRows: 1, kind: "contacts" };
  if (firstSet.has("case number") && (firstSet.has("case origin") || firstSet.has("case reason") || firstSet.has("date/time opened"))) {
    return { format: "salesforce", headerRows: 1, kind: "contacts" };
  }
  return { format: "csv", headerRows: 1, kind: plainKind(first.map(norm)) };
}

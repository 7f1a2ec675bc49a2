// Recognises which survey tool wrote a CSV export from its header rows, so the admin never has to say.
// Qualtrics (current and legacy V1… layouts), SurveyMonkey, Typeform, or a plain one-header-row file.

export type SourceFormat = "qualtrics" | "qualtrics_legacy" | "surveymonkey" | "typeform" | "csv";

export interface DetectedFormat {
  format: SourceFormat;
  /** How many rows at the top are headers (not answers). */
  headerRows: number;
}

const norm = (cell: string | undefined) => (cell ?? "").trim().toLowerCase();

export function detectFormat(firstRows: string[][]): DetectedFormat {
  const [first = [], second = [], third = []] = firstRows;
  const firstSet = new Set(first.map(norm));
  const secondSet = new Set(second.map(norm));
  if (firstSet.has("responseid") && firstSet.has("startdate") && firstSet.has("status")) {
    // The third header row holds {"ImportId": …} per column in current exports.
    const importIds = third.some((cell) => cell.trim().startsWith('{"ImportId"'));
    return { format: "qualtrics", headerRows: importIds ? 3 : 2 };
  }
  if (norm(first[0]) === "v1" && secondSet.has("responseid")) return { format: "qualtrics_legacy", headerRows: 2 };
  if (firstSet.has("respondent id") && firstSet.has("collector id")) return { format: "surveymonkey", headerRows: 2 };
  if (norm(first[0]) === "#" && (firstSet.has("submit date (utc)") || firstSet.has("response type"))) {
    return { format: "typeform", headerRows: 1 };
  }
  return { format: "csv", headerRows: 1 };
}

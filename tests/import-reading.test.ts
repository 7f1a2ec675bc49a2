// Reading survey exports as they come: encodings, delimiters, line endings, quoted newlines and doubled
// quotes, and recognising which tool wrote the file. Fixtures in tests/fixtures/imports are hand-made.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCsvRecords, sniffDelimiter } from "../server/imports/csv";
import { detectFormat } from "../server/imports/detect-format";
import { decodeText, detectEncoding } from "../server/imports/text";

const fixture = (name: string) => path.resolve("tests/fixtures/imports", name);

/** Stream a file in small chunks, so chunk boundaries fall inside characters and records. */
async function* chunks(file: string, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = fs.readFileSync(file);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function records(name: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const record of readCsvRecords(decodeText(chunks(fixture(name))))) rows.push(record);
  return rows;
}

describe("reading exports", () => {
  it("reads a Qualtrics export: BOM, CRLF, three header rows, a quoted newline and doubled quotes", async () => {
    const rows = await records("qualtrics.csv");
    expect(rows).toHaveLength(5);
    expect(rows[0]![0]).toBe("StartDate");
    expect(rows[1]![6]).toBe("Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?");
    expect(rows[3]![8]).toBe('Lovely evening,\r\nthe "bill" was clear');
    expect(detectFormat(rows.slice(0, 3))).toEqual({ format: "qualtrics", headerRows: 3, kind: "responses" });
  });

  it("reads a UTF-16 SurveyMonkey export with its two header rows", async () => {
    expect(detectEncoding(fs.readFileSync(fixture("surveymonkey-utf16.csv")))).toBe("utf-16le");
    const rows = await records("surveymonkey-utf16.csv");
    expect(rows[0]![0]).toBe("Respondent ID");
    expect(rows[2]![9]).toBe("Very satisfied");
    expect(detectFormat(rows)).toEqual({ format: "surveymonkey", headerRows: 2, kind: "responses" });
  });

  it("reads a Typeform export", async () => {
    const rows = await records("typeform.csv");
    expect(detectFormat(rows)).toEqual({ format: "typeform", headerRows: 1, kind: "responses" });
    expect(rows[2]![4]).toBe("partial");
  });

  it("reads a semicolon-separated Windows-1252 file from Excel", async () => {
    expect(detectEncoding(fs.readFileSync(fixture("plain-semicolon-1252.csv")))).toBe("windows-1252");
    const rows = await records("plain-semicolon-1252.csv");
    expect(rows).toEqual([
      ["Datum", "Touchpoint", "Bewertung", "Kommentar"],
      ["01.03.2026", "PAY-BILL", "4", "Café crème 3 €, “très bien”"],
    ]);
    expect(detectFormat(rows)).toEqual({ format: "csv", headerRows: 1, kind: "responses" });
  });

  it("reads the legacy Qualtrics layout, tab-separated", async () => {
    const rows = await records("qualtrics-legacy.tsv");
    expect(detectFormat(rows)).toEqual({ format: "qualtrics_legacy", headerRows: 2, kind: "responses" });
    expect(rows[2]![6]).toBe("0");
  });

  it("sniffs the delimiter, ignoring delimiters inside quotes", () => {
    expect(sniffDelimiter('a;b;c\n1;"x, y, z";3\n')).toBe(";");
    expect(sniffDelimiter("a,b\n1,2\n")).toBe(",");
    expect(sniffDelimiter("a\tb\tc\n1\t2\t3\n")).toBe("\t");
    expect(sniffDelimiter("single column\nvalue\n")).toBe(",");
  });
});

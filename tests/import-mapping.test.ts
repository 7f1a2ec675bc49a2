// Proposing a mapping from each tool's export, and validating rows: one test per rejection reason.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCsvRecords } from "../server/imports/csv";
import { detectFormat } from "../server/imports/detect-format";
import { columnKeys, importMappingSchema, proposeMapping, type ImportMapping } from "../server/imports/mapping";
import { decodeText } from "../server/imports/text";
import { looksLikeFreeText } from "../lib/import-mapping";
import { validateRecord, type ValidationContext } from "../server/imports/validate";

async function* bytes(file: string) {
  yield fs.readFileSync(path.resolve("tests/fixtures/imports", file));
}
async function load(file: string) {
  const rows: string[][] = [];
  for await (const record of readCsvRecords(decodeText(bytes(file)))) rows.push(record);
  const detected = detectFormat(rows);
  return { rows, detected, headers: rows.slice(0, detected.headerRows), data: rows.slice(detected.headerRows) };
}

const metrics = ["nps", "csat", "ces", "review_stars"];
const scales = new Map([
  ["nps", { scaleMin: 0, scaleMax: 10, name: "NPS" }],
  ["csat", { scaleMin: 1, scaleMax: 5, name: "CSAT" }],
  ["ces", { scaleMin: 1, scaleMax: 7, name: "CES" }],
  ["review_stars", { scaleMin: 1, scaleMax: 5, name: "Review rating" }],
]);
const touchpointIds = new Map([
  ["PAY-BILL", 1],
  ["DEL-APP-MENU", 2],
]);
const locationIds = new Map([["LDN-SOHO", 7]]);

describe("proposed mappings", () => {
  it("map a Qualtrics export, with the time zone from its ImportId row and previews skipped", async () => {
    const file = await load("qualtrics.csv");
    const { mapping, missing } = proposeMapping(file.detected, file.headers, metrics);
    expect(missing).toEqual([]);
    expect(mapping).toMatchObject({
      touchpoint: { kind: "column", column: "touchpoint" },
      respondedAt: { column: "EndDate", format: "iso", timeZone: "Europe/Berlin" },
      externalId: "ResponseId",
      respondentEmail: "RecipientEmail",
      comment: "Q3",
      skipWhen: { column: "Status" },
    });
    expect(mapping.metrics).toEqual([
      { metric: "nps", column: "Q1_NPS" },
      { metric: "csat", column: "Q2" },
    ]);
    const ctx: ValidationContext = {
      keys: columnKeys(file.detected, file.headers),
      mapping: importMappingSchema.parse(mapping),
      touchpointIds,
      locationIds,
      scales,
    };
    const [first, preview] = file.data.map((record) => validateRecord(record, ctx));
    expect(first).toMatchObject({
      kind: "valid",
      response: {
        touchpointId: 1,
        nps: 9,
        csat: 5,
        externalId: "R_1a",
        respondentEmail: "ana@example.com",
        comment: 'Lovely evening,\r\nthe "bill" was clear',
      },
    });
    expect(first?.kind === "valid" && first.response.respondedAt).toEqual(new Date("2026-03-01T17:04:40Z"));
    expect(preview).toEqual({ kind: "skipped", reason: "preview, test or spam response" });
  });

  it("map a SurveyMonkey export with text answer labels and US dates", async () => {
    const file = await load("surveymonkey-utf16.csv");
    const { mapping, missing } = proposeMapping(file.detected, file.headers, metrics);
    expect(missing).toEqual([]);
    expect(mapping.touchpoint).toEqual({ kind: "column", column: "Custom Data 1" });
    expect(mapping.metrics[0]).toMatchObject({ metric: "csat", column: "How satisfied were you with your visit?" });
    const ctx: ValidationContext = {
      keys: columnKeys(file.detected, file.headers),
      mapping: importMappingSchema.parse(mapping),
      touchpointIds,
      locationIds,
      scales,
    };
    expect(validateRecord(file.data[0]!, ctx)).toMatchObject({
      kind: "valid",
      response: { csat: 5, externalId: "114000001", comment: "Great service", respondentName: "Ana" },
    });
  });

  it("map a Typeform export and skip partial responses", async () => {
    const file = await load("typeform.csv");
    const { mapping } = proposeMapping(file.detected, file.headers, metrics);
    expect(mapping.metrics).toEqual([{ metric: "ces", column: "How easy was it to order?" }]);
    const ctx: ValidationContext = {
      keys: columnKeys(file.detected, file.headers),
      mapping: importMappingSchema.parse(mapping),
      touchpointIds,
      locationIds,
      scales,
    };
    const outcomes = file.data.map((record) => validateRecord(record, ctx));
    expect(outcomes.map((o) => o.kind)).toEqual(["valid", "skipped"]);
    expect(outcomes[1]).toEqual({ kind: "skipped", reason: "partial response" });
  });

  it("say what is missing when it cannot guess", () => {
    const { missing } = proposeMapping({ format: "csv", headerRows: 1, kind: "responses" }, [["when", "score"]], metrics);
    expect(missing).toHaveLength(3);
  });
});

describe("row validation", () => {
  const keys = ["id", "touchpoint", "date", "nps", "csat", "comment"];
  const mapping: ImportMapping = {
    touchpoint: { kind: "column", column: "touchpoint" },
    respondedAt: { column: "date", format: "iso", timeZone: "UTC" },
    metrics: [
      { metric: "nps", column: "nps" },
      { metric: "csat", column: "csat", labels: { Happy: 5, Unhappy: 1 } },
    ],
    externalId: "id",
    comment: "comment",
  };
  const ctx: ValidationContext = { keys, mapping, touchpointIds, locationIds, scales };
  const row = (over: Partial<Record<(typeof keys)[number], string>>) =>
    keys.map((k) => over[k] ?? { id: "1", touchpoint: "PAY-BILL", date: "2026-03-01", nps: "9", csat: "Happy", comment: "" }[k]!);

  it("reads the site from a column, maps a file's own site code, and keeps a response with no site", () => {
    const located: ValidationContext = {
      ...ctx,
      keys: [...keys, "store"],
      mapping: { ...mapping, location: { kind: "column", column: "store" }, locationCodes: { "Store 12": "LDN-SOHO" } },
    };
    const at = (store: string) => validateRecord([...row({}), store], located);
    expect(at("LDN-SOHO")).toMatchObject({ kind: "valid", response: { locationId: 7 } });
    expect(at("Store 12")).toMatchObject({ kind: "valid", response: { locationId: 7 } });
    expect(at("")).toMatchObject({ kind: "valid", response: { locationId: null } });
    expect(at("NYC-1")).toEqual({
      kind: "rejected",
      problems: [{ column: "store", message: 'unknown location code "NYC-1"', unknownLocation: "NYC-1" }],
    });
  });

  it("keeps the content id of a row without a location as it was before locations existed", () => {
    const noId: ValidationContext = { ...ctx, mapping: { ...mapping, externalId: undefined } };
    const withEmptyLocation: ValidationContext = {
      ...noId,
      keys: [...keys, "store"],
      mapping: { ...noId.mapping, location: { kind: "column", column: "store" } },
    };
    const before = validateRecord(row({}), noId);
    const after = validateRecord([...row({}), ""], withEmptyLocation);
    expect(before.kind === "valid" && after.kind === "valid" && before.response.externalId === after.response.externalId).toBe(true);
  });

  it("rejects an NPS of 11", () => {
    expect(validateRecord(row({ nps: "11" }), ctx)).toEqual({ kind: "rejected", problems: [{ column: "nps", message: "NPS 11 is outside 0–10" }] });
  });
  it("rejects a date that is not a date", () => {
    expect(validateRecord(row({ date: "31/02/2026" }), ctx)).toEqual({
      kind: "rejected",
      problems: [{ column: "date", message: '"31/02/2026" is not a date (iso)' }],
    });
  });
  it("rejects an unknown touchpoint code", () => {
    expect(validateRecord(row({ touchpoint: "NOPE" }), ctx)).toEqual({
      kind: "rejected",
      problems: [{ column: "touchpoint", message: 'unknown touchpoint code "NOPE"', unknownCode: "NOPE" }],
    });
  });
  it("rejects a value that matches no answer label", () => {
    expect(validateRecord(row({ csat: "Kinda happy" }), ctx)).toEqual({
      kind: "rejected",
      problems: [{ column: "csat", message: '"Kinda happy" is not one of the answer labels: Happy, Unhappy' }],
    });
  });
  it("rejects a number that is not one, and lists every problem of a row at once", () => {
    const outcome = validateRecord(row({ nps: "nine", touchpoint: "" }), ctx);
    expect(outcome).toEqual({
      kind: "rejected",
      problems: [
        { column: "touchpoint", message: "no touchpoint code" },
        { column: "nps", message: '"nine" is not a number' },
      ],
    });
  });
  it("skips a row with no answers, and derives a stable id when the tool gave none", () => {
    expect(validateRecord(row({ nps: "", csat: "" }), ctx)).toEqual({ kind: "skipped", reason: "no answers" });
    const a = validateRecord(row({ id: "" }), ctx);
    const b = validateRecord(row({ id: "" }), ctx);
    expect(a.kind === "valid" && a.response.externalId).toMatch(/^h:[0-9a-f]{32}$/);
    expect(a).toEqual(b);
  });
});

describe("the comment question", () => {
  it("is proposed for Qualtrics' and Typeform's 'main reason for your score' questions", () => {
    const headers = [["id", "touchpoint", "date", "How likely are you to recommend us?", "What is the main reason for your score?"]];
    const proposal = proposeMapping(detectFormat(headers), headers, metrics);
    expect(proposal.mapping.comment).toBe("What is the main reason for your score?");
  });

  it("tells customers' words from codes, numbers and dates", () => {
    expect(looksLikeFreeText(["The bill had a charge nobody explained", "Lovely evening, slow starters", "", "Great"])).toBe(true);
    expect(looksLikeFreeText(["DEL-APP-MENU", "SVC-HOST", "BIL-BILL"])).toBe(false);
    expect(looksLikeFreeText(["9", "10", "7"])).toBe(false);
    expect(looksLikeFreeText(["2026-03-01 18:02:11", "2026-03-02 10:00:00"])).toBe(false);
    expect(looksLikeFreeText(["Very satisfied", "Satisfied"])).toBe(false);
  });
});

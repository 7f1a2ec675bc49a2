// Support-tool exports through the one import pipeline: Zendesk (tags, dropdowns, the account's time zone),
// Genesys Cloud (wrap-ups, milliseconds), Salesforce (US dates) and plain CSV — counts, rejections per row,
// duplicates across overlapping exports, idempotent re-import, revert, and the CLI's `--kind contacts`.
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectFormat } from "../server/imports/detect-format";
import { importFile } from "../server/imports/pipeline";
import { inspectFile, saveTemplate } from "../server/imports/inspect";
import { revertBatch } from "../server/responses/ingest";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";
import { cliArgs, cliCommand } from "./support/cli";

const run = promisify(execFile);
const actor = { id: null, email: "test" };
const fixture = (name: string) => path.join(__dirname, "fixtures", "contacts", name);
let database: TestDatabase;

const contactsOf = (source: string) =>
  database.db.execute<{
    externalId: string;
    occurredAt: string;
    channel: string;
    reasons: string[];
    handleSeconds: number | null;
    site: string | null;
    touchpoint: string | null;
    direction: string | null;
  }>(sql`
    select c.external_id as "externalId", to_char(c.occurred_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as "occurredAt", c.channel,
      coalesce((select array_agg(r.name order by r.name) from contact_reasons r where r.id = any(s.reason_ids)), '{}') as reasons,
      c.handle_seconds as "handleSeconds", l.code as site, t.code as touchpoint, c.direction
    from service_contacts c join contact_reason_sets s on s.id = c.reason_set_id
    left join locations l on l.id = c.location_id left join touchpoints t on t.id = c.touchpoint_id
    where c.source = ${source} order by c.external_id`);

const rolledUp = async () => (await database.db.execute<{ n: number }>(sql`select coalesce(sum(contacts), 0)::int as n from contact_monthly_rollups`))[0]!.n;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
});
afterAll(() => database.close());

describe("support-tool exports", () => {
  it("are recognised from their headers", () => {
    const header = (line: string) => [line.split(",")];
    expect(detectFormat(header("ID,Requester,Requester email,Group,Subject,Tags,Status,Via,Created at"))).toMatchObject({
      format: "zendesk",
      kind: "contacts",
    });
    expect(detectFormat(header("Conversation ID,Date,Direction,Media Type,Queue,Wrap-up,Total Handle"))).toMatchObject({ format: "genesys", kind: "contacts" });
    expect(detectFormat(header("Case Number,Case Origin,Case Reason,Subject,Date/Time Opened"))).toMatchObject({ format: "salesforce", kind: "contacts" });
    expect(detectFormat(header("contact_id,opened,channel,reason"))).toMatchObject({ format: "csv", kind: "contacts" });
    expect(detectFormat(header("id,date,nps,touchpoint,reason,channel"))).toMatchObject({ format: "csv", kind: "responses" });
  });

  it("Zendesk: asks for the account's time zone, then reads tags, dropdowns, stores and handling minutes", async () => {
    await expect(importFile(database.db, fixture("zendesk-march.csv"), { fileName: "z.csv", actor })).rejects.toThrow(/Zendesk account's time zone/);
    const summary = await importFile(database.db, fixture("zendesk-march.csv"), { fileName: "z.csv", actor, timeZone: "Europe/London" });
    expect(summary).toMatchObject({
      status: "imported",
      kind: "contacts",
      format: "zendesk",
      rowsRead: 6,
      imported: 5,
      rejected: 0,
      skipped: { "deleted ticket": 1 },
    });
    expect(summary.message).toBe("Imported 5 contacts.");
    const rows = await contactsOf("zendesk");
    expect(rows.map((r) => [r.externalId, r.occurredAt, r.channel, r.site, r.handleSeconds])).toEqual([
      ["1001", "2026-03-02 09:15", "phone", "N-LEEDS", 360],
      ["1002", "2026-03-03 23:30", "web_form", "N-YORK", 240],
      ["1003", "2026-03-05 18:40", "chat", null, 480],
      // British Summer Time began on 29 March: 23:45 in London is 22:45 UTC.
      ["1004", "2026-03-31 22:45", "email", "N-LEEDS", 750],
      ["1005", "2026-03-10 12:00", "social", null, null],
    ]);
    // Several reasons per ticket: every tag, plus the "Contact reason [list]" dropdown.
    expect(rows[3]!.reasons).toEqual(["Charge query", "charge_query", "refund"]);
    expect(rows[4]!.reasons).toEqual([]);
    expect(await rolledUp()).toBe(5);
  });

  it("Zendesk: a second export of an overlapping period adds only the new tickets; an unknown store is a rejected row", async () => {
    const options = { fileName: "overlap.csv", actor, timeZone: "Europe/London" };
    const refused = await importFile(database.db, fixture("zendesk-overlap.csv"), options);
    expect(refused).toMatchObject({ status: "refused", valid: 3, duplicates: 2, rejected: 1, unknownLocations: [{ code: "STORE-99", rows: 1 }] });
    expect(refused.rejections).toEqual([{ row: 4, column: "Store [list]", message: 'unknown location code "STORE-99"', unknownLocation: "STORE-99" }]);
    const imported = await importFile(database.db, fixture("zendesk-overlap.csv"), { ...options, validOnly: true });
    expect(imported).toMatchObject({ status: "imported", imported: 1, duplicates: 2 });
    expect((await contactsOf("zendesk")).map((r) => r.externalId)).toEqual(["1001", "1002", "1003", "1004", "1005", "1007"]);
    expect(await rolledUp()).toBe(6);
    // The same file again: nothing new.
    const again = await importFile(database.db, fixture("zendesk-march.csv"), { fileName: "z.csv", actor, timeZone: "Europe/London" });
    expect(again.status).toBe("already_imported");
  });

  it("Genesys Cloud: wrap-ups as reasons, the default wrap-up as no reason, handle time from milliseconds", async () => {
    const summary = await importFile(database.db, fixture("genesys.csv"), { fileName: "g.csv", actor, validOnly: true });
    expect(summary).toMatchObject({ status: "imported", format: "genesys", imported: 5, rejected: 1 });
    expect(summary.rejections[0]).toMatchObject({ row: 6, column: "Total Handle", message: '"forty" is not a handling time in milliseconds (0 to a day)' });
    const rows = await contactsOf("genesys");
    expect(rows.map((r) => [r.channel, r.reasons, r.handleSeconds, r.direction])).toEqual([
      ["phone", ["Charge query"], 420, "Inbound"],
      ["phone", [], 180, "Inbound"],
      ["chat", ["Where is my order"], 600, "Inbound"],
      ["phone", ["Book a table"], 120, "Outbound"],
      ["email", ["Charge query", "Refund"], 300, "Inbound"],
    ]);
    const [timeout] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from contact_reasons where name = 'ININ-WRAP-UP-TIMEOUT'`);
    expect(timeout!.n).toBe(0);
  });

  it("Salesforce: US dates with AM/PM, case origin as the channel, a blank reason as unclassified, a bad date rejected", async () => {
    const summary = await importFile(database.db, fixture("salesforce.csv"), { fileName: "s.csv", actor, validOnly: true });
    expect(summary).toMatchObject({ status: "imported", format: "salesforce", imported: 3, rejected: 1 });
    expect(summary.rejections[0]).toMatchObject({ row: 4, column: "Date/Time Opened", message: '"3/33/2026 1:00 PM" is not a date (us)' });
    expect((await contactsOf("salesforce")).map((r) => [r.externalId, r.occurredAt, r.channel, r.reasons])).toEqual([
      ["00001001", "2026-03-02 09:05", "phone", ["Charge query"]],
      ["00001002", "2026-03-02 18:40", "web_form", ["Book a table"]],
      ["00001003", "2026-03-03 11:00", "email", []],
    ]);
  });

  it("plain CSV: any columns, the tool's own touchpoint and cost, an unknown touchpoint code counted", async () => {
    const summary = await importFile(database.db, fixture("plain-contacts.csv"), { fileName: "p.csv", actor, validOnly: true });
    expect(summary).toMatchObject({
      status: "imported",
      kind: "contacts",
      format: "csv",
      imported: 3,
      rejected: 1,
      unknownCodes: [{ code: "NOPE-1", rows: 1 }],
    });
    expect((await contactsOf("csv")).map((r) => [r.externalId, r.touchpoint, r.site])).toEqual([
      ["c-1", null, "N-LEEDS"],
      ["c-2", null, null],
      ["c-3", "BIL-BILL", null],
    ]);
    const [cost] = await database.db.execute<{ cost: number }>(sql`select cost from service_contacts where external_id = 'c-2'`);
    expect(cost!.cost).toBe(2.5);
  });

  it("refuse the wrong kind in words, and revert a contacts batch with its roll-ups", async () => {
    await expect(importFile(database.db, fixture("genesys.csv"), { fileName: "g.csv", actor, kind: "responses" })).rejects.toThrow(
      "This file looks like a genesys export of service contacts, not survey responses. Import it as contacts (--kind contacts).",
    );
    const before = await rolledUp();
    const [batch] = await database.db.execute<{ id: number }>(sql`select id from import_batches where file_name = 's.csv'`);
    expect(await revertBatch(database.db, actor, batch!.id)).toBe(3);
    expect(await rolledUp()).toBe(before - 3);
    expect(await contactsOf("salesforce")).toEqual([]);
  });

  it("keep a saved contacts mapping as a template that later exports with the same columns start from", async () => {
    const preview = await importFile(database.db, fixture("genesys.csv"), { fileName: "g.csv", actor, dryRun: true, validOnly: true });
    expect(preview.kind).toBe("contacts");
    // The admin adds "Transfer" as a value meaning no reason, and saves the mapping.
    const mapping = { ...preview.mapping, unclassifiedValues: ["ININ-WRAP-UP-TIMEOUT", "Transfer"] };
    await saveTemplate(database.db, actor, { path: fixture("genesys.csv"), name: "Genesys interactions", mapping });
    const inspection = await inspectFile(database.db, fixture("genesys.csv"));
    expect(inspection).toMatchObject({
      kind: "contacts",
      template: "Genesys interactions",
      contactMapping: { unclassifiedValues: ["ININ-WRAP-UP-TIMEOUT", "Transfer"] },
    });
    // The CLI and HTTP imports find it by the file's headers too.
    const again = await importFile(database.db, fixture("genesys.csv"), { fileName: "g.csv", actor, dryRun: true, validOnly: true });
    expect(again.mapping).toMatchObject({ kind: "contacts", unclassifiedValues: ["ININ-WRAP-UP-TIMEOUT", "Transfer"] });
  });

  it("import through the CLI with --kind contacts and --time-zone, and say what they hold", async () => {
    const { stdout } = await run(
      cliCommand,
      cliArgs("import", fixture("zendesk-overlap.csv"), "--kind", "contacts", "--time-zone", "Europe/London", "--valid-only", "--dry-run"),
      { env: { ...process.env, DATABASE_URL: database.url } },
    );
    expect(stdout).toContain("zendesk export of service contacts, 4 rows read");
    expect(stdout).toContain("valid: 3 (already imported: 3)");
    expect(stdout).toMatch(/This file was imported before \(batch \d+\); nothing new to import./);
  });
});

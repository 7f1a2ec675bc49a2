// Erasure on request: one person's responses and contacts leave (by email, any case and spacing, or by external id),
// other people's stay, every roll-up equals a rebuild from the raw rows, and the audit entry holds counts, never the key.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../server/api/root";
import { evaluateAlerts } from "../server/alerts/evaluate";
import { ingestContactBatch, type ContactInput } from "../server/contacts/ingest";
import { rebuildContactRollups } from "../server/contacts/rollups";
import { DomainError } from "../server/errors";
import { erasePersonalData, type ErasureRequest } from "../server/privacy/erase";
import { rebuildRollups } from "../server/rollups/maintain";
import { createTheme } from "../server/themes/codebook";
import { alertsWorld, ingest, NOW, rule, spread, type AlertsWorld } from "./support/alerts";
import { cliArgs, cliCommand } from "./support/cli";
import { rollupTableNames as rollupTables } from "../server/rollups/forget";

// Erasure must keep every roll-up table in step, the weekly grain too.
const ALICE_COMMENT = "I want a refund for this bill";

let w: AlertsWorld;
let actor: { id: number; email: string };
let sites: number[];
let batchId: number;

beforeAll(async () => {
  w = await alertsWorld();
  actor = { id: w.people.admin.id, email: w.people.admin.email };
  sites = (await w.database.db.execute<{ id: number }>(sql`select id from locations where kind = 'site' order by code`)).map((r) => r.id);
  await createTheme(w.database.db, actor, { name: "Refunds", terms: ["refund"] });
  await rule(w, { name: "Call back", kind: "detractor_words", scopeLevel: "all", words: ["refund"] });
  const bill = w.ids["BIL-BILL"]!;
  const host = w.ids["SVC-HOST"]!;
  const at = (rows: ReturnType<typeof spread>, locationId: number | null) => rows.map((r) => ({ ...r, locationId }));
  // Alice answers on the same days, touchpoints and sites as others, so her erasure lowers shared roll-up rows.
  batchId = (
    await ingest(w, [
      ...at(
        spread(bill, "2026-03-09", 2, [{ nps: 2, csat: 1, comment: ALICE_COMMENT, respondentEmail: " Alice@Example.COM ", respondentName: "Alice" }]),
        sites[0]!,
      ),
      ...at(spread(host, "2026-03-09", 2, [{ csat: 4, comment: "A lovely welcome", respondentEmail: "alice@example.com" }]), sites[1]!),
      ...at(
        spread(bill, "2026-03-09", 2, [
          { nps: 3, csat: 2, comment: "Still waiting on my refund", respondentEmail: "bob@mail.example" },
          { nps: 9, csat: 5, comment: "Great bill, quick", respondentEmail: "carol@mail.example" },
          { nps: 7, csat: 4 },
        ]),
        sites[0]!,
      ),
      ...at(spread(host, "2026-03-09", 2, [{ csat: 5, comment: "A lovely welcome" }, { csat: 3 }]), sites[1]!),
    ])
  ).batchId;
  await ingest(w, [
    ...spread(bill, "2026-02-20", 3, [
      { nps: 9, csat: 5, respondentEmail: "ALICE@example.com" },
      { nps: 8, csat: 4, respondentEmail: "bob@mail.example" },
      { nps: 10, csat: 5, comment: "Lovely" },
    ]),
    // Someone known only by the id the survey tool gave their response (external ids below start "R_ext").
    { touchpointId: bill, respondedAt: new Date("2026-02-21T12:00:00Z"), nps: 4, csat: 2, comment: "slow refund", externalId: "R_ext42" },
  ]);
  let serial = 0;
  const contact = (over: Partial<ContactInput>): ContactInput => ({
    occurredAt: new Date("2026-03-09T10:00:00Z"),
    channel: "phone",
    reasons: ["refund"],
    externalId: `c${serial++}`,
    handleSeconds: 300,
    ...over,
  });
  await ingestContactBatch(w.database.db, { fileName: "tickets", fileHash: "tickets", sourceFormat: "test", source: "zendesk" }, [
    contact({ requesterEmail: "ALICE@example.com ", requesterName: "Alice", cost: 4.5, locationId: sites[0]! }),
    contact({ requesterEmail: "bob@mail.example", cost: 2.25, locationId: sites[0]! }),
    contact({ requesterEmail: null }),
    contact({ externalId: "R_ext42", channel: "email", handleSeconds: null }),
    contact({ occurredAt: new Date("2026-02-03T09:00:00Z"), reasons: [] }),
  ]);
  const alerts = await evaluateAlerts(w.database.db, { now: NOW, batchId });
  expect(alerts.created.map((a) => a.figures.comment)).toEqual([ALICE_COMMENT, "Still waiting on my refund"]);
  // As older cases did: the summary and the first event quoted the comment.
  const alice = alerts.created[0]!;
  await w.database.db.execute(sql`update alerts set summary = summary || ${`: "${ALICE_COMMENT}"`} where id = ${alice.id}`);
  await w.database.db.execute(
    sql`insert into alert_events (alert_id, kind, note) values (${alice.id}, 'commented', ${`Called back about: "${ALICE_COMMENT}"`})`,
  );
});
afterAll(() => w.database.close());

/** Every roll-up row, floats rounded: a sum less a delta may differ from a fresh sum in the last binary digit. */
async function rollups() {
  const tables: Record<string, unknown[]> = {};
  for (const table of rollupTables) {
    const rows = await w.database.db.execute<Record<string, unknown>>(sql`select * from ${sql.raw(table)} order by 1, 2, 3, 4, 5`);
    tables[table] = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "number" ? Number(v.toFixed(9)) : v])));
  }
  return tables;
}

async function expectRollupsMatchRebuild() {
  const kept = await rollups();
  await w.database.db.transaction(async (tx) => {
    await rebuildRollups(tx);
    await rebuildContactRollups(tx);
  });
  expect(await rollups()).toEqual(kept);
}

const ids = async (table: "survey_responses" | "service_contacts") =>
  (await w.database.db.execute<{ id: number }>(sql`select id::int from ${sql.raw(table)} order by id`)).map((r) => r.id);

async function eraseEntries() {
  return w.database.db.execute<Record<string, unknown>>(sql`select * from audit_log where action = 'personal_data.erase' order by id`);
}

async function refusal(request: ErasureRequest): Promise<DomainError> {
  const error = await erasePersonalData(w.database.db, actor, request).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("erasing a person's data on request", () => {
  it("refuses no key, both keys and a malformed email, naming the field and the fix, and writes nothing", async () => {
    const none = await refusal({ email: "  ", externalId: "" });
    expect(none.kind).toBe("invalid");
    expect(none.message).toMatch(/email or the external id/);
    expect(none.problems.map((p) => p.field)).toEqual(["email", "externalId"]);
    const both = await refusal({ email: "alice@example.com", externalId: "R_ext42" });
    expect(both.message).toMatch(/not both/);
    expect(both.problems.map((p) => p.field)).toEqual(["email", "externalId"]);
    const malformed = await refusal({ email: "alice at example" });
    expect(malformed.message).toBe("The email is not an email address; write it whole, e.g. name@example.com (a tool's id goes in the external id).");
    expect(malformed.problems).toEqual([{ field: "email", message: expect.stringMatching(/^not an email address/) }]);
    expect((await refusal({ externalId: "x".repeat(201) })).problems[0]!.field).toBe("externalId");
    expect(await eraseEntries()).toEqual([]);
  });

  it("erases every response and contact for an email in any case and spacing; other people's rows stay", async () => {
    const everyone = { responses: await ids("survey_responses"), contacts: await ids("service_contacts") };
    const hers = async (table: "survey_responses" | "service_contacts", column: string) =>
      new Set(
        (
          await w.database.db.execute<{ id: number }>(sql`select id::int from ${sql.raw(table)} where lower(btrim(${sql.raw(column)})) = 'alice@example.com'`)
        ).map((r) => r.id),
      );
    const herResponses = await hers("survey_responses", "respondent_email");
    const herContacts = await hers("service_contacts", "requester_email");
    expect([herResponses.size, herContacts.size]).toEqual([3, 1]);
    const before = await rollups();
    const result = await erasePersonalData(w.database.db, actor, { email: "  aLiCe@EXAMPLE.com\t" });
    expect(result).toMatchObject({ keyKind: "email", responses: 3, contacts: 1, alertComments: 1 });
    expect(result.summary).toBe("Erased 3 survey responses and 1 service contact for that email.");
    expect(await ids("survey_responses")).toEqual(everyone.responses.filter((id) => !herResponses.has(id)));
    expect(await ids("service_contacts")).toEqual(everyone.contacts.filter((id) => !herContacts.has(id)));
    const [left] = await w.database.db.execute<{ n: number }>(sql`
      select (select count(*) from survey_responses where respondent_email ilike '%alice%')
        + (select count(*) from service_contacts where requester_email ilike '%alice%')::int as n`);
    expect(Number(left!.n)).toBe(0);
    // Not vacuous: her answers had been counted, and the roll-ups changed.
    expect(await rollups()).not.toEqual(before);
  });

  it("leaves every roll-up equal to a full rebuild from the raw rows", async () => {
    const [totals] = await w.database.db.execute<{ responses: number; contacts: number; comments: number }>(sql`
      select (select sum(response_count)::int from touchpoint_monthly_rollups r join metric_definitions m on m.id = r.metric_id where m.code = 'csat') as responses,
        (select sum(contacts)::int from contact_monthly_rollups) as contacts,
        (select sum(comments)::int from theme_monthly_rollups where theme_id = 0 and location_id = 0) as comments`);
    // Left: batch one's 7 CSAT answers less Alice's 2 and batch two's 4 less her 1; 4 contacts of 5; 5 comments of 7.
    expect(totals).toEqual({ responses: 8, contacts: 4, comments: 5 });
    await expectRollupsMatchRebuild();
  });

  it("takes the erased comment out of the alert case it opened, which stays with the rule's words", async () => {
    const cases = await w.database.db.execute<{ response_id: number | null; summary: string; figures: Record<string, unknown>; notes: string[] }>(sql`
      select a.response_id, a.summary, a.figures, coalesce(array_agg(e.note) filter (where e.note is not null), '{}') as notes
      from alerts a left join alert_events e on e.alert_id = a.id group by a.id order by a.id`);
    expect(cases).toHaveLength(2);
    const [hers, bobs] = cases;
    expect(hers!.response_id).toBeNull();
    expect(hers!.figures).toMatchObject({ matched: ["refund"], nps: 2 });
    expect(JSON.stringify(hers)).not.toContain(ALICE_COMMENT);
    expect(hers!.notes).toContain("Called back about");
    expect(hers!.summary).toMatch(/used the words "refund"$/);
    expect(bobs!.figures.comment).toBe("Still waiting on my refund");
  });

  it("audits the request with counts and the kind of key, never the email", async () => {
    const entries = await eraseEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "personal_data.erase",
      entity_type: "personal_data",
      entity_id: null,
      actor_email: actor.email,
      before: null,
      after: { key: "email", responses: 3, contacts: 1, alertComments: 1 },
    });
    expect(JSON.stringify(entries).toLowerCase()).not.toContain("alice");
  });

  it("erasing again finds nothing and says so, without an error", async () => {
    const again = await erasePersonalData(w.database.db, actor, { email: "alice@example.com" });
    expect(again).toMatchObject({ responses: 0, contacts: 0, alertComments: 0 });
    expect(again.summary).toBe("No survey responses or service contacts matched that email; nothing was erased.");
    expect((await eraseEntries()).at(-1)!.after).toEqual({ key: "email", responses: 0, contacts: 0, alertComments: 0 });
    await expectRollupsMatchRebuild();
  });

  it("erases by external id: the response and the contact the tools gave that id, and nothing else", async () => {
    const before = { responses: (await ids("survey_responses")).length, contacts: (await ids("service_contacts")).length };
    const result = await erasePersonalData(w.database.db, actor, { externalId: " R_ext42 " });
    expect(result.summary).toBe("Erased 1 survey response and 1 service contact for that external id.");
    expect({ responses: (await ids("survey_responses")).length, contacts: (await ids("service_contacts")).length }).toEqual({
      responses: before.responses - 1,
      contacts: before.contacts - 1,
    });
    // External ids are compared exactly: the tools' ids are case-sensitive.
    expect((await erasePersonalData(w.database.db, actor, { externalId: "r_ext42" })).responses).toBe(0);
    await expectRollupsMatchRebuild();
    const entries = await eraseEntries();
    expect(entries.at(-2)!.after).toEqual({ key: "externalId", responses: 1, contacts: 1, alertComments: 0 });
    expect(JSON.stringify(entries).toLowerCase()).not.toContain("r_ext42");
  });

  it("is an admin's procedure over tRPC: a refusal is a BAD_REQUEST in words, an erasure returns the counts", async () => {
    const caller = createCaller({ db: w.database.db, user: w.people.admin });
    await expect(caller.privacy.erase({ email: "carol" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/not an email address/),
    });
    await expect(caller.privacy.erase({ email: "Carol@Mail.Example" })).resolves.toMatchObject({
      responses: 1,
      contacts: 0,
      summary: "Erased 1 survey response and 0 service contacts for that email.",
    });
    await expectRollupsMatchRebuild();
  });
  it("writes nothing at all when any part fails: the rows, the roll-ups and the audit entry commit together", async () => {
    const before = { responses: await ids("survey_responses"), contacts: await ids("service_contacts"), rollups: await rollups() };
    // The last step fails (the audit entry), after the rows and roll-ups were already changed inside the transaction.
    await w.database.db.execute(
      sql.raw(`
      create function refuse_erase_audit() returns trigger language plpgsql as $$ begin raise exception 'audit unavailable'; end $$;
      create trigger refuse_erase_audit before insert on audit_log for each row when (new.action = 'personal_data.erase') execute function refuse_erase_audit();`),
    );
    try {
      const failure = await erasePersonalData(w.database.db, actor, { email: "bob@mail.example" }).catch((e: unknown) => e as Error);
      expect((failure as Error & { cause?: Error }).cause?.message).toBe("audit unavailable");
    } finally {
      await w.database.db.execute(sql.raw(`drop trigger refuse_erase_audit on audit_log; drop function refuse_erase_audit();`));
    }
    expect({ responses: await ids("survey_responses"), contacts: await ids("service_contacts"), rollups: await rollups() }).toEqual(before);
    expect(await eraseEntries()).toHaveLength(5);
  });
});

describe("erase on the command line", () => {
  const run = promisify(execFile);
  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const child = run(cliCommand, cliArgs(...args), { env: { ...process.env, DATABASE_URL: w.database.url, NEXT_TELEMETRY_DISABLED: "1" } });
    child.child.stdin?.end();
    try {
      return { code: 0, ...(await child) };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it("erases by email and prints the counts, exit code 0", async () => {
    const result = await cli("erase", "--email", " BOB@mail.example", "--yes");
    expect(result).toMatchObject({ code: 0, stdout: "Erased 2 survey responses and 1 service contact for that email.\n" });
    await expectRollupsMatchRebuild();
  });

  it("refuses in words, with a non-zero exit, a missing key, two keys, a malformed email, and no --yes without a terminal", async () => {
    const [none, both, malformed, unconfirmed] = await Promise.all([
      cli("erase", "--yes"),
      cli("erase", "--email", "a@b.example", "--external-id", "R_1", "--yes"),
      cli("erase", "--email", "bob"),
      cli("erase", "--external-id", "R_1"),
    ]);
    expect(none).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^error: --email \/ --external-id: give one: the person's email, or the external id/),
    });
    expect(both).toMatchObject({ code: 1, stderr: expect.stringContaining("error: --email / --external-id: give only one of the two") });
    expect(malformed).toMatchObject({ code: 1, stderr: expect.stringContaining("error: --email: not an email address; write it whole") });
    expect(unconfirmed).toMatchObject({ code: 1, stderr: expect.stringContaining("Add --yes to confirm") });
    expect((await eraseEntries()).length).toBe(6);
  });
});

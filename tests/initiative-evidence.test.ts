// Comments linked to an initiative as evidence: only its touchpoint's own comments, only by whoever may change
// it (IDOR with real ids), idempotent, audited, read by every role without respondents' details, paged exactly,
// and gone with their response.
import { TRPCError } from "@trpc/server";
import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, initiativeEvidence, surveyResponses } from "../db/schema";
import { createCaller } from "../server/api/root";
import { EVIDENCE_PAGE_SIZE } from "../server/initiatives/evidence";
import { ingestBatch, revertBatch, type ResponseInput } from "../server/responses/ingest";
import { listVerbatims } from "../server/scores/verbatims";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

type People = Awaited<ReturnType<typeof seedTestModel>>;
let database: TestDatabase;
let people: People;
let hostId: number;
let billId: number;
/** Response ids by external id. */
const response: Record<string, number> = {};
let revertableBatchId: number;

const as = (user: People["owner"]) => createCaller({ db: database.db, user });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  );
const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 3, day, hour));

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
  const ids = await database.db.execute<{ id: number; code: string }>(sql`select id, code from touchpoints`);
  hostId = ids.find((t) => t.code === "SVC-HOST")!.id;
  billId = ids.find((t) => t.code === "BIL-BILL")!.id;
  const host = (externalId: string, respondedAt: Date, fields: Partial<ResponseInput>): ResponseInput => ({
    touchpointId: hostId,
    respondedAt,
    externalId,
    ...fields,
  });
  const rows: ResponseInput[] = [
    host("door", at(20), {
      comment: "We waited twenty minutes at the DOOR.",
      csat: 2,
      nps: 3,
      respondentEmail: "pat@mail.example",
      respondentName: "Pat Guest",
    }),
    host("smile", at(21), { comment: "Warm welcome, lovely smile.", csat: 5, respondentEmail: "sam@mail.example", respondentName: "Sam Guest" }),
    host("percent", at(22), { comment: "100% the slowest host stand in town.", csat: 1, ces: 2 }),
    host("silent", at(23), { csat: 3 }), // an answer without a comment: nothing to cite
    // 25 comments for paging, all within one millisecond (apart by microseconds, set below) and some sharing one.
    ...Array.from({ length: 25 }, (_, i) => host(`page${i}`, at(10), { comment: `Paging comment ${i}`, csat: 4 })),
    { touchpointId: billId, respondedAt: at(20), externalId: "bill", comment: "The service charge was a surprise at the DOOR.", nps: 2 },
  ];
  await ingestBatch(database.db, { fileName: "f", fileHash: "f", sourceFormat: "test", source: "api" }, rows);
  revertableBatchId = (
    await ingestBatch(database.db, { fileName: "g", fileHash: "g", sourceFormat: "test", source: "api" }, [
      host("later", at(24), { comment: "Imported by mistake.", csat: 2 }),
    ])
  ).batchId;
  // Timestamps a JavaScript Date cannot hold: a cursor rounded to the millisecond would skip or repeat these.
  await database.db.execute(sql`update survey_responses set responded_at = responded_at + (id % 7) * interval '1 microsecond' where external_id like 'page%'`);
  for (const row of await database.db.select({ id: surveyResponses.id, externalId: surveyResponses.externalId }).from(surveyResponses))
    response[row.externalId] = row.id;
});
afterAll(() => database.close());

async function hostInitiative(title: string) {
  return as(people.owner).initiatives.create({ touchpointId: hostId, title });
}

describe("evidence: linking and reading", () => {
  it("links and unlinks comments, and every role reads them newest first without respondents' details", async () => {
    const initiative = await hostInitiative("Greet within a minute");
    const owner = as(people.owner).initiatives;
    expect(await owner.linkEvidence({ initiativeId: initiative.id, responseId: response.door! })).toMatchObject({ linked: true, changed: true });
    await owner.linkEvidence({ initiativeId: initiative.id, responseId: response.smile! });
    await owner.linkEvidence({ initiativeId: initiative.id, responseId: response.percent! });

    const evidence = (await as(people.executive).initiatives.evidence({ initiativeId: initiative.id })).items;
    expect(evidence.map((e) => e.comment)).toEqual([
      "100% the slowest host stand in town.",
      "Warm welcome, lovely smile.",
      "We waited twenty minutes at the DOOR.",
    ]);
    expect(evidence[2]).toMatchObject({ responseId: response.door, respondedAt: at(20), nps: 3, csat: 2, ces: null, linkedByName: "Olive Owner" });
    expect(evidence[2]!.linkedAt).toBeInstanceOf(Date);
    expect(Object.keys(evidence[0]!).sort()).toEqual(["ces", "comment", "csat", "linkedAt", "linkedByName", "nps", "respondedAt", "responseId"]);
    expect(JSON.stringify(evidence)).not.toMatch(/pat@mail\.example|Pat Guest|sam@mail|Sam Guest/);

    expect(await owner.unlinkEvidence({ initiativeId: initiative.id, responseId: response.smile! })).toMatchObject({ linked: false, changed: true });
    expect((await as(people.otherOwner).initiatives.evidence({ initiativeId: initiative.id })).items.map((e) => e.responseId)).toEqual([
      response.percent,
      response.door,
    ]);
    // Another initiative on the same touchpoint has evidence of its own.
    expect((await owner.evidence({ initiativeId: (await hostInitiative("Other")).id })).items).toEqual([]);
  });

  it("links a comment once however often it is sent, and unlinking twice is no error either", async () => {
    const initiative = await hostInitiative("Idempotent");
    const link = () => as(people.owner).initiatives.linkEvidence({ initiativeId: initiative.id, responseId: response.door! });
    await link();
    expect(await link()).toMatchObject({ linked: true, changed: false });
    await Promise.all([link(), link()]);
    const rows = await database.db.select().from(initiativeEvidence).where(eq(initiativeEvidence.initiativeId, initiative.id));
    expect(rows).toHaveLength(1);
    const unlink = () => as(people.owner).initiatives.unlinkEvidence({ initiativeId: initiative.id, responseId: response.door! });
    await unlink();
    expect(await unlink()).toMatchObject({ linked: false, changed: false });
    const actions = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(initiative.id)), like(auditLog.action, "initiative.evidence.%")));
    expect(actions.map((a) => a.action)).toEqual(["initiative.evidence.link", "initiative.evidence.unlink"]);
  });

  it("refuses a comment from another touchpoint, a response without a comment, and unknown ids", async () => {
    const initiative = await hostInitiative("Only our guests");
    const bill = as(people.admin).initiatives.linkEvidence({ initiativeId: initiative.id, responseId: response.bill! });
    // Not found, like an id that does not exist: the answer must not say whose comment it is.
    await expect(bill).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.not.stringMatching(/The bill/) });
    expect(await codeOf(as(people.owner).initiatives.linkEvidence({ initiativeId: initiative.id, responseId: response.silent! }))).toBe("BAD_REQUEST");
    expect(await codeOf(as(people.owner).initiatives.linkEvidence({ initiativeId: initiative.id, responseId: 99_999_999 }))).toBe("NOT_FOUND");
    expect(await codeOf(as(people.owner).initiatives.unlinkEvidence({ initiativeId: initiative.id, responseId: 99_999_999 }))).toBe("NOT_FOUND");
    expect(await codeOf(as(people.owner).initiatives.linkEvidence({ initiativeId: 99_999, responseId: response.door! }))).toBe("NOT_FOUND");
    expect(await codeOf(as(people.executive).initiatives.evidence({ initiativeId: 99_999 }))).toBe("NOT_FOUND");
    expect(await database.db.select().from(initiativeEvidence).where(eq(initiativeEvidence.initiativeId, initiative.id))).toEqual([]);
  });

  it("audits each link and unlink, with who did it and the link itself", async () => {
    const initiative = await hostInitiative("Audited");
    await as(people.admin).initiatives.linkEvidence({ initiativeId: initiative.id, responseId: response.percent! });
    await as(people.owner).initiatives.unlinkEvidence({ initiativeId: initiative.id, responseId: response.percent! });
    const entries = await database.db
      .select({ action: auditLog.action, entityType: auditLog.entityType, actorEmail: auditLog.actorEmail, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(initiative.id)), like(auditLog.action, "initiative.evidence.%")))
      .orderBy(auditLog.id);
    expect(entries).toMatchObject([
      { action: "initiative.evidence.link", entityType: "initiative", actorEmail: "admin@test.example", before: null, after: { responseId: response.percent } },
      {
        action: "initiative.evidence.unlink",
        entityType: "initiative",
        actorEmail: "olive@test.example",
        before: { responseId: response.percent },
        after: null,
      },
    ]);
  });

  it("drops the evidence when its response is deleted (an import reverted)", async () => {
    const initiative = await hostInitiative("Cascade");
    await as(people.owner).initiatives.linkEvidence({ initiativeId: initiative.id, responseId: response.later! });
    await as(people.owner).initiatives.linkEvidence({ initiativeId: initiative.id, responseId: response.door! });
    expect((await as(people.owner).initiatives.evidence({ initiativeId: initiative.id })).items).toHaveLength(2);
    await revertBatch(database.db, { id: people.admin.id, email: people.admin.email }, revertableBatchId);
    expect((await as(people.owner).initiatives.evidence({ initiativeId: initiative.id })).items.map((e) => e.responseId)).toEqual([response.door]);
    expect(await database.db.select().from(initiativeEvidence).where(eq(initiativeEvidence.responseId, response.later!))).toEqual([]);
  });
});

describe("evidence: who may change it", () => {
  it("refuses another department's owner on someone else's initiative with real ids, and leaves the evidence alone", async () => {
    const initiative = await hostInitiative("Not Bert's");
    await as(people.owner).initiatives.linkEvidence({ initiativeId: initiative.id, responseId: response.door! });
    const bert = as(people.otherOwner).initiatives;
    expect(await codeOf(bert.evidenceCandidates({ initiativeId: initiative.id }))).toBe("FORBIDDEN");
    expect(await codeOf(bert.linkEvidence({ initiativeId: initiative.id, responseId: response.smile! }))).toBe("FORBIDDEN");
    expect(await codeOf(bert.unlinkEvidence({ initiativeId: initiative.id, responseId: response.door! }))).toBe("FORBIDDEN");
    // Refused before the response is looked at: his own touchpoint's comment does not tell him more.
    expect(await codeOf(bert.linkEvidence({ initiativeId: initiative.id, responseId: response.bill! }))).toBe("FORBIDDEN");
    // And the other way round: Olive on Bert's initiative.
    const his = await bert.create({ touchpointId: billId, title: "Explain the service charge" });
    expect(await codeOf(as(people.owner).initiatives.linkEvidence({ initiativeId: his.id, responseId: response.bill! }))).toBe("FORBIDDEN");
    expect(await codeOf(as(people.owner).initiatives.evidenceCandidates({ initiativeId: his.id }))).toBe("FORBIDDEN");
    expect(await codeOf(bert.linkEvidence({ initiativeId: his.id, responseId: response.bill! }))).toBe("OK");
    expect((await as(people.owner).initiatives.evidence({ initiativeId: initiative.id })).items.map((e) => e.responseId)).toEqual([response.door]);
  });

  it("lets an executive read the evidence but not look for, link or unlink comments; an admin may on any initiative", async () => {
    const initiative = await hostInitiative("Read only for the CCO");
    await as(people.owner).initiatives.linkEvidence({ initiativeId: initiative.id, responseId: response.door! });
    const exec = as(people.executive).initiatives;
    expect((await exec.evidence({ initiativeId: initiative.id })).items).toHaveLength(1);
    expect(await codeOf(exec.evidenceCandidates({ initiativeId: initiative.id }))).toBe("FORBIDDEN");
    expect(await codeOf(exec.linkEvidence({ initiativeId: initiative.id, responseId: response.smile! }))).toBe("FORBIDDEN");
    expect(await codeOf(exec.unlinkEvidence({ initiativeId: initiative.id, responseId: response.door! }))).toBe("FORBIDDEN");
    expect(await codeOf(as(people.admin).initiatives.unlinkEvidence({ initiativeId: initiative.id, responseId: response.door! }))).toBe("OK");
    expect((await exec.evidence({ initiativeId: initiative.id })).items).toEqual([]);
  });

  it("hides evidence from executives on a touchpoint with fewer than the minimum responses, as its comments are", async () => {
    const initiative = await as(people.otherOwner).initiatives.create({ touchpointId: billId, title: "Explain the service charge" });
    await as(people.otherOwner).initiatives.linkEvidence({ initiativeId: initiative.id, responseId: response.bill! });
    expect(await as(people.executive).initiatives.evidence({ initiativeId: initiative.id })).toMatchObject({ hidden: true, items: [] });
    expect((await as(people.otherOwner).initiatives.evidence({ initiativeId: initiative.id })).items.map((e) => e.responseId)).toEqual([response.bill]);
    // The host touchpoint has plenty of responses: the executive reads its evidence.
    expect((await as(people.executive).initiatives.evidence({ initiativeId: (await hostInitiative("Visible")).id })).hidden).toBe(false);
  });
});

describe("evidence: finding comments to link", () => {
  it("pages through the touchpoint's comments newest first, exactly once each, marking those linked", async () => {
    const initiative = await hostInitiative("Paging");
    await as(people.owner).initiatives.linkEvidence({ initiativeId: initiative.id, responseId: response.page3! });
    const expected = (
      await database.db.execute<{ id: number }>(
        sql`select id from survey_responses where touchpoint_id = ${hostId} and comment is not null order by responded_at desc, id desc`,
      )
    ).map((r) => Number(r.id));
    expect(expected.length).toBeGreaterThan(EVIDENCE_PAGE_SIZE);

    const owner = as(people.owner).initiatives;
    const first = await owner.evidenceCandidates({ initiativeId: initiative.id });
    expect(first.rows).toHaveLength(EVIDENCE_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
    const second = await owner.evidenceCandidates({ initiativeId: initiative.id, cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    // Every commented response of the host once, in order: none from the bill, none without a comment.
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(expected);
    expect([...first.rows, ...second.rows].filter((r) => r.linked).map((r) => r.id)).toEqual([response.page3]);
    expect(Object.keys(first.rows[0]!).sort()).toEqual(["ces", "comment", "csat", "id", "linked", "nps", "respondedAt"]);
  });

  it("searches the text case-insensitively and literally", async () => {
    const initiative = await hostInitiative("Searching");
    const search = (text: string) => as(people.owner).initiatives.evidenceCandidates({ initiativeId: initiative.id, search: text });
    // "door" finds the host's "DOOR", not the bill's comment that also says it.
    expect((await search("door")).rows.map((r) => r.id)).toEqual([response.door]);
    expect((await search("100%")).rows.map((r) => r.id)).toEqual([response.percent]);
    expect((await search("0%")).rows.map((r) => r.id)).toEqual([response.percent]);
    expect((await search("nobody wrote this")).rows).toEqual([]);
    // The touchpoint page's comment search finds the same ones: one search, not two that drift apart.
    for (const text of ["door", "0%", "paging comment 1"]) {
      const onThePage = await listVerbatims(
        database.db,
        { touchpointId: hostId, from: "2026-01-01", to: "2026-12-31", search: text, limit: 200 },
        { includePersonalData: false, privacyThreshold: false },
      );
      expect(onThePage.rows.map((r) => r.id).sort()).toEqual((await search(text)).rows.map((r) => r.id).sort());
    }
  });
});

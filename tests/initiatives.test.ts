// Initiatives: owners change only their own touchpoints' initiatives (IDOR with real ids), a second save from
// a stale version is refused, every change is audited, and the baseline and impact match hand-worked figures.
import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../db/schema";
import { createCaller } from "../server/api/root";
import { initiativeDetail } from "../server/initiatives/service";
import { impactWindows } from "../server/initiatives/impact";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedTestModel>>;
let hostId: number;
let billId: number;
const as = (user: Awaited<ReturnType<typeof seedTestModel>>["owner"]) => createCaller({ db: database.db, user });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  );

/** CSAT answers on the host touchpoint: `top` fives and the rest twos, one a day from `firstDay` of `month` (1-based). */
function csat(month: number, count: number, top: number, tag: string): ResponseInput[] {
  return Array.from({ length: count }, (_, i) => ({
    touchpointId: hostId,
    respondedAt: new Date(Date.UTC(2026, month - 1, 1 + (i % 28), 12)),
    csat: i < top ? 5 : 2,
    externalId: `${tag}${i}`,
  }));
}

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
  const ids = await database.db.execute<{ id: number; code: string }>(sql`select id, code from touchpoints`);
  hostId = ids.find((t) => t.code === "SVC-HOST")!.id;
  billId = ids.find((t) => t.code === "BIL-BILL")!.id;
  // Before the start (February): 40 answers, 30 of them top box → CSAT 75%. After (March): 40, 36 → 90%.
  await ingestBatch(database.db, { fileName: "f", fileHash: "f", sourceFormat: "test", source: "api" }, [...csat(2, 40, 30, "feb"), ...csat(3, 40, 36, "mar")]);
});
afterAll(() => database.close());

describe("initiatives: who may change what", () => {
  it("lets an owner create on their own touchpoint and refuses another owner's and executives' attempts through every procedure", async () => {
    const mine = await as(people.owner).initiatives.create({
      touchpointId: hostId,
      title: "Greet within a minute",
      metricCode: "csat",
      startDate: "2026-03-01",
      status: "in_progress",
    });
    const theirs = await as(people.otherOwner).initiatives.create({ touchpointId: billId, title: "Itemised bill" });
    expect(await codeOf(as(people.otherOwner).initiatives.create({ touchpointId: hostId, title: "Not mine" }))).toBe("FORBIDDEN");
    expect(await codeOf(as(people.executive).initiatives.create({ touchpointId: hostId, title: "Exec" }))).toBe("FORBIDDEN");
    // Real ids from the other department: read-for-edit, update and posting an update are all refused.
    expect(await codeOf(as(people.owner).initiatives.forEdit({ id: theirs.id }))).toBe("FORBIDDEN");
    expect(await codeOf(as(people.owner).initiatives.update({ id: theirs.id, version: theirs.version, title: "Hijacked" }))).toBe("FORBIDDEN");
    expect(await codeOf(as(people.owner).initiatives.addUpdate({ initiativeId: theirs.id, body: "hello" }))).toBe("FORBIDDEN");
    expect(await codeOf(as(people.executive).initiatives.update({ id: mine.id, version: mine.version, title: "Exec edit" }))).toBe("FORBIDDEN");
    expect(await codeOf(as(people.admin).initiatives.update({ id: theirs.id, version: theirs.version, percentComplete: 10 }))).toBe("OK");
    expect((await as(people.otherOwner).initiatives.forEdit({ id: theirs.id })).title).toBe("Itemised bill");
    // Everyone reads all of them.
    expect((await as(people.executive).initiatives.list({})).map((i) => i.title).sort()).toEqual(["Greet within a minute", "Itemised bill"]);
  });

  it("refuses the second of two saves from the same version, keeping the first", async () => {
    const created = await as(people.owner).initiatives.create({ touchpointId: hostId, title: "Warmer welcome" });
    const first = await as(people.owner).initiatives.update({ id: created.id, version: created.version, title: "Warmer welcome at the door" });
    expect(first.version).toBe(created.version + 1);
    const second = as(people.admin).initiatives.update({ id: created.id, version: created.version, title: "Overwritten" });
    await expect(second).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Someone else saved this initiative/) });
    expect((await as(people.owner).initiatives.forEdit({ id: created.id })).title).toBe("Warmer welcome at the door");
  });

  it("records every change in the audit log and a status change on the timeline", async () => {
    const created = await as(people.owner).initiatives.create({ touchpointId: hostId, title: "Queue display" });
    await as(people.owner).initiatives.update({ id: created.id, version: created.version, status: "on_hold" });
    await as(people.owner).initiatives.addUpdate({ initiativeId: created.id, body: "Waiting for the screens." });
    const actions = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, String(created.id)));
    expect(actions.map((a) => a.action)).toEqual(["initiative.create", "initiative.update", "initiative.comment"]);
    const detail = await as(people.executive).initiatives.detail({ id: created.id });
    expect(detail.updates.map((u) => [u.statusFrom, u.statusTo, u.body, u.authorName])).toEqual([
      ["not_started", "on_hold", "Status changed.", "Olive Owner"],
      [null, null, "Waiting for the screens.", "Olive Owner"],
    ]);
  });
});

describe("initiatives: baseline and impact", () => {
  it("takes the baseline from the 90 days before the start date", async () => {
    const created = await as(people.owner).initiatives.create({ touchpointId: hostId, title: "Baseline", metricCode: "csat", startDate: "2026-03-01" });
    // February's 40 answers, 30 top box: 75%.
    expect(created).toMatchObject({ baseline: 75, baselineResponseCount: 40 });
  });

  it("compares same-length windows before and after the start, with the hand-worked margin", async () => {
    const created = await as(people.owner).initiatives.create({
      touchpointId: hostId,
      title: "Impact",
      metricCode: "csat",
      startDate: "2026-03-01",
      status: "in_progress",
    });
    expect(impactWindows("2026-03-01", "2026-04-09")).toEqual({
      before: { from: "2026-01-20", to: "2026-02-28" },
      after: { from: "2026-03-01", to: "2026-04-09" },
    });
    const { impact } = await initiativeDetail(database.db, created.id, { today: "2026-04-09" });
    expect(impact.status).toBe("measured");
    if (impact.status !== "measured") return;
    expect(impact.before).toMatchObject({ status: "ok", n: 40, value: 75 });
    expect(impact.after).toMatchObject({ status: "ok", n: 40, value: 90 });
    expect(impact.change.difference).toBeCloseTo(15, 10);
    // 1.96 × 100 × √(0.75·0.25/40 + 0.9·0.1/40) = 16.325…; pooled z = 15 / (100 × √(0.825·0.175·2/40)) = 1.77 < 1.96.
    expect(impact.change.margin).toBeCloseTo(16.325, 2);
    expect(impact.change.significant).toBe(false);
  });

  it("says too early while the after window is below the minimum sample", async () => {
    const created = await as(people.owner).initiatives.create({
      touchpointId: hostId,
      title: "Late start",
      metricCode: "csat",
      startDate: "2026-03-25",
      status: "in_progress",
    });
    const { impact } = await initiativeDetail(database.db, created.id, { today: "2026-04-09" });
    // 25 March to 9 April holds 4 of the test answers (25–28 March): below the minimum of 30.
    expect(impact).toMatchObject({ status: "too_early", after: { status: "insufficient", minimum: 30 } });
    const notStarted = await initiativeDetail(database.db, created.id, { today: "2026-03-01" });
    expect(notStarted.impact.status).toBe("not_started");
  });
});

// Alerts as cases, through the router: who sees and who changes which case (an owner cannot read or change another
// department's), respondents' contact details never for executives, closing needs a root cause and the action taken,
// the SLA escalates with a fake clock, every step in the timeline, the audit log and the outbox; a case becomes an initiative.
import { sql } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../server/api/root";
import type { SessionUser } from "../server/auth/users";
import { escalateOverdue, levelDue } from "../server/alerts/escalation";
import { evaluateAlerts } from "../server/alerts/evaluate";
import { alertsWorld, ingest, NOW, rule, spread, type AlertsWorld } from "./support/alerts";

let w: AlertsWorld;
let billAlert: number;
let hostAlert: number;
const as = (user: SessionUser) => createCaller({ db: w.database.db, user });
const HOUR = 3_600_000;

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    return error instanceof TRPCError ? error.code : "NON_TRPC_ERROR";
  }
}

/** Mail and webhooks configured (nothing is sent here: the outbox is not drained), so the outbox rows are queued. */
const channels = {
  SMTP_URL: "smtp://u:p@127.0.0.1:2525",
  THROUGHLINE_WEBHOOK_URLS: "http://127.0.0.1:1/hook",
  THROUGHLINE_WEBHOOK_SECRET: "k",
};

beforeAll(async () => {
  Object.assign(process.env, channels);
  w = await alertsWorld();
  await rule(w, {
    name: "Call back",
    kind: "detractor_words",
    scopeLevel: "all",
    words: ["refund"],
    recipients: { touchpointOwner: true, ccoRole: true },
  });
  const { batchId } = await ingest(w, [
    ...spread(w.ids["BIL-BILL"]!, "2026-03-10", 1, [{ nps: 1, comment: "No refund yet.", respondentEmail: "ann@mail.example", respondentName: "Ann Patel" }]),
    ...spread(w.ids["SVC-HOST"]!, "2026-03-10", 1, [{ csat: 1, comment: "I asked for a refund at the door", respondentEmail: "bob@mail.example" }]),
  ]);
  const { created } = await evaluateAlerts(w.database.db, { now: NOW, batchId });
  [billAlert, hostAlert] = created.map((alert) => alert.id) as [number, number];
});
afterAll(async () => {
  for (const name of Object.keys(channels)) delete process.env[name];
  await w.database.close();
});

describe("opening a case", () => {
  it("assigns it to the touchpoint's owner, due by the SLA (48 hours), with its first events and audit entry", async () => {
    const bill = await as(w.people.admin).alerts.get({ id: billAlert });
    expect(bill).toMatchObject({ status: "open", assigneeName: "Bert Biller", escalationLevel: 0, departmentName: "Billing", touchpointCode: "BIL-BILL" });
    expect(bill.dueAt.getTime() - bill.createdAt.getTime()).toBe(48 * HOUR);
    expect(bill.events.map((event) => [event.kind, event.actorName])).toEqual([
      ["created", "Throughline"],
      ["assigned", "Throughline"],
    ]);
    const [audit] = await w.database.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'alert.create'`);
    expect(audit!.n).toBe(2);
  });

  it("queues an e-mail for each person the rule names and one webhook, without the respondent's contact details", async () => {
    const rows = await w.database.db.execute<{ email: string | null; channel: string; event: string; status: string; payload: Record<string, unknown> }>(sql`
      select u.email, n.channel, n.event, n.status, n.payload from alert_notifications n left join users u on u.id = n.recipient_user_id
      where n.alert_id = ${billAlert} order by n.id`);
    expect(rows.map((row) => [row.email, row.channel, row.event, row.status])).toEqual([
      ["bert@test.example", "email", "created", "pending"],
      ["exec@test.example", "email", "created", "pending"],
      [null, "webhook", "created", "pending"],
    ]);
    expect(rows[0]!.payload).toMatchObject({ id: billAlert, title: 'A detractor at The bill wrote "refund"', touchpoint: "The bill", department: "Billing" });
    expect(JSON.stringify(rows)).not.toMatch(/ann@mail|Ann Patel/);
  });
});

describe("who sees what", () => {
  it("an owner lists only their department's cases; executives and admins all; the badge counts what each sees", async () => {
    const ids = async (user: SessionUser) => (await as(user).alerts.list()).items.map((item) => item.id);
    expect(await ids(w.people.owner)).toEqual([hostAlert]);
    expect(await ids(w.people.otherOwner)).toEqual([billAlert]);
    expect((await ids(w.people.executive)).sort()).toEqual([billAlert, hostAlert].sort());
    expect(await as(w.people.owner).alerts.count()).toBe(1);
    expect(await as(w.people.admin).alerts.count()).toBe(2);
    expect((await as(w.people.admin).alerts.list({ departmentId: w.departments.Billing })).items.map((item) => item.id)).toEqual([billAlert]);
  });

  it("filters by status, rule, age and the day it opened (UTC)", async () => {
    const admin = as(w.people.admin);
    const total = async (query: Parameters<typeof admin.alerts.list>[0]) => (await admin.alerts.list(query)).total;
    const [rule] = await admin.alerts.rules();
    const ageDays = Math.floor((Date.now() - NOW.getTime()) / 86_400_000);
    expect(await total({ status: ["open", "acknowledged"] })).toBe(2);
    expect(await total({ status: ["closed"] })).toBe(0);
    expect(await total({ ruleId: rule!.id })).toBe(2);
    expect([await total({ ageDays: ageDays - 1 }), await total({ ageDays: ageDays + 1 })]).toEqual([2, 0]);
    expect([await total({ from: "2026-03-11", to: "2026-03-11" }), await total({ to: "2026-03-10" }), await total({ from: "2026-03-12" })]).toEqual([2, 0, 0]);
  });

  it("an owner cannot read or change another department's case (FORBIDDEN)", async () => {
    const olive = as(w.people.owner);
    expect(await codeOf(olive.alerts.get({ id: billAlert }))).toBe("FORBIDDEN");
    expect(await codeOf(olive.alerts.acknowledge({ id: billAlert }))).toBe("FORBIDDEN");
    expect(await codeOf(olive.alerts.close({ id: billAlert, rootCause: "x", actionTaken: "y" }))).toBe("FORBIDDEN");
    expect(await codeOf(olive.alerts.createInitiative({ id: billAlert }))).toBe("FORBIDDEN");
    expect((await as(w.people.admin).alerts.get({ id: billAlert })).status).toBe("open");
  });

  it("shows the respondent's email and name to the touchpoint's owner and admins, never to an executive", async () => {
    expect((await as(w.people.otherOwner).alerts.get({ id: billAlert })).respondent).toEqual({ name: "Ann Patel", email: "ann@mail.example" });
    expect((await as(w.people.admin).alerts.get({ id: billAlert })).respondent).toEqual({ name: "Ann Patel", email: "ann@mail.example" });
    const seenByExecutive = await as(w.people.executive).alerts.get({ id: billAlert });
    expect(seenByExecutive.respondent).toBeNull();
    expect(JSON.stringify(seenByExecutive)).not.toMatch(/ann@mail|Ann Patel/);
    expect(JSON.stringify(await as(w.people.executive).alerts.list())).not.toMatch(/ann@mail|Ann Patel|bob@mail/);
  });

  it("gives the detractor's own words to the touchpoint's owner and admins, never to an executive: not in the list, the case or its timeline", async () => {
    const words = 'A customer who answered NPS 1 at The bill on 10 Mar 2026 used the words "refund"';
    for (const reader of [w.people.otherOwner, w.people.admin]) {
      const seen = await as(reader).alerts.get({ id: billAlert });
      expect(seen).toMatchObject({ summary: words, comment: "No refund yet.", figures: { comment: "No refund yet.", matched: ["refund"] } });
    }
    const listedForBert = (await as(w.people.otherOwner).alerts.list()).items.find((item) => item.id === billAlert)!;
    expect(listedForBert.figures.comment).toBe("No refund yet.");
    const seenByExecutive = await as(w.people.executive).alerts.get({ id: billAlert });
    expect(seenByExecutive).toMatchObject({ summary: words, comment: null, figures: { nps: 1, matched: ["refund"] } });
    expect(seenByExecutive.figures).not.toHaveProperty("comment");
    expect(seenByExecutive.events[0]).toMatchObject({ kind: "created", note: words });
    const listedForExecutive = await as(w.people.executive).alerts.list();
    expect(listedForExecutive.items.map((item) => item.figures)).not.toContainEqual(expect.objectContaining({ comment: expect.anything() }));
    expect(JSON.stringify([seenByExecutive, listedForExecutive])).not.toMatch(/No refund yet|at the door/);
  });

  it("keeps the comment from executives in a case opened when its summary still quoted it", async () => {
    const quoted = 'A customer who answered NPS 1 at The bill on 2026-03-10 wrote "refund": "No refund yet."';
    await w.database.db.execute(sql`update alerts set summary = ${quoted} where id = ${billAlert}`);
    await w.database.db.execute(sql`update alert_events set note = ${quoted} where alert_id = ${billAlert} and kind = 'created'`);
    const seenByExecutive = await as(w.people.executive).alerts.get({ id: billAlert });
    expect(seenByExecutive.summary).toBe('A customer who answered NPS 1 at The bill on 2026-03-10 wrote "refund"');
    expect(JSON.stringify([seenByExecutive, await as(w.people.executive).alerts.list()])).not.toMatch(/No refund yet/);
    expect((await as(w.people.otherOwner).alerts.get({ id: billAlert })).summary).toBe(quoted);
  });
});

describe("closing the loop", () => {
  it("refuses to close without a root cause and the action taken, naming each field", async () => {
    const bert = as(w.people.otherOwner);
    const refused = await bert.alerts.close({ id: billAlert, rootCause: "  " }).catch((error: TRPCError) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("BAD_REQUEST");
    expect((refused as TRPCError).message).toBe(
      `Alert ${billAlert} cannot be closed yet: rootCause: say what caused it before closing; actionTaken: say what was done about it before closing.`,
    );
    expect((await bert.alerts.get({ id: billAlert })).status).toBe("open");
  });

  it("goes open → acknowledged → in progress → closed, each step in the timeline and the audit log", async () => {
    const bert = as(w.people.otherOwner);
    await bert.alerts.acknowledge({ id: billAlert, note: "Calling Ann today." });
    expect(await codeOf(bert.alerts.acknowledge({ id: billAlert }))).toBe("CONFLICT");
    await bert.alerts.start({ id: billAlert });
    await bert.alerts.comment({ id: billAlert, note: "Refund was stuck at the bank." });
    const closed = await bert.alerts.close({ id: billAlert, rootCause: "Refunds batched weekly", actionTaken: "Refunded; now daily" });
    expect(closed).toMatchObject({ status: "closed", rootCause: "Refunds batched weekly", actionTaken: "Refunded; now daily" });
    const detail = await as(w.people.executive).alerts.get({ id: billAlert });
    expect(detail.events.map((event) => [event.kind, event.actorName])).toEqual([
      ["created", "Throughline"],
      ["assigned", "Throughline"],
      ["acknowledged", "Bert Biller"],
      ["started", "Bert Biller"],
      ["commented", "Bert Biller"],
      ["closed", "Bert Biller"],
    ]);
    expect(detail.events.at(-1)!.note).toBe("Root cause: Refunds batched weekly\nAction taken: Refunded; now daily");
    expect(detail.acknowledgedAt).not.toBeNull();
    const actions = await w.database.db.execute<{ action: string }>(
      sql`select action from audit_log where entity_type = 'alert' and entity_id = ${String(billAlert)} order by id`,
    );
    expect(actions.map((row) => row.action)).toEqual(["alert.create", "alert.acknowledge", "alert.start", "alert.comment", "alert.close"]);
    expect(await codeOf(bert.alerts.comment({ id: billAlert, note: "again" }))).toBe("CONFLICT");
    expect(await as(w.people.otherOwner).alerts.count()).toBe(0);
  });

  it("a case becomes an initiative on its touchpoint, linked and in the timeline, once: a second convert, even at the same moment, is a CONFLICT", async () => {
    const olive = as(w.people.owner);
    const both = await Promise.allSettled([olive.alerts.createInitiative({ id: hostAlert }), olive.alerts.createInitiative({ id: hostAlert })]);
    const made = both.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    const refused = both.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
    expect(made).toHaveLength(1);
    expect(refused.map((error) => (error instanceof TRPCError ? error.code : error))).toEqual(["CONFLICT"]);
    const initiative = made[0]!;
    const counts = async () =>
      (
        await w.database.db.execute<{ initiatives: number; created: number; linked: number }>(sql`
          select (select count(*)::int from initiatives where touchpoint_id = ${w.ids["SVC-HOST"]!}) as initiatives,
            (select count(*)::int from audit_log where action = 'initiative.create') as created,
            (select count(*)::int from audit_log where action = 'alert.initiative') as linked`)
      )[0];
    expect(await counts()).toEqual({ initiatives: 1, created: 1, linked: 1 });
    expect(initiative).toMatchObject({ touchpointId: w.ids["SVC-HOST"], title: 'Follow-up: A detractor at Host greeting wrote "refund"' });
    const detail = await olive.alerts.get({ id: hostAlert });
    expect(detail.initiative).toMatchObject({ id: initiative.id });
    expect(detail.events.at(-1)).toMatchObject({ kind: "initiative_created", actorName: "Olive Owner" });
    expect(await codeOf(olive.alerts.createInitiative({ id: hostAlert }))).toBe("CONFLICT");
    expect(await counts()).toEqual({ initiatives: 1, created: 1, linked: 1 });
  });

  it("an admin hands a case to someone else, who may then act on it", async () => {
    await as(w.people.admin).alerts.assign({ id: hostAlert, assigneeId: w.people.otherOwner.id });
    expect((await as(w.people.otherOwner).alerts.list()).items.map((item) => item.id)).toContain(hostAlert);
    expect(await codeOf(as(w.people.admin).alerts.assign({ id: hostAlert, assigneeId: w.people.executive.id }))).toBe("BAD_REQUEST");
  });
});

describe("the SLA, with a fake clock", () => {
  it("levels: 0 before due, 1 from due, 2 from twice the SLA", () => {
    const created = new Date("2026-03-11T12:00:00Z");
    const due = new Date(created.getTime() + 48 * HOUR);
    expect([47, 48, 95, 96].map((h) => levelDue(created, due, new Date(created.getTime() + h * HOUR)))).toEqual([0, 1, 1, 2]);
  });

  it("escalates a case not acknowledged: to the department head after 48 hours, to the CCO role after 96; each once", async () => {
    // The host's case is still open (an initiative is not an acknowledgement); the bill's is closed.
    const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
    expect(await escalateOverdue(w.database.db, at(47))).toEqual([]);
    expect(await escalateOverdue(w.database.db, at(49))).toEqual([{ alertId: hostAlert, level: 1, title: expect.any(String) }]);
    expect(await escalateOverdue(w.database.db, at(50))).toEqual([]);
    expect(await escalateOverdue(w.database.db, at(97))).toEqual([{ alertId: hostAlert, level: 2, title: expect.any(String) }]);
    expect(await escalateOverdue(w.database.db, at(500))).toEqual([]);
    const detail = await as(w.people.admin).alerts.get({ id: hostAlert });
    expect(detail.escalationLevel).toBe(2);
    expect(detail.events.filter((event) => event.kind === "escalated").map((event) => event.note)).toEqual([
      "Not acknowledged in time: escalated to level 1, the department head.",
      "Not acknowledged in time: escalated to level 2, the CCO role.",
    ]);
    const told = await w.database.db.execute<{ email: string | null; channel: string; level: number }>(sql`
      select u.email, n.channel, (n.payload->>'escalationLevel')::int as level from alert_notifications n
      left join users u on u.id = n.recipient_user_id where n.alert_id = ${hostAlert} and n.event = 'escalated' order by n.id`);
    expect(told.map((row) => [row.email, row.channel, row.level])).toEqual([
      ["olive@test.example", "email", 1],
      [null, "webhook", 1],
      ["exec@test.example", "email", 2],
      [null, "webhook", 2],
    ]);
    const [audit] = await w.database.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'alert.escalate'`);
    expect(audit!.n).toBe(2);
  });

  it("a case left far past twice its SLA takes both steps at once; an acknowledged one never escalates", async () => {
    const { batchId } = await ingest(
      w,
      spread(w.ids["BIL-BILL"]!, "2026-03-10", 1, [
        { nps: 0, comment: "refund!" },
        { nps: 0, comment: "refund?" },
      ]),
    );
    const { created } = await evaluateAlerts(w.database.db, { now: NOW, batchId });
    const [late, acknowledged] = created.map((alert) => alert.id) as [number, number];
    await as(w.people.otherOwner).alerts.acknowledge({ id: acknowledged });
    const steps = await escalateOverdue(w.database.db, new Date(NOW.getTime() + 200 * HOUR));
    expect(steps.map((step) => [step.alertId, step.level])).toEqual([
      [late, 1],
      [late, 2],
    ]);
  });
});

describe("people told about a case", () => {
  const bill = () => w.ids["BIL-BILL"]!;

  it("a person the rule names reads the case (not the respondent) and changes it only where they may", async () => {
    await rule(w, {
      name: "Invoice questions",
      kind: "detractor_words",
      scopeLevel: "all",
      words: ["invoice"],
      recipients: { touchpointOwner: true, userIds: [w.people.owner.id] },
    });
    const { batchId } = await ingest(w, spread(bill(), "2026-03-10", 1, [{ nps: 3, comment: "Wrong invoice again", respondentEmail: "cy@mail.example" }]));
    const [named] = (await evaluateAlerts(w.database.db, { now: NOW, batchId })).created;
    const olive = as(w.people.owner);
    const seen = await olive.alerts.get({ id: named!.id });
    expect(seen).toMatchObject({ departmentName: "Billing", mayChange: false, respondent: null, comment: null });
    expect(JSON.stringify(seen)).not.toMatch(/Wrong invoice again|cy@mail/);
    expect((await olive.alerts.list()).items.map((item) => item.id)).toContain(named!.id);
    expect(await codeOf(olive.alerts.acknowledge({ id: named!.id }))).toBe("FORBIDDEN");
    expect((await as(w.people.otherOwner).alerts.get({ id: named!.id })).comment).toBe("Wrong invoice again");
  });

  it("a department head told at escalation still reads the case once someone else heads the department, and no longer changes it", async () => {
    const { batchId } = await ingest(w, spread(bill(), "2026-03-10", 1, [{ nps: 0, comment: "refund please" }]));
    const [late] = (await evaluateAlerts(w.database.db, { now: NOW, batchId })).created;
    const olive = as(w.people.owner);
    const listed = async () => (await olive.alerts.list()).items.map((item) => item.id);
    expect(await codeOf(olive.alerts.get({ id: late!.id }))).toBe("FORBIDDEN");
    expect(await listed()).not.toContain(late!.id);
    const headOfBilling = (userId: number) => w.database.db.execute(sql`update departments set head_user_id = ${userId} where id = ${w.departments.Billing!}`);
    await headOfBilling(w.people.owner.id);
    await escalateOverdue(w.database.db, new Date(NOW.getTime() + 49 * HOUR));
    await headOfBilling(w.people.otherOwner.id);
    expect((await olive.alerts.get({ id: late!.id })).mayChange).toBe(false);
    expect(await listed()).toContain(late!.id);
    expect(await codeOf(olive.alerts.acknowledge({ id: late!.id }))).toBe("FORBIDDEN");
  });
});

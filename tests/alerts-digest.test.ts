// The daily digest, mailed to a local SMTP catcher (loopback only): each person gets their own list of the cases they
// see still to resolve, once per day however often it is queued, never a respondent's words or contact details; off
// (the default) or without SMTP nothing; `alerts digest` sends it on demand.
import { execFile } from "node:child_process";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queueDigests } from "../server/alerts/digest";
import { evaluateAlerts } from "../server/alerts/evaluate";
import { cliActor } from "../server/audit";
import { closeMail } from "../server/notify/mail";
import { deliverPending } from "../server/notify/outbox";
import { writeSetting } from "../server/settings/program-settings";
import { cliArgs, cliCommand } from "./support/cli";
import { alertsWorld, ingest, NOW, rule, spread, type AlertsWorld } from "./support/alerts";

const run = promisify(execFile);
const HOUR = 3_600_000;
/** 07:10 UTC, two days and 19 hours after the cases opened (NOW): past their 48-hour SLA. */
const morning = new Date("2026-03-14T07:10:00Z");
const nextMorning = new Date(morning.getTime() + 24 * HOUR);

interface Caught {
  mail: ParsedMail;
  to: string[];
}
const caught: Caught[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (mail) => {
        caught.push({ mail, to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});

let w: AlertsWorld;
let smtpUrl = "";
let billAlert: number;
let hostAlert: number;
const savedEnv = { ...process.env };
const mailTo = (email: string) => caught.filter((c) => c.to.includes(email));
const digestRows = async () =>
  (await w.database.db.execute<{ n: number }>(sql`select count(*)::int as n from alert_notifications where event = 'digest'`))[0]!.n;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  w = await alertsWorld();
  await rule(w, { name: "Call back", kind: "detractor_words", scopeLevel: "all", words: ["refund"], recipients: { touchpointOwner: true } });
  const { batchId } = await ingest(w, [
    ...spread(w.ids["BIL-BILL"]!, "2026-03-10", 1, [
      { nps: 1, comment: "No refund yet, ring 0207 946 0999", respondentEmail: "ann@mail.example", respondentName: "Ann Patel" },
    ]),
    ...spread(w.ids["SVC-HOST"]!, "2026-03-10", 1, [{ csat: 1, comment: "I asked for a refund at the door", respondentEmail: "bob@mail.example" }]),
  ]);
  const { created } = await evaluateAlerts(w.database.db, { now: NOW, batchId });
  [billAlert, hostAlert] = created.map((alert) => alert.id) as [number, number];
  // The cases' own mails are not what this test reads.
  await w.database.db.execute(sql`delete from alert_notifications`);
});
afterAll(async () => {
  closeMail();
  await w.database.close();
  await new Promise((resolve) => smtp.close(() => resolve(null)));
});
beforeEach(async () => {
  process.env.SMTP_URL = smtpUrl;
  process.env.THROUGHLINE_PUBLIC_URL = "https://cx.test";
  caught.length = 0;
  await w.database.db.execute(sql`delete from alert_notifications`);
  await writeSetting(w.database.db, cliActor, { key: "alert_digest_hour", value: 7 });
});
afterEach(() => {
  process.env = { ...savedEnv };
});

describe("the daily digest", () => {
  it("is off by default and refuses an hour that is not 0–23 (or -1), naming the setting", async () => {
    await w.database.db.execute(sql`delete from settings where key = 'alert_digest_hour'`);
    expect(await queueDigests(w.database.db, { now: morning })).toMatchObject({ skipped: "off", queued: 0 });
    await expect(writeSetting(w.database.db, cliActor, { key: "alert_digest_hour", value: 24 })).rejects.toThrow(/^alert_digest_hour: at most 23/);
    await expect(writeSetting(w.database.db, cliActor, { key: "alert_digest_hour", value: -2 })).rejects.toThrow(/^alert_digest_hour: at least -1/);
    await expect(writeSetting(w.database.db, cliActor, { key: "alert_digest_hour", value: 7.5 })).rejects.toThrow(/^alert_digest_hour: a whole hour/);
    expect(await digestRows()).toBe(0);
  });

  it("mails each person their own list at the hour: title, what, status, age, overdue and link, without the respondent", async () => {
    const queued = await queueDigests(w.database.db, { now: morning });
    // Admin, executive and the two owners each see a case still to resolve.
    expect(queued).toEqual({ day: "2026-03-14", skipped: null, queued: 4, alreadyQueued: 0, nothingToResolve: 0 });
    expect(await deliverPending(w.database.db, { now: morning })).toMatchObject({ claimed: 4, sent: 4 });
    expect(caught.flatMap((c) => c.to).sort()).toEqual(["admin@test.example", "bert@test.example", "exec@test.example", "olive@test.example"]);

    const [bert] = mailTo("bert@test.example");
    expect(bert!.mail.subject).toBe("[Throughline] Your alerts on 14 Mar 2026: 1 alert to resolve, 1 overdue");
    expect(bert!.mail.text).toContain('- A detractor at The bill wrote "refund"\n  The bill · Open · 2 days old · OVERDUE\n');
    expect(bert!.mail.text).toContain(`https://cx.test/alerts/${billAlert}`);
    expect(bert!.mail.text).not.toContain(`https://cx.test/alerts/${hostAlert}`);
    expect(bert!.mail.html).toContain(`href="https://cx.test/alerts/${billAlert}"`);
    const [olive] = mailTo("olive@test.example");
    expect(olive!.mail.text).toContain(`https://cx.test/alerts/${hostAlert}`);
    expect(olive!.mail.text).not.toContain(`https://cx.test/alerts/${billAlert}`);
    const [exec] = mailTo("exec@test.example");
    expect(exec!.mail.subject).toBe("[Throughline] Your alerts on 14 Mar 2026: 2 alerts to resolve, 2 overdue");

    // Bert and the admin may read the respondent in the app; a mail carries none of it to anyone.
    const everything = caught.map((c) => `${c.mail.subject}\n${c.mail.text}\n${c.mail.html}`).join("\n");
    expect(everything).not.toMatch(/0207|No refund yet|at the door|ann@mail|bob@mail|Ann Patel/);
    const [payloads] = await w.database.db.execute<{ all: string }>(sql`select string_agg(payload::text, ' ') as all from alert_notifications`);
    expect(payloads!.all).not.toMatch(/0207|No refund yet|at the door|ann@mail|bob@mail|Ann Patel/);
  });

  it("is queued once per person and day, however often it runs; the next day again; not at another hour", async () => {
    expect(await queueDigests(w.database.db, { now: morning })).toMatchObject({ queued: 4 });
    expect(await queueDigests(w.database.db, { now: new Date(morning.getTime() + 20 * 60_000) })).toMatchObject({ queued: 0, alreadyQueued: 4 });
    expect(await queueDigests(w.database.db, { now: morning, anyHour: true })).toMatchObject({ queued: 0, alreadyQueued: 4 });
    expect(await queueDigests(w.database.db, { now: new Date(morning.getTime() + HOUR) })).toMatchObject({ skipped: "not the hour", queued: 0 });
    await deliverPending(w.database.db, { now: morning });
    expect(caught).toHaveLength(4);
    expect(await deliverPending(w.database.db, { now: new Date(morning.getTime() + HOUR) })).toMatchObject({ claimed: 0 });
    expect(caught).toHaveLength(4);
    expect(await queueDigests(w.database.db, { now: nextMorning })).toMatchObject({ day: "2026-03-15", queued: 4 });
    expect(await digestRows()).toBe(8);
  });

  it("two servers queueing at the same moment still queue one per person", async () => {
    const [a, b] = await Promise.all([queueDigests(w.database.db, { now: morning }), queueDigests(w.database.db, { now: morning })]);
    expect(a.queued + b.queued).toBe(4);
    expect(await digestRows()).toBe(4);
  });

  it("leaves out closed cases, and people with nothing to resolve get no mail", async () => {
    await w.database.db.execute(sql`update alerts set status = 'closed', closed_at = now() where id = ${billAlert}`);
    try {
      expect(await queueDigests(w.database.db, { now: morning })).toMatchObject({ queued: 3, nothingToResolve: 1 });
      await deliverPending(w.database.db, { now: morning });
      expect(mailTo("bert@test.example")).toEqual([]);
      expect(mailTo("exec@test.example")[0]!.mail.subject).toBe("[Throughline] Your alerts on 14 Mar 2026: 1 alert to resolve, 1 overdue");
    } finally {
      await w.database.db.execute(sql`update alerts set status = 'open', closed_at = null where id = ${billAlert}`);
    }
  });

  it("sends nothing when off, or without SMTP_URL", async () => {
    await writeSetting(w.database.db, cliActor, { key: "alert_digest_hour", value: -1 });
    expect(await queueDigests(w.database.db, { now: morning })).toMatchObject({ skipped: "off", queued: 0 });
    expect(await queueDigests(w.database.db, { now: morning, anyHour: true })).toMatchObject({ skipped: "off", queued: 0 });
    await writeSetting(w.database.db, cliActor, { key: "alert_digest_hour", value: 7 });
    delete process.env.SMTP_URL;
    expect(await queueDigests(w.database.db, { now: morning })).toMatchObject({ skipped: "no SMTP", queued: 0 });
    expect(await digestRows()).toBe(0);
    await deliverPending(w.database.db, { now: morning });
    expect(caught).toHaveLength(0);
  });

  it("`alerts digest --now` sends it on demand at any hour, once a day, and refuses a bad --now naming it", async () => {
    const env = { ...process.env, DATABASE_URL: w.database.url };
    const at = "2026-03-14T15:00:00Z";
    const first = await run(cliCommand, cliArgs("alerts", "digest", "--now", at), { env });
    expect(first.stdout).toBe(
      "Digest for 2026-03-14: queued 4 e-mails; 0 people with nothing to resolve.\nDelivered what was due: 4 sent, 0 to retry, 0 failed.\n",
    );
    expect(caught).toHaveLength(4);
    const second = await run(cliCommand, cliArgs("alerts", "digest", "--now", at, "--json"), { env });
    expect(JSON.parse(second.stdout)).toMatchObject({ day: "2026-03-14", queued: 0, alreadyQueued: 4, delivered: null });
    expect(caught).toHaveLength(4);
    const refused = await run(cliCommand, cliArgs("alerts", "digest", "--now", "yesterday"), { env }).catch((e: { code: number; stderr: string }) => e);
    expect((refused as { code: number }).code).toBe(1);
    expect((refused as { stderr: string }).stderr).toContain("--now yesterday: use an ISO 8601 moment");
  });
});

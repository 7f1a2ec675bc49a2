// Telling people outside the app: mail to a local SMTP catcher, signed and timestamped webhooks to a local HTTP receiver
// (loopback only), retries with backoff, and the alert_notifications outbox queued (only for the channels configured,
// never with a respondent's words) and delivered against a real database with a fake clock.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { alertNotifications, alertRules, alerts, users } from "../db/schema";
import { queueNotifications, type NotificationMessage } from "../server/alerts/outbox";
import { configuredChannels, mailSettings, publicUrl, webhookSettings } from "../server/notify/config";
import { alertMail, closeMail, sendMail, type AlertMailData } from "../server/notify/mail";
import { deliverPending } from "../server/notify/outbox";
import { maxAttempts, nextAttemptAt, postWebhook, signBody, verifySignature, webhookTimeoutMs } from "../server/notify/webhook";
import { createTestDatabase, type TestDatabase } from "./support/database";

const secret = "test-webhook-secret";
const alert: AlertMailData = {
  id: 42,
  title: "Dine-in NPS dropped",
  entity: "Dine-in visit",
  touchpoint: "Dine-in visit",
  department: "Restaurants",
  status: "open",
  due: "2026-03-04T14:00:00.000Z",
  escalationLevel: 0,
  ruleName: "Dine-in NPS drop",
  kind: "metric_drop",
};
/** What an older outbox row may still hold beside the fields: a detractor's words, which must never leave the app. */
const respondentWords = { fired: 'A customer wrote "refund": "Rang 0207 946 0999, nobody called back"', figures: { comment: "Rang 0207 946 0999" } };
const unixNow = () => Math.floor(Date.now() / 1000);

// --- a local SMTP catcher --------------------------------------------------------------------------------------------
interface Caught {
  mail: ParsedMail;
  envelopeTo: string[];
  user: string | null;
}
const caught: Caught[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  // Plain loopback: no certificate to trust.
  disabledCommands: ["STARTTLS"],
  logger: false,
  onAuth(auth, _session, callback) {
    if (auth.username === "catcher" && auth.password === "s3cret") callback(null, { user: auth.username });
    else callback(new Error("wrong credentials"));
  },
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (mail) => {
        caught.push({ mail, envelopeTo: session.envelope.rcptTo.map((r) => r.address), user: (session.user as string | undefined) ?? null });
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});

// --- a local webhook receiver ----------------------------------------------------------------------------------------
interface Received {
  body: string;
  headers: http.IncomingHttpHeaders;
}
const received: Received[] = [];
let answer: (n: number) => number = () => 200;
const receiver = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    received.push({ body: Buffer.concat(chunks).toString("utf8"), headers: request.headers });
    if (request.url === "/silent") return; // never answers: the sender must give up on its own
    response.writeHead(answer(received.length)).end();
  });
});

let smtpPort = 0;
let receiverUrl = "";
const savedEnv = { ...process.env };

function listen(server: { listen: (port: number, host: string, done: () => void) => unknown }): Promise<void> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
}

beforeAll(async () => {
  await listen(smtp);
  smtpPort = (smtp.server.address() as AddressInfo).port;
  await listen(receiver);
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  closeMail();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await new Promise((resolve) => smtp.close(() => resolve(null)));
});
beforeEach(() => {
  for (const name of ["SMTP_URL", "SMTP_FROM", "THROUGHLINE_WEBHOOK_URLS", "THROUGHLINE_WEBHOOK_SECRET", "THROUGHLINE_PUBLIC_URL"]) delete process.env[name];
  caught.length = 0;
  received.length = 0;
  answer = () => 200;
});
afterEach(() => {
  process.env = { ...savedEnv };
});

const toAddresses = (to: AddressObject | AddressObject[] | undefined) => [to ?? []].flat().flatMap((a) => a.value.map((v) => v.address));

describe("settings", () => {
  it("refuses a wrong setting naming the variable, and never echoes its value", () => {
    expect(mailSettings({})).toBeNull();
    expect(mailSettings({ SMTP_URL: "smtp://u:p@127.0.0.1:2525" })).toEqual({ url: "smtp://u:p@127.0.0.1:2525", from: "Throughline <throughline@localhost>" });
    expect(() => mailSettings({ SMTP_URL: "http://u:hunter2@mail" })).toThrow(/^SMTP_URL: use smtp:\/\//);
    expect(() => mailSettings({ SMTP_URL: "http://u:hunter2@mail" })).not.toThrow(/hunter2/);
    expect(webhookSettings({})).toBeNull();
    expect(() => webhookSettings({ THROUGHLINE_WEBHOOK_URLS: "http://127.0.0.1:1/hook" })).toThrow(/THROUGHLINE_WEBHOOK_SECRET: set it/);
    expect(() => webhookSettings({ THROUGHLINE_WEBHOOK_URLS: "http://127.0.0.1:1/a,ftp://x", THROUGHLINE_WEBHOOK_SECRET: "k" })).toThrow(
      /THROUGHLINE_WEBHOOK_URLS: use an http/,
    );
    expect(webhookSettings({ THROUGHLINE_WEBHOOK_URLS: " http://127.0.0.1:1/a , https://hooks.test/b ", THROUGHLINE_WEBHOOK_SECRET: "k" })).toEqual({
      urls: ["http://127.0.0.1:1/a", "https://hooks.test/b"],
      secret: "k",
    });
    expect(publicUrl({})).toBe("http://localhost:3000");
    expect(publicUrl({ PORT: "8080" })).toBe("http://localhost:8080");
    expect(publicUrl({ THROUGHLINE_PUBLIC_URL: "https://cx.example.com/" })).toBe("https://cx.example.com");
    expect(() => publicUrl({ THROUGHLINE_PUBLIC_URL: "cx.example.com" })).toThrow(/THROUGHLINE_PUBLIC_URL/);
  });

  it("says which channels are configured; a wrong setting counts as set, so its rows wait and say what to fix", () => {
    expect(configuredChannels({})).toEqual({ email: false, webhook: false });
    expect(configuredChannels({ SMTP_URL: " ", THROUGHLINE_WEBHOOK_URLS: "" })).toEqual({ email: false, webhook: false });
    expect(configuredChannels({ SMTP_URL: "smtp://127.0.0.1:2525" })).toEqual({ email: true, webhook: false });
    expect(configuredChannels({ SMTP_URL: "http://wrong", THROUGHLINE_WEBHOOK_URLS: "http://127.0.0.1:1/hook" })).toEqual({ email: true, webhook: true });
  });
});

describe("mail", () => {
  it("is a no-op that says why without SMTP_URL", async () => {
    expect(await sendMail({ to: ["ana@test.example"], subject: "s", text: "t" })).toEqual({ sent: false, reason: "SMTP_URL is not set" });
  });

  it("words an alert's creation and escalation, with the case's link", () => {
    const created = alertMail(alert, "created", "https://cx.example.com/");
    expect(created.subject).toBe("[Throughline] New alert: Dine-in NPS dropped");
    expect(created.text).toContain("Open the case: https://cx.example.com/alerts/42");
    expect(created.text).toContain("Due: 4 Mar 2026, 14:00 UTC");
    expect(created.text).toContain("Escalation: not escalated");
    expect(created.text).toContain("Rule: Dine-in NPS drop");
    // The touchpoint says where it is; a stage's case says what it is about.
    expect(created.text).not.toContain("About:");
    expect(alertMail({ ...alert, entity: "Dinner › Pay", touchpoint: null }, "created", "https://cx.example.com").text).toContain("About: Dinner › Pay");
    const older = alertMail({ ...alert, ...respondentWords } as AlertMailData, "created", "https://cx.example.com");
    expect(older.text + older.html).not.toMatch(/0207|nobody called/);
    expect(created.html).toContain('<a href="https://cx.example.com/alerts/42">');
    const escalated = alertMail({ ...alert, escalationLevel: 2, title: "<b>Refund</b> & more" }, "escalated", "https://cx.example.com");
    expect(escalated.subject).toBe("[Throughline] Escalated to the CCO: <b>Refund</b> & more");
    expect(escalated.text).toContain("now escalated to the CCO");
    expect(escalated.html).toContain("&lt;b&gt;Refund&lt;/b&gt; &amp; more");
    expect(escalated.html).not.toContain("<b>Refund");
  });

  it("sends an alert mail through SMTP", async () => {
    process.env.SMTP_URL = `smtp://catcher:s3cret@127.0.0.1:${smtpPort}`;
    process.env.SMTP_FROM = "CX alerts <alerts@test.example>";
    const result = await sendMail({ to: ["ana@test.example", "bo@test.example"], ...alertMail(alert, "created", "http://cx.test") });
    expect(result).toMatchObject({ sent: true, accepted: ["ana@test.example", "bo@test.example"] });
    expect(caught).toHaveLength(1);
    const { mail, envelopeTo, user } = caught[0]!;
    expect(user).toBe("catcher");
    expect(envelopeTo).toEqual(["ana@test.example", "bo@test.example"]);
    expect(toAddresses(mail.to)).toEqual(["ana@test.example", "bo@test.example"]);
    expect(mail.from?.value[0]?.address).toBe("alerts@test.example");
    expect(mail.subject).toBe("[Throughline] New alert: Dine-in NPS dropped");
    expect(mail.text).toContain("http://cx.test/alerts/42");
    expect(mail.html).toContain('href="http://cx.test/alerts/42"');
  });

  it("throws when the SMTP server refuses", async () => {
    process.env.SMTP_URL = `smtp://catcher:wrong@127.0.0.1:${smtpPort}`;
    await expect(sendMail({ to: ["ana@test.example"], subject: "s", text: "t" })).rejects.toThrow(/535 wrong credentials/);
    expect(caught).toHaveLength(0);
  });
});

describe("webhooks", () => {
  it("posts signed, timestamped JSON that verifies with the secret and not with another", async () => {
    const before = unixNow();
    const result = await postWebhook(`${receiverUrl}/hook`, secret, { event: "alert.created", id: 7, payload: { title: "ü ✓" } }, { deliveryId: 7 });
    expect(result).toEqual({ ok: true, status: 200, error: null });
    expect(received).toHaveLength(1);
    const { body, headers } = received[0]!;
    expect(JSON.parse(body)).toEqual({ event: "alert.created", id: 7, payload: { title: "ü ✓" } });
    expect(headers["content-type"]).toBe("application/json");
    expect(headers["x-throughline-event"]).toBe("alert.created");
    expect(headers["x-throughline-delivery"]).toBe("7");
    const timestamp = headers["x-throughline-timestamp"] as string;
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(timestamp)).toBeLessThanOrEqual(unixNow());
    const signature = headers["x-throughline-signature"] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    // The signature covers "<timestamp>.<raw body>", as the README's receiver computes it.
    expect(signature).toBe(signBody(secret, body, timestamp));
    expect(signature).not.toBe(`sha256=${(await import("node:crypto")).createHmac("sha256", secret).update(body).digest("hex")}`);
    expect(verifySignature(secret, body, signature, timestamp)).toBe(true);
    expect(verifySignature(secret, Buffer.from(body, "utf8"), signature, timestamp)).toBe(true);
    expect(verifySignature("another-secret", body, signature, timestamp)).toBe(false);
    expect(verifySignature(secret, body.replace("7", "8"), signature, timestamp)).toBe(false);
    expect(verifySignature(secret, body, signature, String(Number(timestamp) - 1))).toBe(false);
    expect(verifySignature(secret, body, signature, undefined)).toBe(false);
    expect(verifySignature(secret, body, signature, "1e9")).toBe(false);
    expect(verifySignature(secret, body, undefined, timestamp)).toBe(false);
    expect(verifySignature(secret, body, "sha256=abc", timestamp)).toBe(false);
  });

  it("refuses a replay: a well-signed delivery whose timestamp is older (or further ahead) than the tolerance", () => {
    const body = JSON.stringify({ event: "alert.created", id: 9 });
    const sentAt = new Date("2026-03-02T09:00:00Z");
    const timestamp = Math.floor(sentAt.getTime() / 1000);
    const signature = signBody(secret, body, timestamp);
    const at = (seconds: number) => ({ now: new Date(sentAt.getTime() + seconds * 1000) });
    expect(verifySignature(secret, body, signature, timestamp, at(0))).toBe(true);
    expect(verifySignature(secret, body, signature, String(timestamp), at(300))).toBe(true);
    expect(verifySignature(secret, body, signature, timestamp, at(301))).toBe(false);
    expect(verifySignature(secret, body, signature, timestamp, at(-301))).toBe(false);
    expect(verifySignature(secret, body, signature, timestamp, { ...at(3600), toleranceSeconds: 7200 })).toBe(true);
    expect(verifySignature(secret, body, signature, timestamp, { ...at(61), toleranceSeconds: 60 })).toBe(false);
    // Without `now`, the real clock: a delivery signed ten minutes ago is stale.
    const tenMinutesAgo = unixNow() - 600;
    expect(verifySignature(secret, body, signBody(secret, body, tenMinutesAgo), tenMinutesAgo)).toBe(false);
    expect(verifySignature(secret, body, signBody(secret, body, unixNow()), unixNow())).toBe(true);
  });

  it("reports a refusal, an unreachable receiver and a silent one without throwing", async () => {
    answer = () => 500;
    expect(await postWebhook(`${receiverUrl}/hook`, secret, { event: "alert.created" }, { deliveryId: 1 })).toEqual({
      ok: false,
      status: 500,
      error: "answered HTTP 500",
    });
    const closed = http.createServer();
    await listen(closed);
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hook`;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await postWebhook(closedUrl, secret, { event: "alert.created" }, { deliveryId: 1 });
    expect(unreachable).toMatchObject({ ok: false, status: null });
    expect(unreachable.error).toMatch(/ECONNREFUSED/);
    const started = Date.now();
    expect(await postWebhook(`${receiverUrl}/silent`, secret, { event: "alert.created" }, { deliveryId: 1 })).toEqual({
      ok: false,
      status: null,
      error: "no answer within 5 s",
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(webhookTimeoutMs - 100);
  });

  it("backs off 1 min, 5 min, 30 min, 2 h, then gives up after the 5th attempt", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const minutesLater = (attempts: number) => ((nextAttemptAt(attempts, now)?.getTime() ?? NaN) - now.getTime()) / 60_000;
    expect([1, 2, 3, 4].map(minutesLater)).toEqual([1, 5, 30, 120]);
    expect(maxAttempts).toBe(5);
    expect(nextAttemptAt(5, now)).toBeNull();
    expect(nextAttemptAt(9, now)).toBeNull();
    expect(() => nextAttemptAt(0, now)).toThrow(/attempts/);
  });
});

describe("the outbox", () => {
  let database: TestDatabase;
  let ana: number;
  let bo: number;
  let alertId: number;
  const t0 = new Date("2026-03-02T09:00:00Z");
  const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

  beforeAll(async () => {
    database = await createTestDatabase();
    const [rule] = await database.db
      .insert(alertRules)
      .values({
        name: "Dine-in NPS drop",
        kind: "metric_drop",
        scopeLevel: "touchpoint",
        recipients: { touchpointOwner: true, departmentHead: false, ccoRole: false, userIds: [] },
      })
      .returning({ id: alertRules.id });
    const [opened] = await database.db
      .insert(alerts)
      .values({
        ruleId: rule!.id,
        kind: "metric_drop",
        entityLevel: "touchpoint",
        entityId: 1,
        entityKey: "touchpoint:1",
        periodKey: "week:2026-W09",
        entityName: "Dine-in visit",
        title: alert.title,
        summary: "NPS fell from 48 to 31 week over week (significant, p = 0.003)",
        figures: {},
        dueAt: new Date(alert.due as string),
      })
      .returning({ id: alerts.id });
    alertId = opened!.id;
    const made = await database.db
      .insert(users)
      .values([
        { email: "ana@test.example", name: "Ana", role: "owner" },
        { email: "bo@test.example", name: "Bo", role: "owner", active: false },
      ])
      .returning({ id: users.id });
    [ana, bo] = made.map((u) => u.id) as [number, number];
  });
  afterAll(() => database.close());
  beforeEach(() => database.db.delete(alertNotifications));

  async function enqueue(row: {
    channel: "email" | "webhook";
    event?: "created" | "escalated" | "digest";
    recipient?: number | null;
    payload?: Record<string, unknown>;
    attempts?: number;
    at?: Date;
  }) {
    const [inserted] = await database.db
      .insert(alertNotifications)
      .values({
        alertId,
        recipientUserId: row.recipient ?? null,
        channel: row.channel,
        event: row.event ?? "created",
        payload: row.payload ?? { ...alert, id: alertId },
        attempts: row.attempts ?? 0,
        nextAttemptAt: row.at ?? t0,
      })
      .returning({ id: alertNotifications.id });
    return inserted!.id;
  }
  async function state(id: number) {
    const [row] = await database.db
      .select({
        status: alertNotifications.status,
        attempts: alertNotifications.attempts,
        nextAttemptAt: alertNotifications.nextAttemptAt,
        lastError: alertNotifications.lastError,
        sentAt: alertNotifications.sentAt,
      })
      .from(alertNotifications)
      .where(eq(alertNotifications.id, id));
    return { ...row!, nextAttemptAt: row!.nextAttemptAt.toISOString(), sentAt: row!.sentAt?.toISOString() ?? null };
  }

  it("mails the recipient user, and fails what cannot be mailed with the reason", async () => {
    process.env.SMTP_URL = `smtp://catcher:s3cret@127.0.0.1:${smtpPort}`;
    process.env.THROUGHLINE_PUBLIC_URL = "https://cx.test";
    const toAna = await enqueue({ channel: "email", recipient: ana, event: "escalated", payload: { ...alert, id: alertId, escalationLevel: 1 } });
    const toBo = await enqueue({ channel: "email", recipient: bo });
    const toNobody = await enqueue({ channel: "email", recipient: null });
    const notAnAlert = await enqueue({ channel: "email", recipient: ana, payload: { id: "x" } });
    const notADigest = await enqueue({ channel: "email", recipient: ana, event: "digest" });
    const later = await enqueue({ channel: "email", recipient: ana, at: minutes(10) });

    expect(await deliverPending(database.db, { now: t0 })).toEqual({ claimed: 5, sent: 1, retrying: 0, failed: 4 });
    expect(caught).toHaveLength(1);
    expect(caught[0]!.envelopeTo).toEqual(["ana@test.example"]);
    expect(caught[0]!.mail.subject).toBe("[Throughline] Escalated to the department head: Dine-in NPS dropped");
    expect(caught[0]!.mail.text).toContain(`https://cx.test/alerts/${alertId}`);
    expect(await state(toAna)).toMatchObject({ status: "sent", attempts: 1, lastError: null, sentAt: t0.toISOString() });
    expect(await state(toBo)).toMatchObject({ status: "failed", lastError: "not sent: the recipient's account is deactivated" });
    expect(await state(toNobody)).toMatchObject({ status: "failed", lastError: "not sent: the notification names no recipient user" });
    expect((await state(notAnAlert)).lastError).toMatch(/^not sent: the payload is not an alert \(id: /);
    expect(await state(notADigest)).toMatchObject({ status: "failed", sentAt: null });
    expect((await state(notADigest)).lastError).toMatch(/^not sent: the payload is not a digest \(day: /);
    expect(await state(later)).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: minutes(10).toISOString() });
  });

  it("without SMTP_URL fails mail rows saying so, and sends nothing", async () => {
    const id = await enqueue({ channel: "email", recipient: ana });
    expect(await deliverPending(database.db, { now: t0 })).toMatchObject({ claimed: 1, failed: 1 });
    expect(await state(id)).toMatchObject({ status: "failed", lastError: "not sent: SMTP_URL is not set (the alert is in the app only)" });
    expect(caught).toHaveLength(0);
  });

  it("retries a mail the SMTP server refused", async () => {
    process.env.SMTP_URL = `smtp://catcher:wrong@127.0.0.1:${smtpPort}`;
    const id = await enqueue({ channel: "email", recipient: ana });
    expect(await deliverPending(database.db, { now: t0 })).toMatchObject({ claimed: 1, retrying: 1 });
    expect(await state(id)).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: minutes(1).toISOString() });
    expect((await state(id)).lastError).toMatch(/535 wrong credentials/);
  });

  it("retries a receiver answering 500 twice with backoff, then marks it sent", async () => {
    process.env.THROUGHLINE_WEBHOOK_URLS = `${receiverUrl}/hook`;
    process.env.THROUGHLINE_WEBHOOK_SECRET = secret;
    answer = (n) => (n <= 2 ? 500 : 200);
    const id = await enqueue({ channel: "webhook", event: "created" });

    expect(await deliverPending(database.db, { now: t0 })).toMatchObject({ claimed: 1, retrying: 1 });
    expect(await state(id)).toEqual({
      status: "pending",
      attempts: 1,
      nextAttemptAt: minutes(1).toISOString(),
      lastError: `${receiverUrl}/hook: answered HTTP 500`,
      sentAt: null,
    });
    // Not due yet: nothing is sent.
    expect(await deliverPending(database.db, { now: minutes(0.5) })).toMatchObject({ claimed: 0 });
    expect(received).toHaveLength(1);

    expect(await deliverPending(database.db, { now: minutes(1) })).toMatchObject({ claimed: 1, retrying: 1 });
    expect(await state(id)).toMatchObject({ status: "pending", attempts: 2, nextAttemptAt: minutes(6).toISOString() });

    expect(await deliverPending(database.db, { now: minutes(6) })).toMatchObject({ claimed: 1, sent: 1 });
    expect(await state(id)).toMatchObject({ status: "sent", attempts: 3, lastError: null, sentAt: minutes(6).toISOString() });
    expect(received).toHaveLength(3);
    for (const { body, headers } of received) {
      expect(JSON.parse(body)).toEqual({
        event: "alert.created",
        id,
        alertId,
        payload: { ...alert, id: alertId, link: `http://localhost:3000/alerts/${alertId}` },
      });
      expect(headers["x-throughline-event"]).toBe("alert.created");
      expect(verifySignature(secret, body, headers["x-throughline-signature"] as string, headers["x-throughline-timestamp"] as string)).toBe(true);
    }
    // One delivery, however many attempts: the receiver tells a repeat by it.
    expect(received.map((r) => r.headers["x-throughline-delivery"])).toEqual([String(id), String(id), String(id)]);
  });

  it("posts only the case's fields and link: never a summary or figures an older row still holds", async () => {
    process.env.THROUGHLINE_WEBHOOK_URLS = `${receiverUrl}/hook`;
    process.env.THROUGHLINE_WEBHOOK_SECRET = secret;
    process.env.THROUGHLINE_PUBLIC_URL = "https://cx.test";
    const id = await enqueue({ channel: "webhook", payload: { ...alert, id: alertId, ...respondentWords } });
    expect(await deliverPending(database.db, { now: t0 })).toMatchObject({ claimed: 1, sent: 1 });
    const body = JSON.parse(received[0]!.body) as { payload: Record<string, unknown> };
    expect(Object.keys(body.payload).sort()).toEqual(
      ["department", "due", "entity", "escalationLevel", "id", "kind", "link", "ruleName", "status", "title", "touchpoint"].sort(),
    );
    expect(body.payload.link).toBe(`https://cx.test/alerts/${alertId}`);
    expect(received[0]!.body).not.toMatch(/0207|nobody called|comment/);
    expect(await state(id)).toMatchObject({ status: "sent" });
  });

  it("gives up after the 5th failed attempt", async () => {
    process.env.THROUGHLINE_WEBHOOK_URLS = `${receiverUrl}/hook`;
    process.env.THROUGHLINE_WEBHOOK_SECRET = secret;
    answer = () => 503;
    const id = await enqueue({ channel: "webhook", attempts: 4 });
    expect(await deliverPending(database.db, { now: t0 })).toMatchObject({ claimed: 1, failed: 1 });
    expect(await state(id)).toMatchObject({ status: "failed", attempts: 5, lastError: `${receiverUrl}/hook: answered HTTP 503` });
    expect(await deliverPending(database.db, { now: minutes(24 * 60) })).toMatchObject({ claimed: 0 });
  });

  it("keeps a webhook pending while its secret is missing, naming the variable", async () => {
    process.env.THROUGHLINE_WEBHOOK_URLS = `${receiverUrl}/hook`;
    const id = await enqueue({ channel: "webhook" });
    expect(await deliverPending(database.db, { now: t0 })).toMatchObject({ claimed: 1, retrying: 1 });
    expect((await state(id)).lastError).toMatch(/^THROUGHLINE_WEBHOOK_SECRET: set it/);
    expect(received).toHaveLength(0);
  });

  it("hands each due row to one worker only when several run at once", async () => {
    process.env.THROUGHLINE_WEBHOOK_URLS = `${receiverUrl}/hook`;
    process.env.THROUGHLINE_WEBHOOK_SECRET = secret;
    const ids = await Promise.all(Array.from({ length: 12 }, () => enqueue({ channel: "webhook" })));
    const workers = await Promise.all(Array.from({ length: 4 }, () => deliverPending(database.db, { now: t0 })));
    expect(workers.reduce((sum, w) => sum + w.claimed, 0)).toBe(12);
    expect(workers.reduce((sum, w) => sum + w.sent, 0)).toBe(12);
    expect(received.map((r) => (JSON.parse(r.body) as { id: number }).id).sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
  });

  it("skips a row another worker holds instead of waiting for it", async () => {
    process.env.THROUGHLINE_WEBHOOK_URLS = `${receiverUrl}/hook`;
    process.env.THROUGHLINE_WEBHOOK_SECRET = secret;
    const held = await enqueue({ channel: "webhook" });
    const free = await enqueue({ channel: "webhook" });
    await database.db.transaction(async (tx) => {
      await tx.select().from(alertNotifications).where(eq(alertNotifications.id, held)).for("update");
      const waited = new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 5_000));
      expect(await Promise.race([deliverPending(database.db, { now: t0 }), waited])).toMatchObject({ claimed: 1, sent: 1 });
    });
    expect((await state(free)).status).toBe("sent");
    expect((await state(held)).status).toBe("pending");
  });

  it("sends at most `limit` rows, oldest due first", async () => {
    process.env.THROUGHLINE_WEBHOOK_URLS = `${receiverUrl}/hook`;
    process.env.THROUGHLINE_WEBHOOK_SECRET = secret;
    const newer = await enqueue({ channel: "webhook", at: minutes(-1) });
    const older = await enqueue({ channel: "webhook", at: minutes(-5) });
    expect(await deliverPending(database.db, { now: t0, limit: 1 })).toMatchObject({ claimed: 1, sent: 1 });
    expect((await state(older)).status).toBe("sent");
    expect((await state(newer)).status).toBe("pending");
  });

  describe("queueing an alert's notifications", () => {
    const message: NotificationMessage = {
      id: 0,
      event: "created",
      title: 'A detractor at Dine-in visit wrote "refund"',
      fired: 'A customer who answered NPS 0 wrote "refund": "Rang 0207 946 0999, nobody called back"',
      touchpoint: "Dine-in visit",
      department: "Restaurants",
      status: "open",
      due: "2026-03-04T14:00:00.000Z",
      escalationLevel: 0,
      ruleName: "Call back",
      kind: "detractor_words",
      path: "/alerts/0",
    };
    const queued = async () => {
      await queueNotifications(database.db, [ana, bo], { ...message, id: alertId, path: `/alerts/${alertId}` }, t0);
      return database.db
        .select({ channel: alertNotifications.channel, recipient: alertNotifications.recipientUserId, payload: alertNotifications.payload })
        .from(alertNotifications)
        .orderBy(alertNotifications.id);
    };

    it("queues nothing without SMTP_URL and webhooks: the case is in the app only", async () => {
      expect(await queued()).toEqual([]);
    });

    it("queues e-mails only with SMTP_URL, the webhook only with THROUGHLINE_WEBHOOK_URLS", async () => {
      process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
      expect((await queued()).map((row) => [row.channel, row.recipient])).toEqual([
        ["email", ana],
        ["email", bo],
      ]);
      await database.db.delete(alertNotifications);
      delete process.env.SMTP_URL;
      process.env.THROUGHLINE_WEBHOOK_URLS = `${receiverUrl}/hook`;
      process.env.THROUGHLINE_WEBHOOK_SECRET = secret;
      expect((await queued()).map((row) => [row.channel, row.recipient])).toEqual([["webhook", null]]);
    });

    it("puts the title, where, state, due, level, rule and link in the payload: never the summary that may quote a respondent", async () => {
      process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
      process.env.THROUGHLINE_WEBHOOK_URLS = `${receiverUrl}/hook`;
      const rows = await queued();
      expect(rows.map((row) => row.channel)).toEqual(["email", "email", "webhook"]);
      expect(rows[0]!.payload).toEqual({
        id: alertId,
        title: 'A detractor at Dine-in visit wrote "refund"',
        entity: "Dine-in visit",
        touchpoint: "Dine-in visit",
        department: "Restaurants",
        status: "open",
        due: "2026-03-04T14:00:00.000Z",
        escalationLevel: 0,
        ruleName: "Call back",
        kind: "detractor_words",
        path: `/alerts/${alertId}`,
      });
      expect(JSON.stringify(rows)).not.toMatch(/0207|nobody called/);
    });
  });
});

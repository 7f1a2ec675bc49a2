// Delivers the alert_notifications outbox (alerts' mails and webhooks, daily digests): due rows are claimed (for update
// skip locked), mailed or posted, then marked sent, retried with backoff, or failed with the reason. One failure never stops the rest.
import "server-only";
import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { alertNotifications, users } from "@/db/schema";
import { log } from "@/server/log";
import { mailSettings, publicUrl, webhookSettings } from "./config";
import { alertMail, alertMailDataSchema, alertMailEvents, caseLink, digestMail, digestMailDataSchema, sendMail, type AlertMail } from "./mail";
import { nextAttemptAt, postWebhook } from "./webhook";

/** How long a claimed row stays hidden from other workers while it is being sent (longer than any send takes). */
const claimMs = 15 * 60_000;

type Outcome = { kind: "sent" } | { kind: "retry"; error: string } | { kind: "failed"; error: string };

export interface DeliverySummary {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

/** Sends every due notification (status pending, next_attempt_at <= now), at most `limit` of them. */
export async function deliverPending(db: Queryable, options: { now?: Date; limit?: number } = {}): Promise<DeliverySummary> {
  const now = options.now ?? new Date();
  const rows = await claimDue(db, now, options.limit ?? 50);
  const summary: DeliverySummary = { claimed: rows.length, sent: 0, retrying: 0, failed: 0 };
  for (const row of rows) {
    const outcome = await deliverOne(row);
    const status = await record(db, row, outcome, now);
    if (status) summary[status === "pending" ? "retrying" : status] += 1;
  }
  return summary;
}

type ClaimedRow = Awaited<ReturnType<typeof claimDue>>[number];

/** Picks the due rows no other worker holds and pushes them out of everyone's way, so the sending holds no lock. */
async function claimDue(db: Queryable, now: Date, limit: number) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: alertNotifications.id,
        alertId: alertNotifications.alertId,
        channel: alertNotifications.channel,
        event: alertNotifications.event,
        payload: alertNotifications.payload,
        attempts: alertNotifications.attempts,
        recipientEmail: users.email,
        recipientActive: users.active,
      })
      .from(alertNotifications)
      .leftJoin(users, eq(users.id, alertNotifications.recipientUserId))
      .where(and(eq(alertNotifications.status, "pending"), lte(alertNotifications.nextAttemptAt, now)))
      .orderBy(asc(alertNotifications.nextAttemptAt), asc(alertNotifications.id))
      .limit(limit)
      .for("update", { of: alertNotifications, skipLocked: true });
    if (rows.length > 0)
      await tx
        .update(alertNotifications)
        .set({ nextAttemptAt: new Date(now.getTime() + claimMs) })
        .where(
          inArray(
            alertNotifications.id,
            rows.map((r) => r.id),
          ),
        );
    return rows;
  });
}

/** Sends one row; every problem becomes an outcome, so the caller goes on with the next row. */
async function deliverOne(row: ClaimedRow): Promise<Outcome> {
  try {
    return row.channel === "email" ? await deliverMail(row) : await deliverWebhook(row);
  } catch (error) {
    // A setting refused at use (fixable by the operator) or a server that refused the message: try again later.
    return { kind: "retry", error: error instanceof Error ? error.message : String(error) };
  }
}

const failed = (error: string): Outcome => ({ kind: "failed", error });

const problemsOf = (error: { issues: Array<{ path: PropertyKey[]; message: string }> }) =>
  error.issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`).join("; ");

/** The mail a row asks for: an alert's (created, escalated) or a person's daily digest. */
function mailOf(row: ClaimedRow): { mail: AlertMail } | { error: string } {
  if (row.event === "digest") {
    const digest = digestMailDataSchema.safeParse(row.payload);
    return digest.success ? { mail: digestMail(digest.data, publicUrl()) } : { error: `not sent: the payload is not a digest (${problemsOf(digest.error)})` };
  }
  const event = alertMailEvents.find((kind) => kind === row.event);
  if (!event) return { error: `not sent: no mail is written for event "${row.event}"` };
  const data = alertMailDataSchema.safeParse(row.payload);
  return data.success ? { mail: alertMail(data.data, event, publicUrl()) } : { error: `not sent: the payload is not an alert (${problemsOf(data.error)})` };
}

async function deliverMail(row: ClaimedRow): Promise<Outcome> {
  if (!mailSettings()) return failed("not sent: SMTP_URL is not set (the alert is in the app only)");
  if (!row.recipientEmail) return failed("not sent: the notification names no recipient user");
  if (row.recipientActive === false) return failed("not sent: the recipient's account is deactivated");
  const written = mailOf(row);
  if ("error" in written) return failed(written.error);
  const result = await sendMail({ to: [row.recipientEmail], ...written.mail });
  return result.sent ? { kind: "sent" } : failed(`not sent: ${result.reason}`);
}

/**
 * Every configured receiver gets it, with the row's id as X-Throughline-Delivery (and in the body), the same on
 * every retry: all receivers get a retry again, and tell a repeat by that id. The payload is re-read through the
 * alert schema, so only its fields (never a summary an older row held) leave the app, with the case's link.
 */
async function deliverWebhook(row: ClaimedRow): Promise<Outcome> {
  const settings = webhookSettings();
  if (!settings) return failed("not sent: THROUGHLINE_WEBHOOK_URLS is not set");
  const event = alertMailEvents.find((kind) => kind === row.event);
  if (!event) return failed(`not sent: no webhook is sent for event "${row.event}"`);
  const data = alertMailDataSchema.safeParse(row.payload);
  if (!data.success) return failed(`not sent: the payload is not an alert (${problemsOf(data.error)})`);
  const payload = { ...data.data, due: data.data.due?.toISOString() ?? null, link: caseLink(publicUrl(), data.data.id) };
  const body = { event: `alert.${event}`, id: row.id, alertId: row.alertId, payload };
  const results = await Promise.all(settings.urls.map(async (url) => ({ url, result: await postWebhook(url, settings.secret, body, { deliveryId: row.id }) })));
  const failures = results.filter((r) => !r.result.ok).map((r) => `${r.url}: ${r.result.error}`);
  return failures.length === 0 ? { kind: "sent" } : { kind: "retry", error: failures.join("; ") };
}

/** Writes the outcome; a retry past the last attempt becomes failed. Answers the row's new status (null: not written). */
async function record(db: Queryable, row: ClaimedRow, outcome: Outcome, now: Date): Promise<"sent" | "pending" | "failed" | null> {
  const attempts = row.attempts + 1;
  const retryAt = outcome.kind === "retry" ? nextAttemptAt(attempts, now) : null;
  const status = outcome.kind === "sent" ? "sent" : retryAt ? "pending" : "failed";
  const error = outcome.kind === "sent" ? null : outcome.error;
  const context = { notificationId: row.id, alertId: row.alertId, channel: row.channel, event: row.event, attempts };
  try {
    await db
      .update(alertNotifications)
      .set({ status, attempts, lastError: error, nextAttemptAt: retryAt ?? now, sentAt: status === "sent" ? now : null })
      .where(eq(alertNotifications.id, row.id));
  } catch (err) {
    // The claim expires and the row is tried again; say so rather than stop the other deliveries.
    log.error({ ...context, err }, "notification outcome not recorded");
    return null;
  }
  if (status === "sent") log.info(context, "notification sent");
  else if (status === "pending") log.warn({ ...context, error, nextAttemptAt: retryAt }, "notification failed; will retry");
  else log.warn({ ...context, error }, "notification failed; given up");
  return status;
}

// Posts signed JSON to a webhook receiver and verifies it: X-Throughline-Signature is sha256=<HMAC of
// "<X-Throughline-Timestamp>.<raw body>">, so a captured delivery cannot be replayed later. Failures are retried with backoff.
import crypto from "node:crypto";

export const signatureHeader = "X-Throughline-Signature";
export const eventHeader = "X-Throughline-Event";
export const deliveryHeader = "X-Throughline-Delivery";
export const timestampHeader = "X-Throughline-Timestamp";

/** How old (or how far ahead) a signed timestamp a receiver accepts by default, in seconds. */
export const defaultToleranceSeconds = 300;

/** A receiver has this long to answer; longer counts as a failed delivery. */
export const webhookTimeoutMs = 5_000;

export interface WebhookBody {
  /** Sent as X-Throughline-Event too, e.g. "alert.created". */
  event: string;
  [key: string]: unknown;
}

export interface WebhookResult {
  ok: boolean;
  /** The receiver's HTTP status; null when none answered (refused, timed out). */
  status: number | null;
  error: string | null;
}

/** The signature header's value: "sha256=" and the hex HMAC-SHA256, keyed by the secret, of "<timestamp>.<raw body>". */
export function signBody(secret: string, rawBody: string, timestamp: number | string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest("hex")}`;
}

const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * Whether a delivery is genuine and fresh (for receivers and tests): the timestamp header is whole unix seconds
 * within `toleranceSeconds` of `now`, and the signature matches it and the raw body under the secret (timing-safe).
 * A stale timestamp is refused however well signed: that is what stops a replay.
 */
export function verifySignature(
  secret: string,
  rawBody: string | Buffer,
  header: string | null | undefined,
  timestamp: string | number | null | undefined,
  options: { toleranceSeconds?: number; now?: Date } = {},
): boolean {
  if (!header || timestamp === null || timestamp === undefined) return false;
  const stamp = String(timestamp).trim();
  if (!/^\d{1,12}$/.test(stamp)) return false;
  const tolerance = options.toleranceSeconds ?? defaultToleranceSeconds;
  if (Math.abs(unixSeconds(options.now ?? new Date()) - Number(stamp)) > tolerance) return false;
  const expected = Buffer.from(signBody(secret, Buffer.isBuffer(rawBody) ? rawBody.toString("utf8") : rawBody, stamp), "utf8");
  const given = Buffer.from(header.trim(), "utf8");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/**
 * POSTs the body as JSON, signed with this moment's timestamp (`now`, default the clock: receivers compare it with
 * theirs); answers whether a 2xx came back within the timeout. `deliveryId` names the delivery the same on every
 * retry (the outbox passes its row's id). Never throws.
 */
export async function postWebhook(
  url: string,
  secret: string,
  body: WebhookBody,
  options: { deliveryId: string | number; now?: Date },
): Promise<WebhookResult> {
  const raw = JSON.stringify(body);
  const timestamp = unixSeconds(options.now ?? new Date());
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Throughline-Webhook",
        [signatureHeader]: signBody(secret, raw, timestamp),
        [timestampHeader]: String(timestamp),
        [eventHeader]: body.event,
        [deliveryHeader]: String(options.deliveryId),
      },
      body: raw,
      // A redirect is the receiver's misconfiguration: following it would send the signed body elsewhere.
      redirect: "manual",
      signal: AbortSignal.timeout(webhookTimeoutMs),
    });
    await response.body?.cancel();
    return response.ok ? { ok: true, status: response.status, error: null } : { ok: false, status: response.status, error: `answered HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: describeFailure(error) };
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof DOMException && error.name === "TimeoutError") return `no answer within ${webhookTimeoutMs / 1000} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}

/** Waits after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure gives up. */
const retryDelaysMs = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000];
export const maxAttempts = retryDelaysMs.length + 1;

/** When to try again after `attempts` failed attempts, or null when it is time to give up (status failed). */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts: a whole number of failed attempts, 1 or more (got ${attempts})`);
  const delay = retryDelaysMs[attempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}

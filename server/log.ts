// The server's structured log (pino, JSON lines on stdout): what an operator reads when something failed.
// Each line carries its time, level, and (inside a request) the request id and route; secrets are redacted.
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import pino from "pino";
import { errorReference } from "@/server/errors";

interface RequestScope {
  requestId: string;
  route: string;
}

const requestScope = new AsyncLocalStorage<RequestScope>();

function logLevel(): string {
  const level = (process.env.LOG_LEVEL ?? process.env.THROUGHLINE_LOG_LEVEL)?.trim();
  return level || (process.env.NODE_ENV === "test" ? "silent" : "info");
}

export const log = pino(
  {
    level: logLevel(),
    base: { app: "throughline" },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Lines written while a request is handled name it, so one request's lines can be read together.
    mixin: () => requestScope.getStore() ?? {},
    // Never a password, cookie or token, whatever a caller hands the logger by mistake.
    redact: {
      paths: [
        "password",
        "*.password",
        "token",
        "*.token",
        "authorization",
        "*.authorization",
        "cookie",
        "*.cookie",
        "headers.cookie",
        "headers.authorization",
      ],
      censor: "[redacted]",
    },
  },
  // The app logs to standard output; the CLI to standard error, keeping its standard output for its answer.
  process.env.THROUGHLINE_LOG_DESTINATION === "stderr" ? pino.destination(2) : pino.destination(1),
);

/** Runs a request's handler with its request id (the caller's X-Request-Id when sane, else a new one) and route. */
export function inRequestScope<T>(request: Request, route: string, run: () => T): T {
  const given = request.headers.get("x-request-id")?.trim();
  const requestId = given && /^[\w.:-]{1,64}$/.test(given) ? given : crypto.randomUUID();
  return requestScope.run({ requestId, route }, run);
}

/** The current request's id, for answers that hand it back (an error's reference sits beside it in the log). */
export const currentRequestId = (): string | null => requestScope.getStore()?.requestId ?? null;

/** Log an error nobody planned for and return the reference to show instead of its details. */
export function reportUnexpected(error: unknown, context: { route: string; userId?: number | null }): string {
  const reference = errorReference();
  log.error({ event: "unexpected_error", reference, route: context.route, userId: context.userId ?? null, err: error }, "unexpected error");
  return reference;
}

/** A refused request (401, 403 or 429): who asked for what, and why it was refused; never the request's data. */
export function logRefusal(entry: { status: number; route: string; userId?: number | null; reason: string; tokenId?: number }): void {
  log.warn({ event: "refused", outcome: "refused", ...entry, userId: entry.userId ?? null }, "request refused");
}

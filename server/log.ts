// The server's structured log (pino, JSON lines on stdout): what an operator reads when something failed.
// Unexpected errors are logged here once, with the reference the person was shown, the route and the user.
import pino from "pino";
import { errorReference } from "@/server/errors";

export const log = pino({
  level: process.env.THROUGHLINE_LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { app: "throughline" },
});

/** Log an error nobody planned for and return the reference to show instead of its details. */
export function reportUnexpected(error: unknown, context: { route: string; userId?: number | null }): string {
  const reference = errorReference();
  log.error({ reference, route: context.route, userId: context.userId ?? null, err: error }, "unexpected error");
  return reference;
}

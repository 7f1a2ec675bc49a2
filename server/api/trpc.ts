// tRPC foundation: the request context and exactly one procedure builder per role.
// Every procedure is built from one of these, and each records its allowed roles in `meta.roles`.
import "server-only";
import { reportDatabaseUnavailable } from "@/server/database-outage";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Database } from "@/db/client";
import type { UserRole } from "@/db/schema";
import type { SessionUser } from "@/server/auth/users";
import { asDomainError, DATABASE_UNAVAILABLE_DIGEST, DomainError, unexpectedMessage, type DomainErrorKind } from "@/server/errors";
import { logRefusal, reportUnexpected } from "@/server/log";

export interface Context {
  db: Database;
  /** Dashboard reads: the read replica when DATABASE_READ_URL is set; the primary when absent. */
  readDb?: Database;
  user: SessionUser | null;
}

export interface ProcedureMeta {
  /** The roles allowed to call the procedure; the access test reads this for every procedure. */
  roles: readonly UserRole[];
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    defaultMeta: { roles: [] },
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? error.cause.issues : null;
      // Forms show `message` as it comes: say what is wrong with which field, not zod's JSON dump.
      const message = zodError
        ? zodError.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ")
        : shape.message;
      const problems = error.cause instanceof DomainError ? error.cause.problems : [];
      // An internal error that did not pass the boundary below (the context failed, say) still shows no internals.
      const safeMessage =
        error.code === "INTERNAL_SERVER_ERROR" && !isReferenceMessage(message)
          ? unexpectedMessage(reportUnexpected(error.cause ?? error, { route: `trpc:${shape.data.path ?? "?"}` }))
          : message;
      const { stack: _stack, ...data } = shape.data;
      return { ...shape, message: safeMessage, data: { ...data, zodError, problems } };
    },
  });

type TrpcCode = ConstructorParameters<typeof TRPCError>[0]["code"];
const trpcCodeOf: Record<DomainErrorKind, TrpcCode> = {
  invalid: "BAD_REQUEST",
  not_found: "NOT_FOUND",
  forbidden: "FORBIDDEN",
  conflict: "CONFLICT",
  too_large: "PAYLOAD_TOO_LARGE",
  unprocessable: "UNPROCESSABLE_CONTENT",
  unavailable: "SERVICE_UNAVAILABLE",
};
/**
 * A DomainError as the tRPC error the caller sees. A page that cannot reach the database shows it in words:
 * production builds hand the error boundary only the error's digest, never its message, so "unavailable"
 * travels as a digest of its own.
 */
export function trpcErrorOf(error: DomainError): TRPCError {
  const trpcError = new TRPCError({ code: trpcCodeOf[error.kind], message: error.message, cause: error });
  return error.kind === "unavailable" ? Object.assign(trpcError, { digest: DATABASE_UNAVAILABLE_DIGEST }) : trpcError;
}

/** For what runs before any procedure (the context: the database, the session): a lost connection in words. */
export async function withDatabaseInWords<T>(route: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const domain = asDomainError(error);
    if (!domain) throw error;
    if (!(error instanceof DomainError)) reportDatabaseUnavailable(route, error);
    throw trpcErrorOf(domain);
  }
}
const isReferenceMessage = (message: string) => message.startsWith("Something went wrong (reference ");

/**
 * The one mapping of errors for every procedure: a DomainError becomes its tRPC code with its words; any
 * other failure is logged with a reference, and the caller sees only that reference. Pages show it too:
 * it is the digest Next.js hands to the error boundary.
 */
const errorBoundary = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  if (result.ok) return result;
  const { error } = result;
  // A lost database connection arrives as the driver's error: it becomes "unavailable" (503) in words here too.
  const domain = asDomainError(error.cause);
  if (domain) {
    if (!(error.cause instanceof DomainError)) reportDatabaseUnavailable(`trpc:${path}`, error.cause);
    if (domain.kind === "forbidden") logRefusal({ status: 403, route: `trpc:${path}`, userId: ctx.user?.id, reason: domain.message });
    throw trpcErrorOf(domain);
  }
  // Refused by the role check (or without a session): one line an operator can grep for.
  if (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN") {
    logRefusal({ status: error.code === "UNAUTHORIZED" ? 401 : 403, route: `trpc:${path}`, userId: ctx.user?.id, reason: error.message });
  }
  if (error.code !== "INTERNAL_SERVER_ERROR" || isReferenceMessage(error.message)) return result;
  const reference = reportUnexpected(error.cause ?? error, { route: `trpc:${path}`, userId: ctx.user?.id });
  throw Object.assign(new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: unexpectedMessage(reference) }), { digest: reference });
});

/** The path of the first string holding a NUL character (PostgreSQL cannot store one), if any. */
function nulPath(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key];
    const found = nulPath(child, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** No text with a NUL character reaches a procedure: one rule for every string of every input. */
const refuseNul = t.middleware(async ({ getRawInput, next }) => {
  const found = nulPath(await getRawInput());
  if (found) throw new TRPCError({ code: "BAD_REQUEST", message: `${found.join(".") || "input"}: must not contain NUL characters` });
  return next();
});

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

function procedureFor(roles: readonly UserRole[]) {
  return t.procedure
    .use(errorBoundary)
    .meta({ roles })
    .use(({ ctx, next }) => {
      if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
      if (!roles.includes(ctx.user.role)) {
        throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${roles.join(" or ")} role.` });
      }
      return next({ ctx: { db: ctx.db, readDb: ctx.readDb ?? ctx.db, user: ctx.user } });
    })
    .use(refuseNul);
}

/** Reads the dashboard: every signed-in role. Never returns respondents' personal data. */
export const viewerProcedure = procedureFor(["admin", "executive", "owner"]);
/** Changes things that belong to touchpoints; the handler must also call `assertCanChangeTouchpoint`. */
export const ownerProcedure = procedureFor(["admin", "owner"]);
/** Setup, imports and user management. */
export const adminProcedure = procedureFor(["admin"]);

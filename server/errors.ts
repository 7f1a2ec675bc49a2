// The one domain error type: domain modules throw a DomainError with a kind and words for the person;
// server/api/trpc.ts maps it to tRPC codes and server/http/errors.ts to HTTP statuses, each exactly once.
import crypto from "node:crypto";
import type { ZodError } from "zod";
import { isConnectionFailure } from "@/db/connection-faults";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/outage";

export { DATABASE_UNAVAILABLE_DIGEST, DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/outage";

export type DomainErrorKind = "invalid" | "not_found" | "forbidden" | "conflict" | "too_large" | "unprocessable" | "unavailable";

/** One field's problem, named as the caller wrote it (a form field, a query parameter, a model file path). */
export interface FieldProblem {
  field: string;
  message: string;
}

export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

export const invalid = (message: string, problems: readonly FieldProblem[] = []) => new DomainError("invalid", message, problems);
export const notFound = (message: string) => new DomainError("not_found", message);
export const forbidden = (message: string) => new DomainError("forbidden", message);
export const conflict = (message: string) => new DomainError("conflict", message);
export const tooLarge = (message: string) => new DomainError("too_large", message);
/** Well-formed but not acceptable as it is (an export with no responses, a file that is not text). */
export const unprocessable = (message: string, problems: readonly FieldProblem[] = []) => new DomainError("unprocessable", message, problems);
export const unavailable = (message: string) => new DomainError("unavailable", message);

/**
 * The error as a DomainError when it is one, or when it is a lost or refused database connection (which is no
 * bug of ours, and nothing a reference helps with): "unavailable", 503, in words. Anything else: undefined.
 */
export function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (isConnectionFailure(error)) return unavailable(DATABASE_UNAVAILABLE_MESSAGE);
  return undefined;
}

export const httpStatusOf: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unprocessable: 422,
  unavailable: 503,
};

/** A short reference that ties what the person sees to the full error in the server log. */
export function errorReference(): string {
  return crypto.randomBytes(4).toString("hex");
}

/** What the person sees for an error nobody planned for: no internals, only the log's reference. */
export function unexpectedMessage(reference: string): string {
  return `Something went wrong (reference ${reference}). Try again; if it keeps happening, give your admin this reference.`;
}

/** A refused input, each zod issue named by its field: "from: use YYYY-MM-DD, e.g. 2026-01-31". */
export function invalidInput(error: ZodError): DomainError {
  const problems = error.issues.map((issue) => ({ field: issue.path.map(String).join(".") || "input", message: issue.message }));
  return invalid(problemsSentence(problems), problems);
}

/** Problems as one sentence: "from: use YYYY-MM-DD, e.g. 2026-01-31; to: …". */
export function problemsSentence(problems: readonly FieldProblem[]): string {
  return problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join("; ");
}

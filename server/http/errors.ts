// The one place route handlers (app/api/**) turn errors into answers: a DomainError becomes its status with
// words (and each field's problem); anything else becomes 500 with a reference, logged with its details.
import "server-only";
import { DomainError, httpStatusOf, unexpectedMessage } from "@/server/errors";
import { reportUnexpected } from "@/server/log";

/** How a route names a problem's field in its JSON: query parameters, body paths, or form fields. */
export type ProblemKey = "parameter" | "path" | "field";

export function errorResponse(error: unknown, route: string, options: { problemKey?: ProblemKey; userId?: number | null } = {}): Response {
  if (error instanceof DomainError) {
    const key = options.problemKey ?? "field";
    const problems = error.problems.map((p) => ({ [key]: p.field, message: p.message }));
    return Response.json({ error: error.message, ...(problems.length ? { problems } : {}) }, { status: httpStatusOf[error.kind] });
  }
  const reference = reportUnexpected(error, { route, userId: options.userId });
  return Response.json({ error: unexpectedMessage(reference), reference }, { status: 500 });
}

/** Wrap a route handler so that nothing it throws reaches the client as a stack trace or SQL. */
export function answersInWords<Args extends unknown[]>(
  route: string,
  handler: (...args: Args) => Promise<Response>,
  options: { problemKey?: ProblemKey } = {},
) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error, route, options);
    }
  };
}

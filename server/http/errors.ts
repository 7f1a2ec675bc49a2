// The one place route handlers (app/api/**) turn errors into answers: a DomainError becomes its status with
// words (and each field's problem); anything else becomes 500 with a reference, logged with its details.
import "server-only";
import { reportDatabaseUnavailable } from "@/server/database-outage";
import { asDomainError, DomainError, httpStatusOf, unexpectedMessage } from "@/server/errors";
import { inRequestScope, logRefusal, reportUnexpected } from "@/server/log";

/** How a route names a problem's field in its JSON: query parameters, body paths, or form fields. */
export type ProblemKey = "parameter" | "path" | "field";

export function errorResponse(error: unknown, route: string, options: { problemKey?: ProblemKey; userId?: number | null } = {}): Response {
  // A lost database connection is a DomainError "unavailable" here too: 503 with words, not a 500 with a reference.
  const domain = asDomainError(error);
  if (domain) {
    if (domain.kind === "forbidden") logRefusal({ status: 403, route, userId: options.userId, reason: domain.message });
    if (!(error instanceof DomainError)) reportDatabaseUnavailable(route, error);
    const key = options.problemKey ?? "field";
    const problems = domain.problems.map((p) => ({ [key]: p.field, message: p.message }));
    return Response.json({ error: domain.message, ...(problems.length ? { problems } : {}) }, { status: httpStatusOf[domain.kind] });
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
  const answer = async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error, route, options);
    }
  };
  // Every log line written while the route runs carries its request id and route.
  return (...args: Args): Promise<Response> => (args[0] instanceof Request ? inRequestScope(args[0], route, () => answer(...args)) : answer(...args));
}

// tRPC over HTTP with its limits: at most TRPC_MAX_BATCH_SIZE calls a batch and TRPC_MAX_BODY_BYTES a body,
// so one request cannot carry hundreds of writes or megabytes of input. app/api/trpc gives it the context.
import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_MAX_BATCH_SIZE, TRPC_MAX_BODY_BYTES } from "@/lib/limits";
import { tooLarge } from "@/server/errors";
import { readLimitedBody } from "@/server/http/body";
import { errorResponse } from "@/server/http/errors";
import { inRequestScope } from "@/server/log";
import { appRouter } from "./root";
import { withDatabaseInWords, type Context } from "./trpc";

export function handleTrpcRequest(request: Request, createContext: () => Promise<Context>): Promise<Response> {
  // Every log line of the call (refusals, unexpected errors) carries the request id and the procedure path.
  return inRequestScope(request, `${request.method} ${new URL(request.url).pathname}`, () => answerTrpc(request, createContext));
}

async function answerTrpc(request: Request, createContext: () => Promise<Context>): Promise<Response> {
  let body: ArrayBuffer | undefined;
  if (request.method === "POST") {
    body = await readLimitedBody(request, TRPC_MAX_BODY_BYTES);
    if (!body) return errorResponse(tooLarge(`A request may carry at most ${TRPC_MAX_BODY_BYTES / 1_048_576} MB; send less at once.`), "trpc");
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: body ? new Request(request.url, { method: "POST", headers: request.headers, body }) : request,
    router: appRouter,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    // The context opens the database and reads the session: an outage there answers 503 in words as well.
    createContext: () => withDatabaseInWords("trpc", createContext),
  });
}

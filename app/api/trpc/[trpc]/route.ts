// tRPC over HTTP for the interactive (client) parts of the app; context re-reads the signed-in user.
// Batches are capped and bodies limited, so one request cannot carry hundreds of calls or megabytes of input.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { currentUser } from "@/server/auth/session";
import { appDatabase, readDatabase } from "@/server/database";
import { tooLarge } from "@/server/errors";
import { errorResponse } from "@/server/http/errors";
import { readLimitedBody } from "@/server/http/body";
import { TRPC_MAX_BATCH_SIZE, TRPC_MAX_BODY_BYTES } from "@/lib/limits";

export const dynamic = "force-dynamic";

async function handler(request: Request) {
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
    createContext: async () => {
      const [{ db }, { db: readDb }, user] = await Promise.all([appDatabase(), readDatabase(), currentUser()]);
      return { db, readDb, user };
    },
  });
}

export { handler as GET, handler as POST };

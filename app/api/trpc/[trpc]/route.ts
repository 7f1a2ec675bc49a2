// tRPC over HTTP for the interactive (client) parts of the app; context re-reads the signed-in user.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { currentUser } from "@/server/auth/session";
import { appDatabase, readDatabase } from "@/server/database";

export const dynamic = "force-dynamic";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () => {
      const [{ db }, { db: readDb }, user] = await Promise.all([appDatabase(), readDatabase(), currentUser()]);
      return { db, readDb, user };
    },
  });
}

export { handler as GET, handler as POST };

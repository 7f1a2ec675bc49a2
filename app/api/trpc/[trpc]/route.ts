// tRPC over HTTP for the interactive (client) parts of the app; context re-reads the signed-in user.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { currentUser } from "@/server/auth/session";
import { appDatabase } from "@/server/database";

export const dynamic = "force-dynamic";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () => {
      const [{ db }, user] = await Promise.all([appDatabase(), currentUser()]);
      return { db, user };
    },
  });
}

export { handler as GET, handler as POST };

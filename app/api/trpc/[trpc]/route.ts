// tRPC over HTTP for the interactive (client) parts of the app; the context re-reads the signed-in user.
import { handleTrpcRequest } from "@/server/api/http";
import { currentUser } from "@/server/auth/session";
import { appDatabase, readDatabase } from "@/server/database";

export const dynamic = "force-dynamic";

function handler(request: Request) {
  return handleTrpcRequest(request, async () => {
    const [{ db }, { db: readDb }, user] = await Promise.all([appDatabase(), readDatabase(), currentUser()]);
    return { db, readDb, user };
  });
}

export { handler as GET, handler as POST };

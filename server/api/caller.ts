// Server-side tRPC caller for React Server Components: same procedures, same role checks, no HTTP hop.
// Pages render in parallel with their layout, so an anonymous visitor is redirected here too.
import "server-only";
import { currentUser, redirectToSignIn } from "@/server/auth/session";
import { appDatabase, readDatabase } from "@/server/database";
import { createCaller } from "./root";

export async function serverApi() {
  const [{ db }, { db: readDb }, user] = await Promise.all([appDatabase(), readDatabase(), currentUser()]);
  if (!user) return redirectToSignIn();
  return createCaller({ db, readDb, user });
}

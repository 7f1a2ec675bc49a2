// Server-side tRPC caller for React Server Components: same procedures, same role checks, no HTTP hop.
// Pages render in parallel with their layout, so an anonymous visitor is redirected here too.
import "server-only";
import { currentUser, redirectToSignIn } from "@/server/auth/session";
import { appDatabase, readDatabase } from "@/server/database";
import { createCaller } from "./root";
import { withDatabaseInWords } from "./trpc";

export async function serverApi() {
  // A page whose database does not answer says so in words (the error boundary reads the digest).
  const [{ db }, { db: readDb }, user] = await withDatabaseInWords("page", () => Promise.all([appDatabase(), readDatabase(), currentUser()]));
  if (!user) return redirectToSignIn();
  return createCaller({ db, readDb, user });
}

// Server-side tRPC caller for React Server Components: same procedures, same role checks, no HTTP hop.
import { appDatabase } from "@/server/database";
import { currentUser } from "@/server/auth/session";
import { createCaller } from "./root";

export async function serverApi() {
  const [{ db }, user] = await Promise.all([appDatabase(), currentUser()]);
  return createCaller({ db, user });
}

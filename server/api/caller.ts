// Server-side tRPC caller for React Server Components: same procedures, same role checks, no HTTP hop.
// Pages render in parallel with their layout, so an anonymous visitor is redirected here too.
import { redirect } from "next/navigation";
import { currentUser } from "@/server/auth/session";
import { appDatabase } from "@/server/database";
import { createCaller } from "./root";

export async function serverApi() {
  const [{ db }, user] = await Promise.all([appDatabase(), currentUser()]);
  if (!user) redirect("/sign-in");
  return createCaller({ db, user });
}

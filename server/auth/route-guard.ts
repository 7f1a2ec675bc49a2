// The session check for the few route handlers outside tRPC (browser uploads and streamed imports):
// the same rule as adminProcedure, answered as HTTP 401/403 with words.
import "server-only";
import type { SessionUser } from "./users";
import { currentUser } from "./session";

export async function adminFromSession(): Promise<SessionUser | Response> {
  const user = await currentUser();
  if (!user) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  if (user.role !== "admin") return Response.json({ error: "This needs the admin role." }, { status: 403 });
  return user;
}

// The session check for the few route handlers outside tRPC (uploads, streamed exports, verbatims): the same
// rules as the procedures, answered as HTTP 401/403 with words and logged as refusals.
import "server-only";
import { logRefusal } from "@/server/log";
import type { SessionUser } from "./users";
import { currentUser } from "./session";

/** Any signed-in user, or 401 in words (logged as a refusal). */
export async function userFromSession(route: string): Promise<SessionUser | Response> {
  const user = await currentUser();
  if (user) return user;
  logRefusal({ status: 401, route, reason: "no session" });
  return Response.json({ error: "Sign in to continue." }, { status: 401 });
}

export async function adminFromSession(route: string): Promise<SessionUser | Response> {
  const user = await userFromSession(route);
  if (user instanceof Response) return user;
  if (user.role !== "admin") {
    logRefusal({ status: 403, route, userId: user.id, reason: `role ${user.role}, needs admin` });
    return Response.json({ error: "This needs the admin role." }, { status: 403 });
  }
  return user;
}

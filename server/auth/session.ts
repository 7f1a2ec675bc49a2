// The signed-in user for server components, route handlers and tRPC: the session's user id, re-checked
// against the database (active, current role) on every call.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { REQUESTED_URL_HEADER, safeNext } from "@/lib/urls";
import { appDatabase } from "@/server/database";
import { auth } from "./config";
import { activeUserById, type SessionUser } from "./users";

export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  const { db } = await appDatabase();
  return activeUserById(db, id);
});

export { safeNext };

/** Send a signed-out visitor to sign-in, remembering the URL they asked for (set by proxy.ts). */
export async function redirectToSignIn(): Promise<never> {
  const requested = safeNext((await headers()).get(REQUESTED_URL_HEADER));
  redirect(requested === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(requested)}`);
}

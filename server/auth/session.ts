// The signed-in user for server components, route handlers and tRPC: the session cookie's token, re-checked
// against the database (active, session version, idle and absolute limits, current role) on every call.
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { REQUESTED_URL_HEADER, safeNext } from "@/lib/urls";
import { appDatabase } from "@/server/database";
import { authSecret } from "./secret";
import { sessionUser } from "./session-check";
import { readSessionToken } from "./session-token";
import type { SessionUser } from "./users";

// The same check as next-auth's jwt callback, without its session round trip: that re-encrypts the token on every
// read, and a server component cannot even set the cookie it makes.
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const store = await cookies();
  const read = await readSessionToken((name) => store.get(name)?.value, authSecret());
  if (!read) return null;
  const { db } = await appDatabase();
  return sessionUser(db, read.token, Math.floor(Date.now() / 1000));
});

export { safeNext };

/** Send a signed-out visitor to sign-in, remembering the URL they asked for (set by proxy.ts). */
export async function redirectToSignIn(): Promise<never> {
  const requested = safeNext((await headers()).get(REQUESTED_URL_HEADER));
  redirect(requested === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(requested)}`);
}

// Keeps a session's last-seen time in its cookie fresh as its person moves between pages: the proxy re-signs the
// token at most once a minute, so the idle limit (session_idle_minutes) counts from the last page, not sign-in.
import "server-only";
import { encode } from "next-auth/jwt";
import { authSecret } from "./secret";
import { readSessionToken } from "./session-token";

const REFRESH_AFTER_SECONDS = 60;
/** Longest a cookie may live; the program's own idle and absolute limits (settings) end sessions well before. */
export const COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export interface RefreshedCookie {
  name: string;
  value: string;
  secure: boolean;
}

/**
 * The session cookie re-signed with `seen` = now, when it is older than a minute; null when there is no cookie, it
 * does not decode, it is fresh, or it is already idle. Whether the session still stands is decided by
 * server/auth/session-check.ts, not here.
 */
export async function refreshedSessionCookie(readCookie: (name: string) => string | undefined, nowSeconds: number): Promise<RefreshedCookie | null> {
  const secret = authSecret();
  const read = await readSessionToken(readCookie, secret);
  if (!read) return null;
  const { name, token } = read;
  if (typeof token.seen !== "number" || nowSeconds - token.seen < REFRESH_AFTER_SECONDS) return null;
  // An idle session is not revived: past the idle limit it carries (set at sign-in), the cookie is left to expire.
  if (typeof token.idle !== "number" || nowSeconds - token.seen > token.idle * 60) return null;
  const fresh = await encode({ token: { ...token, seen: nowSeconds }, secret, salt: name, maxAge: COOKIE_MAX_AGE_SECONDS });
  return { name, value: fresh, secure: name.startsWith("__Secure-") };
}

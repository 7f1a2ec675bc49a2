// Keeps a session's last-seen time in its cookie fresh as its person moves between pages: the proxy re-signs the
// token at most once a minute, so the idle limit (session_idle_minutes) counts from the last page, not sign-in.
import "server-only";
import { decode, encode } from "next-auth/jwt";
import { authSecret } from "./secret";

const REFRESH_AFTER_SECONDS = 60;
/** Longest a cookie may live; the program's own idle and absolute limits (settings) end sessions well before. */
export const COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const cookieNames = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export interface RefreshedCookie {
  name: string;
  value: string;
  secure: boolean;
}

/**
 * The session cookie re-signed with `seen` = now, when it is older than a minute; null when there is no cookie, it
 * does not decode, it is fresh, or it is already idle. Whether the session still stands is decided by next-auth's jwt callback, not here.
 */
export async function refreshedSessionCookie(readCookie: (name: string) => string | undefined, nowSeconds: number): Promise<RefreshedCookie | null> {
  for (const name of cookieNames) {
    const value = readCookie(name);
    if (!value) continue;
    const secret = authSecret();
    const token = await decode({ token: value, secret, salt: name }).catch(() => null);
    if (!token || typeof token.seen !== "number" || nowSeconds - token.seen < REFRESH_AFTER_SECONDS) return null;
    // An idle session is not revived: past the idle limit it carries (set at sign-in), the cookie is left to expire.
    if (typeof token.idle !== "number" || nowSeconds - token.seen > token.idle * 60) return null;
    const fresh = await encode({ token: { ...token, seen: nowSeconds }, secret, salt: name, maxAge: COOKIE_MAX_AGE_SECONDS });
    return { name, value: fresh, secure: name.startsWith("__Secure-") };
  }
  return null;
}

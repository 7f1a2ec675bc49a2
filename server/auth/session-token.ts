// Reads the session cookie's token. The proxy, every page and every tRPC call read the same cookie, and each
// decode costs key derivation and decryption, so a token that decoded is kept (until it expires) and not decoded again.
import "server-only";
import { decode, type JWT, type JWTDecodeParams } from "next-auth/jwt";

/** next-auth's cookie names: the first over HTTPS, the second over plain HTTP. */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;
export type SessionCookieName = (typeof SESSION_COOKIE_NAMES)[number];

// Only tokens that decoded are kept, so the memo holds authentic tokens alone; a full memo forgets its oldest.
const MEMO_LIMIT = 2_000;
const decoded = new Map<string, { secret: JWTDecodeParams["secret"]; token: JWT }>();

/** next-auth's own decode, done once per distinct token and secret; an expired token is decoded (and refused) again. */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  if (!params.token) return null;
  const key = `${params.salt}\0${params.token}`;
  const kept = decoded.get(key);
  if (kept && kept.secret === params.secret && unexpired(kept.token)) return { ...kept.token };
  const token = await decode(params);
  if (token && unexpired(token)) {
    if (decoded.size >= MEMO_LIMIT) decoded.delete(decoded.keys().next().value!);
    decoded.set(key, { secret: params.secret, token: { ...token } });
  }
  return token;
}

const unexpired = (token: JWT) => typeof token.exp === "number" && token.exp > Date.now() / 1000;

/** The first session cookie that decodes, with its name (the salt it was signed with); null when none does. */
export async function readSessionToken(
  readCookie: (name: SessionCookieName) => string | undefined,
  secret: string,
): Promise<{ name: SessionCookieName; token: JWT } | null> {
  for (const name of SESSION_COOKIE_NAMES) {
    const value = readCookie(name);
    if (!value) continue;
    const token = await decodeSessionToken({ token: value, secret, salt: name }).catch(() => null);
    if (token) return { name, token };
  }
  return null;
}

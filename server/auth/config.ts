// next-auth (v5) configuration: email + password for everyone, plus an optional OIDC provider for SSO.
// Sessions are JWTs carrying the user id and session version, checked against the user row on every read.
import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { appDatabase } from "@/server/database";
import { authSecret } from "./secret";
import { log } from "@/server/log";
import { endSessions, sessionLimits, sessionUser } from "./session-check";
import { decodeSessionToken } from "./session-token";
import { COOKIE_MAX_AGE_SECONDS } from "./session-refresh";
import { clientAddress, isThrottled, normalisedEmail, throttledAttempt } from "./throttle";
import { activeUserByEmail, verifyCredentials } from "./users";

const nowSeconds = () => Math.floor(Date.now() / 1000);

const credentialsSchema = z.object({ email: z.string().trim().min(1), password: z.string().min(1) });

export function oidcConfigured(): boolean {
  return Boolean(process.env.AUTH_OIDC_ISSUER && process.env.AUTH_OIDC_CLIENT_ID && process.env.AUTH_OIDC_CLIENT_SECRET);
}

function providers(): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { db } = await appDatabase();
        const key = { kind: "password" as const, email: normalisedEmail(parsed.data.email), ip: clientAddress(request.headers) };
        // Over the limit the password is not even looked at: the right one during a lockout does not sign in.
        const user = await throttledAttempt(db, key, () => verifyCredentials(db, parsed.data.email, parsed.data.password));
        if (!user || isThrottled(user)) return null;
        return { id: String(user.id), email: user.email, name: user.name };
      },
    }),
  ];
  if (oidcConfigured()) {
    list.push({
      id: "oidc",
      name: process.env.AUTH_OIDC_NAME || "Single sign-on",
      type: "oidc",
      issuer: process.env.AUTH_OIDC_ISSUER,
      clientId: process.env.AUTH_OIDC_CLIENT_ID,
      clientSecret: process.env.AUTH_OIDC_CLIENT_SECRET,
    });
  }
  return list;
}

export const { handlers, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: COOKIE_MAX_AGE_SECONDS },
  jwt: { decode: decodeSessionToken },
  pages: { signIn: "/sign-in" },
  providers: providers(),
  events: {
    // Sign-out ends the session on the server too: the copied cookie of this session (and every other) is refused.
    async signOut(message) {
      const userId = "token" in message ? Number(message.token?.uid) : NaN;
      if (!Number.isInteger(userId)) return;
      const { db } = await appDatabase();
      await endSessions(db, userId);
      log.info({ event: "sign_out", userId }, "signed out");
    },
  },
  // next-auth's own messages go to the structured log: one line each, no stack trace for a wrong password.
  logger: {
    error(error) {
      const kind = (error as { type?: string }).type ?? error.name;
      if (kind === "CredentialsSignin") return;
      log.warn({ event: "auth_error", kind, message: error.message }, "next-auth reported an error");
    },
    warn(code) {
      log.warn({ event: "auth_warning", code }, "next-auth warning");
    },
    debug() {},
  },
  callbacks: {
    // SSO only admits people an admin has already added, and maps them to their Throughline user id.
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      if (!user.email) return false;
      const { db } = await appDatabase();
      const known = await activeUserByEmail(db, user.email);
      if (!known) return false;
      user.id = String(known.id);
      return true;
    },
    // Runs on sign-in and on every later read of the session: a token that no longer stands is dropped
    // (null clears the cookie), so /api/auth/session reports a deactivated or signed-out user as signed out.
    async jwt({ token, user }) {
      const { db } = await appDatabase();
      const now = nowSeconds();
      if (user?.id) {
        const limits = await sessionLimits(db, Number(user.id));
        // `idle` lets the proxy keep `seen` fresh without reviving a session already idle (server/auth/session-refresh.ts).
        return { ...token, uid: user.id, sv: limits?.version ?? 0, sat: now, seen: now, idle: limits?.idleMinutes ?? 0 };
      }
      return (await sessionUser(db, token, now)) ? { ...token, seen: now } : null;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
}));

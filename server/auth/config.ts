// next-auth (v5) configuration: email + password for everyone, plus an optional OIDC provider for SSO.
// Sessions are JWTs that carry only the user id; the user row is re-read on every request.
import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { appDatabase } from "@/server/database";
import { authSecret } from "./secret";
import { activeUserByEmail, verifyCredentials } from "./users";

const credentialsSchema = z.object({ email: z.string().trim().min(1), password: z.string().min(1) });

export function oidcConfigured(): boolean {
  return Boolean(process.env.AUTH_OIDC_ISSUER && process.env.AUTH_OIDC_CLIENT_ID && process.env.AUTH_OIDC_CLIENT_SECRET);
}

function providers(): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { db } = await appDatabase();
        const user = await verifyCredentials(db, parsed.data.email, parsed.data.password);
        return user ? { id: String(user.id), email: user.email, name: user.name } : null;
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

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: providers(),
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
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
}));

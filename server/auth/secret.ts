// The secret that signs session tokens: AUTH_SECRET when set, otherwise one generated once and
// kept (mode 0600) in the data directory, so a fresh clone signs in without any configuration.
import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDirectory } from "@/server/config";

// Read once per data directory: every page view asks for it (the proxy, the session check).
const kept = new Map<string, string>();

export function authSecret(): string {
  const fromEnv = process.env.AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const dir = dataDirectory();
  const secret = kept.get(dir) ?? storedSecret(dir);
  kept.set(dir, secret);
  return secret;
}

function storedSecret(dir: string): string {
  const file = path.join(dir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      // Another worker wrote it first; use theirs.
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

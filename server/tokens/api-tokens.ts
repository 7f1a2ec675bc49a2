// Bearer tokens for the HTTP API. Only a sha256 hash is stored; the token itself is shown once.
import crypto from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { recordAudit, type Actor } from "@/server/audit";

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function createApiToken(db: Queryable, name: string, actor: Actor): Promise<string> {
  const token = `tl_${crypto.randomBytes(24).toString("base64url")}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ name, tokenHash: hashToken(token), createdById: actor.id })
    .returning({ id: apiTokens.id });
  await recordAudit(db, actor, { action: "token.add", entityType: "api_token", entityId: row!.id, after: { name } });
  return token;
}

/** The token's id when it is valid and not revoked; records when it was last used. */
export async function verifyApiToken(db: Queryable, token: string): Promise<number | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return row?.id ?? null;
}

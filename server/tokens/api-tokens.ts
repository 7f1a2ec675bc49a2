// Bearer tokens for the HTTP API. Only a sha256 hash is stored; the token itself is shown once.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
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

/**
 * The token's id when it is valid and not revoked. Records when it was last used, to the minute: writing
 * on every request would make each API call a disk flush (measured: it halved the scores API's throughput).
 */
export async function verifyApiToken(db: Queryable, token: string): Promise<number | null> {
  const [row] = await db.execute<{ id: number }>(sql`
    with valid as (
      select id, last_used_at from api_tokens where token_hash = ${hashToken(token)} and revoked_at is null
    ), touched as (
      update api_tokens set last_used_at = now() from valid
      where api_tokens.id = valid.id and (valid.last_used_at is null or valid.last_used_at < now() - interval '1 minute')
      returning api_tokens.id
    )
    select id from valid`);
  return row?.id ?? null;
}

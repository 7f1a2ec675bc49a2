// Bearer tokens for the HTTP API. Only a sha256 hash is stored; the token itself is shown once.
import crypto from "node:crypto";
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { MAX_DATABASE_ID } from "@/lib/limits";
import { conflict, notFound } from "@/server/errors";
import type { Queryable } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { recordAudit, type Actor } from "@/server/audit";

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function createApiToken(db: Queryable, actor: Actor, name: string): Promise<string> {
  const token = `tl_${crypto.randomBytes(24).toString("base64url")}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ name, tokenHash: hashToken(token), createdById: actor.id })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, actor, { action: "token.add", entityType: "api_token", entityId: row!.id, after: { name } });
    return token;
  });
}

/** Every token with when it was made and last used; never the token itself (only its hash is kept). */
export async function listApiTokens(db: Queryable) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .orderBy(asc(apiTokens.id));
}

/** Revoke the active token named `nameOrId` (or with that id); refused when the name is ambiguous. */
export async function revokeApiToken(db: Queryable, actor: Actor, nameOrId: string): Promise<{ id: number; name: string }> {
  return db.transaction(async (tx) => {
    const active = await tx
      .select({ id: apiTokens.id, name: apiTokens.name })
      .from(apiTokens)
      .where(
        and(
          isNull(apiTokens.revokedAt),
          /^\d+$/.test(nameOrId) && Number(nameOrId) <= MAX_DATABASE_ID
            ? or(eq(apiTokens.name, nameOrId), eq(apiTokens.id, Number(nameOrId)))
            : eq(apiTokens.name, nameOrId),
        ),
      );
    if (active.length === 0) throw notFound(`No active API token is named ${nameOrId}; \`token list\` shows them.`);
    if (active.length > 1)
      throw conflict(`${active.length} active tokens match ${nameOrId} (ids ${active.map((t) => t.id).join(", ")}); revoke one by its id.`);
    const token = active[0]!;
    await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(eq(apiTokens.id, token.id));
    await recordAudit(tx, actor, { action: "token.revoke", entityType: "api_token", entityId: token.id, after: { name: token.name } });
    return token;
  });
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

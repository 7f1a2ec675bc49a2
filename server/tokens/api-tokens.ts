// Bearer tokens for the HTTP API, each with its scopes and an optional expiry. Only a sha256 hash is stored;
// the token itself is shown once.
import crypto from "node:crypto";
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { API_TOKENS_CHANNEL, changeStamp, isCurrent, type ChangeStamp } from "@/db/changes";
import { MAX_DATABASE_ID } from "@/lib/limits";
import { tokenScopes, type TokenScope } from "@/lib/enums";
import { conflict, invalid, notFound } from "@/server/errors";
import type { Queryable } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { recordAudit, type Actor } from "@/server/audit";
import { log } from "@/server/log";

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export interface TokenGrant {
  /** What the token may do; none named: only `scores:read` (the least a reporting client needs). */
  scopes?: readonly TokenScope[];
  /** Null or absent: the token does not expire. */
  expiresAt?: Date | null;
}

export async function createApiToken(db: Queryable, actor: Actor, name: string, grant: TokenGrant = {}): Promise<string> {
  const scopes = [...new Set(grant.scopes?.length ? grant.scopes : (["scores:read"] as const))];
  const unknown = scopes.filter((scope) => !tokenScopes.includes(scope));
  if (unknown.length)
    throw invalid(`scope: ${unknown.join(", ")} is not a scope; use ${tokenScopes.join(", ")}.`, [
      { field: "scope", message: `use ${tokenScopes.join(", ")}` },
    ]);
  if (grant.expiresAt && grant.expiresAt.getTime() <= Date.now())
    throw invalid("expires: the expiry must lie in the future.", [{ field: "expires", message: "a future date" }]);
  const token = `tl_${crypto.randomBytes(24).toString("base64url")}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ name, tokenHash: hashToken(token), scopes, expiresAt: grant.expiresAt ?? null, createdById: actor.id })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, actor, {
      action: "token.add",
      entityType: "api_token",
      entityId: row!.id,
      after: { name, scopes, expiresAt: grant.expiresAt?.toISOString() ?? null },
    });
    return token;
  });
}

/** Every token with when it was made and last used; never the token itself (only its hash is kept). */
export async function listApiTokens(db: Queryable) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
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

/** A valid token as a request sees it: which token, what it may do. */
export interface VerifiedToken {
  id: number;
  scopes: readonly TokenScope[];
}

/** A token that does not admit the request: unknown or revoked, or past its expiry (said apart, to help its owner). */
export type RefusedToken = { refused: "invalid" } | { refused: "expired"; expiredAt: Date };

/** Tokens this process checked, by hash: what they grant, or their refusal (unknown hashes are asked each time). */
interface TokenState {
  checked: Map<string, { answer: KeptAnswer; stamp: ChangeStamp }>;
  /** When each token's last use was written, as this process last knew it (performance.now() time). */
  lastUseWritten: Map<number, number>;
  /** Tokens whose last use this process is writing now. */
  writing: Set<number>;
}
const MAX_CHECKED = 10_000;
const LAST_USE_EVERY_MS = 60_000;
const tokenStates = new WeakMap<object, TokenState>();

function tokenState(db: Queryable): TokenState {
  let state = tokenStates.get(db);
  if (!state) tokenStates.set(db, (state = { checked: new Map(), lastUseWritten: new Map(), writing: new Set() }));
  return state;
}

/**
 * The token's id when it is valid and not revoked. Checked in the database, then kept while the client's change
 * feed listens, for at most KEEP_AT_MOST_MS: any change to a token (a revocation in any process notifies at commit)
 * or any commit of this process forgets what was kept, and without a listening feed every request asks.
 */
export async function verifyApiToken(db: Queryable, token: string): Promise<VerifiedToken | RefusedToken> {
  const hash = hashToken(token);
  const state = tokenState(db);
  const kept = state.checked.get(hash);
  if (kept && isCurrent(kept.stamp)) return usedNow(db, state, answerNow(kept.answer));
  const stamp = changeStamp(db, API_TOKENS_CHANNEL);
  const [row] = await db.execute<{ id: number; revoked: boolean; scopes: TokenScope[]; expires_at: Date | null; used_ms_ago: number | null }>(sql`
    select id, revoked_at is not null as revoked, scopes, expires_at,
      extract(epoch from now() - last_used_at)::float8 * 1000 as used_ms_ago
    from api_tokens where token_hash = ${hash}`);
  if (!row) return { refused: "invalid" };
  const answer: KeptAnswer = row.revoked
    ? { refused: "invalid" }
    : { id: row.id, scopes: row.scopes, expiresAt: row.expires_at ? new Date(row.expires_at) : null };
  // The database knows best when the token was last written (by any process), unless this process is writing it.
  if (!row.revoked && !state.writing.has(row.id)) state.lastUseWritten.set(row.id, row.used_ms_ago === null ? -Infinity : performance.now() - row.used_ms_ago);
  // A change heard while asking may have come after the answer was read: then it is not kept.
  if (stamp && isCurrent(stamp)) {
    if (state.checked.size >= MAX_CHECKED) state.checked.clear();
    state.checked.set(hash, { answer, stamp });
  }
  return usedNow(db, state, answerNow(answer));
}

type KeptAnswer = { refused: "invalid" } | { id: number; scopes: readonly TokenScope[]; expiresAt: Date | null };

/** A kept answer as of now: expiry is checked at every request, kept or not. */
function answerNow(answer: KeptAnswer): VerifiedToken | RefusedToken {
  if ("refused" in answer) return answer;
  if (answer.expiresAt && answer.expiresAt.getTime() <= Date.now()) return { refused: "expired", expiredAt: answer.expiresAt };
  return { id: answer.id, scopes: answer.scopes };
}

/**
 * Records when a token was last used, to the minute, off the request's path: written at most once a minute per
 * token from this process (and not when another process wrote it in the last minute), never awaited; a failure is
 * logged and tried again at the next use.
 */
function usedNow(db: Queryable, state: TokenState, answer: VerifiedToken | RefusedToken): VerifiedToken | RefusedToken {
  if ("refused" in answer) return answer;
  const { id } = answer;
  const now = performance.now();
  if (now - (state.lastUseWritten.get(id) ?? -Infinity) < LAST_USE_EVERY_MS) return answer;
  state.lastUseWritten.set(id, now);
  state.writing.add(id);
  db.execute(
    sql`
    update api_tokens set last_used_at = now()
    where id = ${id} and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
  )
    .catch((error: unknown) => {
      state.lastUseWritten.delete(id);
      log.warn({ err: error, tokenId: id }, "could not record an API token's last use");
    })
    .finally(() => state.writing.delete(id));
  return answer;
}

// Authenticates an HTTP API request by its Bearer token and the scope its route needs; the one check every
// /api/v1 route makes. 401 for a missing, unknown, revoked or expired token; 403 for a token without the scope.
import type { Queryable } from "@/db/client";
import type { TokenScope } from "@/lib/enums";
import { logRefusal } from "@/server/log";
import { verifyApiToken } from "./api-tokens";

const bearerRefusal = (status: 401 | 403, error: string) =>
  Response.json({ error }, { status, headers: { "Cache-Control": "no-store", ...(status === 401 ? { "WWW-Authenticate": "Bearer" } : {}) } });

export async function authenticateBearer(db: Queryable, request: Request, scope: TokenScope): Promise<{ tokenId: number } | Response> {
  const route = `${request.method} ${new URL(request.url).pathname}`;
  const token = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const verified = token ? await verifyApiToken(db, token) : ({ refused: "invalid" } as const);
  if ("refused" in verified) {
    logRefusal({ status: 401, route, reason: verified.refused === "expired" ? "token expired" : "no valid token" });
    return bearerRefusal(
      401,
      verified.refused === "expired"
        ? `This API token expired on ${verified.expiredAt.toISOString().slice(0, 10)}; create a new one with npm run cli -- token add --name … --scope ${scope}.`
        : "A valid API token is required: send Authorization: Bearer <token> (create one with npm run cli -- token add --name …).",
    );
  }
  if (!verified.scopes.includes(scope)) {
    logRefusal({ status: 403, route, tokenId: verified.id, reason: `token lacks the scope ${scope}` });
    return bearerRefusal(
      403,
      `This token may not do this: it needs the scope ${scope} (it has ${verified.scopes.join(", ") || "none"}). Create one with npm run cli -- token add --name … --scope ${scope}.`,
    );
  }
  return { tokenId: verified.id };
}

// Authenticates an HTTP API request by its Bearer token; the one check every /api/v1 route makes.
import type { Queryable } from "@/db/client";
import { verifyApiToken } from "./api-tokens";

export async function authenticateBearer(db: Queryable, request: Request): Promise<{ tokenId: number } | Response> {
  const token = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const tokenId = token ? await verifyApiToken(db, token) : null;
  if (!tokenId) {
    return Response.json(
      { error: "A valid API token is required: send Authorization: Bearer <token> (create one with npm run cli -- token add --name …)." },
      { status: 401, headers: { "WWW-Authenticate": "Bearer" } },
    );
  }
  return { tokenId };
}

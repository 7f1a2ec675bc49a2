// POST /api/v1/responses: a JSON array of responses from another system, all-or-nothing, idempotent by
// externalId. 401 without a token, 400 listing every problem, 200 with what was imported.
import { appDatabase } from "@/server/database";
import { ingestApiResponses } from "@/server/imports/api-responses";
import { authenticateBearer } from "@/server/tokens/bearer";
import { answersInWords } from "@/server/http/errors";

export const dynamic = "force-dynamic";

export const POST = answersInWords("POST /api/v1/responses", async (request: Request) => {
  const { db } = await appDatabase();
  const auth = await authenticateBearer(db, request, "responses:write");
  if (auth instanceof Response) return auth;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "The body is not valid JSON: send an array of responses." }, { status: 400 });
  }
  const result = await ingestApiResponses(db, { id: null, email: `api-token:${auth.tokenId}` }, body);
  if (!result.ok) return Response.json({ error: "Nothing was imported.", problems: result.problems }, { status: 400 });
  return Response.json(result);
});

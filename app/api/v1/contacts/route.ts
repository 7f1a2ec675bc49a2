// GET /api/v1/contacts?level=…[&from=YYYY-MM-DD&to=YYYY-MM-DD][&grain=none|day|week|month|quarter] with a Bearer token.
// 401 without a valid token, 400 naming each bad parameter and how to write it; rows come from the contact roll-ups.
import { appDatabase, readDatabase } from "@/server/database";
import { contactRows, resolveContactQuery } from "@/server/contacts/api";
import { programCurrency } from "@/server/config";
import { answersInWords } from "@/server/http/errors";
import { cachedScores } from "@/server/scores/cache";
import { authenticateBearer } from "@/server/tokens/bearer";

export const dynamic = "force-dynamic";

export const GET = answersInWords(
  "GET /api/v1/contacts",
  async (request: Request) => {
    const { db } = await appDatabase();
    const auth = await authenticateBearer(db, request, "contacts:read");
    if (auth instanceof Response) return auth;
    const { db: readDb } = await readDatabase();
    const query = await resolveContactQuery(readDb, Object.fromEntries(new URL(request.url).searchParams));
    return Response.json({ ...query, currency: programCurrency(), rows: await cachedScores(readDb, "contacts", query, () => contactRows(readDb, query)) });
  },
  { problemKey: "parameter" },
);

// GET /api/v1/scores?level=…[&from=YYYY-MM-DD&to=YYYY-MM-DD][&grain=none|month|quarter] with a Bearer token.
// 401 without a valid token, 400 naming each bad parameter and how to write it; rows come from the roll-ups.
import { appDatabase, readDatabase } from "@/server/database";
import { answersInWords } from "@/server/http/errors";
import { resolveScoreQuery, scoreRows } from "@/server/scores/api";
import { cachedScores } from "@/server/scores/cache";
import { authenticateBearer } from "@/server/tokens/bearer";

export const dynamic = "force-dynamic";

export const GET = answersInWords(
  "GET /api/v1/scores",
  async (request: Request) => {
    const { db } = await appDatabase();
    const auth = await authenticateBearer(db, request, "scores:read");
    if (auth instanceof Response) return auth;
    const { db: readDb } = await readDatabase();
    // The answer is kept as sent, per question and data version: filling in the query reads settings, the latest
    // day and the model, and writing the rows out costs more than the rest of a cached request together.
    const raw = Object.fromEntries(new URL(request.url).searchParams);
    const body = await cachedScores(readDb, "scoresAnswer", raw, async () => {
      const query = await resolveScoreQuery(readDb, raw);
      return JSON.stringify({ ...query, rows: await cachedScores(readDb, "scores", query, () => scoreRows(readDb, query)) });
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  },
  { problemKey: "parameter" },
);

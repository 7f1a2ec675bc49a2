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
    const auth = await authenticateBearer(db, request);
    if (auth instanceof Response) return auth;
    const { db: readDb } = await readDatabase();
    const query = await resolveScoreQuery(readDb, Object.fromEntries(new URL(request.url).searchParams));
    return Response.json({ ...query, rows: await cachedScores(readDb, "scores", query, () => scoreRows(readDb, query)) });
  },
  { problemKey: "parameter" },
);

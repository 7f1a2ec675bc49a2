// GET /api/v1/scores?level=…&from=YYYY-MM-DD&to=YYYY-MM-DD&grain=none|month|quarter with a Bearer token.
// 401 without a valid token, 400 with a clear message on a bad parameter; rows come from the roll-ups.
import { appDatabase, readDatabase } from "@/server/database";
import { scoreQuerySchema, scoreRows } from "@/server/scores/api";
import { cachedScores } from "@/server/scores/cache";
import { authenticateBearer } from "@/server/tokens/bearer";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { db } = await appDatabase();
  const auth = await authenticateBearer(db, request);
  if (auth instanceof Response) return auth;
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = scoreQuerySchema.safeParse(params);
  if (!query.success) {
    return Response.json(
      { error: "Bad parameter.", problems: query.error.issues.map((i) => ({ parameter: i.path.join(".") || "query", message: i.message })) },
      { status: 400 },
    );
  }
  const { db: readDb } = await readDatabase();
  return Response.json({ level: query.data.level, from: query.data.from, to: query.data.to, grain: query.data.grain, rows: await cachedScores(readDb, "scores", query.data, () => scoreRows(readDb, query.data)) });
}

// GET /api/v1/themes?level=…&id=…[&from=YYYY-MM-DD&to=YYYY-MM-DD][&location=CODE][&format=json|csv] with a Bearer token.
// 401 without a valid token, 400 naming each bad parameter; the same rows as `npm run cli -- themes`.
import { toCsv } from "@/lib/csv";
import { appDatabase, readDatabase } from "@/server/database";
import { driverFormat } from "@/server/drivers/api";
import { answersInWords } from "@/server/http/errors";
import { cachedScores } from "@/server/scores/cache";
import { flattenThemeRow, resolveThemeQuery, themeRows } from "@/server/themes/api";
import { authenticateBearer } from "@/server/tokens/bearer";

export const dynamic = "force-dynamic";

export const GET = answersInWords(
  "GET /api/v1/themes",
  async (request: Request) => {
    const { db } = await appDatabase();
    const auth = await authenticateBearer(db, request, "scores:read");
    if (auth instanceof Response) return auth;
    const { db: readDb } = await readDatabase();
    const { format, ...parameters } = Object.fromEntries(new URL(request.url).searchParams);
    // JSON unless format=csv or Accept: text/csv, as every API answers.
    const wanted = driverFormat(format, request.headers.get("accept"));
    const query = await resolveThemeQuery(readDb, parameters);
    const rows = await cachedScores(readDb, "themesApi", query, () => themeRows(readDb, query));
    if (wanted === "csv")
      return new Response(toCsv(rows.map(flattenThemeRow)), {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="themes.csv"', "cache-control": "no-store" },
      });
    return Response.json({ ...query, rows }, { headers: { "cache-control": "no-store" } });
  },
  { problemKey: "parameter" },
);

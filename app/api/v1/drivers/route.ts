// GET /api/v1/drivers?scope=…&id=…[&from&to][&outcome=nps][&location=CODE][&format=json|csv][&table=drivers|themes] with a
// Bearer token. 401 without a valid token, 400 naming each bad parameter; the same rows as `npm run cli -- drivers`.
import { toCsv } from "@/lib/csv";
import { appDatabase, readDatabase } from "@/server/database";
import { driverFormat, driverRows, driverTable, flattenDriverRow, resolveDriverQuery } from "@/server/drivers/api";
import { answersInWords } from "@/server/http/errors";
import { cachedScores } from "@/server/scores/cache";
import { authenticateBearer } from "@/server/tokens/bearer";

export const dynamic = "force-dynamic";

export const GET = answersInWords(
  "GET /api/v1/drivers",
  async (request: Request) => {
    const { db } = await appDatabase();
    const auth = await authenticateBearer(db, request, "scores:read");
    if (auth instanceof Response) return auth;
    const { db: readDb } = await readDatabase();
    const { format, table, ...parameters } = Object.fromEntries(new URL(request.url).searchParams);
    const wanted = driverFormat(format, request.headers.get("accept"));
    const csvTable = driverTable(table);
    const query = await resolveDriverQuery(readDb, parameters);
    const { rows, themes } = await cachedScores(readDb, "drivers", query, () => driverRows(readDb, query));
    if (wanted === "csv") {
      // One table per CSV: the metrics' rows, or with table=themes the themes'.
      const csv = csvTable === "themes" ? toCsv(themes.map(flattenDriverRow)) : toCsv(rows.map(flattenDriverRow));
      const fileName = csvTable === "themes" ? "theme-drivers.csv" : "drivers.csv";
      return new Response(csv, {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
      });
    }
    return Response.json({ ...query, rows, themes }, { headers: { "cache-control": "no-store" } });
  },
  { problemKey: "parameter" },
);

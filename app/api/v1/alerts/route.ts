// GET /api/v1/alerts[?status=open,acknowledged][&from=YYYY-MM-DD&to=YYYY-MM-DD][&format=json|csv] with a Bearer token.
// 401 without a valid token, 400 naming each bad parameter and how to write it; the same rows as `alerts list`.
import { toCsv } from "@/lib/csv";
import { alertRows, resolveAlertQuery } from "@/server/alerts/api";
import { appDatabase } from "@/server/database";
import { answersInWords } from "@/server/http/errors";
import { authenticateBearer } from "@/server/tokens/bearer";

export const dynamic = "force-dynamic";

export const GET = answersInWords(
  "GET /api/v1/alerts",
  async (request: Request) => {
    const { db } = await appDatabase();
    const auth = await authenticateBearer(db, request, "scores:read");
    if (auth instanceof Response) return auth;
    const query = resolveAlertQuery(Object.fromEntries(new URL(request.url).searchParams));
    // Cases change by the minute: read from the primary, never a replica that may lag behind an acknowledgement.
    const rows = await alertRows(db, query);
    if (query.format === "csv")
      return new Response(toCsv(rows), {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="alerts.csv"', "cache-control": "no-store" },
      });
    const { format: _format, ...parameters } = query;
    return Response.json({ ...parameters, rows });
  },
  { problemKey: "parameter" },
);

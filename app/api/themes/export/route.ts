// GET /api/themes/export?[level=…&id=…][&from=…&to=…][&compareFrom=…&compareTo=…][&location=…] (signed in): the
// themes table of Experience › Themes as CSV, with the page's scope and period — the same rows as GET /api/v1/themes.
import { toCsv } from "@/lib/csv";
import { userFromSession } from "@/server/auth/route-guard";
import { readDatabase } from "@/server/database";
import { invalidInput } from "@/server/errors";
import { answersInWords } from "@/server/http/errors";
import { cachedScores } from "@/server/scores/cache";
import { readDashboardFilters } from "@/server/scores/filters";
import { flattenThemeRow, rowsOfThemesView } from "@/server/themes/api";
import { themeQuerySchema, themesView } from "@/server/themes/view";

export const dynamic = "force-dynamic";

export const GET = answersInWords("GET /api/themes/export", async (request: Request) => {
  const user = await userFromSession("GET /api/themes/export");
  if (user instanceof Response) return user;
  const params = Object.fromEntries(new URL(request.url).searchParams);
  // The page's filters as the page reads them; a bad level or id is refused naming the parameter.
  const { from, to, compareFrom, compareTo, location } = readDashboardFilters(params).filters;
  const parsed = themeQuerySchema.safeParse({ from, to, compareFrom, compareTo, location, level: params.level || undefined, id: params.id || undefined });
  if (!parsed.success) throw invalidInput(parsed.error);
  const query = parsed.data;
  const { db } = await readDatabase();
  // Cached under the name themes.view uses, so the same query read from the page and for the file is computed once.
  const view = await cachedScores(db, "themes", query, () => themesView(db, query));
  const rows = rowsOfThemesView(
    {
      level: query.level,
      id: view.scope.id,
      from: view.period.from,
      to: view.period.to,
      compareFrom: view.compareTo.from,
      compareTo: view.compareTo.to,
      location: view.location?.code ?? null,
    },
    view,
  );
  const name = `themes-${query.level}${query.id ? `-${query.id}` : ""}-${view.period.from}-${view.period.to}.csv`;
  return new Response(toCsv(rows.map(flattenThemeRow)), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
});

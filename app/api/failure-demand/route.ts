// GET /api/failure-demand?table=touchpoints|trend[&from=…&to=…&departmentId=…&journeyId=…&channel=…&location=…]
// (signed in): the failure-demand view's touchpoint table or 12-month trend as CSV, with the page's filters.
import { toCsv } from "@/lib/csv";
import { userFromSession } from "@/server/auth/route-guard";
import { failureDemandView, type FailureDemandView } from "@/server/contacts/views";
import { readDatabase } from "@/server/database";
import { invalid } from "@/server/errors";
import { answersInWords } from "@/server/http/errors";
import { cachedScores } from "@/server/scores/cache";
import { readDashboardFilters } from "@/server/scores/filters";

export const dynamic = "force-dynamic";

const round = (value: number | null | undefined, digits = 1) => (value == null ? "" : Number(value.toFixed(digits)));

const tables = {
  touchpoints: (view: FailureDemandView) =>
    view.touchpoints.map((tp) => ({
      code: tp.code,
      touchpoint: tp.name,
      department: tp.departmentName,
      owner: tp.ownerName ?? "",
      contacts: round(tp.contacts),
      [`cost_${view.currency}`]: round(tp.cost, 2),
      share_of_contacts: tp.share.status === "ok" ? round(tp.share.value) : "insufficient",
      share_margin: tp.share.status === "ok" ? round(tp.share.margin) : "",
      responses: tp.responses,
      per_1000_responses: round(tp.perThousandResponses?.value),
      per_1000_responses_margin: round(tp.perThousandResponses?.margin),
      transactions: tp.transactions === null ? "no volume" : Math.round(tp.transactions),
      per_1000_transactions: round(tp.perThousandTransactions?.value, 2),
      per_1000_transactions_margin: round(tp.perThousandTransactions?.margin, 2),
    })),
  trend: (view: FailureDemandView) =>
    view.trend.map((t) => ({
      month: t.month.slice(0, 7),
      contacts: round(t.contacts),
      failure_demand: round(t.failure),
      value_demand: round(t.value),
      unclassified: round(t.unclassified),
      failure_share: t.share.status === "ok" ? round(t.share.value) : "insufficient",
      failure_share_margin: t.share.status === "ok" ? round(t.share.margin) : "",
      [`failure_cost_${view.currency}`]: round(t.cost, 2),
    })),
};

export const GET = answersInWords("GET /api/failure-demand", async (request: Request) => {
  const user = await userFromSession("GET /api/failure-demand");
  if (user instanceof Response) return user;
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const table = params.table as keyof typeof tables;
  if (!Object.hasOwn(tables, table ?? "")) throw invalid("table: use touchpoints or trend", [{ field: "table", message: "use touchpoints or trend" }]);
  const { filters } = readDashboardFilters(params);
  const { db } = await readDatabase();
  const view = await cachedScores(db, "failureDemand", filters, () => failureDemandView(db, filters));
  const name = `failure-demand-${table}-${view.period.from}-${view.period.to}.csv`;
  return new Response(toCsv(tables[table](view)), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
});

// The CCO's initiative portfolio: every initiative with its touchpoint, department, owner, status, due date,
// overdue flag and measured impact, filtered and sorted as the URL says; and what they moved, in one line.
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { departments } from "@/db/schema";
import { initiativeStatuses } from "@/lib/enums";
import { entityIdText } from "@/lib/schemas";
import { DEFAULT_IMPACT_WINDOW_DAYS } from "./impact";
import { impactOf, listInitiatives } from "./service";

export const portfolioSorts = ["due", "impact", "status", "touchpoint"] as const;

/** The portfolio's filters and order, as they appear in the URL. */
export const portfolioQuerySchema = z.object({
  status: z.enum(initiativeStatuses).optional(),
  departmentId: entityIdText.optional(),
  overdue: z.enum(["1"]).optional(),
  sort: z.enum(portfolioSorts).default("due"),
});
export type PortfolioQuery = z.infer<typeof portfolioQuerySchema>;

/** Reads the query from URL search params, leaving out what does not parse. */
export function portfolioQueryFrom(params: Record<string, string | string[] | undefined>): PortfolioQuery {
  const query: Record<string, unknown> = {};
  for (const key of Object.keys(portfolioQuerySchema.shape) as Array<keyof PortfolioQuery>) {
    const value = params[key];
    if (typeof value !== "string" || value === "") continue;
    const parsed = portfolioQuerySchema.shape[key].safeParse(value);
    if (parsed.success) query[key] = parsed.data;
  }
  return portfolioQuerySchema.parse(query);
}

type Outcome = "better" | "worse" | "no_change" | "too_early" | "not_measured";

export async function initiativePortfolio(db: Queryable, query: PortfolioQuery, asOf = new Date().toISOString().slice(0, 10)) {
  const [all, departmentRows] = await Promise.all([listInitiatives(db), db.select({ id: departments.id, name: departments.name }).from(departments)]);
  const departmentName = new Map(departmentRows.map((d) => [d.id, d.name]));
  const rows = await Promise.all(
    all.map(async (initiative) => {
      const impact = await impactOf(db, initiative, DEFAULT_IMPACT_WINDOW_DAYS, asOf);
      const outcome: Outcome =
        impact.status === "measured"
          ? impact.change.significant
            ? impact.change.direction === "worse"
              ? "worse"
              : "better"
            : "no_change"
          : impact.status === "too_early"
            ? "too_early"
            : "not_measured";
      return { ...initiative, departmentName: departmentName.get(initiative.departmentId) ?? "", impact, outcome };
    }),
  );
  const moved = { better: 0, worse: 0, no_change: 0, too_early: 0, not_measured: 0 } satisfies Record<Outcome, number>;
  for (const row of rows) moved[row.outcome] += 1;
  const shown = rows.filter(
    (r) => (!query.status || r.status === query.status) && (!query.departmentId || r.departmentId === query.departmentId) && (!query.overdue || r.overdue),
  );
  const difference = (r: (typeof rows)[number]) => (r.impact.status === "measured" ? r.impact.change.difference : Number.NEGATIVE_INFINITY);
  const order: Record<PortfolioQuery["sort"], (a: (typeof rows)[number], b: (typeof rows)[number]) => number> = {
    due: (a, b) => (a.dueDate ?? "9999-12-31").localeCompare(b.dueDate ?? "9999-12-31"),
    impact: (a, b) => difference(b) - difference(a),
    status: (a, b) => initiativeStatuses.indexOf(a.status) - initiativeStatuses.indexOf(b.status),
    touchpoint: (a, b) => a.touchpointName.localeCompare(b.touchpointName),
  };
  return { rows: shown.sort(order[query.sort]), total: rows.length, moved, departments: departmentRows };
}

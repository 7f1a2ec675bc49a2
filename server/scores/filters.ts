// The dashboard filters, as they appear in the URL so that any view can be shared as a link.
import { z } from "zod";
import { entityIdText, isoDate } from "@/lib/schemas";
import { locationCode } from "@/server/model/rules";
import { channels } from "@/lib/enums";
import { DATE_EXAMPLE, formatDate } from "@/lib/dates";
import type { FieldProblem } from "@/server/errors";

export const dashboardFiltersSchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  compareFrom: isoDate.optional(),
  compareTo: isoDate.optional(),
  journeyId: entityIdText.optional(),
  departmentId: entityIdText.optional(),
  channel: z.enum(channels).optional(),
  /** A site's or a region's code: the view counts only responses given there. */
  location: locationCode.optional(),
});

export type DashboardFilters = z.infer<typeof dashboardFiltersSchema>;

const dateLabels = { from: "From", to: "To", compareFrom: "Compare from", compareTo: "Compare to" } as const;

/**
 * Reads filters from URL search params. A value that does not parse, or a period whose end comes before
 * its start, is left out (the view shows its default instead) and named in `problems`, so the page can
 * say so at the field rather than fail as a whole.
 */
export function readDashboardFilters(params: Record<string, string | string[] | undefined>): { filters: DashboardFilters; problems: FieldProblem[] } {
  const filters: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(dashboardFiltersSchema.shape) as Array<keyof DashboardFilters>) {
    const value = params[key];
    if (typeof value !== "string" || value === "") continue;
    const parsed = dashboardFiltersSchema.shape[key].safeParse(value);
    if (parsed.success) filters[key] = parsed.data;
    else if (key in dateLabels)
      problems.push({ field: key, message: `“${value}” is not a date; type one like ${DATE_EXAMPLE}. Showing the default period instead.` });
  }
  for (const [start, end] of [
    ["from", "to"],
    ["compareFrom", "compareTo"],
  ] as const) {
    const [first, last] = [filters[start] as string | undefined, filters[end] as string | undefined];
    if (first && last && first > last) {
      problems.push({
        field: end,
        message: `${dateLabels[end]} (${formatDate(last)}) is before ${dateLabels[start]} (${formatDate(first)}); showing the default period instead.`,
      });
      delete filters[start];
      delete filters[end];
    }
  }
  return { filters: filters as DashboardFilters, problems };
}

/** The filters alone, for links and reads that need no explanation of what was left out. */
export function filtersFromSearchParams(params: Record<string, string | string[] | undefined>): DashboardFilters {
  return readDashboardFilters(params).filters;
}

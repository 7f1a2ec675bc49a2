// The dashboard filters, as they appear in the URL so that any view can be shared as a link.
import { z } from "zod";
import { entityIdText, isoDate } from "@/lib/schemas";
import { channels } from "@/db/schema";

export const dashboardFiltersSchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  compareFrom: isoDate.optional(),
  compareTo: isoDate.optional(),
  journeyId: entityIdText.optional(),
  departmentId: entityIdText.optional(),
  channel: z.enum(channels).optional(),
});

export type DashboardFilters = z.infer<typeof dashboardFiltersSchema>;

/** Reads filters from URL search params, ignoring (not failing on) values that do not parse. */
export function filtersFromSearchParams(params: Record<string, string | string[] | undefined>): DashboardFilters {
  const filters: Record<string, unknown> = {};
  for (const key of Object.keys(dashboardFiltersSchema.shape)) {
    const value = params[key];
    if (typeof value !== "string" || value === "") continue;
    const parsed = dashboardFiltersSchema.shape[key as keyof DashboardFilters].safeParse(value);
    if (parsed.success) filters[key] = parsed.data;
  }
  return filters as DashboardFilters;
}

// Links of the failure-demand pages: the view's filters kept in every drill and export, plus the figure's own
// parameters (touchpointId, stageId, reasonId, demand, page), so every view and drill is a shareable URL.
import type { DashboardFilters } from "@/server/scores/filters";
import type { Change } from "@/server/metrics/formulas";
import { describeDifference } from "@/components/format";

export function linkWith(path: string, filters: DashboardFilters, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value !== undefined && value !== "") params.set(key, String(value));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

const notComparable = {
  no_comparison_data: "no contacts in the comparison period",
  no_current_data: "no contacts in this period",
  too_few: "not compared: too few contacts in one of the periods",
} as const;

/** A change of a failure-demand share in words, with its size and margin whether significant or not. */
export function describeShareChange(change: Change): string {
  if (change.status !== "ok") return notComparable[change.reason];
  const size = describeDifference("failure_demand", change);
  return change.significant ? `${size}, ${change.direction === "worse" ? "worse" : "better"} (significant)` : `${size}, no significant change`;
}

/** The colour a change may carry: only a significant one is good or bad (less failure demand is better). */
export function changeTone(change: Change): "good" | "bad" | "neutral" {
  if (change.status !== "ok" || !change.significant) return "neutral";
  return change.direction === "better" ? "good" : "bad";
}

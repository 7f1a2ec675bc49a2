// Classifying demand, pure: each reason set's contacts are failure demand caused by the touchpoints its
// reasons map to, value demand, or unclassified. Applied when reading, so a mapping change re-attributes history.
import type { DemandKind } from "@/lib/enums";

export interface ReasonMapping {
  kind: DemandKind;
  touchpointId: number | null;
}

export interface ContactCounts {
  reasonSetId: number;
  contacts: number;
}

export interface DemandSplit {
  all: number;
  failure: number;
  value: number;
  unclassified: number;
  /** Failure contacts per touchpoint that caused them; a contact naming two causes counts half to each. */
  byTouchpoint: Map<number, number>;
}

/**
 * A set is failure demand when any of its reasons maps to a touchpoint's failure (a contact about a charge
 * and a refund was caused upstream, whatever else it asks); else value demand when any reason is value
 * demand; else unclassified (the empty set, "no reason given", included).
 */
export function splitDemand(
  rows: readonly ContactCounts[],
  reasonSets: ReadonlyMap<number, readonly number[]>,
  mappings: ReadonlyMap<number, ReasonMapping>,
): DemandSplit {
  const split: DemandSplit = { all: 0, failure: 0, value: 0, unclassified: 0, byTouchpoint: new Map() };
  for (const row of rows) {
    const reasons = (reasonSets.get(row.reasonSetId) ?? []).map((id) => mappings.get(id)).filter((m): m is ReasonMapping => m !== undefined);
    split.all += row.contacts;
    const causes = [...new Set(reasons.filter((m) => m.kind === "failure" && m.touchpointId !== null).map((m) => m.touchpointId!))];
    if (causes.length > 0) {
      split.failure += row.contacts;
      for (const touchpointId of causes) split.byTouchpoint.set(touchpointId, (split.byTouchpoint.get(touchpointId) ?? 0) + row.contacts / causes.length);
    } else if (reasons.some((m) => m.kind === "value")) split.value += row.contacts;
    else split.unclassified += row.contacts;
  }
  return split;
}

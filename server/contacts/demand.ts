// Classifying demand, pure: each reason set's contacts are failure demand caused by the touchpoints its
// reasons map to, value demand, or unclassified. Applied when reading, so a mapping change re-attributes history.
import type { ContactChannel, DemandKind } from "@/lib/enums";
import { contactCost } from "@/server/metrics/formulas";

export type ReasonMapping = {
  kind: DemandKind;
  touchpointId: number | null;
};

export type ReasonRule = ReasonMapping & {
  id: number;
  match: "exact" | "prefix";
  pattern: string;
};

/** How each reason is classified now, and whether by its own mapping or by a rule. */
export type ResolvedMapping = ReasonMapping & { via: "mapping" | "rule"; ruleId?: number };

/** The rule that classifies a reason: an exact match first, else the longest matching prefix (case-insensitive). */
export function matchingRule<R extends ReasonRule>(name: string, rules: readonly R[]): R | undefined {
  const lower = name.toLowerCase();
  const exact = rules.find((r) => r.match === "exact" && r.pattern.toLowerCase() === lower);
  if (exact) return exact;
  return rules
    .filter((r) => r.match === "prefix" && lower.startsWith(r.pattern.toLowerCase()))
    .sort((a, b) => b.pattern.length - a.pattern.length || a.id - b.id)[0];
}

/** Every reason's classification: its own mapping wins; otherwise the rule that matches it; else none (unclassified). */
export function resolveReasonMap(
  reasons: ReadonlyArray<{ id: number; name: string }>,
  mappings: ReadonlyMap<number, ReasonMapping>,
  rules: readonly ReasonRule[],
): Map<number, ResolvedMapping> {
  const resolved = new Map<number, ResolvedMapping>();
  for (const reason of reasons) {
    const own = mappings.get(reason.id);
    if (own) {
      resolved.set(reason.id, { kind: own.kind, touchpointId: own.touchpointId, via: "mapping" });
      continue;
    }
    const rule = matchingRule(reason.name, rules);
    if (rule) resolved.set(reason.id, { kind: rule.kind, touchpointId: rule.touchpointId, via: "rule", ruleId: rule.id });
  }
  return resolved;
}

export type DemandClass = { kind: "failure"; causes: number[] } | { kind: "value" } | { kind: "unclassified" };

/**
 * A contact is failure demand when any of its reasons maps to a touchpoint's failure (a contact about a charge
 * and a refund was caused upstream, whatever else it asks); else value demand when any reason is value demand;
 * else, when the support tool itself named the touchpoint, failure demand caused by that touchpoint; else
 * unclassified (no reason given, or none mapped yet).
 */
export function classifyContact(reasonIds: readonly number[], namedTouchpointId: number, map: ReadonlyMap<number, ReasonMapping>): DemandClass {
  const mapped = reasonIds.map((id) => map.get(id)).filter((m): m is ReasonMapping => m !== undefined);
  const causes = [...new Set(mapped.filter((m) => m.kind === "failure" && m.touchpointId !== null).map((m) => m.touchpointId!))].sort((a, b) => a - b);
  if (causes.length > 0) return { kind: "failure", causes };
  if (mapped.some((m) => m.kind === "value")) return { kind: "value" };
  if (namedTouchpointId > 0) return { kind: "failure", causes: [namedTouchpointId] };
  return { kind: "unclassified" };
}

/** One roll-up row as read: a reason set's contacts on one channel, with the touchpoint the tool named (0: none). */
export type ContactRow = {
  reasonSetId: number;
  contacts: number;
  channel?: ContactChannel;
  touchpointId?: number;
  /** The tools' own costs, and the handling seconds of contacts without one (priced per channel). */
  cost?: number;
  uncostedHandleSeconds?: number;
};

export interface Demand {
  contacts: number;
  cost: number;
}

export interface DemandSplit {
  all: number;
  failure: number;
  value: number;
  unclassified: number;
  cost: { all: number; failure: number; value: number; unclassified: number };
  /** Failure demand per touchpoint that caused it; a contact naming two causes counts half to each. */
  byTouchpoint: Map<number, Demand>;
  /** Contacts per reason (a contact with two reasons counts in both), with how each is classified now. */
  byReason: Map<number, Demand>;
}

const emptySplit = (): DemandSplit => ({
  all: 0,
  failure: 0,
  value: 0,
  unclassified: 0,
  cost: { all: 0, failure: 0, value: 0, unclassified: 0 },
  byTouchpoint: new Map(),
  byReason: new Map(),
});

const add = (into: Map<number, Demand>, key: number, contacts: number, cost: number) => {
  const current = into.get(key) ?? { contacts: 0, cost: 0 };
  into.set(key, { contacts: current.contacts + contacts, cost: current.cost + cost });
};

/** Split rows of contacts into failure, value and unclassified demand, with their cost at the channels' hourly rates. */
export function splitDemand(
  rows: readonly ContactRow[],
  reasonSets: ReadonlyMap<number, readonly number[]>,
  map: ReadonlyMap<number, ReasonMapping>,
  costPerHour: Partial<Record<ContactChannel, number>> = {},
): DemandSplit {
  const split = emptySplit();
  for (const row of rows) {
    const reasonIds = reasonSets.get(row.reasonSetId) ?? [];
    const cost = contactCost(row.cost ?? 0, row.uncostedHandleSeconds ?? 0, (row.channel && costPerHour[row.channel]) ?? 0);
    const demand = classifyContact(reasonIds, row.touchpointId ?? 0, map);
    split.all += row.contacts;
    split.cost.all += cost;
    split[demand.kind] += row.contacts;
    split.cost[demand.kind] += cost;
    if (demand.kind === "failure")
      for (const touchpointId of demand.causes) add(split.byTouchpoint, touchpointId, row.contacts / demand.causes.length, cost / demand.causes.length);
    for (const reasonId of reasonIds) add(split.byReason, reasonId, row.contacts, cost);
  }
  return split;
}

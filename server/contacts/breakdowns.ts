// Failure demand tallied for the views and the contacts API, pure: contact roll-up rows classified by the reason
// map, split by the touchpoint, department, stage, reason and channel that caused or carried them, with costs.
import type { ContactChannel } from "@/lib/enums";
import { contactCost } from "@/server/metrics/formulas";
import { classifyContact, type ContactRow, type Demand } from "./demand";
import type { ReasonMap } from "./read";

/** The touchpoints a view counts failure demand for; undefined counts every cause. */
export type CauseScope = ReadonlySet<number> | undefined;

export interface ReasonTally extends Demand {
  /** Of these contacts, how many are failure demand in scope (whatever reason made them so), and their cost. */
  failure: number;
  failureCost: number;
}

export interface DemandTally {
  all: number;
  /** Failure demand caused by the touchpoints in scope (unnarrowed: every failure contact, once). */
  failure: number;
  /** Failure demand caused by touchpoints outside the scope (a department filter leaves them out). */
  otherFailure: number;
  value: number;
  unclassified: number;
  cost: { all: number; failure: number; otherFailure: number; value: number; unclassified: number };
  /** Failure demand per touchpoint in scope; a contact naming two causes counts half to each. */
  byTouchpoint: Map<number, ReasonTally>;
  /** Contacts per reason (a contact with two reasons counts in both); narrowed, only failure demand in scope. */
  byReason: Map<number, ReasonTally>;
  /** Contacts with no reason at all, counted as the reason table counts (narrowed: failure in scope only). */
  withoutReason: Demand;
  byChannel: Map<ContactChannel, ReasonTally>;
}

export const emptyTally = (): DemandTally => ({
  all: 0,
  failure: 0,
  otherFailure: 0,
  value: 0,
  unclassified: 0,
  cost: { all: 0, failure: 0, otherFailure: 0, value: 0, unclassified: 0 },
  byTouchpoint: new Map(),
  byReason: new Map(),
  withoutReason: { contacts: 0, cost: 0 },
  byChannel: new Map(),
});

function add<K>(into: Map<K, ReasonTally>, key: K, contacts: number, cost: number, part: number) {
  const current = into.get(key) ?? { contacts: 0, cost: 0, failure: 0, failureCost: 0 };
  into.set(key, {
    contacts: current.contacts + contacts,
    cost: current.cost + cost,
    failure: current.failure + contacts * part,
    failureCost: current.failureCost + cost * part,
  });
}

/**
 * One row's cost at its channel's hourly rate, its classification, and the part of it the scope's causes
 * caused (a contact caused by two touchpoints, one in scope: half; unnarrowed, every failure contact: whole).
 */
export function classifyRow(row: ContactRow, reasonMap: ReasonMap, scope: CauseScope) {
  const reasonIds = reasonMap.sets.get(row.reasonSetId) ?? [];
  const cost = contactCost(row.cost ?? 0, row.uncostedHandleSeconds ?? 0, (row.channel && reasonMap.costPerHour[row.channel]) ?? 0);
  const demand = classifyContact(reasonIds, row.touchpointId ?? 0, reasonMap.map);
  const causes = demand.kind === "failure" ? demand.causes : [];
  const scoped = scope ? causes.filter((id) => scope.has(id)) : causes;
  const part = demand.kind !== "failure" ? 0 : scope ? scoped.length / causes.length : 1;
  return { reasonIds, cost, kind: demand.kind, causes, scoped, part };
}

/**
 * Tally rows of contacts. Filters narrow the causes counted as failure demand (a department's touchpoints, say),
 * as the sum of what each touchpoint in scope caused; never the denominator: every contact of the period and
 * location stays in `all`.
 */
export function tallyDemand(rows: readonly ContactRow[], reasonMap: ReasonMap, scope?: CauseScope): DemandTally {
  const tally = emptyTally();
  for (const row of rows) {
    const { reasonIds, cost, kind, causes, scoped, part } = classifyRow(row, reasonMap, scope);
    tally.all += row.contacts;
    tally.cost.all += cost;
    if (kind === "failure") {
      tally.failure += row.contacts * part;
      tally.cost.failure += cost * part;
      tally.otherFailure += row.contacts * (1 - part);
      tally.cost.otherFailure += cost * (1 - part);
    } else {
      tally[kind] += row.contacts;
      tally.cost[kind] += cost;
    }
    for (const id of scoped) add(tally.byTouchpoint, id, row.contacts / causes.length, cost / causes.length, 1);
    if (row.channel) add(tally.byChannel, row.channel, row.contacts, cost, part);
    // Narrowed, the reasons are those of the failure demand in scope, each counted with the part in scope.
    const weight = scope ? part : 1;
    if (weight === 0) continue;
    for (const reasonId of reasonIds) add(tally.byReason, reasonId, row.contacts * weight, cost * weight, part / weight);
    if (reasonIds.length === 0) {
      tally.withoutReason.contacts += row.contacts * weight;
      tally.withoutReason.cost += cost * weight;
    }
  }
  return tally;
}

/** Failure demand summed over a set of touchpoints (a department's, a stage's): each touchpoint's attributed share. */
export function demandOf(tally: DemandTally, touchpointIds: Iterable<number>): Demand {
  const total = { contacts: 0, cost: 0 };
  for (const id of new Set(touchpointIds)) {
    const demand = tally.byTouchpoint.get(id);
    if (!demand) continue;
    total.contacts += demand.contacts;
    total.cost += demand.cost;
  }
  return total;
}

/**
 * The reasons behind one figure: the failure contacts attributed to `target` (touchpoints), each reason of a
 * contact counted with the part of the contact the target caused; without a target, the failure demand in scope.
 */
export function reasonsBehind(rows: readonly ContactRow[], reasonMap: ReasonMap, scope: CauseScope, target?: ReadonlySet<number>) {
  const byReason = new Map<number, ReasonTally>();
  const withoutReason = { contacts: 0, cost: 0 };
  let total = 0;
  let totalCost = 0;
  for (const row of rows) {
    const { reasonIds, cost, causes, scoped, part: inScope } = classifyRow(row, reasonMap, scope);
    const part = target ? scoped.filter((id) => target.has(id)).length / (causes.length || 1) : inScope;
    if (part === 0) continue;
    total += row.contacts * part;
    totalCost += cost * part;
    for (const reasonId of reasonIds) add(byReason, reasonId, row.contacts * part, cost * part, 1);
    if (reasonIds.length === 0) {
      withoutReason.contacts += row.contacts * part;
      withoutReason.cost += cost * part;
    }
  }
  return { contacts: total, cost: totalCost, byReason, withoutReason };
}

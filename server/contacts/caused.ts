// Failure demand on the score pages: the contacts each touchpoint causes downstream, summed for departments and
// department × stage cells, the overview's failure-demand tile and an initiative's before and after. Roll-ups only.
import type { Queryable } from "@/db/client";
import { contactCountChange, failureDemandShare, failureDemandShareChange, perThousand, type Change, type Score } from "@/server/metrics/formulas";
import { addDays, periodLength, type Period } from "@/server/scores/periods";
import type { Demand, DemandSplit } from "./demand";
import { readContactRows, readReasonMap, splitRows, type ContactLocationIds, type MonthlyContactRow, type ReasonMap } from "./read";

/** The contacts caused in a period and in its comparison period, split by the reason map as it is now. */
export interface CausedReads {
  now: DemandSplit;
  before: DemandSplit;
  reasonMap: ReasonMap;
}

/** A figure of contacts caused: this period's, the comparison's and the change between them. */
export interface CausedFigure extends Demand {
  previous: Demand;
  change: Change;
  mapped: boolean;
  /**
   * Of every contact in the period, the share (percent) still unclassified, null with none: some of it may yet
   * belong to these touchpoints, as a score says how much weight was insufficient.
   */
  unclassifiedShare: number | null;
}

export async function readCausedDemand(db: Queryable, period: Period, compareTo: Period, locationIds?: ContactLocationIds): Promise<CausedReads> {
  const [reasonMap, nowRows, beforeRows] = await Promise.all([
    readReasonMap(db),
    readContactRows(db, period, locationIds),
    readContactRows(db, compareTo, locationIds),
  ]);
  return { reasonMap, now: splitRows(nowRows, reasonMap), before: splitRows(beforeRows, reasonMap) };
}

/** Contacts caused by these touchpoints together; a contact caused by two of them counts once (half to each). */
export function causedBy(split: DemandSplit, touchpointIds: Iterable<number>): Demand {
  let contacts = 0;
  let cost = 0;
  for (const id of new Set(touchpointIds)) {
    const caused = split.byTouchpoint.get(id);
    if (!caused) continue;
    contacts += caused.contacts;
    cost += caused.cost;
  }
  return { contacts, cost };
}

/**
 * The change in contacts caused from the comparison period to this one, in contacts over this period's length
 * (the comparison's count scaled to it, so periods of different lengths compare as rates): a Poisson comparison.
 */
export function causedChange(before: number, after: number, compareTo: Period, period: Period): Change {
  return contactCountChange(before, after, periodLength(compareTo) / periodLength(period), 1);
}

/**
 * These touchpoints' contacts caused, now and in the comparison period, with the change; `mapped` is false when
 * no reason or rule maps to any of them and none were caused (say "none mapped yet", not "0").
 */
export function causedFigure(reads: CausedReads, touchpointIds: Iterable<number>, period: Period, compareTo: Period): CausedFigure {
  const ids = [...touchpointIds];
  const now = causedBy(reads.now, ids);
  const previous = causedBy(reads.before, ids);
  const withMappings = touchpointsWithMappings(reads.reasonMap);
  const mapped = ids.some((id) => withMappings.has(id)) || now.contacts > 0 || previous.contacts > 0;
  const unclassifiedShare = reads.now.all === 0 ? null : (100 * reads.now.unclassified) / reads.now.all;
  return { ...now, previous, change: causedChange(previous.contacts, now.contacts, compareTo, period), mapped, unclassifiedShare };
}

/**
 * Department × stage: the contacts caused by the department's touchpoints placed in each stage; null where it
 * has none there (as in the score heatmap). A touchpoint placed in two stages counts in both cells.
 */
export function causedCells(split: DemandSplit, departmentTouchpointIds: readonly number[], stages: ReadonlyArray<{ touchpointIds: number[] }>) {
  const owned = new Set(departmentTouchpointIds);
  return stages.map((stage) => {
    const here = stage.touchpointIds.filter((id) => owned.has(id));
    return here.length === 0 ? null : causedBy(split, here);
  });
}

/**
 * The overview's tile: the share of contacts that is failure demand (caused by the touchpoints in view when the
 * filters narrow them), its margin, n, the share still unclassified and the change against the comparison period.
 */
export function failureDemandTile(reads: CausedReads, touchpointIdsInView: number[] | undefined, minimumSample: number) {
  const failureOf = (split: DemandSplit) =>
    touchpointIdsInView ? causedBy(split, touchpointIdsInView) : { contacts: split.failure, cost: split.cost.failure };
  const now = failureOf(reads.now);
  const before = failureOf(reads.before);
  return {
    share: failureDemandShare(now.contacts, reads.now.all, minimumSample) as Score,
    change: failureDemandShareChange({ failure: before.contacts, all: reads.before.all }, { failure: now.contacts, all: reads.now.all }, minimumSample),
    contacts: reads.now.all,
    failureContacts: now.contacts,
    failureCost: now.cost,
    unclassifiedShare: reads.now.all === 0 ? null : (100 * reads.now.unclassified) / reads.now.all,
  };
}

/** Whether a reason set holds a reason that maps to failure caused by some touchpoint (which then wins over the tool's own). */
function mapsToFailure(reasonIds: readonly number[], reasonMap: ReasonMap): boolean {
  return reasonIds.some((id) => {
    const mapping = reasonMap.map.get(id);
    return mapping?.kind === "failure" && mapping.touchpointId !== null;
  });
}

/** The reasons that map to this touchpoint's failure now, by their own mapping or by a rule. */
function reasonsMappedTo(reasonMap: ReasonMap, touchpointId: number) {
  return [...reasonMap.map]
    .filter(([, mapping]) => mapping.kind === "failure" && mapping.touchpointId === touchpointId)
    .map(([reasonId, mapping]) => ({ reasonId, name: reasonMap.reasons.get(reasonId) ?? `reason ${reasonId}`, via: mapping.via }));
}

const mappedTouchpoints = new WeakMap<ReasonMap, Set<number>>();

/** The touchpoints some reason or rule maps failure demand to now: the others have no contacts attributed yet. */
export function touchpointsWithMappings(reasonMap: ReasonMap): Set<number> {
  const known = mappedTouchpoints.get(reasonMap);
  if (known) return known;
  const ids = new Set<number>();
  mappedTouchpoints.set(reasonMap, ids);
  for (const mapping of reasonMap.map.values()) if (mapping.kind === "failure" && mapping.touchpointId !== null) ids.add(mapping.touchpointId);
  for (const rule of reasonMap.rules) if (rule.kind === "failure" && rule.touchpointId !== null) ids.add(rule.touchpointId);
  return ids;
}

function byMonth(rows: readonly MonthlyContactRow[]): Map<string, MonthlyContactRow[]> {
  const months = new Map<string, MonthlyContactRow[]>();
  for (const row of rows) {
    const list = months.get(row.month);
    if (list) list.push(row);
    else months.set(row.month, [row]);
  }
  return months;
}

const nextMonth = (month: string) => {
  const date = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
};

/** The whole months given (first days, in order) as one period, from the first day of the first to the last day of the last. */
function monthsSpan(months: readonly string[]): Period {
  return { from: months[0]!, to: addDays(nextMonth(months.at(-1)!), -1) };
}

/**
 * The touchpoint page's section: contacts it causes in the period with cost, change and per 1,000 of its
 * responses; by reason (every reason mapped to it, a contact with several reasons counting under each); the
 * contacts the support tool itself attributed to it; and a monthly trend over `months`.
 */
export async function touchpointCausedDemand(
  db: Queryable,
  input: { touchpointId: number; period: Period; compareTo: Period; locationIds: ContactLocationIds; responses: number; months: readonly string[] },
) {
  const { touchpointId, period, compareTo, locationIds } = input;
  const [reasonMap, nowRows, beforeRows, trendRows] = await Promise.all([
    readReasonMap(db),
    readContactRows(db, period, locationIds),
    readContactRows(db, compareTo, locationIds),
    readContactRows(db, monthsSpan(input.months), locationIds),
  ]);
  const reads: CausedReads = { reasonMap, now: splitRows(nowRows, reasonMap), before: splitRows(beforeRows, reasonMap) };
  const monthly = byMonth(trendRows);
  const figure = causedFigure(reads, [touchpointId], period, compareTo);
  const reasons = reasonsMappedTo(reasonMap, touchpointId)
    .map((reason) => ({ ...reason, ...(reads.now.byReason.get(reason.reasonId) ?? { contacts: 0, cost: 0 }) }))
    .sort((a, b) => b.contacts - a.contacts || a.name.localeCompare(b.name));
  // Contacts the tool named this touchpoint for, with no reason mapped to a touchpoint: failure demand all the same.
  const namedRows = nowRows.filter((row) => row.touchpointId === touchpointId && !mapsToFailure(reasonMap.sets.get(row.reasonSetId) ?? [], reasonMap));
  const namedByTool = causedBy(splitRows(namedRows, reasonMap), [touchpointId]);
  const rules = reasonMap.rules
    .filter((rule) => rule.kind === "failure" && rule.touchpointId === touchpointId)
    .map((rule) => ({ match: rule.match, pattern: rule.pattern }));
  const trend = input.months.map((month) => ({ month, ...causedBy(splitRows(monthly.get(month) ?? [], reasonMap), [touchpointId]) }));
  return {
    ...figure,
    /** False when no reason or rule maps to this touchpoint and nothing was caused: the page's empty state. */
    mapped: figure.mapped || namedByTool.contacts > 0 || trend.some((t) => t.contacts > 0),
    responses: input.responses,
    perThousandResponses: perThousand(figure.contacts, input.responses),
    reasons,
    rules,
    namedByTool,
    trend,
  };
}

export type TouchpointCausedDemand = Awaited<ReturnType<typeof touchpointCausedDemand>>;

/** Contacts caused by one touchpoint in one window (an initiative's before or after), at these sites. */
export async function causedInPeriod(db: Queryable, touchpointId: number, period: Period, locationIds?: ContactLocationIds): Promise<Demand> {
  const [reasonMap, rows] = await Promise.all([readReasonMap(db), readContactRows(db, period, locationIds)]);
  return causedBy(splitRows(rows, reasonMap), [touchpointId]);
}

// Experience › Failure demand: the share of contacts caused upstream, with its margin and change, and who caused
// them — by department, journey stage, touchpoint (per 1,000 responses and transactions), reason and channel.
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { programCurrency } from "@/server/config";
import { contactCountChange, failureDemandShare, failureDemandShareChange, perThousand, type Change, type Score } from "@/server/metrics/formulas";
import type { DashboardFilters } from "@/server/scores/filters";
import { loadScoreModel, type ScoreModel } from "@/server/scores/model";
import { filterOptionsOf, resolvePeriods, scopedModel } from "@/server/scores/overview";
import { periodLength, trailingMonths, type Period } from "@/server/scores/periods";
import { latestDataDay } from "@/server/scores/read-rollups";
import { readSetting } from "@/server/settings/program-settings";
import { demandOf, tallyDemand, type CauseScope, type DemandTally } from "./breakdowns";
import { readContactRows, readReasonMap, type MonthlyContactRow, type ReasonMap } from "./read";
import { responsesByTouchpoint, transactionsByTouchpoint } from "./rates";

/** The last day with any contact, from the daily roll-up. */
export async function latestContactDay(db: Queryable): Promise<string | null> {
  const [row] = await db.execute<{ day: string | null }>(sql`select to_char(max(day), 'YYYY-MM-DD') as day from contact_daily_rollups`);
  return row?.day ?? null;
}

/** Whether any contact was ever imported (the view's empty state), from the monthly roll-up. */
async function anyContacts(db: Queryable): Promise<boolean> {
  const [row] = await db.execute<{ any: boolean }>(sql`select exists (select 1 from contact_monthly_rollups) as any`);
  return row?.any ?? false;
}

/**
 * The view's periods, as every dashboard resolves them; by default the last 90 days of survey data, or of
 * contacts when there are no survey data yet, so a program that imports contacts first still sees them.
 */
export async function contactPeriods(db: Queryable, filters: DashboardFilters): Promise<{ period: Period; compareTo: Period }> {
  const [latest, maxYears] = await Promise.all([latestDataDay(db), readSetting(db, "max_period_years")]);
  return resolvePeriods(filters, latest ?? (await latestContactDay(db)), maxYears);
}

/** The model narrowed to the filters, and the causes failure demand is counted for (all, unless narrowed). */
export function failureScope(model: ScoreModel, filters: DashboardFilters) {
  const scope = scopedModel(model, filters);
  const narrowed = Boolean(filters.departmentId || filters.journeyId || filters.channel);
  const causes: CauseScope = narrowed ? new Set(scope.touchpoints.map((tp) => tp.id)) : undefined;
  return { ...scope, narrowed, causes };
}

/** A part of the period's contacts (a department's failure demand, say): its share with margin and change. */
function partOf(now: number, before: number, current: DemandTally, previous: DemandTally, minimum: number): { share: Score; change: Change } {
  return {
    share: failureDemandShare(now, current.all, minimum),
    change: failureDemandShareChange({ failure: before, all: previous.all }, { failure: now, all: current.all }, minimum),
  };
}

function trendOf(rows: MonthlyContactRow[], months: string[], reasonMap: ReasonMap, causes: CauseScope, minimum: number) {
  const byMonth = new Map<string, MonthlyContactRow[]>();
  for (const row of rows) {
    const list = byMonth.get(row.month);
    if (list) list.push(row);
    else byMonth.set(row.month, [row]);
  }
  return months.map((month) => {
    const tally = tallyDemand(byMonth.get(month) ?? [], reasonMap, causes);
    return {
      month,
      contacts: tally.all,
      failure: tally.failure,
      value: tally.value,
      unclassified: tally.unclassified,
      cost: tally.cost.failure,
      share: failureDemandShare(tally.failure, tally.all, minimum),
    };
  });
}

function reasonRows(tally: DemandTally, reasonMap: ReasonMap, touchpointById: Map<number, ScoreModel["touchpoints"][number]>) {
  return [...tally.byReason]
    .map(([id, demand]) => {
      const mapping = reasonMap.map.get(id);
      const cause = mapping?.touchpointId ? touchpointById.get(mapping.touchpointId) : undefined;
      return {
        id,
        name: reasonMap.reasons.get(id) ?? `reason ${id}`,
        contacts: demand.contacts,
        cost: demand.cost,
        failureContacts: demand.failure,
        kind: mapping?.kind ?? ("unclassified" as const),
        via: mapping?.via ?? null,
        cause: mapping?.touchpointId ? { id: mapping.touchpointId, code: cause?.code ?? null, name: cause?.name ?? "an inactive touchpoint" } : null,
      };
    })
    .sort((a, b) => b.contacts - a.contacts || a.name.localeCompare(b.name));
}

export async function failureDemandView(db: Queryable, filters: DashboardFilters) {
  const [model, { period, compareTo }] = await Promise.all([loadScoreModel(db), contactPeriods(db, filters)]);
  const scope = failureScope(model, filters);
  const months = trailingMonths(12, period.to);
  const minimum = model.minimumSample;
  const [periodRows, compareRows, trendRows, reasonMap, responses, transactions, hasContacts] = await Promise.all([
    readContactRows(db, period, scope.locationIds),
    readContactRows(db, compareTo, scope.locationIds),
    readContactRows(db, { from: months[0]!, to: period.to }, scope.locationIds),
    readReasonMap(db),
    responsesByTouchpoint(db, period, scope.locationIds),
    transactionsByTouchpoint(db, period, scope.locationIds),
    anyContacts(db),
  ]);
  const current = tallyDemand(periodRows, reasonMap, scope.causes);
  const previous = tallyDemand(compareRows, reasonMap, scope.causes);
  const touchpointById = new Map(model.touchpoints.map((tp) => [tp.id, tp]));
  const departmentName = new Map(model.departments.map((d) => [d.id, d.name]));
  // The comparison's count scaled to this period's length, so periods of different lengths compare as rates.
  const lengths = periodLength(compareTo) / periodLength(period);
  const part = (ids: number[]) => {
    const now = demandOf(current, ids);
    const before = demandOf(previous, ids);
    return {
      contacts: now.contacts,
      cost: now.cost,
      contactsBefore: before.contacts,
      ...partOf(now.contacts, before.contacts, current, previous, minimum),
      /** The change in contacts caused (Poisson), as the touchpoint and department pages give it. */
      countChange: contactCountChange(before.contacts, now.contacts, lengths, 1),
    };
  };
  const shareOfFailure = (contacts: number) => (current.failure > 0 ? (100 * contacts) / current.failure : null);

  const departments = model.departments
    .filter((d) => !filters.departmentId || d.id === filters.departmentId)
    .map((d) => {
      const figures = part(scope.touchpoints.filter((tp) => tp.departmentId === d.id).map((tp) => tp.id));
      return { id: d.id, name: d.name, ...figures, shareOfFailure: shareOfFailure(figures.contacts) };
    })
    .filter((d) => d.contacts > 0 || d.contactsBefore > 0)
    .sort((a, b) => b.contacts - a.contacts || a.name.localeCompare(b.name));

  // A touchpoint placed in two stages counts in both: stage totals may add up to more than the failure demand.
  const stages = scope.journeys
    .flatMap((j) => j.stages.map((s) => ({ journeyId: j.id, journeyName: j.name, stageId: s.id, stageName: s.name, ...part(s.touchpointIds) })))
    .filter((s) => s.contacts > 0 || s.contactsBefore > 0);

  const touchpoints = scope.touchpoints
    .map((tp) => {
      const figures = part([tp.id]);
      const responseCount = responses.get(tp.id) ?? 0;
      const transactionCount = transactions.get(tp.id) ?? null;
      return {
        id: tp.id,
        code: tp.code,
        name: tp.name,
        ownerName: tp.ownerName,
        departmentId: tp.departmentId,
        departmentName: departmentName.get(tp.departmentId) ?? "",
        ...figures,
        responses: responseCount,
        perThousandResponses: perThousand(figures.contacts, responseCount),
        transactions: transactionCount,
        perThousandTransactions: transactionCount === null ? null : perThousand(figures.contacts, transactionCount),
      };
    })
    .filter((tp) => tp.contacts > 0)
    .sort((a, b) => b.contacts - a.contacts || a.code.localeCompare(b.code));

  const channels = [...current.byChannel]
    .map(([channel, demand]) => ({ channel, ...demand, share: failureDemandShare(demand.failure, demand.contacts, minimum) }))
    .sort((a, b) => b.contacts - a.contacts);

  return {
    period,
    compareTo,
    currency: programCurrency(),
    minimumSample: minimum,
    /** No contact was ever imported: the page says how to bring them in. */
    hasContacts,
    /** A department, journey or channel filter: failure demand counts only the causes it keeps. */
    narrowed: scope.narrowed,
    headline: {
      ...partOf(current.failure, previous.failure, current, previous, minimum),
      contacts: current.all,
      failureContacts: current.failure,
      otherFailureContacts: current.otherFailure,
      valueContacts: current.value,
      unclassifiedContacts: current.unclassified,
      unclassifiedShare: current.all > 0 ? (100 * current.unclassified) / current.all : null,
      cost: current.cost.failure,
      allCost: current.cost.all,
      compare: { contacts: previous.all, failureContacts: previous.failure },
    },
    departments,
    stages,
    trend: trendOf(trendRows, months, reasonMap, scope.causes, minimum),
    touchpoints,
    reasons: reasonRows(current, reasonMap, touchpointById),
    withoutReason: current.withoutReason,
    channels,
    filterOptions: filterOptionsOf(model),
    filterProblems: scope.problems,
  };
}

export type FailureDemandView = Awaited<ReturnType<typeof failureDemandView>>;

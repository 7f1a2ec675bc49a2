// Contact rows for the contacts API and the `contacts` CLI: per entity and period, contacts, the failure-demand
// share with its margin, cost and the unclassified share, from the contact roll-ups and the reason map only.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { locationScope } from "@/server/locations/scope";
import { failureDemandShare } from "@/server/metrics/formulas";
import { loadScoreModel, type ScoreModel } from "@/server/scores/model";
import { apiParametersSchema, flattenRowHead, resolveApiQuery, type ApiQuery, type ApiRowHead } from "@/server/scores/api-query";
import type { Period } from "@/server/scores/periods";
import { contactGrains as contactGrainList, contactPeriodsOf, type Piece } from "./api-periods";
import { latestDataDay } from "@/server/scores/read-rollups";
import { demandOf, tallyDemand, type DemandTally } from "./breakdowns";
import type { ContactRow } from "./demand";
import { readContactRows, readReasonMap, type ContactLocationIds, type ReasonMap } from "./read";
import { latestContactDay } from "./views";

export const contactLevels = ["program", "department", "touchpoint", "stage", "reason"] as const;
export { contactGrains, contactPeriodsOf, isoWeek } from "./api-periods";

/** The parameters as sent: `from` and `to` may be left out (the last 12 months of contacts). */
export const contactParametersSchema = apiParametersSchema(contactLevels, contactGrainList);

export type ContactQuery = ApiQuery<(typeof contactLevels)[number], (typeof contactGrainList)[number]>;

/** Checks the parameters as the scores API does; the default period ends on the last day of contacts (of survey data when there are none). */
export async function resolveContactQuery(db: Queryable, raw: unknown): Promise<ContactQuery> {
  return resolveApiQuery(db, contactParametersSchema, raw, {
    latestDay: latestContactOrDataDay,
    countPeriods: (period, grain) => contactPeriodsOf(period, grain).length,
  });
}

async function latestContactOrDataDay(db: Queryable): Promise<string | null> {
  return (await latestContactDay(db)) ?? (await latestDataDay(db));
}

export interface ContactApiRow extends ApiRowHead<ContactQuery["level"]> {
  /** Every contact of the period (and location): the failure-demand share's n. */
  n: number;
  /** The program's contacts; an entity's failure contacts (a department's, a touchpoint's); a reason's contacts. */
  contacts: number;
  failureContacts: number;
  /** failureContacts ÷ n, in percent, with its 95% margin; null below the minimum sample. */
  failureShare: number | null;
  failureShareMargin: number | null;
  /** The cost of `contacts`, and of the failure demand among them. */
  cost: number;
  failureCost: number;
  /** The period's unclassified contacts ÷ n, in percent: how much every figure of the period may still miss. */
  unclassifiedShare: number | null;
  insufficient: boolean;
  /** Reason rows: how the reason is classified now, and the touchpoint it is mapped to. */
  kind?: "failure" | "value" | "unclassified";
  cause?: string | null;
}

/** Days with their contacts by reason set, channel and named touchpoint, from the daily roll-up. */
async function readDailyContactRows(db: Queryable, period: Period, locationIds: ContactLocationIds): Promise<Array<ContactRow & { day: string }>> {
  const where: SQL =
    locationIds === undefined
      ? sql`true`
      : locationIds.length === 0
        ? sql`false`
        : sql`location_id in (${sql.join(
            locationIds.map((id) => sql`${id}`),
            sql`, `,
          )})`;
  return db.execute<ContactRow & { day: string }>(sql`
    select day::text as day, reason_set_id as "reasonSetId", channel, touchpoint_id as "touchpointId", sum(contacts)::float8 as contacts,
      sum(cost)::float8 as cost, sum(uncosted_handle_seconds)::float8 as "uncostedHandleSeconds"
    from contact_daily_rollups where day >= ${period.from}::date and day <= ${period.to}::date and ${where}
    group by 1, 2, 3, 4`);
}

/** The query's rows grouped by the period piece they fall in (by day, or by month for the stored months). */
async function rowsByPiece(db: Queryable, query: ContactQuery, pieces: Piece[], locationIds: ContactLocationIds): Promise<ContactRow[][]> {
  const period = { from: query.from, to: query.to };
  const grouped = pieces.map((): ContactRow[] => []);
  const byDay = query.grain === "day" || query.grain === "week";
  const rows = byDay
    ? (await readDailyContactRows(db, period, locationIds)).map((r) => ({ ...r, at: r.day }))
    : (await readContactRows(db, period, locationIds)).map((r) => ({ ...r, at: r.month }));
  // A day belongs to the piece that holds it; a month (its loose days included) to the first piece ending in or after it.
  const pieceOf = new Map<string, number>();
  for (const row of rows) {
    let index = pieceOf.get(row.at);
    if (index === undefined) {
      index = Math.max(
        0,
        pieces.findIndex((p) => (byDay ? p.from <= row.at && row.at <= p.to : p.to >= row.at)),
      );
      pieceOf.set(row.at, index);
    }
    grouped[index]!.push(row);
  }
  return grouped;
}

function entityRows(level: ContactQuery["level"], model: ScoreModel, tally: DemandTally, reasonMap: ReasonMap) {
  const tpCode = new Map(model.touchpoints.map((tp) => [tp.id, tp.code]));
  const failure = (ids: number[]) => {
    const d = demandOf(tally, ids);
    return { contacts: d.contacts, failureContacts: d.contacts, cost: d.cost, failureCost: d.cost };
  };
  switch (level) {
    case "program":
      return [
        { id: null, code: null, name: "Program", contacts: tally.all, failureContacts: tally.failure, cost: tally.cost.all, failureCost: tally.cost.failure },
      ];
    case "department":
      return model.departments.map((d) => ({
        id: d.id,
        code: null,
        name: d.name,
        ...failure(model.touchpoints.filter((tp) => tp.departmentId === d.id).map((tp) => tp.id)),
      }));
    case "touchpoint":
      return model.touchpoints.map((tp) => ({ id: tp.id, code: tp.code, name: tp.name, ...failure([tp.id]) }));
    case "stage":
      return model.journeys.flatMap((j) => j.stages.map((s) => ({ id: s.id, code: null, name: `${j.name} › ${s.name}`, ...failure(s.touchpointIds) })));
    case "reason":
      return [...reasonMap.reasons]
        .sort((a, b) => a[1].localeCompare(b[1]))
        .map(([id, name]) => {
          const demand = tally.byReason.get(id) ?? { contacts: 0, cost: 0, failure: 0, failureCost: 0 };
          const mapping = reasonMap.map.get(id);
          return {
            id,
            code: null,
            name,
            contacts: demand.contacts,
            failureContacts: demand.failure,
            cost: demand.cost,
            failureCost: demand.failureCost,
            kind: mapping?.kind ?? ("unclassified" as const),
            cause: mapping?.touchpointId ? (tpCode.get(mapping.touchpointId) ?? null) : null,
          };
        });
  }
}

export async function contactRows(db: Queryable, query: ContactQuery): Promise<ContactApiRow[]> {
  const [model, reasonMap] = await Promise.all([loadScoreModel(db), readReasonMap(db)]);
  const { locationIds } = locationScope(model.locations, query.location);
  const pieces = contactPeriodsOf({ from: query.from, to: query.to }, query.grain);
  const grouped = await rowsByPiece(db, query, pieces, locationIds);
  const result: ContactApiRow[] = [];
  pieces.forEach((piece, i) => {
    const tally = tallyDemand(grouped[i]!, reasonMap);
    const unclassifiedShare = tally.all > 0 ? (100 * tally.unclassified) / tally.all : null;
    for (const entity of entityRows(query.level, model, tally, reasonMap)) {
      const share = failureDemandShare(entity.failureContacts, tally.all, model.minimumSample);
      result.push({
        level: query.level,
        ...entity,
        period: piece.label,
        from: piece.from,
        to: piece.to,
        n: tally.all,
        failureShare: share.status === "ok" ? share.value : null,
        failureShareMargin: share.status === "ok" ? share.margin : null,
        unclassifiedShare,
        insufficient: share.status !== "ok",
      });
    }
  });
  return result;
}

/** Flat columns for CSV. */
export function flattenContactRow(r: ContactApiRow): Record<string, string | number | boolean | null> {
  return {
    ...flattenRowHead(r),
    n: r.n,
    contacts: r.contacts,
    failure_contacts: r.failureContacts,
    failure_share: r.failureShare,
    failure_share_margin: r.failureShareMargin,
    cost: r.cost,
    failure_cost: r.failureCost,
    unclassified_share: r.unclassifiedShare,
    insufficient: r.insufficient,
    kind: r.kind ?? null,
    cause: r.cause ?? null,
  };
}

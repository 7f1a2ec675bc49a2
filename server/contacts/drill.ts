// Behind a failure-demand figure: the reasons (from the roll-ups) and the contacts themselves (the one explicit
// read of service_contacts, 50 a page, newest first); requesters' details only for those allowed to see them.
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import type { ContactChannel } from "@/lib/enums";
import { entityIdText } from "@/lib/schemas";
import { mayReadPersonalData } from "@/server/auth/ownership";
import type { SessionUser } from "@/server/auth/users";
import { programCurrency } from "@/server/config";
import { invalidInput, notFound } from "@/server/errors";
import { MINIMUM_RESPONSES_FOR_COMMENTS } from "@/server/metrics/formulas";
import { dashboardFiltersSchema } from "@/server/scores/filters";
import { loadScoreModel, type ScoreModel } from "@/server/scores/model";
import { addDays } from "@/server/scores/periods";
import { reasonsBehind } from "./breakdowns";
import { classifyContact } from "./demand";
import { readContactRows, readReasonMap, type ReasonMap } from "./read";
import { contactPeriods, failureScope } from "./views";

export const CONTACTS_PER_PAGE = 50;
const MAX_PAGE = 10_000;

const drillTarget = {
  /** The failure demand one touchpoint caused. */
  touchpointId: entityIdText.optional(),
  /** The failure demand caused by the touchpoints placed in one journey stage. */
  stageId: entityIdText.optional(),
};

export const reasonDrillSchema = dashboardFiltersSchema.extend(drillTarget);
export type ReasonDrill = z.infer<typeof reasonDrillSchema>;

export const contactDrillSchema = z.object({
  filters: dashboardFiltersSchema,
  ...drillTarget,
  /** Contacts carrying this reason (with any others). */
  reasonId: entityIdText.optional(),
  /** Without a touchpoint, stage or narrowing filter: only failure, value or unclassified demand. */
  demand: z.enum(["failure", "value", "unclassified"], { error: "use failure, value or unclassified" }).optional(),
  page: z.coerce
    .number({ error: "use a page number" })
    .int("use a whole page number")
    .min(1, "pages start at 1")
    .max(MAX_PAGE, `at most page ${MAX_PAGE}: narrow the period or pick a reason`)
    .default(1),
});
export type ContactDrill = z.input<typeof contactDrillSchema>;

type Scope = ReturnType<typeof failureScope>;

/** The touchpoints a drill is about (a touchpoint, a stage's, within the filters' scope), named for the page. */
function drillTargetOf(model: ScoreModel, scope: Scope, input: { touchpointId?: number; stageId?: number }) {
  if (!input.touchpointId && !input.stageId) return null;
  let ids = scope.touchpoints.map((tp) => tp.id);
  const names: string[] = [];
  if (input.touchpointId) {
    const touchpoint = model.touchpoints.find((tp) => tp.id === input.touchpointId);
    if (!touchpoint) throw notFound(`Touchpoint ${input.touchpointId} does not exist or is inactive.`);
    ids = ids.filter((id) => id === touchpoint.id);
    names.push(`${touchpoint.name} (${touchpoint.code})`);
  }
  if (input.stageId) {
    const journey = model.journeys.find((j) => j.stages.some((s) => s.id === input.stageId));
    const stage = journey?.stages.find((s) => s.id === input.stageId);
    if (!journey || !stage) throw notFound(`Journey stage ${input.stageId} does not exist.`);
    ids = ids.filter((id) => stage.touchpointIds.includes(id));
    names.push(`${journey.name} › ${stage.name}`);
  }
  return { ids: new Set(ids), name: names.join(" at ") };
}

async function drillContext(db: Queryable, filters: z.infer<typeof dashboardFiltersSchema>) {
  const [model, periods, reasonMap] = await Promise.all([loadScoreModel(db), contactPeriods(db, filters), readReasonMap(db)]);
  return { model, ...periods, reasonMap, scope: failureScope(model, filters) };
}

/** The reasons behind a figure: the failure demand a touchpoint, stage or department caused, by reason, from the roll-ups. */
export async function failureDemandReasons(db: Queryable, input: ReasonDrill) {
  const { touchpointId, stageId, ...filters } = input;
  const { model, period, reasonMap, scope } = await drillContext(db, filters);
  const target = drillTargetOf(model, scope, { touchpointId, stageId });
  const behind = reasonsBehind(await readContactRows(db, period, scope.locationIds), reasonMap, scope.causes, target?.ids);
  return {
    period,
    currency: programCurrency(),
    target: target?.name ?? null,
    contacts: behind.contacts,
    cost: behind.cost,
    reasons: [...behind.byReason]
      .map(([id, demand]) => ({ id, name: reasonMap.reasons.get(id) ?? `reason ${id}`, contacts: demand.contacts, cost: demand.cost }))
      .sort((a, b) => b.contacts - a.contacts || a.name.localeCompare(b.name)),
    withoutReason: behind.withoutReason,
  };
}

const intArray = (ids: Iterable<number>) => sql`${`{${[...ids].join(",")}}`}::int[]`;

/**
 * Which contacts a drill lists, as a condition on service_contacts: classified with the reason map now (a reason
 * set's own class, or, for sets with no mapped reason, the touchpoint the tool named), as the roll-ups are read.
 */
function demandCondition(reasonMap: ReasonMap, causes: ReadonlySet<number> | undefined, demand: "failure" | "value" | "unclassified" | undefined): SQL {
  if (!causes && !demand) return sql`true`;
  // A touchpoint causes failure demand only: its value or unclassified demand is nothing.
  if (causes && demand && demand !== "failure") return sql`false`;
  const direct: number[] = [];
  const value: number[] = [];
  const fallback: number[] = [];
  for (const [setId, reasonIds] of reasonMap.sets) {
    const own = classifyContact(reasonIds, 0, reasonMap.map);
    if (own.kind === "failure" && (!causes || own.causes.some((id) => causes.has(id)))) direct.push(setId);
    else if (own.kind === "value") value.push(setId);
    else if (own.kind === "unclassified") fallback.push(setId);
  }
  if (!causes && demand === "value") return sql`c.reason_set_id = any(${intArray(value)})`;
  if (!causes && demand === "unclassified") return sql`(c.reason_set_id = any(${intArray(fallback)}) and c.touchpoint_id is null)`;
  const named = causes ? sql`c.touchpoint_id = any(${intArray(causes)})` : sql`c.touchpoint_id is not null`;
  return sql`(c.reason_set_id = any(${intArray(direct)}) or (c.reason_set_id = any(${intArray(fallback)}) and ${named}))`;
}

function reasonCondition(reasonMap: ReasonMap, reasonId: number | undefined): SQL {
  if (!reasonId) return sql`true`;
  const sets = [...reasonMap.sets].filter(([, reasonIds]) => reasonIds.includes(reasonId)).map(([id]) => id);
  return sql`c.reason_set_id = any(${intArray(sets)})`;
}

type ContactRecord = {
  id: number;
  occurredAt: string;
  channel: ContactChannel;
  queue: string | null;
  reasonSetId: number;
  subject: string | null;
  handleSeconds: number | null;
  cost: number | null;
  touchpointId: number | null;
  site: string | null;
  requesterEmail?: string | null;
  requesterName?: string | null;
};

/**
 * The contacts behind a figure, newest first, 50 a page. Requesters' email and name are read only for admins
 * and owners, and shown to an owner only on contacts one of their touchpoints caused; executives never get them,
 * and see no subjects where fewer than 5 contacts match (as with comments).
 */
export async function failureDemandContacts(db: Queryable, user: SessionUser, raw: ContactDrill) {
  const parsed = contactDrillSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  const { model, period, reasonMap, scope } = await drillContext(db, input.filters);
  const target = drillTargetOf(model, scope, input);
  const where = sql.join(
    [
      sql`c.occurred_at >= ${`${period.from}T00:00:00Z`}::timestamptz and c.occurred_at < ${`${addDays(period.to, 1)}T00:00:00Z`}::timestamptz`,
      scope.locationIds ? sql`c.location_id = any(${intArray(scope.locationIds)})` : sql`true`,
      demandCondition(reasonMap, target?.ids ?? scope.causes, input.demand),
      reasonCondition(reasonMap, input.reasonId),
    ],
    sql` and `,
  );
  const readsPersonal = user.role === "admin" || user.role === "owner";
  const [rows, [counted], owned] = await Promise.all([
    db.execute<ContactRecord>(sql`
      select c.id, to_char(c.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "occurredAt", c.channel, c.queue,
        c.reason_set_id as "reasonSetId", c.subject, c.handle_seconds as "handleSeconds", c.cost, c.touchpoint_id as "touchpointId",
        l.name as site${readsPersonal ? sql`, c.requester_email as "requesterEmail", c.requester_name as "requesterName"` : sql``}
      from service_contacts c left join locations l on l.id = c.location_id
      where ${where}
      order by c.occurred_at desc, c.id desc
      limit ${CONTACTS_PER_PAGE} offset ${(input.page - 1) * CONTACTS_PER_PAGE}`),
    db.execute<{ n: number }>(sql`select count(*)::int as n from service_contacts c where ${where}`),
    user.role === "owner" ? db.execute<{ id: number }>(sql`select id from touchpoints where owner_id = ${user.id}`) : Promise.resolve([]),
  ]);
  const total = counted?.n ?? 0;
  const subjectsHidden =
    user.role === "executive" && total > 0 && total < MINIMUM_RESPONSES_FOR_COMMENTS
      ? `Fewer than ${MINIMUM_RESPONSES_FOR_COMMENTS} contacts match: their subjects are hidden to protect the customers.`
      : null;
  const ownerOf = new Map(owned.map((tp) => [tp.id, user.id]));
  const touchpointById = new Map(model.touchpoints.map((tp) => [tp.id, tp]));
  return {
    period,
    currency: programCurrency(),
    target: target?.name ?? null,
    reason: input.reasonId ? (reasonMap.reasons.get(input.reasonId) ?? null) : null,
    page: input.page,
    pageSize: CONTACTS_PER_PAGE,
    total,
    pages: Math.max(1, Math.ceil(total / CONTACTS_PER_PAGE)),
    subjectsHidden,
    /** Whether this reader may see any requester's details (admins; owners on their touchpoints' contacts). */
    personalData: readsPersonal,
    rows: rows.map(({ requesterEmail, requesterName, reasonSetId, touchpointId, ...row }) => {
      const reasonIds = reasonMap.sets.get(reasonSetId) ?? [];
      const demand = classifyContact(reasonIds, touchpointId ?? 0, reasonMap.map);
      const causes = demand.kind === "failure" ? demand.causes : [];
      const rate = reasonMap.costPerHour[row.channel] ?? 0;
      const personal = readsPersonal && (mayReadPersonalData(user, null) || causes.some((id) => mayReadPersonalData(user, ownerOf.get(id) ?? null)));
      return {
        ...row,
        subject: subjectsHidden ? null : row.subject,
        reasons: reasonIds.map((id) => reasonMap.reasons.get(id) ?? `reason ${id}`),
        demand: demand.kind,
        causes: causes.map((id) => ({ id, code: touchpointById.get(id)?.code ?? null, name: touchpointById.get(id)?.name ?? "an inactive touchpoint" })),
        cost: row.cost ?? (row.handleSeconds === null ? null : (row.handleSeconds / 3600) * rate),
        ...(personal ? { requesterEmail: requesterEmail ?? null, requesterName: requesterName ?? null } : {}),
      };
    }),
  };
}

// Reads the cases: the list (filtered, newest first, each reader seeing what their role allows), the count for
// the navigation, one case with its timeline, and the flat rows the API and the CLI share. A detractor's own
// words only for those who may read the respondent.
import "server-only";
import { asc, eq, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { alertEvents, alertRules, initiatives, surveyResponses, users } from "@/db/schema";
import { unresolvedAlertStatuses, type AlertListQuery, type AlertStatus } from "@/lib/alerts";
import type { SessionUser } from "@/server/auth/users";
import { addDays } from "@/server/scores/periods";
import { assertMayReadAlert, loadAlertPlace, mayChangeAlert, mayReadRespondent, visibleTo } from "./access";

export type AlertListItem = {
  id: number;
  ruleId: number;
  ruleName: string;
  kind: string;
  entityLevel: string;
  entityId: number;
  entityName: string;
  periodKey: string;
  periodFrom: string | null;
  periodTo: string | null;
  metricCode: string | null;
  touchpointId: number | null;
  touchpointCode: string | null;
  departmentId: number | null;
  departmentName: string | null;
  title: string;
  summary: string;
  figures: Record<string, unknown>;
  status: AlertStatus;
  assigneeId: number | null;
  assigneeName: string | null;
  escalationLevel: number;
  createdAt: Date;
  dueAt: Date;
  acknowledgedAt: Date | null;
  closedAt: Date | null;
  rootCause: string | null;
  actionTaken: string | null;
  initiativeId: number | null;
  /** Not acknowledged and past its SLA. */
  overdue: boolean;
};

/** A row as read, with what reading its respondent depends on (not handed on). */
type ReadRow = AlertListItem & { touchpointOwnerId: number | null };

const from = sql`alerts a
  join alert_rules r on r.id = a.rule_id
  left join touchpoints t on t.id = a.touchpoint_id
  left join departments d on d.id = coalesce(t.department_id, a.department_id)
  left join users u on u.id = a.assignee_id`;

/** The list's filters, and one case by id (its page reads it as the list shows it). */
type Filters = Partial<AlertListQuery> & { id?: number };

function conditions(query: Filters, user: SessionUser | undefined, now: Date): SQL {
  const parts: SQL[] = [sql`true`];
  if (query.id) parts.push(sql`a.id = ${query.id}`);
  const visible = visibleTo(user);
  if (visible) parts.push(visible);
  if (query.status?.length)
    parts.push(
      sql`a.status in (${sql.join(
        query.status.map((s) => sql`${s}::alert_status`),
        sql`, `,
      )})`,
    );
  if (query.ruleId) parts.push(sql`a.rule_id = ${query.ruleId}`);
  if (query.departmentId) parts.push(sql`coalesce(t.department_id, a.department_id) = ${query.departmentId}`);
  if (query.ageDays !== undefined) parts.push(sql`a.created_at <= ${new Date(now.getTime() - query.ageDays * 86_400_000).toISOString()}::timestamptz`);
  // Days in UTC, as every date the app shows, whatever the database session's time zone.
  if (query.from) parts.push(sql`a.created_at >= ${`${query.from}T00:00:00Z`}::timestamptz`);
  if (query.to) parts.push(sql`a.created_at < ${`${addDays(query.to, 1)}T00:00:00Z`}::timestamptz`);
  return sql.join(parts, sql` and `);
}

/**
 * A case for a reader who may not read its respondent: without the comment, and without it in the words of a
 * case opened when the summary still quoted it (`…wrote "refund": "<comment>"`).
 */
function withoutRespondent<T extends { summary: string; figures: Record<string, unknown> }>(item: T): T {
  const { comment, ...figures } = item.figures;
  return { ...item, figures, summary: unquoted(item.summary, comment) };
}

/** A text without the respondent's comment as older summaries (and their first event) quoted it. */
export function unquoted(text: string, comment: unknown): string {
  return typeof comment === "string" && comment !== "" ? text.replaceAll(`: "${comment}"`, "") : text;
}

/**
 * The cases a reader may see (every case without a reader: API tokens and the CLI), newest first; with the
 * total matching the filters, so a page can say when it shows only the first of them. A detractor's comment
 * stays in `figures.comment` only for readers who may read the respondent: never without a reader.
 */
export async function listAlerts(db: Queryable, query: Filters, user?: SessionUser, now = new Date()) {
  const { items: rows, total } = await readAlerts(db, conditions(query, user, now), query.limit ?? 200, now);
  const items = rows.map(({ touchpointOwnerId, ...item }) =>
    mayReadRespondent(user, { touchpointId: item.touchpointId, touchpointOwnerId }) ? item : withoutRespondent(item),
  );
  return { items, total };
}

async function readAlerts(db: Queryable, where: SQL, limit: number, now: Date) {
  const [rows, [total]] = await Promise.all([
    db.execute<ReadRow>(sql`
      select a.id, a.rule_id as "ruleId", r.name as "ruleName", a.kind, a.entity_level as "entityLevel", a.entity_id::float8 as "entityId",
        a.entity_name as "entityName", a.period_key as "periodKey", a.period_from::text as "periodFrom", a.period_to::text as "periodTo",
        a.metric_code as "metricCode", a.touchpoint_id as "touchpointId", t.code as "touchpointCode", t.owner_id as "touchpointOwnerId",
        coalesce(t.department_id, a.department_id) as "departmentId", d.name as "departmentName", a.title, a.summary, a.figures,
        a.status, a.assignee_id as "assigneeId", u.name as "assigneeName", a.escalation_level as "escalationLevel",
        a.created_at as "createdAt", a.due_at as "dueAt", a.acknowledged_at as "acknowledgedAt", a.closed_at as "closedAt",
        a.root_cause as "rootCause", a.action_taken as "actionTaken", a.initiative_id as "initiativeId",
        (a.status = 'open' and a.due_at <= ${now.toISOString()}::timestamptz) as overdue
      from ${from} where ${where}
      order by a.created_at desc, a.id desc
      limit ${limit}`),
    db.execute<{ n: number }>(sql`select count(*)::int as n from ${from} where ${where}`),
  ]);
  // postgres.js hands timestamps back as text through execute(): the list carries Dates like the rest of the app.
  const items = rows.map((row) => ({
    ...row,
    createdAt: new Date(row.createdAt),
    dueAt: new Date(row.dueAt),
    acknowledgedAt: row.acknowledgedAt && new Date(row.acknowledgedAt),
    closedAt: row.closedAt && new Date(row.closedAt),
  }));
  return { items, total: total?.n ?? 0 };
}

/** The navigation's badge: cases still open, acknowledged or in progress that this reader sees. */
export async function countUnresolved(db: Queryable, user: SessionUser): Promise<number> {
  const where = conditions({ status: [...unresolvedAlertStatuses] }, user, new Date());
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${from} where ${where}`);
  return row?.n ?? 0;
}

/**
 * One case for a reader who may see it: its timeline, its rule, its initiative, whether they may act on it, and
 * for a detractor's case the respondent's email, name and comment ("What they wrote") only where they may see
 * personal data.
 */
export async function alertDetail(db: Queryable, user: SessionUser, id: number) {
  const place = await loadAlertPlace(db, id);
  assertMayReadAlert(user, place);
  const { alert } = place;
  const mayReadTheRespondent = mayReadRespondent(user, { touchpointId: alert.touchpointId, touchpointOwnerId: place.touchpointOwnerId });
  const [[listed], events, [rule], initiative, respondent] = await Promise.all([
    readAlerts(db, sql`a.id = ${id}`, 1, new Date()).then((list) => list.items),
    db
      .select({ id: alertEvents.id, kind: alertEvents.kind, at: alertEvents.at, note: alertEvents.note, actorId: alertEvents.actorId, actorName: users.name })
      .from(alertEvents)
      .leftJoin(users, eq(users.id, alertEvents.actorId))
      .where(eq(alertEvents.alertId, id))
      .orderBy(asc(alertEvents.at), asc(alertEvents.id)),
    db.select().from(alertRules).where(eq(alertRules.id, alert.ruleId)),
    alert.initiativeId
      ? db
          .select({ id: initiatives.id, title: initiatives.title, status: initiatives.status })
          .from(initiatives)
          .where(eq(initiatives.id, alert.initiativeId))
          .then((rows) => rows[0] ?? null)
      : Promise.resolve(null),
    alert.responseId && mayReadTheRespondent
      ? db
          .select({ name: surveyResponses.respondentName, email: surveyResponses.respondentEmail })
          .from(surveyResponses)
          .where(eq(surveyResponses.id, alert.responseId))
          .then((rows) => rows[0] ?? null)
      : Promise.resolve(null),
  ]);
  const { touchpointOwnerId: _owner, ...item } = listed!;
  const comment = typeof alert.figures.comment === "string" ? alert.figures.comment : null;
  return {
    ...(mayReadTheRespondent ? item : withoutRespondent(item)),
    rule: rule ?? null,
    events: events.map((event) => ({
      ...event,
      note: event.note !== null && !mayReadTheRespondent ? unquoted(event.note, comment) : event.note,
      actorName: event.actorId === null ? "Throughline" : (event.actorName ?? "a former user"),
    })),
    initiative,
    /** Only for admins and the touchpoint's owner; never for executives. */
    respondent,
    /** The detractor's own words, for the same readers as `respondent`. */
    comment: mayReadTheRespondent ? comment : null,
    mayChange: mayChangeAlert(user, place),
  };
}

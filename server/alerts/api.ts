// The alerts as rows for other systems: GET /api/v1/alerts and `npm run cli -- alerts list` give the same rows,
// built here once, from the same parameters checked the same way. Rows never carry a respondent's contact details
// nor their comment: a token is not the touchpoint's owner (listAlerts without a reader leaves the comment out).
import "server-only";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { alertStatuses, type AlertStatus } from "@/lib/alerts";
import { isoDate } from "@/lib/schemas";
import { invalid, invalidInput } from "@/server/errors";
import { listAlerts, type AlertListItem } from "./read";

const statusList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(alertStatuses, { error: `use one or more of ${alertStatuses.join(", ")}, separated by commas` })));

export const alertApiParametersSchema = z.object({
  status: statusList.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  format: z.enum(["json", "csv"], { error: "use json or csv" }).default("json"),
});

export interface AlertApiQuery {
  status?: AlertStatus[];
  from?: string;
  to?: string;
  format: "json" | "csv";
}

/** The parameters as sent (query string or CLI flags), checked; each problem named by its parameter. */
export function resolveAlertQuery(raw: unknown): AlertApiQuery {
  const parsed = alertApiParametersSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { from, to } = parsed.data;
  if (from && to && from > to) throw invalid("from: must not be after to", [{ field: "from", message: `must not be after to (${to})` }]);
  return parsed.data;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const figure = (figures: Record<string, unknown>, key: string) => {
  const value = figures[key];
  return typeof value === "number" ? value : null;
};

/** One alert as a flat row: the same columns in JSON and CSV. */
export function alertRow(item: AlertListItem) {
  return {
    id: item.id,
    status: item.status,
    rule: item.ruleName,
    kind: item.kind,
    level: item.entityLevel,
    entity: item.entityName,
    touchpoint: item.touchpointCode,
    department: item.departmentName,
    metric: item.metricCode,
    period: item.periodKey,
    from: item.periodFrom,
    to: item.periodTo,
    title: item.title,
    summary: item.summary,
    value: figure(item.figures, "value"),
    previous: figure(item.figures, "previous"),
    n: figure(item.figures, "n"),
    previous_n: figure(item.figures, "previousN"),
    difference: figure(item.figures, "difference"),
    margin: figure(item.figures, "margin"),
    target: figure(item.figures, "target"),
    assignee: item.assigneeName,
    escalation_level: item.escalationLevel,
    overdue: item.overdue,
    created_at: iso(item.createdAt),
    due_at: iso(item.dueAt),
    acknowledged_at: iso(item.acknowledgedAt),
    closed_at: iso(item.closedAt),
    root_cause: item.rootCause,
    action_taken: item.actionTaken,
    initiative_id: item.initiativeId,
  };
}

export type AlertApiRow = ReturnType<typeof alertRow>;

/** Every alert the query selects (created in from–to, in these statuses), newest first, as rows. */
export async function alertRows(db: Queryable, query: AlertApiQuery): Promise<AlertApiRow[]> {
  const { items } = await listAlerts(db, { status: query.status, from: query.from, to: query.to, limit: 100_000 });
  return items.map(alertRow);
}

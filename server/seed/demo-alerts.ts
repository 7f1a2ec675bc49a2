// The demo's alert rules — NPS drops per journey, contacts caused up per touchpoint and the service charge's share of
// comments (month over month), CSAT clearly below target three weeks running, detractors' call-back words — and their
// cases: the service charge's month, handled and closed by Billing at the time, and what the rules find at the end.
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { departments, themes, touchpoints } from "@/db/schema";
import { alertRuleSchema, type AlertRuleInput } from "@/lib/alerts";
import type { Actor } from "@/server/audit";
import { activeUserByEmail, activeUserById } from "@/server/auth/users";
import { acknowledgeAlert, assignAlert, closeAlert, startAlert } from "@/server/alerts/cases";
import { evaluateAlerts } from "@/server/alerts/evaluate";
import { drainAlertQueue } from "@/server/alerts/jobs";
import { createAlertRule } from "@/server/alerts/rules";
import { formatDate } from "@/lib/dates";
import { demoModel } from "./demo-model";

/** Rules that compare months: evaluated as of the service charge's month too, so its cases are in the history. */
export const demoPeriodRules: AlertRuleInput[] = [
  {
    name: "NPS drop, month over month, per journey",
    kind: "metric_drop",
    scopeLevel: "journey",
    metricCode: "nps",
    comparison: "month",
    recipients: { touchpointOwner: false, ccoRole: true },
  },
  {
    name: "Contacts caused up, month over month",
    kind: "contacts_up",
    scopeLevel: "touchpoint",
    comparison: "month",
    recipients: { touchpointOwner: true, departmentHead: true },
  },
];

/** Rules on a theme, named here by the theme's name (the demo codebook's); compared month over month like the above. */
export const demoThemeRules: Array<Omit<AlertRuleInput, "themeId"> & { theme: string }> = [
  {
    name: "Service charge share rising",
    kind: "theme_share",
    scopeLevel: "all",
    theme: "Service charge",
    comparison: "month",
    recipients: { touchpointOwner: false, ccoRole: true },
  },
];

export const demoCurrentRules: AlertRuleInput[] = [
  {
    name: "CSAT below target three weeks running",
    kind: "below_target",
    scopeLevel: "all",
    metricCode: "csat",
    consecutiveWeeks: 3,
    recipients: { touchpointOwner: true, departmentHead: true },
  },
  {
    name: "Detractor to call back",
    kind: "detractor_words",
    scopeLevel: "all",
    words: ["refund", "never again", "manager"],
    recipients: { touchpointOwner: true },
  },
];

const HOUR = 3_600_000;
const at = (start: Date, hours: number) => new Date(start.getTime() + hours * HOUR);

/** Billing's head: the service charge's cases are theirs. */
async function billingHead(db: Database) {
  const [row] = await db
    .select({ headUserId: departments.headUserId })
    .from(touchpoints)
    .innerJoin(departments, eq(departments.id, touchpoints.departmentId))
    .where(eq(touchpoints.code, "PAY-BILL"));
  return row?.headUserId ? activeUserById(db, row.headUserId) : null;
}

/**
 * The month the service charge arrived, as the rules saw it two days later: each case assigned (a journey's to
 * Billing's head), acknowledged within hours and closed within the week with its root cause and the action taken.
 */
async function serviceChargeCases(db: Database, billingChange: Date): Promise<number> {
  const opened = at(new Date(Date.UTC(billingChange.getUTCFullYear(), billingChange.getUTCMonth() + 1, 3)), 9);
  const { created } = await evaluateAlerts(db, { now: opened });
  const admin = await activeUserByEmail(db, demoModel.users.find((user) => user.role === "admin")!.email);
  const head = await billingHead(db);
  if (!admin || !head) return created.length;
  const charge = `the new service charge on the bill since ${formatDate(billingChange)}`;
  for (const alert of created) {
    const assignee = alert.assigneeId === null ? head : await activeUserById(db, alert.assigneeId);
    if (!assignee) continue;
    const note = alert.kind === "theme_share" ? "The charge is on the bill." : "The drop is the bill's.";
    if (alert.assigneeId === null) await assignAlert(db, admin, { id: alert.id, assigneeId: head.id, note }, at(opened, 1));
    await acknowledgeAlert(db, assignee, { id: alert.id, note: "Looking into it today." }, at(opened, 3));
    await startAlert(db, assignee, { id: alert.id }, at(opened, 26));
    await closeAlert(
      db,
      assignee,
      {
        id: alert.id,
        rootCause: `Guests do not understand ${charge}; they ask about it at the table and call Guest Care.`,
        actionTaken: "Staff explain the charge when presenting the bill; the initiative “Explain the service charge on the bill” follows the calls it causes.",
      },
      at(opened, 6 * 24),
    );
  }
  return created.length;
}

/**
 * Create the rules and open the demo's cases: the service charge's month (closed), then every rule as of the demo's
 * last day (or now, if earlier), detractors read from the responses' batch. Earlier imports' queued jobs finish first.
 */
export async function seedDemoAlerts(db: Database, actor: Actor, options: { endDate: Date; batchId: number; billingChange: Date }) {
  await drainAlertQueue();
  for (const rule of demoPeriodRules) await createAlertRule(db, actor, alertRuleSchema.parse(rule));
  for (const { theme, ...rule } of demoThemeRules) {
    const [row] = await db.select({ id: themes.id }).from(themes).where(eq(themes.name, theme));
    if (row) await createAlertRule(db, actor, alertRuleSchema.parse({ ...rule, themeId: row.id }));
  }
  const history = await serviceChargeCases(db, options.billingChange);
  for (const rule of demoCurrentRules) await createAlertRule(db, actor, alertRuleSchema.parse(rule));
  const endOfLastDay = new Date(Date.UTC(options.endDate.getUTCFullYear(), options.endDate.getUTCMonth(), options.endDate.getUTCDate() + 1) - 1);
  const now = new Date(Math.min(Date.now(), endOfLastDay.getTime()));
  const { created } = await evaluateAlerts(db, { now, batchId: options.batchId });
  return { closed: history, open: created.length };
}

// Alert rules as admins set them: checked by the one schema (lib/alerts.ts), then against the model (the entity,
// the metric, the theme, the people named); each change and its audit entry in one transaction.
import "server-only";
import { and, asc, count, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db/client";
import { alertRules, alerts, departments, journeyStages, journeys, metricDefinitions, themes, touchpoints, users } from "@/db/schema";
import { EXPERIENCE_METRIC, type AlertRule } from "@/lib/alerts";
import { recordAudit, type Actor } from "@/server/audit";
import { conflict, invalid, notFound, type FieldProblem } from "@/server/errors";

export type AlertRuleRow = typeof alertRules.$inferSelect;

const entityTables = { touchpoint: touchpoints, stage: journeyStages, journey: journeys, department: departments } as const;

async function entityProblem(db: Queryable, rule: AlertRule): Promise<FieldProblem | null> {
  if (rule.scopeLevel === "all" || rule.entityId === null) return null;
  const table = entityTables[rule.scopeLevel];
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.id, rule.entityId));
  return row ? null : { field: "entityId", message: `no ${rule.scopeLevel} has id ${rule.entityId}; choose one from the list` };
}

async function metricProblem(db: Queryable, rule: AlertRule): Promise<FieldProblem | null> {
  if (!rule.metricCode || (rule.metricCode === EXPERIENCE_METRIC && rule.kind === "metric_drop")) return null;
  const [row] = await db.select({ id: metricDefinitions.id }).from(metricDefinitions).where(eq(metricDefinitions.code, rule.metricCode));
  const also = rule.kind === "metric_drop" ? `, or ${EXPERIENCE_METRIC}` : "";
  return row ? null : { field: "metricCode", message: `there is no metric "${rule.metricCode}": use nps, csat, ces or a custom metric's code${also}` };
}

async function themeProblem(db: Queryable, rule: AlertRule): Promise<FieldProblem | null> {
  if (rule.themeId === null) return null;
  const [row] = await db.select({ id: themes.id }).from(themes).where(eq(themes.id, rule.themeId));
  return row ? null : { field: "themeId", message: `no theme has id ${rule.themeId}; choose one from the list (Setup › Themes keeps the codebook)` };
}

async function peopleProblem(db: Queryable, rule: AlertRule): Promise<FieldProblem | null> {
  const ids = rule.recipients.userIds;
  if (ids.length === 0) return null;
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.active, true)));
  const missing = ids.filter((id) => !rows.some((row) => row.id === id));
  return missing.length ? { field: "recipients.userIds", message: `no active person has id ${missing.join(", ")}; choose people from the list` } : null;
}

async function assertRuleFits(db: Queryable, rule: AlertRule, exceptId?: number): Promise<void> {
  const problems = (await Promise.all([entityProblem(db, rule), metricProblem(db, rule), themeProblem(db, rule), peopleProblem(db, rule)])).filter(
    (p): p is FieldProblem => p !== null,
  );
  if (problems.length) throw invalid(problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);
  const [clash] = await db
    .select({ id: alertRules.id })
    .from(alertRules)
    .where(exceptId ? and(eq(alertRules.name, rule.name), ne(alertRules.id, exceptId)) : eq(alertRules.name, rule.name));
  if (clash) throw conflict(`An alert rule named "${rule.name}" already exists. Choose another name.`);
}

async function load(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<AlertRuleRow> {
  const query = db.select().from(alertRules).where(eq(alertRules.id, id));
  const [row] = await (options.lock ? query.for("update") : query);
  if (!row) throw notFound(`Alert rule ${id} does not exist.`);
  return row;
}

const alertsText = (n: number) => (n === 1 ? "1 alert" : `${n} alerts`);

async function raisedCount(db: Queryable, ruleId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(alerts).where(eq(alerts.ruleId, ruleId));
  return row?.n ?? 0;
}

/** What a rule's cases say they are about, in words; the rest (its name, who is told, its words, its weeks) may change. */
const defining = {
  kind: "kind",
  metricCode: "metric",
  scopeLevel: "scope",
  entityId: "scope",
  comparison: "comparison",
  themeId: "theme",
} as const satisfies Partial<Record<keyof AlertRule, string>>;

/** A rule that raised alerts keeps what they are about, so each case still says why it was opened. */
async function assertDefinitionKept(db: Queryable, before: AlertRuleRow, rule: AlertRule): Promise<void> {
  const fields = Object.keys(defining) as Array<keyof typeof defining>;
  const changed = [...new Set(fields.filter((field) => before[field] !== rule[field]).map((field) => defining[field]))];
  if (changed.length === 0) return;
  const raised = await raisedCount(db, before.id);
  const what = changed.length === 1 ? changed[0] : `${changed.slice(0, -1).join(", ")} and ${changed.at(-1)}`;
  if (raised > 0)
    throw conflict(`"${before.name}" has raised ${alertsText(raised)}; its ${what} cannot change under them: create a new rule instead, or pause this one.`);
}

export async function listAlertRules(db: Queryable): Promise<AlertRuleRow[]> {
  return db.select().from(alertRules).orderBy(asc(alertRules.name));
}

/** The themes a theme-share rule may name (paused ones too, so a rule on one still reads in words), by name. */
export async function alertRuleThemes(db: Queryable): Promise<Array<{ id: number; name: string; active: boolean }>> {
  return db.select({ id: themes.id, name: themes.name, active: themes.active }).from(themes).orderBy(asc(themes.name));
}

export async function activeAlertRules(db: Queryable): Promise<AlertRuleRow[]> {
  return db.select().from(alertRules).where(eq(alertRules.active, true)).orderBy(asc(alertRules.id));
}

export async function createAlertRule(db: Database, actor: Actor, rule: AlertRule): Promise<AlertRuleRow> {
  return db.transaction(async (tx) => {
    await assertRuleFits(tx, rule);
    const [created] = await tx
      .insert(alertRules)
      .values({ ...rule, createdById: actor.id })
      .returning();
    await recordAudit(tx, actor, { action: "alert_rule.create", entityType: "alert_rule", entityId: created!.id, after: rule });
    return created!;
  });
}

export async function updateAlertRule(db: Database, actor: Actor, input: AlertRule & { id: number }): Promise<AlertRuleRow> {
  const { id, ...rule } = input;
  return db.transaction(async (tx) => {
    const before = await load(tx, id, { lock: true });
    await assertDefinitionKept(tx, before, rule);
    await assertRuleFits(tx, rule, id);
    const [after] = await tx
      .update(alertRules)
      .set({ ...rule, updatedAt: sql`now()` })
      .where(eq(alertRules.id, id))
      .returning();
    await recordAudit(tx, actor, { action: "alert_rule.update", entityType: "alert_rule", entityId: id, before, after: rule });
    return after!;
  });
}

export async function setAlertRuleActive(db: Database, actor: Actor, input: { id: number; active: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await load(tx, input.id);
    if (before.active === input.active) return;
    await tx
      .update(alertRules)
      .set({ active: input.active, updatedAt: sql`now()` })
      .where(eq(alertRules.id, input.id));
    await recordAudit(tx, actor, {
      action: input.active ? "alert_rule.activate" : "alert_rule.deactivate",
      entityType: "alert_rule",
      entityId: input.id,
      before: { active: before.active },
      after: { active: input.active },
    });
  });
}

/** A rule that opened cases stays (deactivated), so its cases keep saying why they were opened. */
export async function deleteAlertRule(db: Database, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await load(tx, id);
    const opened = await raisedCount(tx, id);
    if (opened > 0) throw conflict(`"${before.name}" has opened ${alertsText(opened)}; deactivate it instead, so those cases keep their rule.`);
    await tx.delete(alertRules).where(eq(alertRules.id, id));
    await recordAudit(tx, actor, { action: "alert_rule.delete", entityType: "alert_rule", entityId: id, before });
  });
}

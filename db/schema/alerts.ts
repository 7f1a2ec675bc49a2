// Alerts: the rules admins set, the cases they open (one per rule, entity and period), each case's timeline,
// and the outbox of notifications a sender drains (mail, webhooks). Rows here are never read by the dashboards.
import { bigint, date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, boolean } from "drizzle-orm/pg-core";
import {
  alertComparisons,
  alertEntityLevels,
  alertEventKinds,
  alertNotificationChannels,
  alertNotificationStatuses,
  alertRuleKinds,
  alertScopeLevels,
  alertStatuses,
  type AlertRecipients,
} from "../../lib/alerts";
import { initiatives } from "./initiatives";
import { departments, users } from "./people";
import { touchpoints } from "./model";
import { importBatches, surveyResponses } from "./responses";
import { themes } from "./themes";

export const alertRuleKind = pgEnum("alert_rule_kind", alertRuleKinds);
export const alertScopeLevel = pgEnum("alert_scope_level", alertScopeLevels);
export const alertComparison = pgEnum("alert_comparison", alertComparisons);
export const alertEntityLevel = pgEnum("alert_entity_level", alertEntityLevels);
export const alertStatus = pgEnum("alert_status", alertStatuses);
export const alertEventKind = pgEnum("alert_event_kind", alertEventKinds);
export const alertNotificationChannel = pgEnum("alert_notification_channel", alertNotificationChannels);
export const alertNotificationStatus = pgEnum("alert_notification_status", alertNotificationStatuses);
/** What an outbox row tells: a case opened or escalated, or a person's daily digest of the cases still to resolve. */
export const alertNotificationEvents = ["created", "escalated", "digest"] as const;
export const alertNotificationEvent = pgEnum("alert_notification_event", alertNotificationEvents);

export const alertRules = pgTable(
  "alert_rules",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    kind: alertRuleKind().notNull(),
    scopeLevel: alertScopeLevel().notNull(),
    // Not a foreign key: it names a touchpoint, stage, journey or department by the scope level.
    entityId: integer(),
    metricCode: text(),
    comparison: alertComparison(),
    consecutiveWeeks: smallint(),
    words: text().array(),
    // A theme_share rule's theme. Set null, not cascade: a rule that raised alerts cannot go (alerts.rule_id restricts),
    // and deleting its theme must not fail on that; the rule stays, says its theme is gone and is no longer evaluated.
    themeId: integer().references(() => themes.id, { onDelete: "set null" }),
    minSharePercent: doublePrecision(),
    recipients: jsonb().$type<AlertRecipients>().notNull(),
    active: boolean().notNull().default(true),
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("alert_rules_name_unique").on(table.name)],
);

/** What fired, as figures the pages and messages say in words (value, previous, n, margin …). */
export type AlertFigures = Record<string, unknown>;

export const alerts = pgTable(
  "alerts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    // Restrict: a rule that opened cases is deactivated, never deleted from under them.
    ruleId: integer()
      .notNull()
      .references(() => alertRules.id, { onDelete: "restrict" }),
    kind: alertRuleKind().notNull(),
    entityLevel: alertEntityLevel().notNull(),
    entityId: bigint({ mode: "number" }).notNull(),
    // The idempotency key with the rule and the period: "touchpoint:12", "response:9041".
    entityKey: text().notNull(),
    // "week:2026-W10", "month:2026-02", "streak:2026-W07", "day:2026-03-04".
    periodKey: text().notNull(),
    // The name as it was when the alert opened: the case reads the same after a rename.
    entityName: text().notNull(),
    touchpointId: integer().references(() => touchpoints.id, { onDelete: "set null" }),
    departmentId: integer().references(() => departments.id, { onDelete: "set null" }),
    // A reverted import takes the response; the case and its copied words stay.
    responseId: bigint({ mode: "number" }).references(() => surveyResponses.id, { onDelete: "set null" }),
    batchId: integer().references(() => importBatches.id, { onDelete: "set null" }),
    metricCode: text(),
    periodFrom: date({ mode: "string" }),
    periodTo: date({ mode: "string" }),
    title: text().notNull(),
    summary: text().notNull(),
    figures: jsonb().$type<AlertFigures>().notNull(),
    status: alertStatus().notNull().default("open"),
    assigneeId: integer().references(() => users.id, { onDelete: "set null" }),
    // When it must be acknowledged by (the SLA, setting alert_ack_sla_hours, as it was when the alert opened).
    dueAt: timestamp({ withTimezone: true }).notNull(),
    acknowledgedAt: timestamp({ withTimezone: true }),
    startedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    rootCause: text(),
    actionTaken: text(),
    // 0: with its assignee; 1: told the department head; 2: told the CCO role.
    escalationLevel: smallint().notNull().default(0),
    initiativeId: integer().references(() => initiatives.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("alerts_rule_entity_period_unique").on(table.ruleId, table.entityKey, table.periodKey),
    index("alerts_status_idx").on(table.status, table.createdAt),
    index("alerts_assignee_idx").on(table.assigneeId),
    index("alerts_department_idx").on(table.departmentId),
    index("alerts_touchpoint_idx").on(table.touchpointId),
    index("alerts_response_idx").on(table.responseId),
  ],
);

export const alertEvents = pgTable(
  "alert_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    alertId: integer()
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    kind: alertEventKind().notNull(),
    // Null: Throughline itself (evaluation, escalation).
    actorId: integer().references(() => users.id, { onDelete: "set null" }),
    note: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("alert_events_alert_idx").on(table.alertId, table.at)],
);

/**
 * Written in the alert's own transaction when it opens or escalates, and once a day per person for the digest
 * (server/alerts/digest.ts); a sender (server/notify) drains it.
 */
export const alertNotifications = pgTable(
  "alert_notifications",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    // Null for a digest: it lists many cases.
    alertId: integer().references(() => alerts.id, { onDelete: "cascade" }),
    // Null for a webhook: it goes to every configured URL.
    recipientUserId: integer().references(() => users.id, { onDelete: "set null" }),
    channel: alertNotificationChannel().notNull(),
    event: alertNotificationEvent().notNull(),
    // The UTC day a digest is for: one per person and day, however often it is queued.
    digestDay: date({ mode: "string" }),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: alertNotificationStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("alert_notifications_pending_idx").on(table.status, table.nextAttemptAt),
    index("alert_notifications_alert_idx").on(table.alertId),
    uniqueIndex("alert_notifications_digest_unique").on(table.recipientUserId, table.digestDay),
  ],
);

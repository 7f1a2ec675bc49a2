// Alerts: every role reads the cases it may see (owners: theirs and their department's) and the rules; owners act
// on the cases they own, admins on any, and admins set the rules. Thin layer over server/alerts.
import { z } from "zod";
import { alertListSchema, alertRuleSchema, closeAlertSchema, updateAlertRuleSchema } from "@/lib/alerts";
import { entityId, text } from "@/lib/schemas";
import { actorOf } from "@/server/audit";
import { acknowledgeAlert, assignAlert, closeAlert, commentOnAlert, convertAlertToInitiative, startAlert } from "@/server/alerts/cases";
import { runAlerts } from "@/server/alerts/jobs";
import { alertDetail, countUnresolved, listAlerts } from "@/server/alerts/read";
import { alertRuleThemes, createAlertRule, deleteAlertRule, listAlertRules, setAlertRuleActive, updateAlertRule } from "@/server/alerts/rules";
import { adminProcedure, createRouter, ownerProcedure, viewerProcedure } from "../trpc";

const id = entityId;
const note = text(4000).trim().nullish();
const byId = z.object({ id, note });

export const alertsRouter = createRouter({
  list: viewerProcedure.input(alertListSchema.optional()).query(({ ctx, input }) => listAlerts(ctx.db, input ?? {}, ctx.user)),
  /** The navigation's badge: open, acknowledged and in-progress cases this person sees. */
  count: viewerProcedure.query(({ ctx }) => countUnresolved(ctx.db, ctx.user)),
  get: viewerProcedure.input(z.object({ id })).query(({ ctx, input }) => alertDetail(ctx.db, ctx.user, input.id)),

  acknowledge: ownerProcedure.input(byId).mutation(({ ctx, input }) => acknowledgeAlert(ctx.db, ctx.user, input)),
  start: ownerProcedure.input(byId).mutation(({ ctx, input }) => startAlert(ctx.db, ctx.user, input)),
  comment: ownerProcedure
    .input(z.object({ id, note: text(4000).trim().min(1, "Write the comment first.") }))
    .mutation(({ ctx, input }) => commentOnAlert(ctx.db, ctx.user, input)),
  close: ownerProcedure.input(closeAlertSchema).mutation(({ ctx, input }) => closeAlert(ctx.db, ctx.user, input)),
  assign: ownerProcedure.input(z.object({ id, assigneeId: id, note })).mutation(({ ctx, input }) => assignAlert(ctx.db, ctx.user, input)),
  createInitiative: ownerProcedure
    .input(z.object({ id, title: text(200).trim().nullish() }))
    .mutation(({ ctx, input }) => convertAlertToInitiative(ctx.db, ctx.user, input)),

  rules: viewerProcedure.query(({ ctx }) => listAlertRules(ctx.db)),
  /** The themes a theme-share rule may watch, for the rule form and the rules' words. */
  ruleThemes: adminProcedure.query(({ ctx }) => alertRuleThemes(ctx.db)),
  createRule: adminProcedure.input(alertRuleSchema).mutation(({ ctx, input }) => createAlertRule(ctx.db, actorOf(ctx.user), input)),
  updateRule: adminProcedure.input(updateAlertRuleSchema).mutation(({ ctx, input }) => updateAlertRule(ctx.db, actorOf(ctx.user), input)),
  setRuleActive: adminProcedure.input(z.object({ id, active: z.boolean() })).mutation(({ ctx, input }) => setAlertRuleActive(ctx.db, actorOf(ctx.user), input)),
  deleteRule: adminProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deleteAlertRule(ctx.db, actorOf(ctx.user), input.id)),
  /** Evaluate every rule now and escalate what is overdue (as the hourly scheduler does). */
  run: adminProcedure.mutation(({ ctx }) => runAlerts(ctx.db)),
});

// Setup › Contact reasons (admins): reasons with their volumes and classes, bulk mapping, reason rules, each channel's
// cost per hour and touchpoints' monthly transactions. Thin layer over server/contacts; every change is audited there.
import { actorOf } from "@/server/audit";
import { contactCostSchema, mapReasonsSchema, reasonListQuerySchema, reasonRuleIdSchema, reasonRuleSchema } from "@/server/contacts/reason-schema";
import { createReasonRule, deleteReasonRule, listReasonRules } from "@/server/contacts/reason-rules";
import { contactCosts, listContactReasons, mapContactReasons, setContactCost } from "@/server/contacts/reasons";
import { clearTouchpointVolume, listTouchpointVolumes, setTouchpointVolumes, volumeListQuerySchema } from "@/server/contacts/volumes";
import { clearVolumeSchema, setVolumesInputSchema } from "@/lib/touchpoint-volumes";
import { adminProcedure, createRouter } from "../trpc";

export const contactReasonsRouter = createRouter({
  /** Every reason over the last 90 days of contact data, largest first, with its class; the share still unclassified. */
  list: adminProcedure.input(reasonListQuerySchema.optional()).query(({ ctx, input }) => listContactReasons(ctx.db, input)),
  /** Map reasons in bulk to failure demand (with its touchpoint), value demand, or back to unclassified. */
  map: adminProcedure.input(mapReasonsSchema).mutation(({ ctx, input }) => mapContactReasons(ctx.db, actorOf(ctx.user), input)),

  rules: adminProcedure.query(({ ctx }) => listReasonRules(ctx.db)),
  createRule: adminProcedure.input(reasonRuleSchema).mutation(({ ctx, input }) => createReasonRule(ctx.db, actorOf(ctx.user), input)),
  deleteRule: adminProcedure.input(reasonRuleIdSchema).mutation(({ ctx, input }) => deleteReasonRule(ctx.db, actorOf(ctx.user), input)),

  costs: adminProcedure.query(({ ctx }) => contactCosts(ctx.db)),
  setCost: adminProcedure.input(contactCostSchema).mutation(({ ctx, input }) => setContactCost(ctx.db, actorOf(ctx.user), input)),

  /** Monthly transactions per touchpoint (the base of contacts per 1,000 transactions), by code and month. */
  volumes: adminProcedure.input(volumeListQuerySchema.optional()).query(({ ctx, input }) => listTouchpointVolumes(ctx.db, input)),
  /** Set volumes all-or-nothing (upsert by touchpoint and month); every problem named by row and field. */
  setVolumes: adminProcedure.input(setVolumesInputSchema).mutation(({ ctx, input }) => setTouchpointVolumes(ctx.db, actorOf(ctx.user), input)),
  clearVolume: adminProcedure.input(clearVolumeSchema).mutation(({ ctx, input }) => clearTouchpointVolume(ctx.db, actorOf(ctx.user), input)),
});

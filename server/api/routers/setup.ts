// Admin setup of the experience model: departments, journeys and their stages, touchpoints, invitations.
// Thin layer over server/setup and server/people; every mutation is audited there.
import { z } from "zod";
import { inviteUser, reissueInvitation } from "@/server/people/invitations";
import { createDepartment, deleteDepartment, setDepartmentActive, updateDepartment } from "@/server/setup/departments";
import { createJourney, deleteJourney, journeyForEdit, saveStages, setJourneyActive, updateJourney } from "@/server/setup/journeys";
import {
  departmentSchema,
  entityIdSchema,
  inviteUserSchema,
  journeySchema,
  saveStagesSchema,
  setActiveSchema,
  touchpointSchema,
  updateDepartmentSchema,
  updateJourneySchema,
  updateTouchpointSchema,
} from "@/server/setup/schema";
import { createTouchpoint, deleteTouchpoint, setTouchpointActive, touchpointChoices, touchpointForEdit, updateTouchpoint } from "@/server/setup/touchpoints";
import { departmentUsage, journeyUsage, touchpointUsage } from "@/server/setup/usage";
import type { SessionUser } from "@/server/auth/users";
import { adminProcedure, createRouter } from "../trpc";

const actorOf = (user: SessionUser) => ({ id: user.id, email: user.email });

export const setupRouter = createRouter({
  createDepartment: adminProcedure.input(departmentSchema).mutation(({ ctx, input }) => createDepartment(ctx.db, actorOf(ctx.user), input)),
  updateDepartment: adminProcedure.input(updateDepartmentSchema).mutation(({ ctx, input }) => updateDepartment(ctx.db, actorOf(ctx.user), input)),
  setDepartmentActive: adminProcedure
    .input(setActiveSchema)
    .mutation(({ ctx, input }) => setDepartmentActive(ctx.db, actorOf(ctx.user), input.id, input.active)),
  departmentUsage: adminProcedure.input(entityIdSchema).query(({ ctx, input }) => departmentUsage(ctx.db, input.id)),
  deleteDepartment: adminProcedure.input(entityIdSchema).mutation(({ ctx, input }) => deleteDepartment(ctx.db, actorOf(ctx.user), input.id)),

  journey: adminProcedure.input(entityIdSchema).query(({ ctx, input }) => journeyForEdit(ctx.db, input.id)),
  createJourney: adminProcedure.input(journeySchema).mutation(({ ctx, input }) => createJourney(ctx.db, actorOf(ctx.user), input)),
  updateJourney: adminProcedure.input(updateJourneySchema).mutation(({ ctx, input }) => updateJourney(ctx.db, actorOf(ctx.user), input)),
  saveStages: adminProcedure.input(saveStagesSchema).mutation(({ ctx, input }) => saveStages(ctx.db, actorOf(ctx.user), input)),
  setJourneyActive: adminProcedure
    .input(setActiveSchema)
    .mutation(({ ctx, input }) => setJourneyActive(ctx.db, actorOf(ctx.user), input.id, input.active)),
  journeyUsage: adminProcedure.input(entityIdSchema).query(({ ctx, input }) => journeyUsage(ctx.db, input.id)),
  deleteJourney: adminProcedure.input(entityIdSchema).mutation(({ ctx, input }) => deleteJourney(ctx.db, actorOf(ctx.user), input.id)),

  touchpointChoices: adminProcedure.query(({ ctx }) => touchpointChoices(ctx.db)),
  touchpoint: adminProcedure.input(entityIdSchema).query(({ ctx, input }) => touchpointForEdit(ctx.db, input.id)),
  createTouchpoint: adminProcedure.input(touchpointSchema).mutation(({ ctx, input }) => createTouchpoint(ctx.db, actorOf(ctx.user), input)),
  updateTouchpoint: adminProcedure.input(updateTouchpointSchema).mutation(({ ctx, input }) => updateTouchpoint(ctx.db, actorOf(ctx.user), input)),
  setTouchpointActive: adminProcedure
    .input(setActiveSchema)
    .mutation(({ ctx, input }) => setTouchpointActive(ctx.db, actorOf(ctx.user), input.id, input.active)),
  touchpointUsage: adminProcedure.input(entityIdSchema).query(({ ctx, input }) => touchpointUsage(ctx.db, input.id)),
  deleteTouchpoint: adminProcedure.input(entityIdSchema).mutation(({ ctx, input }) => deleteTouchpoint(ctx.db, actorOf(ctx.user), input.id)),

  /** Creates the account without a password and returns a one-time link; the token is never stored. */
  inviteUser: adminProcedure.input(inviteUserSchema).mutation(({ ctx, input }) => inviteUser(ctx.db, actorOf(ctx.user), input)),
  reissueInvitation: adminProcedure
    .input(z.object({ userId: z.number().int().positive() }))
    .mutation(({ ctx, input }) => reissueInvitation(ctx.db, actorOf(ctx.user), input.userId)),
});

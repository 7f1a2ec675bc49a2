// Admin setup of the experience model: departments, journeys and their stages, touchpoints, locations, invitations.
// Thin layer over server/setup and server/people; every mutation is audited there.
import { entityId } from "@/lib/schemas";
import { z } from "zod";
import { inviteUser, reissueInvitation } from "@/server/people/invitations";
import { createDepartment, deleteDepartment, setDepartmentActive, updateDepartment } from "@/server/setup/departments";
import { createJourney, deleteJourney, journeyForEdit, saveStages, setJourneyActive, updateJourney } from "@/server/setup/journeys";
import {
  departmentSchema,
  entityIdSchema,
  entitySchema,
  inviteUserSchema,
  journeySchema,
  locationSchema,
  saveStagesSchema,
  touchpointSchema,
  updateDepartmentSchema,
  updateJourneySchema,
  updateLocationSchema,
  updateTouchpointSchema,
} from "@/server/setup/schema";
import { createTouchpoint, deleteTouchpoint, setTouchpointActive, touchpointChoices, touchpointForEdit, updateTouchpoint } from "@/server/setup/touchpoints";
import { departmentUsage, journeyUsage, locationUsage, touchpointUsage } from "@/server/setup/usage";
import { createLocation, deleteLocation, listLocations, setLocationActive, updateLocation } from "@/server/setup/locations";
import { actorOf } from "@/server/audit";
import { adminProcedure, createRouter } from "../trpc";

/** Departments, journeys and touchpoints are retired the same way, so the page has one delete dialog. */
const retire = {
  department: { usage: departmentUsage, remove: deleteDepartment, setActive: setDepartmentActive },
  journey: { usage: journeyUsage, remove: deleteJourney, setActive: setJourneyActive },
  touchpoint: { usage: touchpointUsage, remove: deleteTouchpoint, setActive: setTouchpointActive },
  location: { usage: locationUsage, remove: deleteLocation, setActive: setLocationActive },
} as const;

export const setupRouter = createRouter({
  /** What depends on it, whether it may be deleted, and what to do instead. */
  usage: adminProcedure.input(entitySchema).query(({ ctx, input }) => retire[input.kind].usage(ctx.db, input.id)),
  setActive: adminProcedure
    .input(entitySchema.extend({ active: z.boolean() }))
    .mutation(({ ctx, input }) => retire[input.kind].setActive(ctx.db, actorOf(ctx.user), input.id, input.active)),
  /** Refused, with the reason, for anything that holds customers' data, people or touchpoints. */
  remove: adminProcedure.input(entitySchema).mutation(({ ctx, input }) => retire[input.kind].remove(ctx.db, actorOf(ctx.user), input.id)),

  createDepartment: adminProcedure.input(departmentSchema).mutation(({ ctx, input }) => createDepartment(ctx.db, actorOf(ctx.user), input)),
  updateDepartment: adminProcedure.input(updateDepartmentSchema).mutation(({ ctx, input }) => updateDepartment(ctx.db, actorOf(ctx.user), input)),

  journey: adminProcedure.input(entityIdSchema).query(({ ctx, input }) => journeyForEdit(ctx.db, input.id)),
  createJourney: adminProcedure.input(journeySchema).mutation(({ ctx, input }) => createJourney(ctx.db, actorOf(ctx.user), input)),
  updateJourney: adminProcedure.input(updateJourneySchema).mutation(({ ctx, input }) => updateJourney(ctx.db, actorOf(ctx.user), input)),
  saveStages: adminProcedure.input(saveStagesSchema).mutation(({ ctx, input }) => saveStages(ctx.db, actorOf(ctx.user), input)),

  touchpointChoices: adminProcedure.query(({ ctx }) => touchpointChoices(ctx.db)),
  touchpoint: adminProcedure.input(entityIdSchema).query(({ ctx, input }) => touchpointForEdit(ctx.db, input.id)),
  createTouchpoint: adminProcedure.input(touchpointSchema).mutation(({ ctx, input }) => createTouchpoint(ctx.db, actorOf(ctx.user), input)),
  updateTouchpoint: adminProcedure.input(updateTouchpointSchema).mutation(({ ctx, input }) => updateTouchpoint(ctx.db, actorOf(ctx.user), input)),

  locations: adminProcedure.query(({ ctx }) => listLocations(ctx.db)),
  createLocation: adminProcedure.input(locationSchema).mutation(({ ctx, input }) => createLocation(ctx.db, actorOf(ctx.user), input)),
  updateLocation: adminProcedure.input(updateLocationSchema).mutation(({ ctx, input }) => updateLocation(ctx.db, actorOf(ctx.user), input)),

  /** Creates the account without a password and returns a one-time link; the token is never stored. */
  inviteUser: adminProcedure.input(inviteUserSchema).mutation(({ ctx, input }) => inviteUser(ctx.db, actorOf(ctx.user), input)),
  reissueInvitation: adminProcedure
    .input(z.object({ userId: entityId }))
    .mutation(({ ctx, input }) => reissueInvitation(ctx.db, actorOf(ctx.user), input.userId)),
});

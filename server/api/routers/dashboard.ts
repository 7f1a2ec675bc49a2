// Dashboard reads for every signed-in role. Thin layer over server/scores (roll-up tables only; the
// verbatims list is the one read of raw responses, and personal data follows server/auth/ownership.ts).
import { entityId } from "@/lib/schemas";
import { dashboardFiltersSchema } from "@/server/scores/filters";
import { departmentView } from "@/server/scores/department";
import { journeyView } from "@/server/scores/journey";
import { programOverview } from "@/server/scores/overview";
import { touchpointView } from "@/server/scores/touchpoint";
import { listVerbatims, readerOptions, verbatimQuerySchema } from "@/server/scores/verbatims";
import { cachedScores } from "@/server/scores/cache";
import { locationLeagueView, locationView, touchpointAcrossSites } from "@/server/locations/views";
import { locationsManagedBy } from "@/server/locations/managed";
import { locationCode } from "@/server/model/rules";
import { createRouter, viewerProcedure } from "../trpc";

export const dashboardRouter = createRouter({
  overview: viewerProcedure
    .input(dashboardFiltersSchema)
    .query(({ ctx, input }) => cachedScores(ctx.readDb, "overview", input, () => programOverview(ctx.readDb, input))),
  journey: viewerProcedure
    .input(dashboardFiltersSchema.extend({ journeyId: entityId }))
    .query(({ ctx, input }) => cachedScores(ctx.readDb, "journey", input, () => journeyView(ctx.readDb, input.journeyId, input))),
  department: viewerProcedure
    .input(dashboardFiltersSchema.extend({ departmentId: entityId }))
    .query(({ ctx, input }) => cachedScores(ctx.readDb, "department", input, () => departmentView(ctx.readDb, input.departmentId, input))),
  touchpoint: viewerProcedure
    .input(dashboardFiltersSchema.extend({ touchpointId: entityId }))
    .query(({ ctx, input }) => cachedScores(ctx.readDb, "touchpoint", input, () => touchpointView(ctx.readDb, input.touchpointId, input))),
  /** The league of sites and regions; `location` narrows it to a region's sites. */
  locations: viewerProcedure
    .input(dashboardFiltersSchema)
    .query(({ ctx, input }) => cachedScores(ctx.readDb, "locations", input, () => locationLeagueView(ctx.readDb, input))),
  location: viewerProcedure
    .input(dashboardFiltersSchema.extend({ code: locationCode }))
    .query(({ ctx, input }) => cachedScores(ctx.readDb, "location", input, () => locationView(ctx.readDb, input.code, input))),
  /** The sites and regions the signed-in person manages (their home on sign-in), sites first. */
  myLocations: viewerProcedure.query(({ ctx }) => locationsManagedBy(ctx.db, ctx.user.id)),
  touchpointAcrossSites: viewerProcedure
    .input(dashboardFiltersSchema.extend({ touchpointId: entityId }))
    .query(({ ctx, input }) => cachedScores(ctx.readDb, "touchpointAcrossSites", input, () => touchpointAcrossSites(ctx.readDb, input.touchpointId, input))),
  verbatims: viewerProcedure
    .input(verbatimQuerySchema)
    .query(async ({ ctx, input }) => listVerbatims(ctx.readDb, input, await readerOptions(ctx.db, ctx.user, input.touchpointId))),
});

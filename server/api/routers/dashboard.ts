// Dashboard reads for every signed-in role. Thin layer over server/scores (roll-up tables only; the
// verbatims list is the one read of raw responses, and personal data follows server/auth/ownership.ts).
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { touchpoints } from "@/db/schema";
import { mayReadPersonalData } from "@/server/auth/ownership";
import { dashboardFiltersSchema } from "@/server/scores/filters";
import { departmentView } from "@/server/scores/department";
import { journeyView } from "@/server/scores/journey";
import { FilterError, programOverview } from "@/server/scores/overview";
import { NotFoundError, touchpointView } from "@/server/scores/touchpoint";
import { listVerbatims, verbatimQuerySchema } from "@/server/scores/verbatims";
import { cachedScores } from "@/server/scores/cache";
import { createRouter, viewerProcedure } from "../trpc";

/** Turns domain errors into the right tRPC codes, so the client can say what to do. */
async function asTrpc<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FilterError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
    if (error instanceof NotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: error.message });
    throw error;
  }
}

export const dashboardRouter = createRouter({
  overview: viewerProcedure.input(dashboardFiltersSchema).query(({ ctx, input }) => asTrpc(() => cachedScores(ctx.readDb, "overview", input, () => programOverview(ctx.readDb, input)))),
  journey: viewerProcedure
    .input(dashboardFiltersSchema.extend({ journeyId: z.number().int().positive() }))
    .query(({ ctx, input }) => asTrpc(() => cachedScores(ctx.readDb, "journey", input, () => journeyView(ctx.readDb, input.journeyId, input)))),
  department: viewerProcedure
    .input(dashboardFiltersSchema.extend({ departmentId: z.number().int().positive() }))
    .query(({ ctx, input }) => asTrpc(() => cachedScores(ctx.readDb, "department", input, () => departmentView(ctx.readDb, input.departmentId, input)))),
  touchpoint: viewerProcedure
    .input(dashboardFiltersSchema.extend({ touchpointId: z.number().int().positive() }))
    .query(({ ctx, input }) => asTrpc(() => cachedScores(ctx.readDb, "touchpoint", input, () => touchpointView(ctx.readDb, input.touchpointId, input)))),
  verbatims: viewerProcedure.input(verbatimQuerySchema).query(async ({ ctx, input }) => {
    const [touchpoint] = await ctx.db.select({ ownerId: touchpoints.ownerId }).from(touchpoints).where(eq(touchpoints.id, input.touchpointId));
    if (!touchpoint) throw new TRPCError({ code: "NOT_FOUND", message: `Touchpoint ${input.touchpointId} does not exist.` });
    return listVerbatims(ctx.readDb, input, {
      includePersonalData: mayReadPersonalData(ctx.user, touchpoint.ownerId),
      privacyThreshold: ctx.user.role === "executive",
    });
  }),
});

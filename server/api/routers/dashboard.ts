// Executive dashboard reads: every signed-in role. Thin layer over server/scores (roll-up tables only).
import { TRPCError } from "@trpc/server";
import { dashboardFiltersSchema } from "@/server/scores/filters";
import { FilterError, programOverview } from "@/server/scores/overview";
import { createRouter, viewerProcedure } from "../trpc";

export const dashboardRouter = createRouter({
  overview: viewerProcedure.input(dashboardFiltersSchema).query(async ({ ctx, input }) => {
    try {
      return await programOverview(ctx.db, input);
    } catch (error) {
      if (error instanceof FilterError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
      throw error;
    }
  }),
});

// Key drivers for every signed-in role: which metrics move the outcome most for a scope and period.
// Thin layer over server/drivers (metric-pair roll-ups only).
import { cachedScores } from "@/server/scores/cache";
import { keyDriverQuerySchema, keyDriversView } from "@/server/drivers/view";
import { createRouter, viewerProcedure } from "../trpc";

export const keyDriversRouter = createRouter({
  view: viewerProcedure
    .input(keyDriverQuerySchema)
    .query(({ ctx, input }) => cachedScores(ctx.readDb, "keyDrivers", input, () => keyDriversView(ctx.readDb, input))),
});

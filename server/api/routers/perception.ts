// The Experience Perception Gap: every role reads it; owners assess their own touchpoints each quarter.
import { z } from "zod";
import { quarterOf } from "@/server/perception/gap";
import { assessmentSchema, quarterSchema } from "@/server/perception/schema";
import { myAssessments, perceptionView, saveAssessment } from "@/server/perception/service";
import { cachedScores } from "@/server/scores/cache";
import { createRouter, ownerProcedure, viewerProcedure } from "../trpc";

const currentQuarter = () => quarterOf(new Date().toISOString().slice(0, 10));

export const perceptionRouter = createRouter({
  view: viewerProcedure.input(z.object({ quarter: quarterSchema.optional() })).query(({ ctx, input }) => {
    const quarter = input.quarter ?? currentQuarter();
    return cachedScores(ctx.readDb, "perception", { quarter }, () => perceptionView(ctx.readDb, quarter));
  }),
  mine: ownerProcedure.input(z.object({ quarter: quarterSchema.optional() })).query(async ({ ctx, input }) => {
    const quarter = input.quarter ?? currentQuarter();
    return { quarter, touchpoints: await myAssessments(ctx.db, ctx.user.id, quarter) };
  }),
  save: ownerProcedure.input(assessmentSchema).mutation(({ ctx, input }) => saveAssessment(ctx.db, ctx.user, input)),
});

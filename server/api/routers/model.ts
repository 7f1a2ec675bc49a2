// Read access to the experience model for every signed-in role: journeys, touchpoints, departments.
import { listDepartments, listJourneyMap, listMetrics, listTouchpoints } from "@/server/model/queries";
import { createRouter, viewerProcedure } from "../trpc";

export const modelRouter = createRouter({
  journeyMap: viewerProcedure.query(({ ctx }) => listJourneyMap(ctx.db)),
  touchpoints: viewerProcedure.query(({ ctx }) => listTouchpoints(ctx.db)),
  departments: viewerProcedure.query(({ ctx }) => listDepartments(ctx.db)),
  metrics: viewerProcedure.query(({ ctx }) => listMetrics(ctx.db)),
});

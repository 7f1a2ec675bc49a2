// The application's tRPC router: one sub-router per area, each a thin layer over a domain module.
import "server-only";
import { adminRouter } from "./routers/admin";
import { contactReasonsRouter } from "./routers/contact-reasons";
import { dashboardRouter } from "./routers/dashboard";
import { failureDemandRouter } from "./routers/failure-demand";
import { importsRouter } from "./routers/imports";
import { initiativesRouter } from "./routers/initiatives";
import { modelRouter } from "./routers/model";
import { ownersRouter } from "./routers/owners";
import { perceptionRouter } from "./routers/perception";
import { setupRouter } from "./routers/setup";
import { createCallerFactory, createRouter } from "./trpc";

export const appRouter = createRouter({
  dashboard: dashboardRouter,
  failureDemand: failureDemandRouter,
  model: modelRouter,
  owners: ownersRouter,
  admin: adminRouter,
  imports: importsRouter,
  initiatives: initiativesRouter,
  perception: perceptionRouter,
  setup: setupRouter,
  contactReasons: contactReasonsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

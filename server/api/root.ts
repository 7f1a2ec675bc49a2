// The application's tRPC router: one sub-router per area, each a thin layer over a domain module.
import "server-only";
import { adminRouter } from "./routers/admin";
import { alertsRouter } from "./routers/alerts";
import { contactReasonsRouter } from "./routers/contact-reasons";
import { dashboardRouter } from "./routers/dashboard";
import { failureDemandRouter } from "./routers/failure-demand";
import { importsRouter } from "./routers/imports";
import { initiativesRouter } from "./routers/initiatives";
import { keyDriversRouter } from "./routers/key-drivers";
import { modelRouter } from "./routers/model";
import { ownersRouter } from "./routers/owners";
import { perceptionRouter } from "./routers/perception";
import { privacyRouter } from "./routers/privacy";
import { setupRouter } from "./routers/setup";
import { themeCodebookRouter } from "./routers/theme-codebook";
import { themesRouter } from "./routers/themes";
import { createCallerFactory, createRouter } from "./trpc";

export const appRouter = createRouter({
  dashboard: dashboardRouter,
  failureDemand: failureDemandRouter,
  keyDrivers: keyDriversRouter,
  model: modelRouter,
  owners: ownersRouter,
  admin: adminRouter,
  imports: importsRouter,
  initiatives: initiativesRouter,
  perception: perceptionRouter,
  privacy: privacyRouter,
  setup: setupRouter,
  contactReasons: contactReasonsRouter,
  alerts: alertsRouter,
  themes: themesRouter,
  themeCodebook: themeCodebookRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

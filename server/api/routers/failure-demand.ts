// Experience › Failure demand for every signed-in role: the view and the reasons behind a figure from the
// contact roll-ups, and the contacts themselves (the one read of service_contacts, personal data by the usual rules).
import { contactDrillSchema, failureDemandContacts, failureDemandReasons, reasonDrillSchema } from "@/server/contacts/drill";
import { failureDemandView } from "@/server/contacts/views";
import { cachedScores } from "@/server/scores/cache";
import { dashboardFiltersSchema } from "@/server/scores/filters";
import { createRouter, viewerProcedure } from "../trpc";

export const failureDemandRouter = createRouter({
  view: viewerProcedure
    .input(dashboardFiltersSchema)
    .query(({ ctx, input }) => cachedScores(ctx.readDb, "failureDemand", input, () => failureDemandView(ctx.readDb, input))),
  reasons: viewerProcedure
    .input(reasonDrillSchema)
    .query(({ ctx, input }) => cachedScores(ctx.readDb, "failureDemandReasons", input, () => failureDemandReasons(ctx.readDb, input))),
  contacts: viewerProcedure.input(contactDrillSchema).query(({ ctx, input }) => failureDemandContacts(ctx.readDb, ctx.user, input)),
});

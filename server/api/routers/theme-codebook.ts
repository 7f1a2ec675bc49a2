// Setup › Themes (admins): the codebook with each theme's comments over the last 90 days, its changes, the background
// re-tag's progress and suggested new themes. Thin layer over server/themes; each change is audited there.
import { z } from "zod";
import { entityId } from "@/lib/schemas";
import { themeSchema } from "@/lib/themes";
import { actorOf } from "@/server/audit";
import { periodSchema } from "@/server/scores/periods";
import { createTheme, deleteTheme, listCodebook, updateTheme } from "@/server/themes/codebook";
import { requestRetag } from "@/server/themes/jobs";
import { retagProgress } from "@/server/themes/retag";
import { themeSuggestions } from "@/server/themes/suggestions";
import { adminProcedure, createRouter } from "../trpc";

const themeIdSchema = z.object({ id: entityId });

export const themeCodebookRouter = createRouter({
  list: adminProcedure.query(({ ctx }) => listCodebook(ctx.db)),
  /** Each change commits with its audit entry and a new codebook version; history is then re-tagged in the background. */
  create: adminProcedure.input(themeSchema).mutation(async ({ ctx, input }) => {
    const result = await createTheme(ctx.db, actorOf(ctx.user), input);
    requestRetag(ctx.db);
    return result;
  }),
  update: adminProcedure.input(themeSchema.extend({ id: entityId })).mutation(async ({ ctx, input }) => {
    const { id, ...theme } = input;
    const result = await updateTheme(ctx.db, actorOf(ctx.user), id, theme);
    requestRetag(ctx.db);
    return result;
  }),
  remove: adminProcedure.input(themeIdSchema).mutation(async ({ ctx, input }) => {
    const result = await deleteTheme(ctx.db, actorOf(ctx.user), input.id);
    requestRetag(ctx.db);
    return result;
  }),
  /** How many comments still carry an older codebook's tags; the page polls it while any do. */
  progress: adminProcedure.query(({ ctx }) => retagProgress(ctx.db)),
  /** Reads raw comments (at most the latest 5,000 per period), so it is for this admin page only. */
  suggestions: adminProcedure.input(periodSchema.optional()).query(({ ctx, input }) => themeSuggestions(ctx.db, { period: input })),
});

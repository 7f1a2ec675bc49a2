// Themes for every signed-in role: what the comments are about in a scope and period, the monthly trend, and the
// comments behind a theme. Thin layer over server/themes (view and trend read roll-ups only; the drill is paged).
import { cachedScores } from "@/server/scores/cache";
import { themeCommentReader, themeComments, themeCommentsQuerySchema, themeQuerySchema, themesView, themeTrend } from "@/server/themes/view";
import { createRouter, viewerProcedure } from "../trpc";

export const themesRouter = createRouter({
  view: viewerProcedure.input(themeQuerySchema).query(({ ctx, input }) => cachedScores(ctx.readDb, "themes", input, () => themesView(ctx.readDb, input))),
  trend: viewerProcedure.input(themeQuerySchema).query(({ ctx, input }) => cachedScores(ctx.readDb, "themeTrend", input, () => themeTrend(ctx.readDb, input))),
  comments: viewerProcedure.input(themeCommentsQuerySchema).query(({ ctx, input }) => themeComments(ctx.readDb, input, themeCommentReader(ctx.user))),
});

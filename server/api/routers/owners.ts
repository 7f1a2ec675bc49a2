// The owners' workspace: the touchpoints the signed-in owner is responsible for, with their scores.
import { cachedScores } from "@/server/scores/cache";
import { ownerHome } from "@/server/scores/owner-home";
import { createRouter, ownerProcedure } from "../trpc";

export const ownersRouter = createRouter({
  home: ownerProcedure.query(({ ctx }) => cachedScores(ctx.readDb, "ownerHome", { ownerId: ctx.user.id }, () => ownerHome(ctx.readDb, ctx.user.id))),
});

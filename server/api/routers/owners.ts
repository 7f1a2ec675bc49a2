// The owners' workspace: the touchpoints the signed-in owner is responsible for.
import { listTouchpoints } from "@/server/model/queries";
import { createRouter, ownerProcedure } from "../trpc";

export const ownersRouter = createRouter({
  myTouchpoints: ownerProcedure.query(({ ctx }) => listTouchpoints(ctx.db, { ownerId: ctx.user.id })),
});

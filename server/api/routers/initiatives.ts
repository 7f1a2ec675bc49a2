// Initiatives: every signed-in role reads them with their impact; owners change those on touchpoints they
// own, admins any. Thin layer over server/initiatives.
import { entityId } from "@/lib/schemas";
import { z } from "zod";
import { evidenceCandidates, linkEvidence, listEvidence, unlinkEvidence } from "@/server/initiatives/evidence";
import { createInitiativeSchema, evidenceCandidatesSchema, evidenceLinkSchema, evidenceListSchema, updateInitiativeSchema } from "@/server/initiatives/schema";
import {
  addInitiativeUpdate,
  createInitiative,
  initiativeDetail,
  initiativeForEdit,
  listInitiatives,
  mayChangeInitiative,
  updateInitiative,
} from "@/server/initiatives/service";
import { initiativePortfolio, portfolioQuerySchema } from "@/server/initiatives/portfolio";
import { cachedScores } from "@/server/scores/cache";
import { createRouter, ownerProcedure, viewerProcedure } from "../trpc";

const id = entityId;

export const initiativesRouter = createRouter({
  /** The CCO's portfolio: every initiative with its measured impact, filtered and sorted. */
  portfolio: viewerProcedure
    .input(portfolioQuerySchema)
    .query(({ ctx, input }) => cachedScores(ctx.readDb, "portfolio", input, () => initiativePortfolio(ctx.readDb, input))),
  list: viewerProcedure.input(z.object({ touchpointId: id.optional() })).query(({ ctx, input }) => listInitiatives(ctx.db, input)),
  detail: viewerProcedure.input(z.object({ id, windowDays: z.number().int().min(7).max(365).optional() })).query(async ({ ctx, input }) => {
    const detail = await initiativeDetail(ctx.db, input.id, { windowDays: input.windowDays });
    return { ...detail, mayChange: await mayChangeInitiative(ctx.db, ctx.user, detail.touchpointId, detail.locationId) };
  }),
  forEdit: ownerProcedure.input(z.object({ id })).query(({ ctx, input }) => initiativeForEdit(ctx.db, ctx.user, input.id)),
  create: ownerProcedure.input(createInitiativeSchema).mutation(({ ctx, input }) => createInitiative(ctx.db, ctx.user, input)),
  update: ownerProcedure.input(updateInitiativeSchema).mutation(({ ctx, input }) => updateInitiative(ctx.db, ctx.user, input)),
  addUpdate: ownerProcedure
    .input(z.object({ initiativeId: id, body: z.string().trim().min(1, "Write the update first.").max(4000) }))
    .mutation(({ ctx, input }) => addInitiativeUpdate(ctx.db, ctx.user, input)),
  // Evidence reads the primary, not the replica: the page re-reads it right after a link or unlink.
  evidence: viewerProcedure
    .input(evidenceListSchema)
    .query(({ ctx, input }) => listEvidence(ctx.db, input.initiativeId, { privacyThreshold: ctx.user.role === "executive" })),
  evidenceCandidates: ownerProcedure.input(evidenceCandidatesSchema).query(({ ctx, input }) => evidenceCandidates(ctx.db, ctx.user, input)),
  linkEvidence: ownerProcedure.input(evidenceLinkSchema).mutation(({ ctx, input }) => linkEvidence(ctx.db, ctx.user, input)),
  unlinkEvidence: ownerProcedure.input(evidenceLinkSchema).mutation(({ ctx, input }) => unlinkEvidence(ctx.db, ctx.user, input)),
});

// Admin setup: people and their access. Thin layer over server/people and server/model.
import { entityId } from "@/lib/schemas";
import { z } from "zod";
import { actorOf } from "@/server/audit";
import { auditActions, auditFilterSchema, listAuditEntries } from "@/server/audit-log";
import { exportModel, importModel, ModelImportError } from "@/server/model/transfer";
import { listUsers } from "@/server/model/queries";
import { userRoles } from "@/db/schema";
import { setUserActive, setUserRole } from "@/server/people/users";
import { requestRetag } from "@/server/themes/jobs";
import { adminProcedure, createRouter } from "../trpc";

export const adminRouter = createRouter({
  users: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  setUserActive: adminProcedure.input(z.object({ userId: entityId, active: z.boolean() })).mutation(async ({ ctx, input }) => {
    await setUserActive(ctx.db, actorOf(ctx.user), { userId: input.userId, active: input.active });
  }),
  setUserRole: adminProcedure.input(z.object({ userId: entityId, role: z.enum(userRoles) })).mutation(async ({ ctx, input }) => {
    await setUserRole(ctx.db, actorOf(ctx.user), { userId: input.userId, role: input.role });
  }),
  exportModel: adminProcedure.query(({ ctx }) => exportModel(ctx.db)),
  /** The same all-or-nothing import as `npm run cli -- model import`; every problem is returned, nothing written. */
  importModel: adminProcedure.input(z.object({ document: z.unknown() })).mutation(async ({ ctx, input }) => {
    try {
      const summary = await importModel(ctx.db, actorOf(ctx.user), input.document);
      // A changed codebook: history is re-tagged in the background, as after an edit on Setup › Themes.
      if (summary.themesChanged) requestRetag(ctx.db);
      return { ok: true as const, summary };
    } catch (error) {
      if (error instanceof ModelImportError) return { ok: false as const, problems: error.modelProblems };
      throw error;
    }
  }),
  auditLog: adminProcedure.input(auditFilterSchema).query(({ ctx, input }) => listAuditEntries(ctx.db, input)),
  auditActions: adminProcedure.query(({ ctx }) => auditActions(ctx.db)),
});

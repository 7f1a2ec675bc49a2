// Admin setup: people and their access. Thin layer over server/people and server/model.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { actorOf } from "@/server/audit";
import { auditActions, auditFilterSchema, listAuditEntries } from "@/server/audit-log";
import { exportModel, importModel, ModelImportError } from "@/server/model/transfer";
import { listUsers } from "@/server/model/queries";
import { userRoles } from "@/db/schema";
import { setUserActive, setUserRole, UserInputError } from "@/server/people/users";
import { adminProcedure, createRouter } from "../trpc";

export const adminRouter = createRouter({
  users: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  setUserActive: adminProcedure
    .input(z.object({ userId: z.number().int().positive(), active: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      try {
        await ctx.db.transaction((tx) => setUserActive(tx, input.userId, input.active, actorOf(ctx.user)));
      } catch (error) {
        if (error instanceof UserInputError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
        throw error;
      }
    }),
  setUserRole: adminProcedure
    .input(z.object({ userId: z.number().int().positive(), role: z.enum(userRoles) }))
    .mutation(async ({ ctx, input }) => {
      try {
        await ctx.db.transaction((tx) => setUserRole(tx, input.userId, input.role, actorOf(ctx.user)));
      } catch (error) {
        if (error instanceof UserInputError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
        throw error;
      }
    }),
  exportModel: adminProcedure.query(({ ctx }) => exportModel(ctx.db)),
  /** The same all-or-nothing import as `npm run cli -- model import`; every problem is returned, nothing written. */
  importModel: adminProcedure.input(z.object({ document: z.unknown() })).mutation(async ({ ctx, input }) => {
    try {
      return { ok: true as const, summary: await importModel(ctx.db, input.document, actorOf(ctx.user)) };
    } catch (error) {
      if (error instanceof ModelImportError) return { ok: false as const, problems: error.problems };
      throw error;
    }
  }),
  auditLog: adminProcedure.input(auditFilterSchema).query(({ ctx, input }) => listAuditEntries(ctx.db, input)),
  auditActions: adminProcedure.query(({ ctx }) => auditActions(ctx.db)),
});

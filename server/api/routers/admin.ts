// Admin setup: people and their access. Thin layer over server/people and server/model.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { auditActions, auditFilterSchema, listAuditEntries } from "@/server/audit-log";
import { exportModel } from "@/server/model/transfer";
import { listUsers } from "@/server/model/queries";
import { setUserActive, UserInputError } from "@/server/people/users";
import { adminProcedure, createRouter } from "../trpc";

export const adminRouter = createRouter({
  users: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  setUserActive: adminProcedure
    .input(z.object({ userId: z.number().int().positive(), active: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      try {
        await ctx.db.transaction((tx) => setUserActive(tx, input.userId, input.active, { id: ctx.user.id, email: ctx.user.email }));
      } catch (error) {
        if (error instanceof UserInputError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
        throw error;
      }
    }),
  exportModel: adminProcedure.query(({ ctx }) => exportModel(ctx.db)),
  auditLog: adminProcedure.input(auditFilterSchema).query(({ ctx, input }) => listAuditEntries(ctx.db, input)),
  auditActions: adminProcedure.query(({ ctx }) => auditActions(ctx.db)),
});

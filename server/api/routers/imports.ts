// Imports for admins: the history with revert, and mapping templates. Uploads and the streamed preview and
// import are route handlers (app/api/imports/uploads) because they carry files and progress.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { actorOf } from "@/server/audit";
import { importHistory, revertImport } from "@/server/imports/history";
import { listTemplates, saveTemplate } from "@/server/imports/inspect";
import { importMappingSchema } from "@/server/imports/mapping";
import { ImportError } from "@/server/imports/source-file";
import { findStagedUpload } from "@/server/imports/staging";
import { adminProcedure, createRouter } from "../trpc";

const asBadRequest = (error: unknown): never => {
  if (error instanceof ImportError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
  throw error;
};

export const importsRouter = createRouter({
  history: adminProcedure.query(({ ctx }) => importHistory(ctx.db)),
  revert: adminProcedure
    .input(z.object({ batchId: z.number().int().positive() }))
    .mutation(({ ctx, input }) => revertImport(ctx.db, input.batchId, actorOf(ctx.user)).catch(asBadRequest)),
  templates: adminProcedure.query(({ ctx }) => listTemplates(ctx.db)),
  saveTemplate: adminProcedure
    .input(z.object({ uploadId: z.string(), name: z.string().trim().min(1, "Give the template a name.").max(120), mapping: importMappingSchema }))
    .mutation(async ({ ctx, input }) => {
      const upload = findStagedUpload(input.uploadId, ctx.user.id);
      if (!upload) throw new TRPCError({ code: "NOT_FOUND", message: "This upload is not known (uploads are kept for a day). Upload the file again." });
      await ctx.db
        .transaction((tx) => saveTemplate(tx, upload.filePath, input.name, input.mapping, actorOf(ctx.user)))
        .catch(asBadRequest);
    }),
});

// Imports for admins: the history with revert, and mapping templates. Uploads and the streamed preview and
// import are route handlers (app/api/imports/uploads) because they carry files and progress.
import { entityId } from "@/lib/schemas";
import { z } from "zod";
import { actorOf } from "@/server/audit";
import { importHistory, revertImport } from "@/server/imports/history";
import { listTemplates, saveTemplate } from "@/server/imports/inspect";
import { anyImportMappingSchema } from "@/lib/contact-mapping";
import { findStagedUpload } from "@/server/imports/staging";
import { notFound } from "@/server/errors";
import { adminProcedure, createRouter } from "../trpc";

export const importsRouter = createRouter({
  history: adminProcedure.query(({ ctx }) => importHistory(ctx.db)),
  revert: adminProcedure.input(z.object({ batchId: entityId })).mutation(({ ctx, input }) => revertImport(ctx.db, actorOf(ctx.user), input.batchId)),
  templates: adminProcedure.query(({ ctx }) => listTemplates(ctx.db)),
  saveTemplate: adminProcedure
    .input(z.object({ uploadId: z.string().max(100), name: z.string().trim().min(1, "Give the template a name.").max(120), mapping: anyImportMappingSchema }))
    .mutation(async ({ ctx, input }) => {
      const upload = findStagedUpload(input.uploadId, ctx.user.id);
      if (!upload) throw notFound("This upload is not known (uploads are kept for a day). Upload the file again.");
      await saveTemplate(ctx.db, actorOf(ctx.user), { path: upload.filePath, name: input.name, mapping: input.mapping });
    }),
});

// GET /api/imports/uploads/<id>/errors (admin session): the rejected rows of the upload's last preview or
// import as CSV (row, column, problem), for the admin to fix in the source system.
import fs from "node:fs";
import { Readable } from "node:stream";
import { adminFromSession } from "@/server/auth/route-guard";
import { errorReportPath, findStagedUpload } from "@/server/imports/staging";
import { answersInWords } from "@/server/http/errors";

export const dynamic = "force-dynamic";

export const GET = answersInWords(
  "GET /api/imports/uploads/[uploadId]/errors",
  async (_request: Request, { params }: { params: Promise<{ uploadId: string }> }) => {
    const admin = await adminFromSession("GET /api/imports/uploads/:id/errors");
    if (admin instanceof Response) return admin;
    const upload = findStagedUpload((await params).uploadId, admin.id);
    if (!upload) return Response.json({ error: "This upload is not known (uploads are kept for a day). Upload the file again." }, { status: 404 });
    const report = errorReportPath(upload);
    if (!fs.existsSync(report)) return Response.json({ error: "Preview the file first; the error report comes from the preview." }, { status: 404 });
    const name = upload.fileName.replace(/\.[^.]*$/, "").replace(/[^\w.-]+/g, "_");
    return new Response(Readable.toWeb(fs.createReadStream(report)) as ReadableStream, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}-errors.csv"` },
    });
  },
);

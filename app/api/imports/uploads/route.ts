// POST /api/imports/uploads (admin session): the browser's upload of a survey export. Streams the file to
// staging and answers with what the mapping screen needs: the detected format, columns, samples, a mapping.
import { appDatabase } from "@/server/database";
import { adminFromSession } from "@/server/auth/route-guard";
import { inspectFile } from "@/server/imports/inspect";
import { stageUpload } from "@/server/imports/staging";
import { answersInWords } from "@/server/http/errors";
import { readSetting } from "@/server/settings/program-settings";

export const dynamic = "force-dynamic";

export const POST = answersInWords("POST /api/imports/uploads", async (request: Request) => {
  const admin = await adminFromSession("POST /api/imports/uploads");
  if (admin instanceof Response) return admin;
  const { db } = await appDatabase();
  const upload = await stageUpload(request, (await readSetting(db, "max_upload_mb")) * 1_048_576, admin.id);
  const inspection = await inspectFile(db, upload.filePath);
  return Response.json({ uploadId: upload.uploadId, fileName: upload.fileName, size: upload.size, inspection });
});

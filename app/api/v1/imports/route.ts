// POST /api/v1/imports: multipart `file` plus the CLI's options as fields (source, mapping, touchpoint,
// dryRun, validOnly). Same pipeline and the same summary as `npm run cli -- import`, as JSON.
import { appDatabase } from "@/server/database";
import { importFile, importSources, type ImportSource } from "@/server/imports/pipeline";
import { ImportError } from "@/server/imports/source-file";
import { receiveUpload, UploadError } from "@/server/imports/upload";
import { readSetting } from "@/server/settings/program-settings";
import { authenticateBearer } from "@/server/tokens/bearer";

export const dynamic = "force-dynamic";

const flag = (value: string | undefined) => value === "true" || value === "1" || value === "on";

export async function POST(request: Request) {
  const { db } = await appDatabase();
  const auth = await authenticateBearer(db, request);
  if (auth instanceof Response) return auth;
  let upload;
  try {
    upload = await receiveUpload(request, (await readSetting(db, "max_upload_mb")) * 1_048_576);
  } catch (error) {
    if (error instanceof UploadError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
  try {
    const source = upload.fields.source ?? "auto";
    if (!(importSources as readonly string[]).includes(source)) {
      return Response.json({ error: `source must be one of ${importSources.join(", ")}` }, { status: 400 });
    }
    const summary = await importFile(db, upload.filePath, {
      fileName: upload.fileName,
      source: source as ImportSource,
      template: upload.fields.mapping || undefined,
      touchpoint: upload.fields.touchpoint || undefined,
      dryRun: flag(upload.fields.dryRun),
      validOnly: flag(upload.fields.validOnly),
      actor: { id: null, email: `api-token:${auth.tokenId}` },
    });
    return Response.json(summary, { status: summary.status === "refused" ? 422 : 200 });
  } catch (error) {
    if (error instanceof ImportError) return Response.json({ error: error.message }, { status: 400 });
    throw error;
  } finally {
    upload.cleanup();
  }
}

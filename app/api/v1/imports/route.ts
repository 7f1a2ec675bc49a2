// POST /api/v1/imports: multipart `file` plus the CLI's options as fields (source, mapping, touchpoint,
// dryRun, validOnly). Same pipeline and the same summary as `npm run cli -- import`, as JSON.
import { appDatabase } from "@/server/database";
import { importFile, importSources, type ImportSource } from "@/server/imports/pipeline";
import { receiveUpload } from "@/server/imports/upload";
import { invalid } from "@/server/errors";
import { answersInWords } from "@/server/http/errors";
import { readSetting } from "@/server/settings/program-settings";
import { authenticateBearer } from "@/server/tokens/bearer";

export const dynamic = "force-dynamic";

const flag = (value: string | undefined) => value === "true" || value === "1" || value === "on";

export const POST = answersInWords("POST /api/v1/imports", async (request: Request) => {
  const { db } = await appDatabase();
  const auth = await authenticateBearer(db, request);
  if (auth instanceof Response) return auth;
  const upload = await receiveUpload(request, (await readSetting(db, "max_upload_mb")) * 1_048_576);
  try {
    const source = upload.fields.source ?? "auto";
    if (!(importSources as readonly string[]).includes(source)) {
      throw invalid(`source must be one of ${importSources.join(", ")}`, [{ field: "source", message: `use one of ${importSources.join(", ")}` }]);
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
  } finally {
    upload.cleanup();
  }
});

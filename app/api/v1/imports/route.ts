// POST /api/v1/imports: multipart `file` plus the CLI's options as fields (source, kind, timeZone, mapping,
// touchpoint, location, dryRun, validOnly). Same pipeline and the same summary as `npm run cli -- import`, as JSON.
import { appDatabase } from "@/server/database";
import { importFile, importSources, type ImportSource } from "@/server/imports/pipeline";
import { receiveUpload } from "@/server/imports/upload";
import { invalid } from "@/server/errors";
import { answersInWords } from "@/server/http/errors";
import { readSetting } from "@/server/settings/program-settings";
import { authenticateBearer } from "@/server/tokens/bearer";
import { batchKinds, type BatchKind } from "@/lib/enums";
import { isValidTimeZone } from "@/lib/import-mapping";

export const dynamic = "force-dynamic";

const flag = (value: string | undefined) => value === "true" || value === "1" || value === "on";

export const POST = answersInWords("POST /api/v1/imports", async (request: Request) => {
  const { db } = await appDatabase();
  const auth = await authenticateBearer(db, request, "imports:write");
  if (auth instanceof Response) return auth;
  const upload = await receiveUpload(request, (await readSetting(db, "max_upload_mb")) * 1_048_576);
  try {
    const source = upload.fields.source ?? "auto";
    if (!(importSources as readonly string[]).includes(source)) {
      throw invalid(`source must be one of ${importSources.join(", ")}`, [{ field: "source", message: `use one of ${importSources.join(", ")}` }]);
    }
    const kind = upload.fields.kind || undefined;
    if (kind !== undefined && !(batchKinds as readonly string[]).includes(kind)) {
      throw invalid(`kind must be one of ${batchKinds.join(", ")}`, [{ field: "kind", message: `use one of ${batchKinds.join(", ")}, or leave it out` }]);
    }
    const timeZone = upload.fields.timeZone || undefined;
    if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
      throw invalid(`timeZone "${timeZone}" is not a time zone`, [{ field: "timeZone", message: "use an IANA name such as Europe/London" }]);
    }
    const summary = await importFile(db, upload.filePath, {
      fileName: upload.fileName,
      source: source as ImportSource,
      kind: kind as BatchKind | undefined,
      timeZone,
      location: upload.fields.location || undefined,
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

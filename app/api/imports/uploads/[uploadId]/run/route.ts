// POST /api/imports/uploads/<id>/run (admin session), JSON {mode: "preview"|"import", mapping, validOnly}:
// streams newline-delimited JSON events (progress, then the result or an error) while the pipeline runs.
import { adminFromSession } from "@/server/auth/route-guard";
import { appDatabase } from "@/server/database";
import { findStagedUpload } from "@/server/imports/staging";
import { runStagedUpload, stagedRunSchema, type StagedRunEvent } from "@/server/imports/staged-run";
import { answersInWords } from "@/server/http/errors";

export const dynamic = "force-dynamic";

export const POST = answersInWords(
  "POST /api/imports/uploads/[uploadId]/run",
  async (request: Request, { params }: { params: Promise<{ uploadId: string }> }) => {
    const admin = await adminFromSession("POST /api/imports/uploads/:id/run");
    if (admin instanceof Response) return admin;
    const upload = findStagedUpload((await params).uploadId, admin.id);
    if (!upload) return Response.json({ error: "This upload is not known (uploads are kept for a day). Upload the file again." }, { status: 404 });
    const parsed = stagedRunSchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success) {
      return Response.json(
        { error: `The request is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` },
        { status: 400 },
      );
    }
    const { db } = await appDatabase();
    const encoder = new TextEncoder();
    let open = true;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const emit = (event: StagedRunEvent) => {
          // The import goes on (and commits) when the browser leaves; only the reporting stops.
          if (open) controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        };
        void runStagedUpload(db, upload, parsed.data, { id: admin.id, email: admin.email }, emit).finally(() => {
          if (open) controller.close();
          open = false;
        });
      },
      cancel() {
        open = false;
      },
    });
    return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
  },
);

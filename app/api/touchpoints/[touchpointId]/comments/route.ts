// GET /api/touchpoints/<id>/comments?from=…&to=…[&search=…][&band=…] (signed in): every comment of the
// period as CSV, streamed page by page, named after the touchpoint's code; the same privacy rules as the page.
import { eq } from "drizzle-orm";
import { touchpoints } from "@/db/schema";
import { toCsv } from "@/lib/csv";
import { userFromSession } from "@/server/auth/route-guard";
import { readDatabase, appDatabase } from "@/server/database";
import { invalidInput, notFound } from "@/server/errors";
import { answersInWords } from "@/server/http/errors";
import { allVerbatims, readerOptions, verbatimQuerySchema } from "@/server/scores/verbatims";

export const dynamic = "force-dynamic";

export const GET = answersInWords(
  "GET /api/touchpoints/[touchpointId]/comments",
  async (request: Request, { params }: { params: Promise<{ touchpointId: string }> }) => {
    const user = await userFromSession("GET /api/touchpoints/:id/comments");
    if (user instanceof Response) return user;
    const search = Object.fromEntries(new URL(request.url).searchParams);
    const parsed = verbatimQuerySchema.omit({ limit: true, cursor: true }).safeParse({ ...search, touchpointId: Number((await params).touchpointId) });
    if (!parsed.success) throw invalidInput(parsed.error);
    const { db } = await appDatabase();
    const { db: readDb } = await readDatabase();
    const [touchpoint] = await db.select({ code: touchpoints.code }).from(touchpoints).where(eq(touchpoints.id, parsed.data.touchpointId));
    if (!touchpoint) throw notFound(`Touchpoint ${parsed.data.touchpointId} does not exist.`);
    const options = await readerOptions(db, user, parsed.data.touchpointId);
    const encoder = new TextEncoder();
    let first = true;
    const pages = allVerbatims(readDb, parsed.data, options);
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await pages.next();
        if (next.done) {
          if (first) controller.enqueue(encoder.encode("responded_at,nps,csat,ces,comment\n"));
          return controller.close();
        }
        const rows = next.value.map((row) => ({
          responded_at: new Date(row.respondedAt).toISOString(),
          nps: row.nps,
          csat: row.csat,
          ces: row.ces,
          comment: row.comment,
          ...(options.includePersonalData ? { respondent_name: row.respondentName ?? "", respondent_email: row.respondentEmail ?? "" } : {}),
        }));
        if (rows.length === 0) return;
        // The header once, then only rows: each page is written by the one CSV writer.
        const text = toCsv(rows);
        controller.enqueue(encoder.encode(first ? text : text.slice(text.indexOf("\n") + 1)));
        first = false;
      },
    });
    const name = `comments-${touchpoint.code}-${parsed.data.from}-${parsed.data.to}.csv`;
    return new Response(body, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
    });
  },
);

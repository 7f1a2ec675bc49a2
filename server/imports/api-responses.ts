// Responses pushed by another system as JSON (POST /api/v1/responses): validated as a whole, then written
// through the same ingestBatch as file imports; idempotent by external id.
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { locations, metricDefinitions, touchpoints } from "@/db/schema";
import { enqueueAlertEvaluation } from "@/server/alerts/jobs";
import { type Actor } from "@/server/audit";
import { ingestBatch, type ResponseInput } from "@/server/responses/ingest";

const noNul = (field: string) => (value: string | null | undefined) => !value?.includes("\u0000") || `${field} contains a NUL character`;

export const apiResponseSchema = z
  .object({
    touchpoint: z.string().min(1),
    /** The site's code, when the system knows where the customer was. */
    location: z.string().min(1).max(64).nullish(),
    respondedAt: z.iso.datetime({ offset: true }),
    nps: z.number().int().min(0).max(10).nullish(),
    csat: z.number().int().min(1).max(5).nullish(),
    ces: z.number().int().min(1).max(7).nullish(),
    custom: z.record(z.string(), z.number()).nullish(),
    comment: z.string().max(10_000).nullish(),
    externalId: z.string().min(1).max(200),
    respondentEmail: z.string().max(320).nullish(),
    respondentName: z.string().max(200).nullish(),
  })
  .strict()
  .superRefine((r, context) => {
    for (const field of ["touchpoint", "location", "comment", "externalId", "respondentEmail", "respondentName"] as const) {
      const verdict = noNul(field)(r[field]);
      if (verdict !== true) context.addIssue({ code: "custom", path: [field], message: verdict });
    }
  });

export const apiResponsesSchema = z.array(apiResponseSchema).min(1, "send at least one response").max(10_000, "at most 10,000 responses per request");

export type ApiProblem = { path: string; message: string };

export async function ingestApiResponses(db: Database, actor: Actor, body: unknown) {
  const parsed = apiResponsesSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false as const, problems: parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message })) };
  }
  const codes = new Map(
    (await db.select({ id: touchpoints.id, code: touchpoints.code }).from(touchpoints).where(eq(touchpoints.active, true))).map((t) => [t.code, t.id]),
  );
  const sites = new Map(
    (
      await db
        .select({ id: locations.id, code: locations.code })
        .from(locations)
        .where(and(eq(locations.active, true), eq(locations.kind, "site")))
    ).map((l) => [l.code, l.id]),
  );
  const custom = new Map((await db.select().from(metricDefinitions)).filter((m) => m.kind === "custom").map((m) => [m.code, m]));
  const problems: ApiProblem[] = [];
  const rows: ResponseInput[] = parsed.data.map((r, i) => {
    if (!codes.has(r.touchpoint)) problems.push({ path: `${i}.touchpoint`, message: `unknown touchpoint code "${r.touchpoint}"` });
    if (r.location && !sites.has(r.location))
      problems.push({ path: `${i}.location`, message: `unknown location code "${r.location}" (use an active site's code)` });
    for (const [code, value] of Object.entries(r.custom ?? {})) {
      const metric = custom.get(code);
      if (!metric) problems.push({ path: `${i}.custom.${code}`, message: `no custom metric "${code}"` });
      else if (value < metric.scaleMin || value > metric.scaleMax) {
        problems.push({ path: `${i}.custom.${code}`, message: `${value} is outside ${metric.scaleMin}–${metric.scaleMax}` });
      }
    }
    return {
      touchpointId: codes.get(r.touchpoint) ?? 0,
      locationId: r.location ? (sites.get(r.location) ?? null) : null,
      respondedAt: new Date(r.respondedAt),
      nps: r.nps ?? null,
      csat: r.csat ?? null,
      ces: r.ces ?? null,
      customValues: r.custom && Object.keys(r.custom).length ? r.custom : null,
      comment: r.comment ?? null,
      externalId: r.externalId,
      respondentEmail: r.respondentEmail ?? null,
      respondentName: r.respondentName ?? null,
    };
  });
  if (problems.length) return { ok: false as const, problems };
  const hash = crypto.createHash("sha256").update(JSON.stringify(body)).digest("hex");
  const result = await ingestBatch(db, { fileName: "API push", fileHash: hash, sourceFormat: "api", source: "api", createdById: actor.id }, rows, {
    audit: { actor, action: "import.api", details: (written) => ({ inserted: written.inserted }) },
  });
  // Committed: the alert rules look at what it brought, off this request's path.
  if (result.inserted > 0) enqueueAlertEvaluation(db, result.batchId);
  return { ok: true as const, batchId: result.batchId, received: rows.length, imported: result.inserted, duplicates: result.duplicates };
}

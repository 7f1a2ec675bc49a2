// What an owner may send when creating or editing an initiative, or linking comments to it as evidence;
// types are inferred from here.
import { z } from "zod";
import { entityId, isoDate } from "@/lib/schemas";
import { initiativeStatuses } from "@/db/schema";
import { commentSearchSchema } from "@/server/scores/verbatims";
import { locationCode } from "@/server/model/rules";
import { initiativeAims } from "@/lib/enums";

const fields = {
  title: z.string().trim().min(1, "Give the initiative a title.").max(200),
  problem: z.string().trim().max(4000).nullable(),
  /** The metric it aims to move (nps, csat, ces or a custom code); its baseline and impact are read for it. */
  metricCode: z.string().min(1).max(64).nullable(),
  /** "score" moves the metric; "contacts" reduces the contacts the touchpoint causes (target: contacts a month). */
  aim: z.enum(initiativeAims),
  target: z.number().finite().nullable(),
  startDate: isoDate.nullable(),
  dueDate: isoDate.nullable(),
  ownerId: entityId.nullable(),
  status: z.enum(initiativeStatuses),
  percentComplete: z.number().int().min(0).max(100),
};

const datesInOrder = (value: { startDate?: string | null; dueDate?: string | null }) => !value.startDate || !value.dueDate || value.startDate <= value.dueDate;

export const createInitiativeSchema = z
  .object({
    touchpointId: entityId,
    /** A site's or region's code: the initiative works on the touchpoint there, and is measured there. */
    locationCode: locationCode.nullish(),
    ...fields,
  })
  .partial({ problem: true, metricCode: true, aim: true, target: true, startDate: true, dueDate: true, ownerId: true, status: true, percentComplete: true })
  .refine(datesInOrder, { message: "The due date cannot be before the start date.", path: ["dueDate"] });

export const updateInitiativeSchema = z
  .object({ id: entityId, version: entityId, ...fields })
  .partial({
    title: true,
    problem: true,
    metricCode: true,
    aim: true,
    target: true,
    startDate: true,
    dueDate: true,
    ownerId: true,
    status: true,
    percentComplete: true,
  })
  .refine(datesInOrder, { message: "The due date cannot be before the start date.", path: ["dueDate"] });

export type CreateInitiativeInput = z.infer<typeof createInitiativeSchema>;
export type UpdateInitiativeInput = z.infer<typeof updateInitiativeSchema>;

const id = entityId;

export const evidenceListSchema = z.object({ initiativeId: id });

/** One comment and one initiative: what linking and unlinking evidence name. */
export const evidenceLinkSchema = z.object({ initiativeId: id, responseId: id });

/**
 * The touchpoint's comments an initiative could cite, a page at a time. The cursor is the last row of the
 * previous page exactly as the database holds it (microseconds, which a JavaScript Date would lose).
 */
export const evidenceCandidatesSchema = z.object({
  initiativeId: id,
  search: commentSearchSchema,
  cursor: z.object({ respondedAt: z.iso.datetime(), id }).nullish(),
});

export type EvidenceLinkInput = z.infer<typeof evidenceLinkSchema>;
export type EvidenceCandidatesInput = z.infer<typeof evidenceCandidatesSchema>;

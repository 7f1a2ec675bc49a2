// What the admin setup forms send: departments, journeys with ordered stages, touchpoints and invitations.
// The same name and code rules as the model file, so a model made by hand and one made by file agree.
import { entityId } from "@/lib/schemas";
import { z } from "zod";
import { channels, userRoles } from "@/db/schema";
import { locationCode, name, touchpointCode } from "@/server/model/rules";
import { locationKinds } from "@/lib/enums";

const id = entityId;
const optionalText = z
  .string()
  .trim()
  .max(2000)
  .nullish()
  .transform((value) => (value ? value : null));

export const entityIdSchema = z.object({ id });
export const setupEntityKinds = ["department", "journey", "touchpoint", "location"] as const;
export type SetupEntityKind = (typeof setupEntityKinds)[number];
export const entitySchema = z.object({ kind: z.enum(setupEntityKinds), id });

export const departmentSchema = z.object({ name, description: optionalText, headUserId: id.nullable().default(null) });
export const updateDepartmentSchema = departmentSchema.extend({ id });

export const journeySchema = z.object({ name, persona: optionalText, description: optionalText });
export const updateJourneySchema = journeySchema.extend({ id });

/** The journey's stages in their new order; a stage without an id is new, a missing id is removed. */
export const saveStagesSchema = z.object({
  journeyId: id,
  stages: z.array(z.object({ id: id.optional(), name, description: optionalText })).max(30, "A journey has at most 30 stages; split it into two journeys."),
});

export const touchpointSchema = z.object({
  code: z.string().trim().toUpperCase().pipe(touchpointCode),
  name,
  channel: z.enum(channels),
  departmentId: id,
  ownerId: id.nullable(),
  momentOfTruth: z.boolean().default(false),
  weight: z.number().positive("must be above 0").max(100, "must be 100 or less").default(1),
  description: optionalText,
  // Metric code → target in the metric's reported unit; a metric left out has no target.
  targets: z.record(z.string().max(64), z.number().finite()).default({}),
  // The stages this touchpoint sits in, across journeys.
  stageIds: z.array(id).default([]),
});
export const updateTouchpointSchema = touchpointSchema.extend({ id });

export const locationSchema = z.object({
  code: z.string().trim().toUpperCase().pipe(locationCode),
  name,
  kind: z.enum(locationKinds),
  /** The region it sits in: required for a site, optional for a region (regions may nest). */
  parentId: id.nullable().default(null),
  managerId: id.nullable().default(null),
});
export const updateLocationSchema = locationSchema.extend({ id });
export type LocationInput = z.infer<typeof locationSchema>;
export type UpdateLocationInput = z.infer<typeof updateLocationSchema>;

export const inviteUserSchema = z.object({
  email: z.email("Enter an email address.").trim(),
  name,
  role: z.enum(userRoles),
  departmentId: id.nullable().default(null),
});

export type DepartmentInput = z.infer<typeof departmentSchema>;
export type UpdateDepartmentInput = z.infer<typeof updateDepartmentSchema>;
export type JourneyInput = z.infer<typeof journeySchema>;
export type UpdateJourneyInput = z.infer<typeof updateJourneySchema>;
export type SaveStagesInput = z.infer<typeof saveStagesSchema>;
export type TouchpointInput = z.infer<typeof touchpointSchema>;
export type UpdateTouchpointInput = z.infer<typeof updateTouchpointSchema>;
export type InviteUserInput = z.infer<typeof inviteUserSchema>;

// A quarterly self-assessment as an owner sends it; the type is inferred from here.
import { z } from "zod";
import { entityId } from "@/lib/schemas";
import { isQuarter } from "./gap";

const ability = z.number().int().min(1, "rate 1 to 5").max(5, "rate 1 to 5");

export const quarterSchema = z.string().max(7, "use a quarter such as 2026-Q4").refine(isQuarter, "use a quarter such as 2026-Q4");

export const assessmentSchema = z.object({
  touchpointId: entityId,
  quarter: quarterSchema,
  capability: ability,
  accessibility: ability,
  enjoyability: ability,
  expectedScore: z.number().min(0, "0 to 100").max(100, "0 to 100"),
  note: z.string().trim().max(2000).nullish(),
});

export type AssessmentInput = z.infer<typeof assessmentSchema>;

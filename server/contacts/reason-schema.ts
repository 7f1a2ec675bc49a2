// What Setup › Contact reasons sends: the list's search and filter (kept in the URL), a bulk mapping, a
// reason rule and a channel's cost per hour. Reason and pattern text follow the model file's rules.
import { z } from "zod";
import { reasonClassifications, reasonFilters } from "@/lib/contact-reasons";
import { contactChannels, demandKinds } from "@/lib/enums";
import { entityId, text } from "@/lib/schemas";
import { reasonPattern } from "@/server/model/rules";
import { reasonRuleMatches } from "@/db/schema";

export const MAX_MAPPED_AT_ONCE = 1000;

export const reasonListQuerySchema = z.object({
  search: text(200).trim().optional(),
  show: z.enum(reasonFilters).default("all"),
});
export type ReasonListQuery = z.input<typeof reasonListQuerySchema>;

/** The list's query from the page's URL (`?q=…&show=…`); a value that cannot be used is left out. */
export function reasonListQueryFrom(params: Record<string, string | string[] | undefined>): {
  search?: string;
  show: z.infer<typeof reasonListQuerySchema>["show"];
} {
  const search = typeof params.q === "string" ? reasonListQuerySchema.shape.search.safeParse(params.q) : undefined;
  const show = reasonListQuerySchema.shape.show.safeParse(typeof params.show === "string" ? params.show : undefined);
  return { search: search?.success && search.data ? search.data : undefined, show: show.success ? show.data : "all" };
}

export const mapReasonsSchema = z.object({
  reasonIds: z
    .array(entityId)
    .min(1, "choose at least one reason")
    .max(MAX_MAPPED_AT_ONCE, `map at most ${MAX_MAPPED_AT_ONCE.toLocaleString("en-US")} reasons at once`),
  kind: z.enum(reasonClassifications),
  touchpointId: entityId.nullish(),
});
export type MapReasonsInput = z.infer<typeof mapReasonsSchema>;

export const reasonRuleSchema = z.object({
  match: z.enum(reasonRuleMatches),
  pattern: reasonPattern,
  kind: z.enum(demandKinds),
  touchpointId: entityId.nullish(),
});
export type ReasonRuleInput = z.infer<typeof reasonRuleSchema>;

export const reasonRuleIdSchema = z.object({ id: entityId });

export const contactCostSchema = z.object({
  channel: z.enum(contactChannels),
  costPerHour: z.number({ error: "must be a number, e.g. 36 or 28.50" }).min(0, "must be 0 or more").max(100_000, "must be at most 100000"),
});
export type ContactCostInput = z.infer<typeof contactCostSchema>;

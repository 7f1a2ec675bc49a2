// How a contact reason can be classified and how each class reads on a page, shared by the server and the
// Setup › Contact reasons page (no Drizzle here, so client components can import it).
import type { DemandKind } from "./enums";

/** What an admin can make of a reason: failure demand caused by a touchpoint, value demand, or neither yet. */
export const reasonClassifications = ["failure", "value", "unclassified"] as const;
export type ReasonClassification = (typeof reasonClassifications)[number];

/** The page's filter: every reason, or only those classified so now. */
export const reasonFilters = ["all", ...reasonClassifications] as const;
export type ReasonFilter = (typeof reasonFilters)[number];

export const classificationLabel: Record<ReasonClassification, string> = {
  failure: "Failure demand",
  value: "Value demand",
  unclassified: "Unclassified",
};

/** A rule's kind is a demand kind: a rule that left reasons unclassified would do nothing. */
export const ruleKindLabel: Record<DemandKind, string> = { failure: "Failure demand", value: "Value demand" };

/** A rule compares the whole reason, or how it starts (the same list as the database's reason_rule_match). */
export const ruleMatches = ["exact", "prefix"] as const;
export const ruleMatchLabel: Record<(typeof ruleMatches)[number], string> = { exact: "Is exactly", prefix: "Starts with" };

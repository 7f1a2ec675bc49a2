// The rules of the experience model, stated once: what names and codes look like, who may own a touchpoint
// or an initiative, and what may cause a contact. The setup forms, the model file, the CLI and initiatives call these.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { touchpoints, users } from "@/db/schema";
import type { ReasonClassification } from "@/lib/contact-reasons";
import type { UserRole } from "@/lib/enums";
import { text } from "@/lib/schemas";
import { invalid } from "@/server/errors";

/** A display name: departments, people, journeys, stages, touchpoints. */
export const name = text(200).trim().min(1, "must not be empty");
/** Touchpoint codes appear in survey exports, so they are kept to a form a spreadsheet cannot mangle. */
export const touchpointCode = z
  .string()
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Z0-9][A-Z0-9_-]*$/, "use upper-case letters, digits and dashes, e.g. RES-PHONE");

/** Location codes appear in exports too (a store id), under the same rule as touchpoint codes. */
export const locationCode = z
  .string()
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Z0-9][A-Z0-9_-]*$/, "use upper-case letters, digits and dashes, e.g. LDN-SOHO");

/** Why `parent` cannot hold a location of this kind, or undefined when it can: sites sit in regions, regions may nest. */
export function parentProblem(
  child: { code: string; kind: "region" | "site" },
  parent: { code: string; kind: "region" | "site"; ancestors: string[] } | undefined,
): string | undefined {
  if (!parent) return child.kind === "site" ? "choose the region this site belongs to" : undefined;
  if (parent.kind !== "region") return `${parent.code} is a site; a location sits in a region`;
  if (parent.code === child.code || parent.ancestors.includes(child.code)) return `${parent.code} is inside ${child.code}; a location cannot sit inside itself`;
  return undefined;
}

/** The roles that can run things: own touchpoints and initiatives. Executives read. */
export const ownerRoles: readonly UserRole[] = ["owner", "admin"];

/** Why this person cannot own a touchpoint or an initiative, or undefined when they can. */
export function ownerProblem(person: { name: string; role: UserRole; active: boolean } | undefined): string | undefined {
  if (!person) return "no such person: choose the owner from the list of people";
  if (!person.active) return `${person.name} is deactivated; reactivate them or choose another owner`;
  if (!ownerRoles.includes(person.role)) {
    return `${person.name} is an executive, who can read but not run initiatives; give them the owner role first, or choose an owner`;
  }
  return undefined;
}

/** Refuses (400, naming `field`) an owner id that is no one, is deactivated, or is an executive. */
export async function assertMayOwn(db: Queryable, ownerId: number | null | undefined, field = "ownerId"): Promise<void> {
  if (ownerId == null) return;
  const [person] = await db.select({ name: users.name, role: users.role, active: users.active }).from(users).where(eq(users.id, ownerId));
  const problem = ownerProblem(person);
  if (problem) throw invalid(`${field}: ${problem}.`, [{ field, message: problem }]);
}

/** A contact reason as a support tool writes it (a category, a tag, a wrap-up code). */
export const reasonName = text(1000).trim().min(1, "must not be empty");
/** What a reason rule compares reasons with: the whole reason, or how it starts ("billing/"). */
export const reasonPattern = text(200).trim().min(1, "must not be empty: write the reason, or how the reasons start");

/**
 * Why a reason or a rule cannot be classified so, or undefined when it can: failure demand names the active
 * touchpoint that caused it; value demand and unclassified name none. `kept` accepts a deactivated touchpoint
 * that already caused this very reason (a model file exported before the touchpoint was retired).
 */
export function demandCauseProblem(
  kind: ReasonClassification,
  named: boolean,
  touchpoint: { code: string; name: string; active: boolean } | undefined,
  kept = false,
): string | undefined {
  if (kind !== "failure") {
    if (!named) return undefined;
    return kind === "value"
      ? "value demand is not caused by a touchpoint: leave the touchpoint empty"
      : "an unclassified reason has no touchpoint: leave the touchpoint empty";
  }
  if (!named) return "failure demand is caused by a touchpoint: choose the touchpoint whose failure makes customers get in touch";
  if (!touchpoint) return "no such touchpoint: choose it from the list";
  if (!touchpoint.active && !kept) return `${touchpoint.code} ${touchpoint.name} is deactivated; reactivate it or choose an active touchpoint`;
  return undefined;
}

/** Refuses (400, naming `field`) a classification whose touchpoint is missing, unknown, deactivated or not wanted. */
export async function assertDemandCause(
  db: Queryable,
  kind: ReasonClassification,
  touchpointId: number | null | undefined,
  field = "touchpointId",
): Promise<{ id: number; code: string; name: string } | null> {
  const [touchpoint] =
    touchpointId == null
      ? []
      : await db
          .select({ id: touchpoints.id, code: touchpoints.code, name: touchpoints.name, active: touchpoints.active })
          .from(touchpoints)
          .where(eq(touchpoints.id, touchpointId));
  const problem = demandCauseProblem(kind, touchpointId != null, touchpoint);
  if (problem) throw invalid(`${field}: ${problem}.`, [{ field, message: problem }]);
  return touchpoint && kind === "failure" ? { id: touchpoint.id, code: touchpoint.code, name: touchpoint.name } : null;
}

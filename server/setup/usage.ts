// What depends on a department, journey or touchpoint: the admin sees it before deleting, and the server
// refuses to delete anything that carries customers' data or people (deactivation keeps it instead).
import { notFound } from "@/server/errors";
import { and, count, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import {
  departments,
  initiatives,
  journeyStages,
  journeys,
  locations,
  perceptionAssessments,
  serviceContacts,
  stageTouchpoints,
  surveyResponses,
  touchpoints,
  users,
} from "@/db/schema";
import { responseVolumes } from "@/server/model/queries";
import { countOf } from "@/lib/counts";

export interface Usage {
  /** What the admin reads in the delete dialog, one line per kind of dependant. */
  dependants: string[];
  /** False when deleting would lose customers' data or leave people or touchpoints without a home. */
  deletable: boolean;
  /** Why it cannot be deleted, and what to do instead. */
  explanation: string;
}

async function countRows(query: PromiseLike<{ n: number }[]>): Promise<number> {
  return (await query)[0]?.n ?? 0;
}

export async function departmentUsage(db: Queryable, departmentId: number): Promise<Usage> {
  const [row] = await db.select({ name: departments.name }).from(departments).where(eq(departments.id, departmentId));
  if (!row) throw notFound(`Department ${departmentId} does not exist.`);
  const touchpointCount = await countRows(db.select({ n: count() }).from(touchpoints).where(eq(touchpoints.departmentId, departmentId)));
  const peopleCount = await countRows(db.select({ n: count() }).from(users).where(eq(users.departmentId, departmentId)));
  const dependants = [countOf(touchpointCount, "touchpoint"), countOf(peopleCount, "person", "people")];
  const deletable = touchpointCount === 0 && peopleCount === 0;
  return {
    dependants,
    deletable,
    explanation: deletable
      ? `Nothing belongs to ${row.name}; deleting it removes only the department.`
      : `${row.name} still has touchpoints or people. Move them to another department first, or deactivate ${row.name}: it stays on record and can be reactivated.`,
  };
}

export async function touchpointUsage(db: Queryable, touchpointId: number): Promise<Usage> {
  const [row] = await db.select({ name: touchpoints.name }).from(touchpoints).where(eq(touchpoints.id, touchpointId));
  if (!row) throw notFound(`Touchpoint ${touchpointId} does not exist.`);
  // Counted from the roll-ups, as on the touchpoint table, never by scanning the responses.
  const responses = (await responseVolumes(db, { touchpointId })).get(touchpointId) ?? 0;
  // The refusal rests on an index-backed exists check, not on the roll-up figure shown beside it.
  const [anyResponse] = await db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.touchpointId, touchpointId)).limit(1);
  const initiativeCount = await countRows(db.select({ n: count() }).from(initiatives).where(eq(initiatives.touchpointId, touchpointId)));
  const assessmentCount = await countRows(db.select({ n: count() }).from(perceptionAssessments).where(eq(perceptionAssessments.touchpointId, touchpointId)));
  const placementCount = await countRows(db.select({ n: count() }).from(stageTouchpoints).where(eq(stageTouchpoints.touchpointId, touchpointId)));
  const [anyContact] = await db.select({ id: serviceContacts.id }).from(serviceContacts).where(eq(serviceContacts.touchpointId, touchpointId)).limit(1);
  const deletable = !anyResponse && !anyContact && initiativeCount === 0 && assessmentCount === 0;
  return {
    dependants: [
      countOf(responses, "survey response"),
      countOf(initiativeCount, "initiative"),
      countOf(assessmentCount, "self-assessment"),
      countOf(placementCount, "journey stage placement"),
    ],
    deletable,
    explanation: deletable
      ? `${row.name} has no responses, initiatives or assessments; deleting it also removes it from the journey stages it sits in.`
      : `${row.name} carries customers' answers or improvement work, which deleting would erase. Deactivate it instead: it leaves the dashboards and imports stop accepting its code, and everything it holds is kept and comes back if you reactivate it.`,
  };
}

export async function journeyUsage(db: Queryable, journeyId: number): Promise<Usage> {
  const [row] = await db.select({ name: journeys.name }).from(journeys).where(eq(journeys.id, journeyId));
  if (!row) throw notFound(`Journey ${journeyId} does not exist.`);
  const stageCount = await countRows(db.select({ n: count() }).from(journeyStages).where(eq(journeyStages.journeyId, journeyId)));
  const placementCount = await countRows(
    db
      .select({ n: count() })
      .from(stageTouchpoints)
      .innerJoin(journeyStages, and(eq(journeyStages.id, stageTouchpoints.stageId), eq(journeyStages.journeyId, journeyId))),
  );
  return {
    dependants: [countOf(stageCount, "stage"), countOf(placementCount, "touchpoint placement")],
    // A journey holds only structure: its touchpoints, their responses and initiatives live on without it.
    deletable: true,
    explanation: `Deleting ${row.name} removes its stages and the placements of touchpoints in them. The touchpoints, their responses and initiatives are kept. To hide it from the dashboards but keep its map, deactivate it instead.`,
  };
}

export async function locationUsage(db: Queryable, locationId: number): Promise<Usage> {
  const [row] = await db.select({ name: locations.name, kind: locations.kind }).from(locations).where(eq(locations.id, locationId));
  if (!row) throw notFound(`Location ${locationId} does not exist.`);
  const [anyResponse] = await db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.locationId, locationId)).limit(1);
  const responses = anyResponse ? await countRows(db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.locationId, locationId))) : 0;
  const childCount = await countRows(db.select({ n: count() }).from(locations).where(eq(locations.parentId, locationId)));
  const initiativeCount = await countRows(db.select({ n: count() }).from(initiatives).where(eq(initiatives.locationId, locationId)));
  const [anyContact] = await db.select({ id: serviceContacts.id }).from(serviceContacts).where(eq(serviceContacts.locationId, locationId)).limit(1);
  const deletable = responses === 0 && childCount === 0 && initiativeCount === 0 && !anyContact;
  return {
    dependants: [countOf(responses, "survey response"), countOf(childCount, "location") + " inside it", countOf(initiativeCount, "site-level initiative")],
    deletable,
    explanation: deletable
      ? `${row.name} has no responses and nothing inside it; deleting it removes it from the model.`
      : responses > 0 || initiativeCount > 0 || anyContact
        ? `${row.name} carries customers' answers, service contacts or improvement work, which deleting would erase. Deactivate it instead: imports stop accepting its code and its history is kept.`
        : `${row.name} still holds ${countOf(childCount, "location")}. Move them to another region first, or deactivate it instead.`,
  };
}

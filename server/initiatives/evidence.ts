// Customers' comments cited as evidence of the problem an initiative addresses. Only comments from its own
// touchpoint count, only whoever may change the initiative links them, and every reader sees them anonymously.
import { invalid, notFound } from "@/server/errors";
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, Queryable } from "@/db/client";
import { initiativeEvidence, initiatives, surveyResponses, touchpoints, users } from "@/db/schema";
import { actorOf, recordAudit } from "@/server/audit";
import type { SessionUser } from "@/server/auth/users";
import { MINIMUM_RESPONSES_FOR_COMMENTS } from "@/server/metrics/formulas";
import { commentColumns, commentsOf } from "@/server/scores/verbatims";
import type { EvidenceCandidatesInput, EvidenceLinkInput } from "./schema";
import { loadForChange } from "./service";

/** Comments per page in the picker: enough to scan, few enough to read on a busy touchpoint. */
export const EVIDENCE_PAGE_SIZE = 20;

const linker = alias(users, "evidence_linker");
// Executives read evidence: the columns come from the one anonymous set, so contact details cannot slip in.
const { id: responseId, ...anonymousComment } = commentColumns;

/**
 * The comments linked to an initiative, newest first, with who linked each and when. Every role reads this;
 * under the privacy threshold (executives, as for the touchpoint's comments) a touchpoint with fewer than
 * the minimum responses shows none, since so few answers could point to the person who wrote them.
 */
export async function listEvidence(db: Queryable, initiativeId: number, options: { privacyThreshold: boolean } = { privacyThreshold: false }) {
  const [initiative] = await db
    .select({ id: initiatives.id, touchpointId: initiatives.touchpointId })
    .from(initiatives)
    .where(eq(initiatives.id, initiativeId));
  if (!initiative) throw notFound(`Initiative ${initiativeId} does not exist.`);
  if (options.privacyThreshold) {
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from (select 1 from ${surveyResponses} where ${surveyResponses.touchpointId} = ${initiative.touchpointId} limit ${MINIMUM_RESPONSES_FOR_COMMENTS}) as few`,
    );
    if ((row?.n ?? 0) < MINIMUM_RESPONSES_FOR_COMMENTS) {
      return {
        hidden: true as const,
        reason: `This touchpoint has fewer than ${MINIMUM_RESPONSES_FOR_COMMENTS} responses: its comments are hidden to protect respondents.`,
        items: [],
      };
    }
  }
  const items = await db
    .select({ responseId, ...anonymousComment, linkedByName: linker.name, linkedAt: initiativeEvidence.createdAt })
    .from(initiativeEvidence)
    .innerJoin(surveyResponses, eq(surveyResponses.id, initiativeEvidence.responseId))
    .leftJoin(linker, eq(linker.id, initiativeEvidence.addedById))
    .where(eq(initiativeEvidence.initiativeId, initiativeId))
    .orderBy(desc(surveyResponses.respondedAt), desc(surveyResponses.id));
  return { hidden: false as const, reason: null, items };
}

/**
 * The comments of the initiative's touchpoint that could be linked, newest first, a page at a time (keyset
 * on responded-at and id, so a page never repeats or skips a comment as new ones arrive), each marked if linked.
 */
export async function evidenceCandidates(db: Queryable, user: SessionUser, input: EvidenceCandidatesInput) {
  const initiative = await loadForChange(db, user, input.initiativeId);
  const rows = await db
    .select({
      ...commentColumns,
      linked: sql<boolean>`${initiativeEvidence.responseId} is not null`,
      // The exact instant for the next page's cursor: a Date keeps only milliseconds.
      cursorAt: sql<string>`to_char(${surveyResponses.respondedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(surveyResponses)
    .leftJoin(initiativeEvidence, and(eq(initiativeEvidence.initiativeId, initiative.id), eq(initiativeEvidence.responseId, surveyResponses.id)))
    .where(
      and(
        commentsOf(initiative.touchpointId, input.search),
        input.cursor
          ? sql`(${surveyResponses.respondedAt}, ${surveyResponses.id}) < (${input.cursor.respondedAt}::timestamptz, ${input.cursor.id})`
          : undefined,
      ),
    )
    .orderBy(desc(surveyResponses.respondedAt), desc(surveyResponses.id))
    .limit(EVIDENCE_PAGE_SIZE + 1);
  const page = rows.slice(0, EVIDENCE_PAGE_SIZE);
  const last = page.at(-1);
  return {
    rows: page.map(({ cursorAt: _cursor, ...row }) => row),
    nextCursor: rows.length > EVIDENCE_PAGE_SIZE && last ? { respondedAt: last.cursorAt, id: last.id } : null,
  };
}

/** The response, if it may be cited for this initiative: it exists, has a comment, and is about the same touchpoint. */
async function citableResponse(db: Queryable, touchpointId: number, id: number) {
  const [response] = await db
    .select({ touchpointId: surveyResponses.touchpointId, comment: surveyResponses.comment, touchpointName: touchpoints.name })
    .from(surveyResponses)
    .innerJoin(touchpoints, eq(touchpoints.id, surveyResponses.touchpointId))
    .where(eq(surveyResponses.id, id));
  // Another touchpoint's comment is "not found" too: saying whose it is would tell what the caller may not read.
  if (!response || response.touchpointId !== touchpointId) {
    throw notFound(`Response ${id} is not among this touchpoint's comments; evidence for an initiative comes from its own touchpoint's customers.`);
  }
  if (response.comment == null) throw invalid(`Response ${id} has no comment to cite.`);
}

/** Links a comment; linking one already linked changes nothing and is not an error (a double click, two tabs). */
export async function linkEvidence(db: Database, user: SessionUser, input: EvidenceLinkInput) {
  return db.transaction(async (tx) => {
    // Ownership first: someone who may not change the initiative learns nothing about the response.
    const initiative = await loadForChange(tx, user, input.initiativeId);
    await citableResponse(tx, initiative.touchpointId, input.responseId);
    const [created] = await tx
      .insert(initiativeEvidence)
      .values({ initiativeId: initiative.id, responseId: input.responseId, addedById: user.id })
      .onConflictDoNothing()
      .returning();
    if (created) {
      await recordAudit(tx, actorOf(user), { action: "initiative.evidence.link", entityType: "initiative", entityId: initiative.id, after: created });
    }
    return { initiativeId: initiative.id, responseId: input.responseId, linked: true, changed: Boolean(created) };
  });
}

/** Unlinks a comment; unlinking one that is not linked changes nothing, but an unknown response is NOT_FOUND. */
export async function unlinkEvidence(db: Database, user: SessionUser, input: EvidenceLinkInput) {
  return db.transaction(async (tx) => {
    const initiative = await loadForChange(tx, user, input.initiativeId);
    const [removed] = await tx
      .delete(initiativeEvidence)
      .where(and(eq(initiativeEvidence.initiativeId, initiative.id), eq(initiativeEvidence.responseId, input.responseId)))
      .returning();
    if (removed) {
      await recordAudit(tx, actorOf(user), { action: "initiative.evidence.unlink", entityType: "initiative", entityId: initiative.id, before: removed });
    } else {
      const [response] = await tx.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.id, input.responseId));
      if (!response) throw notFound(`Response ${input.responseId} does not exist.`);
    }
    return { initiativeId: initiative.id, responseId: input.responseId, linked: false, changed: Boolean(removed) };
  });
}

// The customers' own words for one touchpoint: the one dashboard read of survey_responses (comments only),
// with search and score filters; initiatives' evidence searches comments through here too. Respondents'
// contact details only for those allowed to see them.
import { and, between, desc, eq, ilike, isNotNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { entityId, isoDate } from "@/lib/schemas";
import type { Queryable } from "@/db/client";
import { surveyResponses } from "@/db/schema";
import { MINIMUM_RESPONSES_FOR_COMMENTS } from "@/server/metrics/formulas";

/** What a reader may type to find a comment; the same box on the touchpoint page and the evidence picker. */
export const commentSearchSchema = z.string().trim().max(200).optional();

export const verbatimQuerySchema = z.object({
  touchpointId: entityId,
  from: isoDate,
  to: isoDate,
  search: commentSearchSchema,
  /** Answer band: NPS group or CSAT band. */
  band: z.enum(["promoters", "passives", "detractors", "satisfied", "neutral", "dissatisfied"]).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export type VerbatimQuery = z.infer<typeof verbatimQuerySchema>;

const bandFilter: Record<NonNullable<VerbatimQuery["band"]>, SQL> = {
  promoters: sql`${surveyResponses.nps} >= 9`,
  passives: sql`${surveyResponses.nps} between 7 and 8`,
  detractors: sql`${surveyResponses.nps} <= 6`,
  satisfied: sql`${surveyResponses.csat} >= 4`,
  neutral: sql`${surveyResponses.csat} = 3`,
  dissatisfied: sql`${surveyResponses.csat} <= 2`,
};

/** Escape LIKE wildcards so a search for "100%" means the text, not a pattern. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The one comment search: a touchpoint's responses that carry a comment, containing `search` as typed
 * (case-insensitive). Every list of comments filters through here, so they all find the same ones.
 */
export function commentsOf(touchpointId: number, search?: string): SQL | undefined {
  return and(
    eq(surveyResponses.touchpointId, touchpointId),
    isNotNull(surveyResponses.comment),
    search ? ilike(surveyResponses.comment, likePattern(search)) : undefined,
  );
}

/** A comment as every role may read it: never the respondent's contact details. */
export const commentColumns = {
  id: surveyResponses.id,
  respondedAt: surveyResponses.respondedAt,
  nps: surveyResponses.nps,
  csat: surveyResponses.csat,
  ces: surveyResponses.ces,
  comment: surveyResponses.comment,
};

export async function listVerbatims(db: Queryable, query: VerbatimQuery, options: { includePersonalData: boolean; privacyThreshold: boolean }) {
  const range = between(surveyResponses.respondedAt, new Date(`${query.from}T00:00:00Z`), new Date(`${query.to}T23:59:59.999Z`));
  const where = and(commentsOf(query.touchpointId, query.search), range, query.band ? bandFilter[query.band] : undefined);
  if (options.privacyThreshold) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.touchpointId, query.touchpointId), range));
    if ((row?.n ?? 0) < MINIMUM_RESPONSES_FOR_COMMENTS) {
      return {
        hidden: true as const,
        reason: `Fewer than ${MINIMUM_RESPONSES_FOR_COMMENTS} responses in this period: comments are hidden to protect respondents.`,
        rows: [],
      };
    }
  }
  const rows = await db
    .select({
      ...commentColumns,
      source: surveyResponses.source,
      // Selected only for those allowed to see personal data; otherwise never leaves the database.
      ...(options.includePersonalData ? { respondentName: surveyResponses.respondentName, respondentEmail: surveyResponses.respondentEmail } : {}),
    })
    .from(surveyResponses)
    .where(where)
    .orderBy(desc(surveyResponses.respondedAt))
    .limit(query.limit);
  return {
    hidden: false as const,
    reason: null,
    rows: rows as Array<(typeof rows)[number] & { respondentName?: string | null; respondentEmail?: string | null }>,
  };
}

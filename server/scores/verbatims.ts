// The customers' own words for one touchpoint: the one dashboard read of survey_responses (comments only),
// with search and score filters; initiatives' evidence searches comments through here too. Respondents'
// contact details only for those allowed to see them.
import { and, between, desc, eq, ilike, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { entityId, isoDate } from "@/lib/schemas";
import type { Queryable } from "@/db/client";
import { locations, surveyResponses, touchpoints } from "@/db/schema";
import { locationScope } from "@/server/locations/scope";
import { locationCode } from "@/server/model/rules";
import { mayReadPersonalData } from "@/server/auth/ownership";
import type { SessionUser } from "@/server/auth/users";
import { notFound } from "@/server/errors";
import { MINIMUM_RESPONSES_FOR_COMMENTS } from "@/server/metrics/formulas";

/** What a reader may type to find a comment; the same box on the touchpoint page and the evidence picker. */
export const commentSearchSchema = z.string().trim().max(200).optional();

/** A page of comments: its size, and where the previous page ended (its last comment's exact time, to the microsecond, and id). */
export const commentPageSchema = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z
    .object({
      respondedAt: z
        .string()
        .max(40)
        .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/, "use the cursor the previous page returned"),
      id: entityId,
    })
    .nullish(),
});

export const verbatimQuerySchema = z.object({
  touchpointId: entityId,
  from: isoDate,
  to: isoDate,
  search: commentSearchSchema,
  /** Answer band: NPS group or CSAT band. */
  band: z.enum(["promoters", "passives", "detractors", "satisfied", "neutral", "dissatisfied"]).optional(),
  /** A site's or region's code: only comments given there. */
  location: locationCode.optional(),
  ...commentPageSchema.shape,
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

/** Responses given at a site or in a region, from its code; nothing for every location. */
async function locationCondition(db: Queryable, code: string | undefined): Promise<SQL | undefined> {
  if (!code) return undefined;
  const all = await db.select({ id: locations.id, code: locations.code, kind: locations.kind, parentId: locations.parentId }).from(locations);
  const { locationIds } = locationScope(all, code);
  return locationIds!.length ? inArray(surveyResponses.locationId, locationIds!) : sql`false`;
}

export interface ReaderOptions {
  includePersonalData: boolean;
  privacyThreshold: boolean;
}

/** What this reader may see of a touchpoint's comments: contact details (admins, its owner) and the privacy rule. */
export async function readerOptions(db: Queryable, user: SessionUser, touchpointId: number): Promise<ReaderOptions> {
  const [touchpoint] = await db.select({ ownerId: touchpoints.ownerId }).from(touchpoints).where(eq(touchpoints.id, touchpointId));
  if (!touchpoint) throw notFound(`Touchpoint ${touchpointId} does not exist.`);
  return { includePersonalData: mayReadPersonalData(user, touchpoint.ownerId), privacyThreshold: user.role === "executive" };
}

export async function listVerbatims(db: Queryable, query: VerbatimQuery, options: ReaderOptions) {
  const range = between(surveyResponses.respondedAt, new Date(`${query.from}T00:00:00Z`), new Date(`${query.to}T23:59:59.999Z`));
  const at = await locationCondition(db, query.location);
  const matching = and(commentsOf(query.touchpointId, query.search), range, query.band ? bandFilter[query.band] : undefined, at);
  const where = and(
    matching,
    query.cursor ? sql`(${surveyResponses.respondedAt}, ${surveyResponses.id}) < (${query.cursor.respondedAt}::timestamptz, ${query.cursor.id})` : undefined,
  );
  if (options.privacyThreshold) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.touchpointId, query.touchpointId), range, at));
    if ((row?.n ?? 0) < MINIMUM_RESPONSES_FOR_COMMENTS) {
      return {
        hidden: true as const,
        reason: `Fewer than ${MINIMUM_RESPONSES_FOR_COMMENTS} responses in this period: comments are hidden to protect respondents.`,
        rows: [],
        total: 0,
        nextCursor: null,
      };
    }
  }
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        ...commentColumns,
        // The exact instant for the next page's cursor: a Date keeps only milliseconds.
        cursorAt: sql<string>`to_char(${surveyResponses.respondedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        source: surveyResponses.source,
        // Selected only for those allowed to see personal data; otherwise never leaves the database.
        ...(options.includePersonalData ? { respondentName: surveyResponses.respondentName, respondentEmail: surveyResponses.respondentEmail } : {}),
      })
      .from(surveyResponses)
      .where(where)
      .orderBy(desc(surveyResponses.respondedAt), desc(surveyResponses.id))
      .limit(query.limit + 1),
    // The count only on the first page: it says how many comments the pages (and the CSV) hold.
    query.cursor
      ? Promise.resolve([undefined])
      : db
          .select({ n: sql<number>`count(*)::int` })
          .from(surveyResponses)
          .where(matching),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    hidden: false as const,
    reason: null,
    rows: page.map(({ cursorAt: _cursor, ...row }) => row) as Array<
      Omit<(typeof rows)[number], "cursorAt"> & { respondentName?: string | null; respondentEmail?: string | null }
    >,
    total: counted?.n ?? null,
    nextCursor: rows.length > query.limit && last ? { respondedAt: last.cursorAt, id: last.id } : null,
  };
}

/** Every matching comment, page by page (keyset), for the CSV export: memory stays flat in their number. */
export async function* allVerbatims(db: Queryable, query: Omit<VerbatimQuery, "limit" | "cursor">, options: ReaderOptions) {
  let cursor: VerbatimQuery["cursor"] = null;
  for (;;) {
    const page = await listVerbatims(db, { ...query, limit: 200, cursor }, options);
    if (page.hidden) return;
    yield page.rows;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

// The themes of one scope (program, journey, stage, touchpoint, department or location) and period: each theme's
// volume, share of comments and among detractors, sentiment and change, a monthly trend, and the drill to the words.
import "server-only";
import { and, between, desc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { surveyResponses, touchpoints } from "@/db/schema";
import { entityIdText } from "@/lib/schemas";
import { sentimentLabels, themeLevels, type SentimentLabel } from "@/lib/themes";
import type { SessionUser } from "@/server/auth/users";
import { notFound } from "@/server/errors";
import { meanWithMargin, MINIMUM_RESPONSES_FOR_COMMENTS, proportion, proportionChange } from "@/server/metrics/formulas";
import { locationChoices } from "@/server/locations/choices";
import { locationScope, readLocationScope } from "@/server/locations/scope";
import { scopeTouchpoints } from "@/server/drivers/view";
import { dashboardFiltersSchema, type DashboardFilters } from "@/server/scores/filters";
import { loadScoreModel, type ScoreModel } from "@/server/scores/model";
import { dashboardPeriods } from "@/server/scores/overview";
import { trailingMonths, type Period } from "@/server/scores/periods";
import { commentColumns, commentPageSchema } from "@/server/scores/verbatims";
import { emptyThemeSums, readActiveThemes, readMonthlyThemeSums, readThemeSums, type ShownTheme, type ThemeSums } from "./read";
import { termSpans } from "./tagger";

export const themeQuerySchema = dashboardFiltersSchema.extend({
  level: z.enum(themeLevels).default("program"),
  /** The journey's, stage's, touchpoint's, department's or location's id; none for the program. */
  id: entityIdText.optional(),
});
export type ThemeQuery = z.input<typeof themeQuerySchema>;

/** Where a theme view looks: its name, its touchpoints (undefined: all) and its sites (undefined: every response). */
export function themeScope(model: ScoreModel, query: z.infer<typeof themeQuerySchema>) {
  if (query.level === "location") {
    if (query.id === undefined) throw notFound("A location needs its id.");
    const location = model.locations.find((l) => l.id === query.id);
    if (!location) throw notFound(`Location ${query.id} does not exist.`);
    const { locationIds } = locationScope(model.locations, location.code);
    return { name: location.name, touchpointIds: undefined, location, locationIds, problems: [] };
  }
  const { name, touchpointIds } = scopeTouchpoints(model, query.level, query.id);
  const { location, locationIds, problems } = readLocationScope(model.locations, query.location);
  return { name, touchpointIds, location, locationIds, problems };
}

type Scope = ReturnType<typeof themeScope>;

/** The themes that can occur in the scope: every active theme not limited to touchpoints outside it. */
function themesIn(themes: ShownTheme[], scope: Scope): ShownTheme[] {
  if (!scope.touchpointIds) return themes;
  const inScope = new Set(scope.touchpointIds);
  return themes.filter((t) => t.touchpointIds.length === 0 || t.touchpointIds.some((id) => inScope.has(id)));
}

const sentimentOf = (sums: ThemeSums, minimum: number) => meanWithMargin(sums.analysedComments, sums.sentimentSum, sums.sentimentSumOfSquares, minimum);

async function loadScope(db: Queryable, query: z.infer<typeof themeQuerySchema>) {
  const model = await loadScoreModel(db);
  const scope = themeScope(model, query);
  const filters: DashboardFilters = query;
  const [periods, themes] = await Promise.all([dashboardPeriods(db, filters), readActiveThemes(db)]);
  return { model, scope, ...periods, themes: themesIn(themes, scope) };
}

const byTheme = (rows: ThemeSums[]) => new Map(rows.map((r) => [r.themeId, r]));

export async function themesView(db: Queryable, query: z.infer<typeof themeQuerySchema>) {
  const { model, scope, period, compareTo, themes } = await loadScope(db, query);
  const minimum = model.minimumSample;
  const [current, previous] = await Promise.all([
    readThemeSums(db, period, scope.touchpointIds, scope.locationIds).then(byTheme),
    readThemeSums(db, compareTo, scope.touchpointIds, scope.locationIds).then(byTheme),
  ]);
  const total = current.get(0) ?? emptyThemeSums(0);
  const totalBefore = previous.get(0) ?? emptyThemeSums(0);
  const rows = themes.map((theme) => {
    const now = current.get(theme.id) ?? emptyThemeSums(theme.id);
    const before = previous.get(theme.id) ?? emptyThemeSums(theme.id);
    return {
      themeId: theme.id,
      name: theme.name,
      description: theme.description,
      comments: now.comments,
      /** Of every comment in the scope and period, the share that mentions the theme. */
      share: proportion(now.comments, total.comments, minimum),
      detractorComments: now.detractorComments,
      /** Of the detractors' comments, the share that mentions the theme. */
      detractorShare: proportion(now.detractorComments, total.detractorComments, minimum),
      analysedComments: now.analysedComments,
      sentiment: sentimentOf(now, minimum),
      positiveComments: now.positiveComments,
      negativeComments: now.negativeComments,
      previous: { comments: before.comments, share: proportion(before.comments, totalBefore.comments, minimum) },
      change: proportionChange({ count: before.comments, n: totalBefore.comments }, { count: now.comments, n: total.comments }, minimum),
    };
  });
  rows.sort((a, b) => b.comments - a.comments || a.name.localeCompare(b.name));
  return {
    scope: { level: query.level, id: query.id ?? null, name: scope.name },
    location: scope.location ? { code: scope.location.code, name: scope.location.name } : null,
    period,
    compareTo,
    minimumSample: minimum,
    totals: {
      comments: total.comments,
      detractorComments: total.detractorComments,
      analysedComments: total.analysedComments,
      sentiment: sentimentOf(total, minimum),
      previousComments: totalBefore.comments,
    },
    themes: rows,
    choices: {
      journeys: model.journeys.map((j) => ({ id: j.id, name: j.name, stages: j.stages.map((s) => ({ id: s.id, name: s.name })) })),
      touchpoints: model.touchpoints.map((tp) => ({ id: tp.id, code: tp.code, name: tp.name })),
      departments: model.departments,
      locations: model.locations.map((l) => ({ id: l.id, code: l.code, name: l.name })),
      locationFilter: locationChoices(model.locations),
    },
    problems: scope.problems,
  };
}

export type ThemesView = Awaited<ReturnType<typeof themesView>>;

/** Each theme's share of comments month by month: the 12 months to the period's end (the last one may be partial). */
export async function themeTrend(db: Queryable, query: z.infer<typeof themeQuerySchema>) {
  const { model, scope, period, themes } = await loadScope(db, query);
  const months = trailingMonths(12, period.to);
  const rows = await readMonthlyThemeSums(db, months[0]!, months.at(-1)!, scope.touchpointIds, scope.locationIds);
  const at = new Map(rows.map((r) => [`${r.month}|${r.themeId}`, r]));
  const totals = months.map((month) => at.get(`${month}|0`)?.comments ?? 0);
  return {
    months,
    totals: months.map((month, i) => ({ month, comments: totals[i]! })),
    themes: themes.map((theme) => ({
      themeId: theme.id,
      name: theme.name,
      points: months.map((month, i) => {
        const comments = at.get(`${month}|${theme.id}`)?.comments ?? 0;
        return { month, comments, totalComments: totals[i]!, share: proportion(comments, totals[i]!, model.minimumSample) };
      }),
    })),
  };
}

export type ThemeTrend = Awaited<ReturnType<typeof themeTrend>>;

export const themeCommentsQuerySchema = themeQuerySchema.extend({
  themeId: entityIdText,
  ...commentPageSchema.shape,
});
export type ThemeCommentsQuery = z.input<typeof themeCommentsQuerySchema>;

/**
 * What a reader may see of comments across touchpoints, by the rules of server/auth/ownership (mayReadPersonalData):
 * respondents' names and e-mails for admins, for owners on their own touchpoints only, never for executives; and
 * executives see no comments where fewer than MINIMUM_RESPONSES_FOR_COMMENTS responded.
 */
export interface ThemeCommentReader {
  personalData: "all" | "none" | { ownerId: number };
  privacyThreshold: boolean;
}

export function themeCommentReader(user: SessionUser): ThemeCommentReader {
  return {
    personalData: user.role === "admin" ? "all" : user.role === "owner" ? { ownerId: user.id } : "none",
    privacyThreshold: user.role === "executive",
  };
}

/** Respondents' name and e-mail where the reader may see them: every row, their own touchpoints' rows, or none. */
function personalColumns(personalData: Exclude<ThemeCommentReader["personalData"], "none">) {
  const allowed = personalData === "all" ? sql`true` : sql`${touchpoints.ownerId} = ${personalData.ownerId}`;
  return {
    respondentName: sql<string | null>`case when ${allowed} then ${surveyResponses.respondentName} end`,
    respondentEmail: sql<string | null>`case when ${allowed} then ${surveyResponses.respondentEmail} end`,
  };
}

const labelOf = (value: number | null): SentimentLabel | "not_analysed" => (value === null ? "not_analysed" : (sentimentLabels[value + 1] ?? "not_analysed"));

/** The scope's responses in the period: its touchpoints and sites. */
function responsesIn(period: Period, scope: Scope): SQL | undefined {
  return and(
    between(surveyResponses.respondedAt, new Date(`${period.from}T00:00:00Z`), new Date(`${period.to}T23:59:59.999Z`)),
    scope.touchpointIds === undefined ? undefined : scope.touchpointIds.length === 0 ? sql`false` : inArray(surveyResponses.touchpointId, scope.touchpointIds),
    scope.locationIds === undefined ? undefined : scope.locationIds.length === 0 ? sql`false` : inArray(surveyResponses.locationId, scope.locationIds),
  );
}

/**
 * The customers' words behind a theme: the scope's comments in the period that carry it, newest first, paged (the
 * one raw read of theme views), each with where the theme's words occur so the page can highlight them.
 */
export async function themeComments(db: Queryable, query: z.infer<typeof themeCommentsQuerySchema>, reader: ThemeCommentReader) {
  const model = await loadScoreModel(db);
  const scope = themeScope(model, query);
  const [{ period }, themes] = await Promise.all([dashboardPeriods(db, query), readActiveThemes(db)]);
  const theme = themes.find((t) => t.id === query.themeId);
  if (!theme) throw notFound(`Theme ${query.themeId} does not exist or is paused.`);
  const shown = { id: theme.id, name: theme.name, terms: theme.terms };
  const inScope = responsesIn(period, scope);
  if (reader.privacyThreshold) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(surveyResponses)
      .where(inScope);
    if ((row?.n ?? 0) < MINIMUM_RESPONSES_FOR_COMMENTS)
      return {
        theme: shown,
        period,
        hidden: true as const,
        reason: `Fewer than ${MINIMUM_RESPONSES_FOR_COMMENTS} responses in this period: comments are hidden to protect respondents.`,
        rows: [],
        total: 0,
        nextCursor: null,
      };
  }
  const matching = and(inScope, isNotNull(surveyResponses.comment), sql`${surveyResponses.themeIds} @> array[${theme.id}::int]`);
  const after = query.cursor
    ? sql`(${surveyResponses.respondedAt}, ${surveyResponses.id}) < (${query.cursor.respondedAt}::timestamptz, ${query.cursor.id})`
    : undefined;
  const [rows, counted] = await Promise.all([
    db
      .select({
        ...commentColumns,
        // The exact instant for the next page's cursor: a Date keeps only milliseconds.
        cursorAt: sql<string>`to_char(${surveyResponses.respondedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        touchpointId: surveyResponses.touchpointId,
        touchpointName: touchpoints.name,
        sentiment: surveyResponses.sentiment,
        // Selected only for those allowed to see personal data; otherwise never leaves the database.
        ...(reader.personalData !== "none" ? personalColumns(reader.personalData) : {}),
      })
      .from(surveyResponses)
      .innerJoin(touchpoints, eq(touchpoints.id, surveyResponses.touchpointId))
      .where(and(matching, after))
      .orderBy(desc(surveyResponses.respondedAt), desc(surveyResponses.id))
      .limit(query.limit + 1),
    // The count only on the first page: how many comments the pages hold.
    query.cursor
      ? Promise.resolve(null)
      : db
          .select({ n: sql<number>`count(*)::int` })
          .from(surveyResponses)
          .where(matching),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    theme: shown,
    period,
    hidden: false as const,
    reason: null,
    rows: page.map(({ cursorAt: _cursor, sentiment, ...row }) => ({
      ...(row as typeof row & { respondentName?: string | null; respondentEmail?: string | null }),
      sentiment: labelOf(sentiment),
      spans: row.comment === null ? [] : termSpans(row.comment, theme.terms),
    })),
    total: counted?.[0]?.n ?? null,
    nextCursor: rows.length > query.limit && last ? { respondedAt: last.cursorAt, id: last.id } : null,
  };
}

export type ThemeComments = Awaited<ReturnType<typeof themeComments>>;

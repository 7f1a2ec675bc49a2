// Suggests new themes on Setup › Themes: phrases (one to three words ending in a noun, no stop word at either edge)
// that no theme covers and that are frequent in the period, or whose share among detractors' comments rose significantly.
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { DETRACTOR_CSAT_MAX, DETRACTOR_NPS_MAX } from "@/lib/alerts";
import { proportion, proportionChange, type Proportion, type ProportionChange } from "@/server/metrics/formulas";
import { invalid } from "@/server/errors";
import { lastDays, periodSchema, previousPeriod, tooLongPeriod, type Period } from "@/server/scores/periods";
import { readSetting } from "@/server/settings/program-settings";
import { tokensOf, wordRunsOf, type PhraseWord } from "./tagger";

/** Raw comments are read (this is an admin page, not a dashboard), so each period reads at most its latest this many. */
export const SUGGESTION_COMMENT_CAP = 5_000;
export const SUGGESTION_WINDOW_DAYS = 90;
/** A phrase in fewer of the period's comments is not offered: too rare to be a theme. */
export const MIN_SUGGESTION_COMMENTS = 10;
const MAX_PHRASE_WORDS = 3;
const EXAMPLES = 3;
const EXAMPLE_CHARS = 400;
/** A shorter phrase found in nearly every comment that holds a longer one ("charge" in "service charge") adds nothing. */
const SUBSUMED_SHARE = 0.8;

export interface SuggestionOptions {
  period?: Period;
  cap?: number;
  minComments?: number;
  limit?: number;
}

interface ReadComment {
  id: number;
  comment: string;
  detractor: boolean;
  respondedAt: string;
  touchpointCode: string;
  touchpointName: string;
}

interface PeriodRead {
  comments: ReadComment[];
  /** Comments in the period (in the analysed language), of which the latest `cap` were read. */
  available: number;
}

/** The latest commented responses of a period in the analysed language (untagged ones too), newest first. */
async function readComments(db: Queryable, period: Period, cap: number): Promise<PeriodRead> {
  const rows = await db.execute<{
    id: number;
    comment: string;
    detractor: boolean;
    responded_at: string;
    code: string;
    name: string;
    available: number;
  }>(sql`
    select r.id, r.comment, coalesce(r.nps <= ${DETRACTOR_NPS_MAX} or r.csat <= ${DETRACTOR_CSAT_MAX}, false) as detractor,
      to_char(r.responded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as responded_at, t.code, t.name,
      count(*) over ()::int as available
    from survey_responses r join touchpoints t on t.id = r.touchpoint_id
    where r.comment is not null
      and r.responded_at >= (${period.from}::date)::timestamp at time zone 'UTC'
      and r.responded_at < (${period.to}::date + 1)::timestamp at time zone 'UTC'
      and (r.comment_language is null or r.comment_language in ('eng', 'und'))
    order by r.responded_at desc, r.id desc
    limit ${cap}`);
  return {
    available: rows[0]?.available ?? 0,
    comments: rows.map((r) => ({
      id: Number(r.id),
      comment: r.comment,
      detractor: r.detractor,
      respondedAt: r.responded_at,
      touchpointCode: r.code,
      touchpointName: r.name,
    })),
  };
}

interface Phrase {
  key: string;
  surface: string;
  words: Array<Pick<PhraseWord, "lemma" | "normal">>;
}

/**
 * Nouns too vague to be a theme on their own ("a bit", "a lot", "every time", "a great night"), which would otherwise
 * top the frequent list of any program; in a longer phrase ("bad experience") they stay.
 */
const VAGUE_NOUNS = new Set(["bit", "lot", "time", "thing", "way", "day", "night", "experience", "kind", "sort", "couple", "deal", "today", "tonight"]);

/**
 * Every candidate phrase of a comment, once each: 1–3 consecutive words ending in a noun that heads its compound
 * (not "bank" of "bank statement"), no stop word at the edges, and no vague noun alone.
 */
export function phrasesOf(comment: string): Phrase[] {
  const found = new Map<string, Phrase>();
  for (const run of wordRunsOf(comment)) {
    run.forEach((last, end) => {
      if (last.pos !== "NOUN" || last.stopWord || run[end + 1]?.pos === "NOUN") return;
      for (let length = 1; length <= MAX_PHRASE_WORDS && end - length + 1 >= 0; length += 1) {
        const words = run.slice(end - length + 1, end + 1);
        if (words[0]!.stopWord || (length === 1 && VAGUE_NOUNS.has(last.lemma))) continue;
        const key = words.map((w) => w.lemma).join(" ");
        if (!found.has(key)) found.set(key, { key, surface: words.map((w) => w.normal).join(" "), words });
      }
    });
  }
  return [...found.values()];
}

type Word = Pick<PhraseWord, "lemma" | "normal">;
const sameWord = (a: Word, b: Word) => a.lemma === b.lemma || a.normal === b.normal;

/** Whether `part` occurs as consecutive words in `whole`. */
function occursIn(part: readonly Word[], whole: readonly Word[]): boolean {
  for (let i = 0; i + part.length <= whole.length; i += 1) if (part.every((w, j) => sameWord(w, whole[i + j]!))) return true;
  return false;
}

/** A phrase is covered when it holds one of the codebook's terms, or is part of one (every theme, paused ones too). */
function coverageOf(terms: readonly string[]): (words: readonly Word[]) => boolean {
  const sequences = terms.map((term) => tokensOf(term)).filter((words) => words.length > 0);
  return (words) => sequences.some((term) => occursIn(term, words) || occursIn(words, term));
}

interface Tally {
  comments: number;
  detractorComments: number;
  surfaces: Map<string, number>;
  words: Word[];
  examples: ReadComment[];
}

function tally(read: PeriodRead, keep: (phrase: Phrase) => boolean): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const comment of read.comments) {
    for (const phrase of phrasesOf(comment.comment)) {
      if (!keep(phrase)) continue;
      let t = tallies.get(phrase.key);
      if (!t) tallies.set(phrase.key, (t = { comments: 0, detractorComments: 0, surfaces: new Map(), words: phrase.words, examples: [] }));
      t.comments += 1;
      if (comment.detractor) t.detractorComments += 1;
      t.surfaces.set(phrase.surface, (t.surfaces.get(phrase.surface) ?? 0) + 1);
      // Comments come newest first, so the examples are the latest ones.
      if (t.examples.length < EXAMPLES) t.examples.push(comment);
    }
  }
  return tallies;
}

const mostCommon = (surfaces: Map<string, number>) => [...surfaces.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
const detractorsIn = (read: PeriodRead) => read.comments.filter((c) => c.detractor).length;
const excerpt = (text: string) => (text.length > EXAMPLE_CHARS ? `${text.slice(0, EXAMPLE_CHARS - 1).trimEnd()}…` : text);

export type SuggestionReason = "frequent" | "rising_among_detractors";

export interface PhraseCounts {
  comments: number;
  detractorComments: number;
  /** Share of the detractors' comments read that hold the phrase (Wilson interval; too few below the minimum sample). */
  detractorShare: Proportion;
}

export interface ThemeSuggestion {
  /** As customers most often wrote it; it matches its other forms too once it is a theme's term. */
  phrase: string;
  reasons: SuggestionReason[];
  now: PhraseCounts;
  before: PhraseCounts;
  /** The detractor share's change (pooled two-proportion test), before → now. */
  detractorShareChange: ProportionChange;
  examples: Array<{ id: number; comment: string; respondedAt: string; touchpoint: { code: string; name: string } }>;
}

export interface PeriodReadSummary {
  period: Period;
  read: number;
  available: number;
  detractorComments: number;
}

export interface ThemeSuggestions {
  now: PeriodReadSummary;
  before: PeriodReadSummary;
  cap: number;
  minComments: number;
  suggestions: ThemeSuggestion[];
}

/** The last 90 days up to the latest comment (today when there is none). */
async function defaultPeriod(db: Queryable): Promise<Period> {
  const [row] = await db.execute<{ day: string | null }>(
    sql`select max(day)::text as day from theme_daily_rollups where theme_id = 0 and location_id = 0 and comments > 0`,
  );
  return row?.day ? lastDays(SUGGESTION_WINDOW_DAYS, row.day) : lastDays(SUGGESTION_WINDOW_DAYS);
}

/** Drops a phrase that a longer candidate holds in nearly all of its comments. */
function withoutSubsumed(keys: string[], tallies: Map<string, Tally>): string[] {
  return keys.filter((key) => {
    const t = tallies.get(key)!;
    return !keys.some((other) => {
      const o = tallies.get(other)!;
      return other !== key && o.words.length > t.words.length && occursIn(t.words, o.words) && o.comments >= SUBSUMED_SHARE * t.comments;
    });
  });
}

const countsOf = (t: Tally | undefined, detractorsRead: number): PhraseCounts => ({
  comments: t?.comments ?? 0,
  detractorComments: t?.detractorComments ?? 0,
  detractorShare: proportion(t?.detractorComments ?? 0, detractorsRead),
});

/** The period and the one before it, both real and within the program's longest period (setting max_period_years). */
async function checkedPeriods(db: Queryable, period: Period): Promise<{ period: Period; comparison: Period }> {
  const tooLong = tooLongPeriod(period, await readSetting(db, "max_period_years"));
  if (tooLong) throw invalid(`to: ${tooLong}.`, [{ field: "to", message: tooLong }]);
  const comparison = previousPeriod(period);
  if (!periodSchema.safeParse(comparison).success) {
    const message = "the period before this one would start before the calendar does; choose a later period";
    throw invalid(`from: ${message}.`, [{ field: "from", message }]);
  }
  return { period, comparison };
}

export async function themeSuggestions(db: Queryable, options: SuggestionOptions = {}): Promise<ThemeSuggestions> {
  const { period, comparison } = await checkedPeriods(db, options.period ?? (await defaultPeriod(db)));
  const cap = options.cap ?? SUGGESTION_COMMENT_CAP;
  const minComments = options.minComments ?? MIN_SUGGESTION_COMMENTS;
  const limit = options.limit ?? 20;
  const [now, before, termRows] = await Promise.all([
    readComments(db, period, cap),
    readComments(db, comparison, cap),
    db.execute<{ term: string }>(sql`select unnest(terms) as term from themes`),
  ]);
  const covered = coverageOf(termRows.map((r) => r.term));
  const coveredKeys = new Map<string, boolean>();
  const uncovered = (phrase: Phrase) => {
    if (!coveredKeys.has(phrase.key)) coveredKeys.set(phrase.key, covered(phrase.words));
    return !coveredKeys.get(phrase.key);
  };
  const nowTallies = tally(now, uncovered);
  const beforeTallies = tally(before, (phrase) => nowTallies.has(phrase.key));
  const [nowDetractors, beforeDetractors] = [detractorsIn(now), detractorsIn(before)];

  const candidates = withoutSubsumed(
    [...nowTallies.keys()].filter((key) => nowTallies.get(key)!.comments >= minComments),
    nowTallies,
  );
  const scored = candidates.map((key) => {
    const t = nowTallies.get(key)!;
    const b = beforeTallies.get(key);
    const change = proportionChange({ count: b?.detractorComments ?? 0, n: beforeDetractors }, { count: t.detractorComments, n: nowDetractors });
    return { key, t, b, change, rising: change.status === "ok" && change.significant && change.direction === "rising" };
  });
  const byVolume = [...scored].sort((a, b) => b.t.comments - a.t.comments || a.key.localeCompare(b.key));
  const frequent = new Set(byVolume.slice(0, limit).map((s) => s.key));
  const rising = scored.filter((s) => s.rising).sort((a, b) => (b.change.status === "ok" ? b.change.z : 0) - (a.change.status === "ok" ? a.change.z : 0));
  const chosen = [...rising, ...byVolume.filter((s) => frequent.has(s.key) && !s.rising)].slice(0, limit);

  const summary = (p: Period, read: PeriodRead, detractorComments: number): PeriodReadSummary => ({
    period: p,
    read: read.comments.length,
    available: read.available,
    detractorComments,
  });
  return {
    now: summary(period, now, nowDetractors),
    before: summary(comparison, before, beforeDetractors),
    cap,
    minComments,
    suggestions: chosen.map((s) => ({
      phrase: mostCommon(s.t.surfaces),
      reasons: [...(frequent.has(s.key) ? (["frequent"] as const) : []), ...(s.rising ? (["rising_among_detractors"] as const) : [])],
      now: countsOf(s.t, nowDetractors),
      before: countsOf(s.b, beforeDetractors),
      detractorShareChange: s.change,
      examples: s.t.examples.map((c) => ({
        id: c.id,
        comment: excerpt(c.comment),
        respondedAt: c.respondedAt,
        touchpoint: { code: c.touchpointCode, name: c.touchpointName },
      })),
    })),
  };
}

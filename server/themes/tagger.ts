// Tags one comment: its language (franc), and for English its sentiment (wink-nlp's lexicon score) and the codebook's
// themes it mentions, matched on lemmas so "charge" finds "charges" and "charged". Pure apart from the loaded model.
import { franc } from "franc-min";
import winkNLP, { type Document, type WinkMethods } from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { ANALYSED_LANGUAGE, sentimentLabelOf, sentimentValue } from "@/lib/themes";

/** A theme as the tagger needs it: its id, its terms, and the touchpoints it is limited to (empty: all). */
export interface CodebookTheme {
  id: number;
  terms: readonly string[];
  touchpointIds: readonly number[];
}

export interface Codebook {
  version: number;
  themes: readonly CodebookTheme[];
}

export interface CommentTags {
  /** ISO 639-3 as franc reports it; "und" for a comment too short to tell (analysed as English). */
  language: string;
  /** -1, 0, 1; null when the language is not analysed. */
  sentiment: -1 | 0 | 1 | null;
  sentimentScore: number | null;
  themeIds: number[];
}

/** Below this many characters a language cannot be told reliably: such comments are read as English. */
const MIN_LANGUAGE_CHARS = 20;
/** The languages franc chooses among: the ones a program's guests plausibly write in, so English is not misread. */
const CANDIDATE_LANGUAGES = ["eng", "spa", "fra", "deu", "ita", "por", "nld", "pol", "swe", "dan", "nob", "tur"];

let nlp: WinkMethods | undefined;
/** The English model (~4 MB, loads in under 0.1 s), loaded on first use and kept for the process. */
function english(): WinkMethods {
  nlp ??= winkNLP(model);
  return nlp;
}

/**
 * franc's trigram guess, overruled to English when at least this share of the words are English stop words:
 * franc alone reads short English ("Took about two minutes. Brilliant.") as French or Dutch.
 */
const ENGLISH_STOP_WORD_SHARE = 0.3;

export function detectLanguage(comment: string, tokens: readonly Token[] = tokensOf(comment)): string {
  if (comment.trim().length < MIN_LANGUAGE_CHARS) return "und";
  // Checked first because it is cheap: most comments are English, and then franc need not run at all.
  const stopWords = tokens.filter((t) => t.stopWord).length;
  if (tokens.length > 0 && stopWords / tokens.length >= ENGLISH_STOP_WORD_SHARE) return ANALYSED_LANGUAGE;
  return franc(comment, { minLength: MIN_LANGUAGE_CHARS, only: CANDIDATE_LANGUAGES });
}

export function isAnalysed(language: string): boolean {
  return language === ANALYSED_LANGUAGE || language === "und";
}

interface Token {
  lemma: string;
  normal: string;
  stopWord: boolean;
  start: number;
  end: number;
  /** How many breaking punctuation marks precede the word: a phrase matches only within one stretch ("service. Charge" is no "service charge"). */
  run: number;
}

const wordLike = /[\p{L}\p{N}]/u;
/** Marks that join words rather than break a phrase: "mix-up", "chef's", "in/out". */
const joiner = /^[-‐‑'’/&]+$/u;

/** The word tokens of a text, lower-cased, with lemma and character offsets into `text`. */
export function tokensOf(text: string): Token[] {
  return tokensOfDoc(text.toLowerCase(), english().readDoc(text.toLowerCase()));
}

function tokensOfDoc(lowered: string, doc: Document): Token[] {
  const its = english().its;
  const values = doc.tokens().out(its.value) as string[];
  // wink types its.lemma with the model's add-ons as a parameter, which `out` does not declare; it works at run time.
  const lemmas = doc.tokens().out(its.lemma as never) as string[];
  const stopWords = doc.tokens().out(its.stopWordFlag) as unknown as boolean[];
  const tokens: Token[] = [];
  let cursor = 0;
  let run = 0;
  values.forEach((value, index) => {
    const at = lowered.indexOf(value, cursor);
    const start = at < 0 ? cursor : at;
    cursor = at < 0 ? cursor : at + value.length;
    if (!wordLike.test(value)) {
      if (!joiner.test(value)) run += 1;
      return;
    }
    // Offsets map back to `text` only when lower-casing kept its length (true for all but a few scripts).
    tokens.push({ lemma: lemmas[index] ?? value, normal: value, stopWord: stopWords[index] === true, start, end: start + value.length, run });
  });
  return tokens;
}

/** A word as phrase suggestions read it: lemma, lower-cased form, stop word or not, and part of speech (NOUN, ADJ…). */
export interface PhraseWord {
  lemma: string;
  normal: string;
  stopWord: boolean;
  pos: string;
}

/**
 * A comment's words in runs that punctuation breaks, so no phrase spans "too slow. service": one parse of the
 * lower-cased text with the same model as the tagger (suggestions need the part of speech, which tagging does not).
 */
export function wordRunsOf(text: string): PhraseWord[][] {
  const lowered = text.toLowerCase();
  const doc = english().readDoc(lowered);
  const its = english().its;
  const values = doc.tokens().out(its.value) as string[];
  const lemmas = doc.tokens().out(its.lemma as never) as string[];
  const stopWords = doc.tokens().out(its.stopWordFlag) as unknown as boolean[];
  const pos = doc.tokens().out(its.pos) as string[];
  const runs: PhraseWord[][] = [[]];
  values.forEach((value, index) => {
    if (!wordLike.test(value)) {
      if (runs.at(-1)!.length > 0) runs.push([]);
      return;
    }
    runs.at(-1)!.push({ lemma: lemmas[index] ?? value, normal: value, stopWord: stopWords[index] === true, pos: pos[index] ?? "X" });
  });
  return runs.filter((run) => run.length > 0);
}

/** A term as a sequence of lemmas ("service charges" → ["service", "charge"]). */
export function termLemmas(term: string): string[] {
  return tokensOf(term).map((t) => t.lemma);
}

interface CompiledTerm {
  themeId: number;
  lemmas: string[];
  normals: string[];
  /** Each word's run relative to the first: 0s unless the term itself holds punctuation. */
  runs: number[];
}

export interface ThemeMatcher {
  version: number;
  /** Terms by their first lemma and by their first word, so a comment looks up only the terms that can start at a word. */
  byFirst: Map<string, CompiledTerm[]>;
  limits: Map<number, ReadonlySet<number>>;
}

export function compileCodebook(codebook: Codebook): ThemeMatcher {
  const byFirst = new Map<string, CompiledTerm[]>();
  const limits = new Map<number, ReadonlySet<number>>();
  for (const theme of codebook.themes) {
    if (theme.touchpointIds.length > 0) limits.set(theme.id, new Set(theme.touchpointIds));
    for (const term of theme.terms) {
      const tokens = tokensOf(term);
      if (tokens.length === 0) continue;
      const compiled = {
        themeId: theme.id,
        lemmas: tokens.map((t) => t.lemma),
        normals: tokens.map((t) => t.normal),
        runs: tokens.map((t) => t.run - tokens[0]!.run),
      };
      for (const key of new Set([compiled.lemmas[0]!, compiled.normals[0]!])) byFirst.set(key, [...(byFirst.get(key) ?? []), compiled]);
    }
  }
  return { version: codebook.version, byFirst, limits };
}

/** What matching a term reads of a word. */
type MatchToken = Pick<Token, "lemma" | "normal" | "run">;

const sameWord = (token: MatchToken, term: CompiledTerm, j: number, first: MatchToken) =>
  (token.lemma === term.lemmas[j] || token.normal === term.normals[j]) && token.run - first.run === term.runs[j];

/** Where each of the matcher's terms occurs in the tokens: the theme and the token range. */
function matchesIn(matcher: ThemeMatcher, tokens: readonly MatchToken[]): Array<{ themeId: number; from: number; to: number }> {
  const found: Array<{ themeId: number; from: number; to: number }> = [];
  tokens.forEach((token, i) => {
    const candidates = new Set([...(matcher.byFirst.get(token.lemma) ?? []), ...(matcher.byFirst.get(token.normal) ?? [])]);
    for (const term of candidates) {
      if (i + term.lemmas.length > tokens.length) continue;
      if (term.lemmas.every((_, j) => sameWord(tokens[i + j]!, term, j, token))) found.push({ themeId: term.themeId, from: i, to: i + term.lemmas.length - 1 });
    }
  });
  return found;
}

const appliesAt = (matcher: ThemeMatcher, themeId: number, touchpointId: number) => matcher.limits.get(themeId)?.has(touchpointId) ?? true;

function themesIn(matcher: ThemeMatcher, tokens: readonly MatchToken[], touchpointId: number): number[] {
  const ids = new Set(matchesIn(matcher, tokens).map((m) => m.themeId));
  return [...ids].filter((id) => appliesAt(matcher, id, touchpointId)).sort((a, b) => a - b);
}

/** The themes a comment at a touchpoint mentions, by id, ascending. */
export function themesOf(matcher: ThemeMatcher, comment: string, touchpointId: number): number[] {
  return themesIn(matcher, tokensOf(comment), touchpointId);
}

interface CommentParse {
  /** Only what matching reads (a parse kept is ~1.5 KB for a two-sentence comment). */
  tokens: MatchToken[];
  language: string;
  /** wink's lexicon score; null when the language is not analysed. */
  sentimentScore: number | null;
}

/**
 * Recent parses by text: repeated comments ("Great service.") are common in survey exports, and a codebook change
 * re-tags every comment while only the themes can differ. Bounded (a full memo starts afresh), so an import stays flat.
 */
const PARSES_KEPT = 4_096;
const parses = new Map<string, CommentParse>();

/**
 * One parse of the lower-cased text (wink's sentiment lexicon ignores case, and lower case keeps a capitalised first
 * word from being read as a name that is never lemmatised): its tokens, language and sentiment score.
 */
function parseComment(comment: string): CommentParse {
  const known = parses.get(comment);
  if (known) return known;
  const lowered = comment.toLowerCase();
  const doc = english().readDoc(lowered);
  const tokens = tokensOfDoc(lowered, doc);
  const language = detectLanguage(comment, tokens);
  const slim = tokens.map(({ lemma, normal, run }) => ({ lemma, normal, run }));
  const parse = { tokens: slim, language, sentimentScore: isAnalysed(language) ? (doc.out(english().its.sentiment) as number) : null };
  if (parses.size >= PARSES_KEPT) parses.clear();
  parses.set(comment, parse);
  return parse;
}

/** Every tag of one comment at a touchpoint: language, sentiment, and the themes it mentions there. */
export function tagComment(matcher: ThemeMatcher, comment: string, touchpointId: number): CommentTags {
  const { tokens, language, sentimentScore } = parseComment(comment);
  if (sentimentScore === null) return { language, sentiment: null, sentimentScore: null, themeIds: [] };
  return { language, sentiment: sentimentValue[sentimentLabelOf(sentimentScore)], sentimentScore, themeIds: themesIn(matcher, tokens, touchpointId) };
}

/** Character ranges of a comment where any of `terms` occurs: what the comments list highlights. */
export function termSpans(comment: string, terms: readonly string[]): Array<{ start: number; end: number }> {
  const matcher = compileCodebook({ version: 0, themes: [{ id: 1, terms, touchpointIds: [] }] });
  const tokens = tokensOf(comment);
  if (comment.toLowerCase().length !== comment.length) return [];
  const spans = matchesIn(matcher, tokens)
    .map((m) => ({ start: tokens[m.from]!.start, end: tokens[m.to]!.end }))
    // Of terms starting at one word, the longest is highlighted ("charged twice", not "charged").
    .sort((a, b) => a.start - b.start || b.end - a.end);
  // A span overlapping one already kept is dropped (compared with the last kept, not the last seen).
  const kept: Array<{ start: number; end: number }> = [];
  for (const span of spans) if (kept.length === 0 || span.start >= kept.at(-1)!.end) kept.push(span);
  return kept;
}

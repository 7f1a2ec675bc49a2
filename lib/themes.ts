// Themes' vocabularies and the one codebook schema: what a theme is (words and phrases, optionally limited to some
// touchpoints), the sentiment labels and the levels theme views read. Shared by pages, router, CLI, API and model file.
import { z } from "zod";
import { text } from "./schemas";

/** How a comment reads: negative, neutral or positive; "not_analysed" for a language other than English. */
export const sentimentLabels = ["negative", "neutral", "positive"] as const;
export type SentimentLabel = (typeof sentimentLabels)[number];

/** Stored per response as -1, 0 or 1 (null: no comment, or not analysed). */
export const sentimentValue: Record<SentimentLabel, -1 | 0 | 1> = { negative: -1, neutral: 0, positive: 1 };

/**
 * A comment's sentiment score (wink-nlp, −1 to 1) at or beyond these reads negative or positive; between is neutral.
 * Chosen for the best accuracy on the labelled fixture (tests/fixtures/comments, README there): wink's lexicon finds
 * no opinion word in many complaints ("Two hours. Two. Hours." scores 0), and three in four of the fixture's comments
 * scoring 0 are complaints, so 0 and below read negative; mild praise ("Really easy", 0.29) scores 0.25–0.45, so
 * "Fine." (0.4) reads positive too. The price: a factual comment ("Paid cash.") reads negative, and neutral is weak.
 */
export const SENTIMENT_NEGATIVE_MAX = 0;
export const SENTIMENT_POSITIVE_MIN = 0.25;

export function sentimentLabelOf(score: number): SentimentLabel {
  if (score <= SENTIMENT_NEGATIVE_MAX) return "negative";
  if (score >= SENTIMENT_POSITIVE_MIN) return "positive";
  return "neutral";
}

/** The language comments are analysed in; others are recorded and counted but not tagged. */
export const ANALYSED_LANGUAGE = "eng";

/** Where a theme view looks. */
export const themeLevels = ["program", "touchpoint", "stage", "journey", "department", "location"] as const;
export type ThemeLevel = (typeof themeLevels)[number];

export const MAX_THEME_TERMS = 40;
export const MAX_THEMES = 200;

const term = text(80)
  .trim()
  .min(1, "a word or phrase cannot be empty")
  .refine((value) => /[\p{L}\p{N}]/u.test(value), { message: "a word or phrase needs at least one letter or digit" });

/** One theme of the codebook as an admin writes it (the setup form, the model file, the CLI). */
export const themeSchema = z.object({
  name: text(80).trim().min(1, "give the theme a name, e.g. Service charge"),
  description: text(500).trim().nullable().default(null),
  /** Words and phrases; each matches its other forms too ("charge" matches "charges" and "charged"). */
  terms: z
    .array(term)
    .min(1, "list at least one word or phrase, e.g. service charge")
    .max(MAX_THEME_TERMS, `at most ${MAX_THEME_TERMS} words or phrases per theme`),
  /** Touchpoint codes the theme is limited to; empty for every touchpoint. */
  touchpointCodes: z.array(text(64).trim().min(1)).max(500).default([]),
  active: z.boolean().default(true),
});
export type ThemeInput = z.input<typeof themeSchema>;
export type Theme = z.infer<typeof themeSchema>;

/** Split what an admin typed (one term per line or comma) into terms. */
export function splitTerms(typed: string): string[] {
  return typed
    .split(/[\n,;]+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

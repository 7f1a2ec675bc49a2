// A theme as the Setup › Themes form holds it (terms as typed), what the form sends, and the server's problems
// placed at the form's fields. Pure, shared by the form and the suggestions panel's "Add as theme".
import type { RouterOutputs } from "@/lib/router-types";
import { splitTerms, type ThemeInput } from "@/lib/themes";

export type CodebookList = RouterOutputs["themeCodebook"]["list"];
export type CodebookTheme = CodebookList["themes"][number];
export type CodebookTouchpoint = CodebookList["touchpoints"][number];

export interface ThemeDraft {
  name: string;
  description: string;
  /** As typed: one word or phrase per line, or separated by commas. */
  terms: string;
  touchpointCodes: string[];
  active: boolean;
}

export type ThemeField = "name" | "description" | "terms" | "touchpointCodes";

export const newThemeDraft: ThemeDraft = { name: "", description: "", terms: "", touchpointCodes: [], active: true };

export function draftOf(theme: CodebookTheme): ThemeDraft {
  return {
    name: theme.name,
    description: theme.description ?? "",
    terms: theme.terms.join("\n"),
    touchpointCodes: theme.touchpointCodes,
    active: theme.active,
  };
}

/** A suggested phrase as a new theme: named after it ("Card machine"), the phrase its first term. */
export function draftFromPhrase(phrase: string): ThemeDraft {
  const name = phrase.charAt(0).toUpperCase() + phrase.slice(1);
  return { ...newThemeDraft, name, terms: phrase };
}

export function themeInputOf(draft: ThemeDraft): ThemeInput {
  return {
    name: draft.name,
    description: draft.description.trim() ? draft.description : null,
    terms: splitTerms(draft.terms),
    touchpointCodes: draft.touchpointCodes,
    active: draft.active,
  };
}

type Problems = Partial<Record<ThemeField, string>> & { other?: string };

/**
 * The server's problems at the form's fields: "terms.2" names the third term, said with its words; a name already
 * taken (a conflict) sits at the name; anything else is said above the buttons.
 */
export function themeProblems(byField: Record<string, string>, error: { message: string; data?: { code?: string } | null } | null, terms: string[]): Problems {
  if (!error) return {};
  const problems: Problems = {};
  const add = (field: ThemeField, message: string) => (problems[field] = problems[field] ? `${problems[field]}; ${message}` : message);
  for (const [path, message] of Object.entries(byField)) {
    const [field, index] = path.split(".");
    if (field === "terms" && index !== undefined) add("terms", `“${terms[Number(index)] ?? ""}”: ${message}`);
    else if (field === "name" || field === "description" || field === "terms" || field === "touchpointCodes") add(field, message);
  }
  if (error.data?.code === "CONFLICT") add("name", error.message);
  if (Object.keys(problems).length === 0) problems.other = error.message;
  return problems;
}

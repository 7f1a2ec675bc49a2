// Finds a rule's words in a comment: each word or phrase whole (not inside a longer word), case-insensitive,
// any run of spaces between a phrase's words. Pure, so the rule reads the same in a test as in an import.

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One pattern per word or phrase: "never again" matches "Never  again!" but "manager" not "managerial". */
function phrasePattern(phrase: string): RegExp {
  const body = phrase.trim().split(/\s+/).map(escape).join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, "iu");
}

/** The words and phrases of `words` found in `comment`, in the rule's order. */
export function matchedWords(comment: string, words: readonly string[]): string[] {
  return words.filter((word) => word.trim() !== "" && phrasePattern(word).test(comment));
}

/** LIKE patterns that find candidate comments in SQL before the whole-word test above decides. */
export function likePatterns(words: readonly string[]): string[] {
  return words.map(
    (word) =>
      `%${word
        .trim()
        .split(/\s+/)[0]!
        .replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
  );
}

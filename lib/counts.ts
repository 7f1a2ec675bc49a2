// Counts as people read them, on pages, in messages and at the CLI: thousands separated, the noun in the right number.
// One helper each, so "1 rows" and "14414 responses" cannot come back in one corner of the product.

/** A plain count: "1,234". */
export function formatNumber(n: number): string {
  return n.toLocaleString("en-US");
}

/** A count with its noun, in the right number: "1 response", "1,234 responses". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

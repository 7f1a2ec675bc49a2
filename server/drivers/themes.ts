// Themes as key drivers, pure: for each theme mentioned in the scope, its presence's correlation with the outcome
// and the outcome with and without it (server/metrics/key-drivers.ts), significant ones ranked by |r|.
import { themeDriverStatistics, type ThemeDriverStatistics } from "@/server/metrics/key-drivers";
import type { ThemeOutcomeRow } from "./read";

export type ThemeDriver = ThemeDriverStatistics & {
  themeId: number;
  name: string;
  /** 1 for the significant theme with the largest |r|; null for one that is not significant (or has too few answers). */
  rank: number | null;
};

export interface ThemeDriverAnalysis {
  outcome: string;
  /** Commented responses that answered the outcome: the themes' common base (theme 0). */
  n: number;
  /** Answers needed both among those mentioning a theme and among the rest: the minimum-sample setting. */
  minimum: number;
  themes: ThemeDriver[];
}

const strength = (t: ThemeDriver) => (t.status === "ok" ? Math.abs(t.r) : -1);
const significant = (t: ThemeDriver) => t.status === "ok" && t.significant;

/**
 * Every theme with at least one mention among the commented responses that answered the outcome: significant ones
 * first by |r| (ranked), then the others by |r|, then those with too few answers by their mentions.
 */
export function analyseThemeDrivers(outcome: string, rows: readonly ThemeOutcomeRow[], minimum: number): ThemeDriverAnalysis {
  const baseline = rows.find((row) => row.themeId === 0);
  const all = { n: baseline?.n ?? 0, sum: baseline?.sum ?? 0, sumOfSquares: baseline?.sumOfSquares ?? 0 };
  const themes = rows
    .filter((row) => row.themeId !== 0 && row.n > 0)
    .map((row): ThemeDriver => ({
      ...themeDriverStatistics({ all, mentioned: { n: row.n, sum: row.sum, sumOfSquares: row.sumOfSquares } }, minimum),
      themeId: row.themeId,
      name: row.name ?? `Theme ${row.themeId}`,
      rank: null,
    }))
    .sort((a, b) => Number(significant(b)) - Number(significant(a)) || strength(b) - strength(a) || b.mentions - a.mentions || a.name.localeCompare(b.name));
  themes.filter(significant).forEach((theme, i) => (theme.rank = i + 1));
  return { outcome, n: all.n, minimum: Math.max(2, minimum), themes };
}

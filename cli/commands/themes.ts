// `themes`: what the comments are about in a scope and period, from the theme roll-ups — the same rows as
// GET /api/v1/themes, printed as a table, JSON or CSV; `themes retag` brings history in line with the codebook now.
import { Option, type Command } from "commander";
import { countOf, formatNumber } from "@/lib/counts";
import { toCsv } from "@/lib/csv";
import { themeLevels } from "@/lib/themes";
import { retagAll, retagProgress } from "@/server/themes/retag";
import { flattenThemeRow, resolveThemeQuery, themeRows, type ThemeRow } from "@/server/themes/api";
import { withDatabase } from "../shared";

const share = (value: number | null, low: number | null, high: number | null) =>
  value === null ? "too few" : `${value.toFixed(1)}% (${low!.toFixed(1)}–${high!.toFixed(1)})`;

const notComparableWords = { no_comparison_data: "no comments before", no_current_data: "no comments now", too_few: "too few to compare" } as const;

function changeWords(row: ThemeRow): string {
  if (row.notComparableWhy) return notComparableWords[row.notComparableWhy];
  const points = `${row.change! > 0 ? "+" : row.change! < 0 ? "−" : "±"}${Math.abs(row.change!).toFixed(1)} pts`;
  return row.significant ? `${points} ${row.direction} (p ${row.pValue! < 0.001 ? "< 0.001" : `= ${row.pValue!.toFixed(3)}`})` : `${points} steady`;
}

/** A table: one line per theme, most comments first, under a heading naming the scope, period and comparison. */
function asTable(rows: ThemeRow[], heading: string): string {
  if (rows.length === 0) return `${heading}\n  no active themes here (add them on Setup › Themes)\n`;
  const first = rows[0]!;
  const header = ["Theme", "Comments", "Share", "Detractor share", "Sentiment", "Change"];
  const lines = rows.map((r) => [
    r.theme,
    formatNumber(r.comments),
    share(r.share, r.shareLow, r.shareHigh),
    share(r.detractorShare, r.detractorShareLow, r.detractorShareHigh),
    r.sentiment === null ? "too few" : `${r.sentiment.toFixed(2)} ± ${r.sentimentMargin!.toFixed(2)}`,
    changeWords(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join("  ")}`.trimEnd();
  const totals = `${countOf(first.totalComments, "comment")} (${formatNumber(first.totalDetractorComments)} from detractors); before: ${formatNumber(first.previousTotalComments)}`;
  return `${heading}: ${totals}\n${format(header)}\n${lines.map(format).join("\n")}\n`;
}

export function registerThemeCommands(program: Command): void {
  const themes = program
    .command("themes")
    .description("What the comments are about: each theme's comments, share, detractor share, sentiment and change (as GET /api/v1/themes).")
    .addOption(new Option("--level <level>", "where to look").choices(themeLevels).default("program"))
    .option("--id <id>", "the journey's, stage's or department's id; a touchpoint's or location's id or code")
    .option("--from <YYYY-MM-DD>", "first day (default: 12 months before --to)")
    .option("--to <YYYY-MM-DD>", "last day (default: the last day with data)")
    .option("--location <CODE>", "only comments given at this site, or in this region")
    .option("--json", "print the rows as JSON")
    .option("--csv", "print the rows as CSV")
    .action((options: { level: string; id?: string; from?: string; to?: string; location?: string; json?: boolean; csv?: boolean }) =>
      withDatabase(async ({ db }) => {
        const { json, csv, ...parameters } = options;
        const query = await resolveThemeQuery(db, parameters);
        const rows = await themeRows(db, query);
        if (json) return void process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
        if (csv) return void process.stdout.write(toCsv(rows.map(flattenThemeRow)));
        const where = `${query.level}${query.id === null ? "" : ` ${query.id}`}${query.location ? ` at ${query.location}` : ""}`;
        process.stdout.write(asTable(rows, `Themes of the ${where}, ${query.from} to ${query.to} against ${query.compareFrom} to ${query.compareTo}`));
      }),
    );
  themes
    .command("retag")
    .description("Re-tag every comment still carrying an older codebook's themes (what the background job does), batch by batch, with progress.")
    .action(() =>
      withDatabase(async ({ db }) => {
        const before = await retagProgress(db);
        if (before.pending > 0) console.error(`${countOf(before.pending, "comment")} to re-tag with codebook version ${before.version}…`);
        const retagged = await retagAll(db, (done) => console.error(`  ${formatNumber(done)} of ${formatNumber(before.pending)} re-tagged`));
        console.log(
          retagged === 0
            ? `Every comment already carries codebook version ${before.version}: nothing to re-tag.`
            : `Re-tagged ${countOf(retagged, "comment")} with codebook version ${before.version}.`,
        );
      }),
    );
}

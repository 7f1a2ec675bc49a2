// `drivers`: the key drivers of an outcome for a scope and period, and the themes as drivers, from the roll-ups — the
// same rows as GET /api/v1/drivers, with the same defaults and refusals; printed as lines, JSON or CSV.
import { Option, type Command } from "commander";
import { toCsv } from "@/lib/csv";
import { driverScopes } from "@/lib/key-drivers";
import { driverRows, flattenDriverRow, resolveDriverQuery, type DriverRow, type ThemeDriverRow } from "@/server/drivers/api";
import { withDatabase } from "../shared";

const figure = (value: number | null, digits = 1) => (value === null ? "–" : value.toFixed(digits));

/** One line per row, in words: the status (with n) first, then each driver or why it was left out. */
function asLines(rows: DriverRow[]): string {
  const first = rows[0]!;
  const head = `${first.name}, ${first.from} to ${first.to}${first.location ? ` at ${first.location}` : ""}: what drives ${first.outcomeName}`;
  if (first.status !== "ok") {
    const why = { insufficient: "insufficient data", singular: "drivers too closely related to separate", no_drivers: "no other metric asked with it" }[
      first.status
    ];
    return `${head}\n  ${why} (n = ${first.n}${first.minimum === null ? "" : `; at least ${first.minimum} needed`})\n`;
  }
  const lines = rows.map((r) => {
    if (r.skippedWhy) return `  left out  ${r.driverName} (n = ${r.driverN}): ${r.skippedWhy}${r.skippedWith ? ` with ${r.skippedWith}` : ""}`;
    const place = r.rank === null ? "not sig." : `#${r.rank}`;
    return `  ${place.padEnd(8)}  ${r.driverName}: weight ${figure(r.weight)}%, coefficient ${figure(r.coefficient, 2)} ± ${figure(r.margin, 2)}, performance ${figure(r.performance)}, n = ${r.driverN}`;
  });
  return `${head} (R² ${figure(first.rSquared, 2)}, n = ${first.n})\n${lines.join("\n")}\n`;
}

const signed = (value: number, digits: number) => `${value < 0 ? "−" : "+"}${Math.abs(value).toFixed(digits)}`;

/** The themes as drivers, one line each: r with its interval, the outcome with and without the theme, or why not. */
function themeLines(themes: ThemeDriverRow[]): string {
  if (themes.length === 0) return "Themes as drivers: no theme mentioned in comments that answered the outcome\n";
  const lines = themes.map((t) => {
    if (t.status === "insufficient")
      return `  too few   ${t.themeName}: ${t.mentions} of n = ${t.n} mention it; at least ${t.minimum} with and ${t.minimum} without needed`;
    if (t.status === "constant") return `  –         ${t.themeName}: everyone gave the same answer (n = ${t.n})`;
    const place = t.rank === null ? "not sig." : `#${t.rank}`;
    return (
      `  ${place.padEnd(8)}  ${t.themeName}: r = ${signed(t.r!, 2)} (95% CI ${signed(t.rLow!, 2)} to ${signed(t.rHigh!, 2)}), ` +
      `${figure(t.withMean, 2)} with vs ${figure(t.withoutMean, 2)} without (${signed(t.difference!, 2)} ± ${figure(t.differenceMargin, 2)}), ${t.mentions} of n = ${t.n}`
    );
  });
  return `Themes as drivers (commented responses):\n${lines.join("\n")}\n`;
}

export function registerDriverCommands(program: Command): void {
  program
    .command("drivers")
    .description("Key drivers of an outcome for a scope and period, and the themes as drivers, from the roll-ups (as GET /api/v1/drivers).")
    .addOption(new Option("--scope <scope>", "what to explain").choices(driverScopes).default("program"))
    .option("--id <id>", "the journey's, stage's or department's id; a touchpoint's or location's id or code")
    .option("--from <YYYY-MM-DD>", "first day (default: 12 months before --to)")
    .option("--to <YYYY-MM-DD>", "last day (default: the last day with data)")
    .option("--outcome <code>", "the metric to explain (default: nps)")
    .option("--location <CODE>", "only responses given at this site, or in this region")
    .option("--json", "print { rows, themes } as JSON (the API's rows and themes)")
    .option("--csv", "print the drivers' rows as CSV (with --themes, the themes' rows)")
    .option("--themes", "only the themes as drivers")
    .action(
      (options: {
        scope: string;
        id?: string;
        from?: string;
        to?: string;
        outcome?: string;
        location?: string;
        json?: boolean;
        csv?: boolean;
        themes?: boolean;
      }) =>
        withDatabase(async ({ db }) => {
          const { json, csv, themes: onlyThemes, ...parameters } = options;
          const query = await resolveDriverQuery(db, parameters);
          const { rows, themes } = await driverRows(db, query);
          if (json) return void process.stdout.write(JSON.stringify(onlyThemes ? { themes } : { rows, themes }, null, 2) + "\n");
          if (csv) return void process.stdout.write(onlyThemes ? toCsv(themes.map(flattenDriverRow)) : toCsv(rows.map(flattenDriverRow)));
          process.stdout.write(onlyThemes ? themeLines(themes) : `${asLines(rows)}${themeLines(themes)}`);
        }),
    );
}

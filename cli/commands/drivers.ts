// `drivers`: the key drivers of an outcome for a scope and period, from the metric-pair roll-ups — the same rows as
// GET /api/v1/drivers, with the same defaults and refusals; printed as lines, JSON or CSV.
import { Option, type Command } from "commander";
import { toCsv } from "@/lib/csv";
import { driverScopes } from "@/lib/key-drivers";
import { driverRows, flattenDriverRow, resolveDriverQuery, type DriverRow } from "@/server/drivers/api";
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

export function registerDriverCommands(program: Command): void {
  program
    .command("drivers")
    .description("Key drivers of an outcome for a scope and period, from the metric-pair roll-ups (as GET /api/v1/drivers).")
    .addOption(new Option("--scope <scope>", "what to explain").choices(driverScopes).default("program"))
    .option("--id <id>", "the journey's, stage's or department's id; a touchpoint's or location's id or code")
    .option("--from <YYYY-MM-DD>", "first day (default: 12 months before --to)")
    .option("--to <YYYY-MM-DD>", "last day (default: the last day with data)")
    .option("--outcome <code>", "the metric to explain (default: nps)")
    .option("--location <CODE>", "only responses given at this site, or in this region")
    .option("--json", "print the rows as JSON")
    .option("--csv", "print the rows as CSV")
    .action((options: { scope: string; id?: string; from?: string; to?: string; outcome?: string; location?: string; json?: boolean; csv?: boolean }) =>
      withDatabase(async ({ db }) => {
        const { json, csv, ...parameters } = options;
        const query = await resolveDriverQuery(db, parameters);
        const rows = await driverRows(db, query);
        if (json) return void process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
        if (csv) return void process.stdout.write(toCsv(rows.map(flattenDriverRow)));
        process.stdout.write(asLines(rows));
      }),
    );
}

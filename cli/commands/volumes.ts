// `volumes import|list`: touchpoints' monthly transactions (the base of contacts per 1,000 transactions), as CSV
// with columns touchpoint, month, transactions; imported all-or-nothing through the same domain function as the page.
import fs from "node:fs";
import { Option, type Command } from "commander";
import { countOf } from "@/lib/counts";
import { toCsv } from "@/lib/csv";
import { formatMonth } from "@/lib/dates";
import { checkVolumeRows, parseVolumeCsv, problemText, type VolumeProblem } from "@/lib/touchpoint-volumes";
import { cliActor } from "@/server/audit";
import { listTouchpointVolumes, setTouchpointVolumes } from "@/server/contacts/volumes";
import { DomainError } from "@/server/errors";
import { CliError, withDatabase } from "../shared";

/** Far above 10,000 rows of `CODE,YYYY-MM,number`; a bigger file is not a volumes file. */
const MAX_FILE_BYTES = 5 * 1_048_576;

function readVolumeFile(file: string): string {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new CliError(`Cannot read ${file}: check the path.`);
  }
  if (size > MAX_FILE_BYTES) throw new CliError(`${file} is larger than 5 MB; a volumes file holds at most 10,000 rows of touchpoint,month,transactions.`);
  return fs.readFileSync(file, "utf8");
}

function refusal(file: string, problems: readonly Pick<VolumeProblem, "field" | "message">[]): CliError {
  return new CliError(`${file}: ${countOf(problems.length, "problem")}, nothing was saved:\n` + problems.map((p) => `  ${file}: ${problemText(p)}`).join("\n"));
}

export function registerVolumeCommands(program: Command): void {
  const volumes = program.command("volumes").description("Touchpoints' monthly transactions, for contacts per 1,000 transactions.");
  volumes
    .command("import")
    .description("Set monthly volumes from a CSV file with columns touchpoint, month (YYYY-MM), transactions; all-or-nothing, safe to run twice.")
    .argument("<file>")
    .action((file: string) => {
      const parsed = parseVolumeCsv(readVolumeFile(file));
      // Text that does not read as rows is refused here, with the rows' other problems; the rest the domain names.
      if (parsed.problems.length) {
        const checked = checkVolumeRows(parsed.rows);
        throw refusal(
          file,
          [...parsed.problems, ...(checked.ok ? [] : checked.problems)].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
        );
      }
      return withDatabase(async ({ db }) => {
        try {
          const saved = await setTouchpointVolumes(db, cliActor, { rows: parsed.rows });
          console.log(
            `Saved ${countOf(saved.rows, "monthly volume")} for ${countOf(saved.touchpoints.length, "touchpoint")} (${formatMonth(saved.from)} to ${formatMonth(saved.to)}): ` +
              `${saved.created} new, ${saved.updated} changed, ${saved.unchanged} unchanged.`,
          );
        } catch (error) {
          if (error instanceof DomainError && error.kind === "invalid" && error.problems.length) throw refusal(file, error.problems);
          throw error;
        }
      });
    });
  volumes
    .command("list")
    .description("Every monthly volume as CSV (touchpoint, month, transactions), which `volumes import` reads back.")
    .option("--touchpoint <CODE>", "only this touchpoint")
    .option("--from <YYYY-MM>", "first month")
    .option("--to <YYYY-MM>", "last month")
    .addOption(new Option("--format <format>", "output format").choices(["csv", "json"]).default("csv"))
    .action((options: { touchpoint?: string; from?: string; to?: string; format: "csv" | "json" }) =>
      withDatabase(async ({ db }) => {
        const rows = await listTouchpointVolumes(db, { touchpoint: options.touchpoint, from: options.from, to: options.to });
        if (options.format === "json") {
          process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
        } else if (rows.length === 0) {
          console.error(options.touchpoint ? `${options.touchpoint.toUpperCase()} has no monthly volumes yet.` : "No monthly volumes yet.");
        } else {
          process.stdout.write(toCsv(rows.map((r) => ({ touchpoint: r.touchpoint, month: r.month, transactions: r.transactions }))));
        }
      }),
    );
}

// `settings show|set` and `scores`: the program's settings and its scores from the roll-ups.
import { Argument, Option, type Command } from "commander";
import { cliActor } from "@/server/audit";
import { toCsv } from "@/lib/csv";
import { flattenScoreRow, resolveScoreQuery, scoreGrains, scoreLevels, scoreRows } from "@/server/scores/api";
import { readSetting, settingDefinitions, settingKeys, writeSetting } from "@/server/settings/program-settings";
import { withDatabase } from "../shared";

export function registerSettingsCommands(program: Command): void {
  const settingsCommand = program.command("settings").description("Program settings.");
  settingsCommand
    .command("show")
    .description("Print every setting with its current value.")
    .action(() =>
      withDatabase(async ({ db }) => {
        for (const key of settingKeys) console.log(`${key} = ${await readSetting(db, key)}  (${settingDefinitions[key].description})`);
      }),
    );
  settingsCommand
    .command("set")
    .description("Change a setting, e.g. `settings set minimum_sample 50`.")
    .addArgument(new Argument("<key>").choices(settingKeys))
    .argument("<value>")
    .action((key: (typeof settingKeys)[number], value: string) =>
      withDatabase(async ({ db }) => {
        console.log(`${key} = ${await writeSetting(db, cliActor, { key, value })}`);
      }),
    );

  program
    .command("scores")
    .description("Scores per program, journey, stage, touchpoint, department, location or region, from the roll-up tables (as GET /api/v1/scores).")
    .addOption(new Option("--level <level>", "which entities").choices(scoreLevels).makeOptionMandatory())
    .option("--from <YYYY-MM-DD>", "first day (default: 12 months before --to)")
    .option("--to <YYYY-MM-DD>", "last day (default: the last day with data)")
    .addOption(new Option("--grain <grain>", "one row per entity and period").choices(scoreGrains).default("none"))
    .option("--location <CODE>", "only responses given at this site, or in this region")
    .option("--region <CODE>", "only responses given in this region")
    .addOption(new Option("--format <format>", "output format").choices(["json", "csv"]).default("json"))
    .action((options: { level: string; from?: string; to?: string; grain: string; location?: string; region?: string; format: "json" | "csv" }) =>
      withDatabase(async ({ db }) => {
        const { format: _format, ...parameters } = options;
        const query = await resolveScoreQuery(db, parameters);
        const rows = await scoreRows(db, query);
        process.stdout.write(options.format === "csv" ? toCsv(rows.map(flattenScoreRow)) : JSON.stringify(rows, null, 2) + "\n");
      }),
    );
}

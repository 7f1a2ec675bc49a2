// Throughline's command line: `npm run cli -- <command>`. Each command is a thin shell over a domain
// module; with the embedded database it talks to the running app's server rather than opening its files.
import fs from "node:fs";
import { Argument, Command, CommanderError, Option } from "commander";
import { sql } from "drizzle-orm";
import type { DatabaseConnection } from "@/db/client";
import { userRoles } from "@/db/schema";
import { cliActor } from "@/server/audit";
import { cliDatabase } from "@/server/database";
import { importFile, importSources, type ImportSummary } from "@/server/imports/pipeline";
import { ImportError } from "@/server/imports/source-file";
import { ModelImportError, exportModel, importModel } from "@/server/model/transfer";
import { setUserActive, addUser, userIdByEmail, UserInputError } from "@/server/people/users";
import { toCsv } from "@/server/export/csv";
import { rebuildRollups } from "@/server/rollups/maintain";
import { readSetting, settingDefinitions, settingKeys, writeSetting } from "@/server/settings/program-settings";
import { flattenScoreRow, resolveScoreQuery, scoreGrains, scoreLevels, scoreRows } from "@/server/scores/api";
import { seedDemoCompany } from "@/server/seed/demo";
import { createApiToken } from "@/server/tokens/api-tokens";

/** A failure the user can fix: printed without a stack trace, exit code 1. */
class CliError extends Error {}

async function withDatabase<T>(work: (connection: DatabaseConnection) => Promise<T>, options?: { migrate?: boolean }): Promise<T> {
  const connection = await cliDatabase(options);
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError("--password-stdin expects the password on standard input, e.g. `echo \"$PW\" | npm run cli -- user add ...`.");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new CliError(`Cannot read ${file}: check the path.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

export function buildProgram(): Command {
  const program = new Command("throughline")
    .description("Throughline command line. Uses DATABASE_URL when set, otherwise the embedded database in THROUGHLINE_DATA_DIR (.data/).")
    .showHelpAfterError()
    .exitOverride();

  const db = program.command("db").description("Database maintenance.");
  db.command("migrate")
    .description("Apply the committed migrations (the app also does this at start).")
    .action(() =>
      withDatabase(async () => {
        console.log("Migrations applied.");
      }),
    );

  program
    .command("seed")
    .description("Seed data.")
    .command("demo")
    .description("Seed the Larder & Lane demo company (12 months of responses) into an empty database.")
    .option("--end-date <YYYY-MM-DD>", "last day with responses (default: today)")
    .action((options: { endDate?: string }) =>
      withDatabase(async ({ db }) => {
        const endDate = options.endDate ? new Date(`${options.endDate}T00:00:00Z`) : undefined;
        if (endDate && Number.isNaN(endDate.getTime())) throw new CliError(`--end-date ${options.endDate} is not a date (YYYY-MM-DD).`);
        const [row] = await db.execute<{ count: number }>(sql`select count(*)::int as count from departments`);
        if (row && row.count > 0) throw new CliError("The database already has a model; `seed demo` only seeds an empty database.");
        const summary = await seedDemoCompany(db, { endDate });
        console.log(`Seeded ${summary.touchpoints} touchpoints and ${summary.responses} responses in ${summary.seconds.toFixed(1)} s.`);
      }),
    );

  const user = program.command("user").description("People who sign in.");
  user
    .command("add")
    .description("Add a user. The password, if any, is read from standard input.")
    .requiredOption("--email <email>", "sign-in email (unique, case-insensitive)")
    .requiredOption("--name <name>", "display name")
    .addOption(new Option("--role <role>", "what they may do").choices(userRoles).makeOptionMandatory())
    .option("--department <name>", "department name (owners usually have one)")
    .option("--password-stdin", "read the password from standard input (at least 10 characters)")
    .action((options: { email: string; name: string; role: (typeof userRoles)[number]; department?: string; passwordStdin?: boolean }) =>
      withDatabase(async ({ db }) => {
        const password = options.passwordStdin ? await readStdin() : null;
        const id = await addUser(db, cliActor, { ...options, password });
        console.log(`Added ${options.role} ${options.email} (id ${id}).${password ? "" : " No password: they can sign in through SSO only."}`);
      }),
    );
  user
    .command("deactivate")
    .description("End a user's access at once (their next request is refused).")
    .argument("<email>")
    .action((email: string) =>
      withDatabase(async ({ db }) => {
        const id = await userIdByEmail(db, email);
        if (!id) throw new CliError(`No user with email ${email}.`);
        await setUserActive(db, cliActor, { userId: id, active: false });
        console.log(`Deactivated ${email}.`);
      }),
    );

  program
    .command("token")
    .description("API tokens for the HTTP API.")
    .command("add")
    .description("Create an API token and print it once; only its hash is stored.")
    .requiredOption("--name <name>", "what the token is for, e.g. 'Qualtrics nightly push'")
    .action((options: { name: string }) =>
      withDatabase(async ({ db }) => {
        const token = await createApiToken(db, cliActor, options.name);
        console.log(token);
        console.error(`Token "${options.name}" created. Store it now: it cannot be shown again.`);
      }),
    );

  const model = program.command("model").description("The experience model as one JSON file.");
  model
    .command("export")
    .description("Write departments, people, journeys, stages, touchpoints and targets to a JSON file.")
    .argument("<file>")
    .action((file: string) =>
      withDatabase(async ({ db }) => {
        fs.writeFileSync(file, JSON.stringify(await exportModel(db), null, 2) + "\n");
        console.log(`Model written to ${file}.`);
      }),
    );
  model
    .command("import")
    .description("Validate a model file and apply it all-or-nothing (upserts by code, email and name; safe to run twice).")
    .argument("<file>")
    .action((file: string) =>
      withDatabase(async ({ db }) => {
        const document = readJsonFile(file);
        try {
          const summary = await importModel(db, cliActor, document);
          console.log(
            `Imported ${summary.departments} departments, ${summary.users} users, ${summary.touchpoints} touchpoints, ` +
              `${summary.journeys} journeys with ${summary.stages} stages.`,
          );
        } catch (error) {
          if (error instanceof ModelImportError) {
            throw new CliError(
              `${file}: ${error.modelProblems.length} problem(s), nothing was written:\n` +
                error.modelProblems.map((p) => `  ${file}: ${p.path}: ${p.message}`).join("\n"),
            );
          }
          throw error;
        }
      }),
    );

  program
    .command("rollup")
    .description("Roll-up tables.")
    .command("rebuild")
    .description("Recompute the daily and monthly roll-ups from every stored response.")
    .action(() =>
      withDatabase(async ({ db }) => {
        const started = performance.now();
        await db.transaction((tx) => rebuildRollups(tx));
        console.log(`Roll-ups rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      }),
    );

  program
    .command("import")
    .description("Import a survey export (Qualtrics, SurveyMonkey, Typeform or plain CSV): validated, all-or-nothing, idempotent.")
    .argument("<file>")
    .addOption(new Option("--source <source>", "what wrote the file").choices(importSources).default("auto"))
    .option("--mapping <template>", "use this saved mapping template")
    .option("--touchpoint <code>", "every response in the file is about this touchpoint")
    .option("--dry-run", "validate and print the preview; write nothing")
    .option("--valid-only", "import the valid rows even when some are rejected (recorded on the batch)")
    .action((file: string, options: { source: (typeof importSources)[number]; mapping?: string; touchpoint?: string; dryRun?: boolean; validOnly?: boolean }) =>
      withDatabase(async ({ db }) => {
        if (!fs.existsSync(file)) throw new CliError(`Cannot read ${file}: check the path.`);
        const progress = process.stderr.isTTY
          ? (p: { phase: string; rows: number }) => process.stderr.write(`\r${p.phase} … ${p.rows.toLocaleString("en-US")} rows`)
          : undefined;
        let summary: ImportSummary;
        try {
          summary = await importFile(db, file, {
            fileName: file.split("/").pop() ?? file,
            source: options.source,
            template: options.mapping,
            touchpoint: options.touchpoint,
            dryRun: options.dryRun,
            validOnly: options.validOnly,
            actor: cliActor,
            onProgress: progress,
          });
        } catch (error) {
          if (error instanceof ImportError) throw new CliError(error.message);
          throw error;
        }
        if (progress) process.stderr.write("\n");
        console.log(`${file}: ${summary.format} export, ${summary.rowsRead} rows read`);
        console.log(`  valid: ${summary.valid} (already imported: ${summary.duplicates})`);
        for (const [reason, count] of Object.entries(summary.skipped)) console.log(`  skipped, ${reason}: ${count}`);
        console.log(`  rejected: ${summary.rejected}`);
        for (const r of summary.rejections) console.error(`  row ${r.row}, ${r.column}: ${r.message}`);
        if (summary.status === "refused") throw new CliError(`${summary.message} (Add --valid-only to do that.)`);
        console.log(summary.message);
      }),
    );

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
        try {
          console.log(`${key} = ${await writeSetting(db, cliActor, { key, value })}`);
        } catch (error) {
          throw new CliError((error as Error).message);
        }
      }),
    );

  program
    .command("scores")
    .description("Scores per program, journey, stage, touchpoint or department, from the roll-up tables (as GET /api/v1/scores).")
    .addOption(new Option("--level <level>", "which entities").choices(scoreLevels).makeOptionMandatory())
    .requiredOption("--from <YYYY-MM-DD>", "first day")
    .requiredOption("--to <YYYY-MM-DD>", "last day")
    .addOption(new Option("--grain <grain>", "one row per entity and period").choices(scoreGrains).default("none"))
    .addOption(new Option("--format <format>", "output format").choices(["json", "csv"]).default("json"))
    .action((options: { level: string; from: string; to: string; grain: string; format: "json" | "csv" }) =>
      withDatabase(async ({ db }) => {
        const query = await resolveScoreQuery(db, options);
        const rows = await scoreRows(db, query);
        process.stdout.write(options.format === "csv" ? toCsv(rows.map(flattenScoreRow)) : JSON.stringify(rows, null, 2) + "\n");
      }),
    );

  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 || error.code === "commander.helpDisplayed" ? 0 : error.exitCode || 2;
    if (error instanceof CliError || error instanceof UserInputError) {
      console.error(`error: ${error.message}`);
      return 1;
    }
    console.error(error);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

// Throughline's command line: `npm run cli -- <command>`. Each command group lives in cli/commands/ and is a
// thin shell over domain modules; with the embedded database it joins the running app's server as a client.
import "./log-to-stderr";
import { Command, CommanderError } from "commander";
import { DomainError } from "@/server/errors";
import { registerAlertCommands } from "./commands/alerts";
import { registerContactCommands } from "./commands/contacts";
import { registerDatabaseCommands } from "./commands/database";
import { registerDriverCommands } from "./commands/drivers";
import { registerImportCommands } from "./commands/imports";
import { registerModelCommands } from "./commands/model";
import { registerPeopleCommands } from "./commands/people";
import { registerPrivacyCommands } from "./commands/privacy";
import { registerSettingsCommands } from "./commands/settings";
import { registerThemeCommands } from "./commands/themes";
import { registerVolumeCommands } from "./commands/volumes";
import { CliError } from "./shared";

export function buildProgram(): Command {
  const program = new Command("throughline")
    .description("Throughline command line. Uses DATABASE_URL when set, otherwise the embedded database in THROUGHLINE_DATA_DIR (.data/).")
    .showHelpAfterError()
    .exitOverride();
  registerDatabaseCommands(program);
  registerPeopleCommands(program);
  registerModelCommands(program);
  registerImportCommands(program);
  registerSettingsCommands(program);
  registerContactCommands(program);
  registerVolumeCommands(program);
  registerDriverCommands(program);
  registerAlertCommands(program);
  registerThemeCommands(program);
  registerPrivacyCommands(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 || error.code === "commander.helpDisplayed" ? 0 : error.exitCode || 2;
    // A refusal in words (a bad file, a taken name, an unknown batch): the message, no stack trace.
    if (error instanceof CliError || error instanceof DomainError || (error instanceof Error && error.name === "EmbeddedDatabaseError")) {
      console.error(`error: ${error.message}`);
      return 1;
    }
    console.error(error);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

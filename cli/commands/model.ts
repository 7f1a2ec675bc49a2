// `model export` and `model import`: the experience model as one JSON file, applied all-or-nothing.
import fs from "node:fs";
import type { Command } from "commander";
import { cliActor } from "@/server/audit";
import { exportModel, importModel, ModelImportError } from "@/server/model/transfer";
import { CliError, readJsonFile, withDatabase } from "../shared";
import { countOf, formatNumber } from "@/lib/counts";

export function registerModelCommands(program: Command): void {
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
            `Imported ${countOf(summary.departments, "department")}, ${countOf(summary.users, "user")}, ${countOf(summary.touchpoints, "touchpoint")}, ` +
              `${countOf(summary.locations, "location")}, ${countOf(summary.journeys, "journey")} with ${countOf(summary.stages, "stage")}` +
              (summary.contactReasons !== undefined ? `, ${countOf(summary.contactReasons, "contact reason mapping")}` : "") +
              (summary.contactReasonRules !== undefined ? `, ${countOf(summary.contactReasonRules, "reason rule")}` : "") +
              (summary.themes !== undefined ? `, ${countOf(summary.themes, "theme")} (${formatNumber(summary.themesChanged ?? 0)} changed)` : "") +
              "." +
              // The CLI exits before a background re-tag could finish; the server's minutely run or `themes retag` does it.
              (summary.themesChanged
                ? " The codebook changed: run `npm run cli -- themes retag` to re-tag history now (the server does it within a minute)."
                : ""),
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
}

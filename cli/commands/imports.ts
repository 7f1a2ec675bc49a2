// `import <file>`, `import list` and `import revert <batch>`: survey exports in, the history, and undoing one.
import fs from "node:fs";
import { Option, type Command } from "commander";
import { entityIdText } from "@/lib/schemas";
import { cliActor } from "@/server/audit";
import { importHistory, revertImport } from "@/server/imports/history";
import { importFile, importSources, type ImportSummary } from "@/server/imports/pipeline";
import { CliError, confirm, withDatabase } from "../shared";
import { countOf } from "@/lib/counts";
import { batchKinds, type BatchKind } from "@/lib/enums";

const SHOWN_REJECTIONS = 20;

interface ImportFlags {
  source: (typeof importSources)[number];
  kind?: BatchKind;
  timeZone?: string;
  mapping?: string;
  touchpoint?: string;
  location?: string;
  dryRun?: boolean;
  validOnly?: boolean;
}

async function importOne(file: string, options: ImportFlags): Promise<void> {
  await withDatabase(async ({ db }) => {
    if (!fs.existsSync(file)) throw new CliError(`Cannot read ${file}: check the path.`);
    const progress = process.stderr.isTTY
      ? (p: { phase: string; rows: number }) => process.stderr.write(`\r${p.phase} … ${countOf(p.rows, "row")}`)
      : undefined;
    const summary: ImportSummary = await importFile(db, file, {
      fileName: file.split("/").pop() ?? file,
      source: options.source,
      kind: options.kind,
      timeZone: options.timeZone,
      template: options.mapping,
      touchpoint: options.touchpoint,
      location: options.location,
      dryRun: options.dryRun,
      validOnly: options.validOnly,
      actor: cliActor,
      onProgress: progress,
    });
    if (progress) process.stderr.write("\n");
    console.log(
      `${file}: ${summary.format} export of ${summary.kind === "contacts" ? "service contacts" : "survey responses"}, ${countOf(summary.rowsRead, "row")} read`,
    );
    console.log(`  valid: ${summary.valid} (already imported: ${summary.duplicates})`);
    for (const [reason, count] of Object.entries(summary.skipped)) console.log(`  skipped, ${reason}: ${count}`);
    console.log(`  rejected: ${summary.rejected}`);
    if (summary.unknownCodes.length) {
      const codes = summary.unknownCodes.map((c) => `${c.code}: ${countOf(c.rows, "row")}`).join(", ");
      console.error(`  unknown touchpoint codes: ${codes} (map them to touchpoints in a saved template with --mapping, or add the touchpoints)`);
    }
    if (summary.unknownLocations.length) {
      const codes = summary.unknownLocations.map((c) => `${c.code}: ${countOf(c.rows, "row")}`).join(", ");
      console.error(`  unknown location codes: ${codes} (map them to sites in a saved template with --mapping, or add the sites)`);
    }
    for (const r of summary.rejections.slice(0, SHOWN_REJECTIONS)) console.error(`  row ${r.row}, ${r.column}: ${r.message}`);
    if (summary.rejected > SHOWN_REJECTIONS) console.error(`  … and ${countOf(summary.rejected - SHOWN_REJECTIONS, "more rejected row")}`);
    if (summary.status === "refused") throw new CliError(`${summary.message} (Add --valid-only to do that.)`);
    console.log(summary.message);
  });
}

function batchNumber(raw: string): number {
  const id = entityIdText.safeParse(raw);
  if (!id.success) throw new CliError(`${raw} is not a batch number: \`import list\` shows them.`);
  return id.data;
}

export function registerImportCommands(program: Command): void {
  const command = program
    .command("import")
    .description(
      "Import a survey export (Qualtrics, SurveyMonkey, Typeform) or a support-tool export of contacts (Zendesk, Genesys Cloud, Salesforce), or plain CSV or XLSX: validated, all-or-nothing, idempotent. Also: `import list`, `import revert <batch>`.",
    )
    .argument("<file>")
    .addOption(new Option("--source <source>", "what wrote the file").choices(importSources).default("auto"))
    .addOption(new Option("--kind <kind>", "what the file holds (default: what its headers look like)").choices(batchKinds))
    .option("--time-zone <zone>", "the time zone of the file's times where the tool writes none (a Zendesk account's), e.g. Europe/London")
    .option("--mapping <template>", "use this saved mapping template")
    .option("--touchpoint <code>", "every response in the file is about this touchpoint (survey files)")
    .option("--location <code>", "every response or contact in the file happened at this site")
    .option("--dry-run", "validate and print the preview; write nothing")
    .option("--valid-only", "import the valid rows even when some are rejected (recorded on the batch)")
    .action(importOne);

  command
    .command("list")
    .description("The import history, newest first: batch, when, who, file, format, counts and status.")
    .option("--limit <n>", "how many batches", "50")
    .action((options: { limit: string }) =>
      withDatabase(async ({ db }) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliError("--limit: use a whole number from 1 to 1000.");
        const rows = await importHistory(db, limit);
        if (rows.length === 0) return console.log("No imports yet.");
        for (const b of rows) {
          const when = b.createdAt.toISOString().replace("T", " ").slice(0, 16);
          console.log(
            `${b.id}\t${when} UTC\t${b.createdBy ?? "cli/api"}\t${b.fileName}\t${b.sourceFormat}\t` +
              `${b.rowsImported ?? 0} ${b.kind} imported, ${b.rowsSkipped ?? 0} skipped, ${b.rowsRejected ?? 0} rejected\t${b.status}${b.revertedBy ? ` by ${b.revertedBy}` : ""}` +
              (b.status === "failed" && b.failureReason ? `: ${b.failureReason}` : ""),
          );
        }
      }),
    );

  command
    .command("revert")
    .description("Undo an imported batch: its responses leave and the roll-ups follow, in one transaction.")
    .argument("<batch>", "the batch number from `import list`")
    .option("--yes", "do not ask")
    .action((raw: string, options: { yes?: boolean }) =>
      withDatabase(async ({ db }) => {
        const batchId = batchNumber(raw);
        await confirm(`Revert import batch ${batchId}? Its responses or contacts leave every dashboard.`, options.yes);
        const kind = (await importHistory(db, 1, batchId))[0]?.kind;
        const removed = await revertImport(db, cliActor, batchId);
        console.log(`Reverted batch ${batchId}: ${countOf(removed, kind === "contacts" ? "contact" : "response")} removed.`);
      }),
    );
}

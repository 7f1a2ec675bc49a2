// `contacts`: failure demand per program, department, touchpoint, stage or reason from the contact roll-ups,
// the same rows as GET /api/v1/contacts, with the same defaults and limits.
import { Option, type Command } from "commander";
import { toCsv } from "@/lib/csv";
import { contactGrains, contactLevels, contactRows, flattenContactRow, resolveContactQuery } from "@/server/contacts/api";
import { withDatabase } from "../shared";

export function registerContactCommands(program: Command): void {
  program
    .command("contacts")
    .description("Contacts and failure demand per program, department, touchpoint, stage or reason, from the contact roll-ups (as GET /api/v1/contacts).")
    .addOption(new Option("--level <level>", "which entities").choices(contactLevels).makeOptionMandatory())
    .option("--from <YYYY-MM-DD>", "first day (default: 12 months before --to)")
    .option("--to <YYYY-MM-DD>", "last day (default: the last day with contacts)")
    .addOption(new Option("--grain <grain>", "one row per entity and period").choices(contactGrains).default("none"))
    .option("--location <CODE>", "only contacts at this site, or in this region")
    .option("--region <CODE>", "only contacts in this region")
    .addOption(new Option("--format <format>", "output format").choices(["json", "csv"]).default("json"))
    .action((options: { level: string; from?: string; to?: string; grain: string; location?: string; region?: string; format: "json" | "csv" }) =>
      withDatabase(async ({ db }) => {
        const { format: _format, ...parameters } = options;
        const query = await resolveContactQuery(db, parameters);
        const rows = await contactRows(db, query);
        process.stdout.write(options.format === "csv" ? toCsv(rows.map(flattenContactRow)) : JSON.stringify(rows, null, 2) + "\n");
      }),
    );
}

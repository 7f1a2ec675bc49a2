// `db migrate`, `seed demo` and `rollup rebuild`: the database itself and the demo company.
import type { Command } from "commander";
import { sql } from "drizzle-orm";
import { rebuildRollups } from "@/server/rollups/maintain";
import { seedDemoCompany } from "@/server/seed/demo";
import { CliError, dateFlag, withDatabase } from "../shared";
import { countOf } from "@/lib/counts";

export function registerDatabaseCommands(program: Command): void {
  program
    .command("db")
    .description("Database maintenance.")
    .command("migrate")
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
        const endDay = dateFlag("--end-date", options.endDate);
        const [row] = await db.execute<{ count: number }>(sql`select count(*)::int as count from departments`);
        if (row && row.count > 0) throw new CliError("The database already has a model; `seed demo` only seeds an empty database.");
        const summary = await seedDemoCompany(db, { endDate: endDay ? new Date(`${endDay}T00:00:00Z`) : undefined });
        console.log(
          `Seeded ${countOf(summary.touchpoints, "touchpoint")}, ${countOf(summary.responses, "response")} and ${countOf(summary.contacts, "service contact")} in ${summary.seconds.toFixed(1)} s.`,
        );
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
}

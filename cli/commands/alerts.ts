// `alerts run|list`: evaluate every rule now and escalate what is overdue (for an external cron), and list the cases
// as the same rows as GET /api/v1/alerts, with the same parameters.
import type { Command } from "commander";
import { countOf } from "@/lib/counts";
import { toCsv } from "@/lib/csv";
import { formatDateTime } from "@/lib/dates";
import { alertRows, resolveAlertQuery } from "@/server/alerts/api";
import { runAlerts } from "@/server/alerts/jobs";
import { withDatabase } from "../shared";

export function registerAlertCommands(program: Command): void {
  const alerts = program.command("alerts").description("Alerts: evaluate the rules and escalate overdue cases, or list the cases.");
  alerts
    .command("run")
    .description("Evaluate every active rule now (the last complete week and month) and escalate cases past their SLA; prints what it did.")
    .option("--json", "print the alerts opened and the escalations as JSON")
    .action((options: { json?: boolean }) =>
      withDatabase(async ({ db }) => {
        const result = await runAlerts(db);
        if (options.json) {
          const opened = result.created.map((alert) => ({ id: alert.id, ruleId: alert.ruleId, title: alert.title, summary: alert.summary }));
          process.stdout.write(JSON.stringify({ opened, alreadyOpen: result.existing, escalated: result.escalated }, null, 2) + "\n");
          return;
        }
        console.log(
          `Opened ${countOf(result.created.length, "alert")}${result.existing ? ` (${countOf(result.existing, "finding")} already had one)` : ""}; ` +
            `escalated ${countOf(result.escalated.length, "case")}.`,
        );
        for (const alert of result.created) console.log(`  #${alert.id} ${alert.summary}`);
        for (const step of result.escalated) console.log(`  #${step.alertId} escalated to level ${step.level}: ${step.title}`);
      }),
    );
  alerts
    .command("list")
    .description("The cases, newest first (the rows of GET /api/v1/alerts).")
    .option("--status <statuses>", "only these statuses, comma-separated: open, acknowledged, in_progress, closed")
    .option("--from <YYYY-MM-DD>", "opened on or after this day")
    .option("--to <YYYY-MM-DD>", "opened on or before this day")
    .option("--json", "print the rows as JSON")
    .option("--csv", "print the rows as CSV")
    .action((options: { status?: string; from?: string; to?: string; json?: boolean; csv?: boolean }) =>
      withDatabase(async ({ db }) => {
        const query = resolveAlertQuery({ status: options.status, from: options.from, to: options.to });
        const rows = await alertRows(db, query);
        if (options.json) return void process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
        if (options.csv) return void process.stdout.write(toCsv(rows));
        if (rows.length === 0) return void console.log("No alerts.");
        for (const row of rows) {
          const who = row.assignee ?? "unassigned";
          const level = row.escalation_level ? `, escalated to level ${row.escalation_level}` : "";
          console.log(`#${row.id} ${row.status} (${who}${level}) opened ${formatDateTime(row.created_at!)}: ${row.title}`);
        }
      }),
    );
}

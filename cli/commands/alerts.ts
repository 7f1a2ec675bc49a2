// `alerts run|list|digest`: evaluate every rule now and escalate what is overdue, and mail the daily digest (both for
// an external cron); list the cases as the same rows as GET /api/v1/alerts, with the same parameters.
import type { Command } from "commander";
import { z } from "zod";
import { countOf } from "@/lib/counts";
import { toCsv } from "@/lib/csv";
import { formatDateTime } from "@/lib/dates";
import { alertRows, resolveAlertQuery } from "@/server/alerts/api";
import { queueDigests, type DigestRun } from "@/server/alerts/digest";
import { runAlerts } from "@/server/alerts/jobs";
import { deliverPending } from "@/server/notify/outbox";
import { CliError, withDatabase } from "../shared";

const moment = z.iso.datetime({ offset: true });

function nowFlag(value: string | undefined): Date {
  if (value === undefined) return new Date();
  if (!moment.safeParse(value).success) throw new CliError(`--now ${value}: use an ISO 8601 moment with its offset, e.g. 2026-03-11T07:00:00Z`);
  return new Date(value);
}

const skippedWords: Record<NonNullable<DigestRun["skipped"]>, string> = {
  off: "The daily digest is off (setting alert_digest_hour is -1): nothing queued. Turn it on with `npm run cli -- settings set alert_digest_hour 7` (the UTC hour).",
  "not the hour": "It is not the digest's hour: nothing queued.",
  "no SMTP": "SMTP_URL is not set: the digest is an e-mail, nothing queued (the alerts are in the app).",
};

export function registerAlertCommands(program: Command): void {
  const alerts = program.command("alerts").description("Alerts: evaluate the rules and escalate overdue cases, or list the cases.");
  alerts
    .command("run")
    .description(
      "Evaluate every active rule now (the last complete week and month; detractors' comments of the last 14 days without their case) and escalate cases past their SLA; prints what it did.",
    )
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
  alerts
    .command("digest")
    .description(
      "Queue and send the daily digest now, whatever the hour (setting alert_digest_hour must not be -1): one e-mail per person who sees cases still to resolve, once per person and UTC day.",
    )
    .option("--now <ISO>", "the moment it is for (its UTC day, the cases' ages), e.g. 2026-03-11T07:00:00Z; default now")
    .option("--json", "print what was queued and sent as JSON")
    .action((options: { now?: string; json?: boolean }) =>
      withDatabase(async ({ db }) => {
        const now = nowFlag(options.now);
        const run = await queueDigests(db, { now, anyHour: true });
        const delivered = run.queued ? await deliverPending(db, { now }) : null;
        if (options.json) return void process.stdout.write(JSON.stringify({ ...run, delivered }, null, 2) + "\n");
        if (run.skipped) return void console.log(skippedWords[run.skipped]);
        const already = run.alreadyQueued ? `; ${countOf(run.alreadyQueued, "person", "people")} had theirs for the day already` : "";
        // "0 people", "1 person", "2 people".
        console.log(
          `Digest for ${run.day}: queued ${countOf(run.queued, "e-mail")}${already}; ${countOf(run.nothingToResolve, "person", "people")} with nothing to resolve.`,
        );
        // The round sends every row then due, the digests and any alert mail or webhook waiting.
        if (delivered) console.log(`Delivered what was due: ${delivered.sent} sent, ${delivered.retrying} to retry, ${delivered.failed} failed.`);
      }),
    );
}

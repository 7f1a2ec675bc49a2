// Sends mail through the configured SMTP server (nodemailer, one transport per process), and words an alert's mail.
// Without SMTP_URL sending is a no-op that says why, so the app works the same in-app only.
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { z } from "zod";
import { invalid } from "@/server/errors";
import { mailSettings } from "./config";

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

export type MailResult = { sent: true; messageId: string; accepted: string[] } | { sent: false; reason: string };

let current: { url: string; transport: Transporter<SMTPTransport.SentMessageInfo> } | null = null;

/** One transport per process; a changed SMTP_URL (tests, a fixed setting) replaces it. */
function transportFor(url: string): Transporter<SMTPTransport.SentMessageInfo> {
  if (current?.url !== url) {
    current?.transport.close();
    // Bounded waits: an unreachable server fails the delivery (and it is retried) instead of hanging the outbox.
    current = { url, transport: nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }) };
  }
  return current.transport;
}

/** Closes the process's SMTP transport (at shutdown, or between tests). */
export function closeMail(): void {
  current?.transport.close();
  current = null;
}

/** Sends one message; a refused or unreachable server throws (the outbox records and retries it). */
export async function sendMail(message: MailMessage): Promise<MailResult> {
  const settings = mailSettings();
  if (!settings) return { sent: false, reason: "SMTP_URL is not set" };
  if (message.to.length === 0) throw invalid("to: give at least one address", [{ field: "to", message: "give at least one address" }]);
  const info = await transportFor(settings.url).sendMail({ from: settings.from, ...message });
  return { sent: true, messageId: info.messageId, accepted: info.accepted.map((a) => (typeof a === "string" ? a : a.address)) };
}

/**
 * What an alert's mail and webhook say; the alerts module writes this shape as the notification's payload. Parsing
 * keeps these fields only: anything else a row holds (the summary of an older row) never leaves the app.
 */
export const alertMailDataSchema = z.object({
  id: z.int().positive(),
  title: z.string().min(1),
  /** What the case is about, e.g. "Host greeting" or "Dinner › Pay". */
  entity: z.string().nullish(),
  touchpoint: z.string().nullable(),
  department: z.string().nullable(),
  status: z.string().min(1),
  /** When the case is due (to acknowledge or close); ISO 8601 in a payload. */
  due: z.coerce.date().nullable(),
  /** 0: with its owner; 1: escalated to the department head; 2 or more: to the CCO. */
  escalationLevel: z.int().min(0),
  ruleName: z.string().nullish(),
  kind: z.string().nullish(),
});
export type AlertMailData = z.input<typeof alertMailDataSchema>;

export const alertMailEvents = ["created", "escalated"] as const;
export type AlertMailEvent = (typeof alertMailEvents)[number];

export interface AlertMail {
  subject: string;
  text: string;
  html: string;
}

function escalatedTo(level: number): string | null {
  if (level <= 0) return null;
  return level === 1 ? "the department head" : "the CCO";
}

const dueFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dayFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A case's page: `<publicUrl>/alerts/<id>`. */
export function caseLink(publicUrl: string, id: number): string {
  return `${publicUrl.replace(/\/+$/, "")}/alerts/${id}`;
}

/** The subject, plain text and HTML of an alert's mail, with a link to its case at `<publicUrl>/alerts/<id>`. */
export function alertMail(data: AlertMailData, event: AlertMailEvent, publicUrl: string): AlertMail {
  const alert = alertMailDataSchema.parse(data);
  const link = caseLink(publicUrl, alert.id);
  const to = escalatedTo(alert.escalationLevel);
  const subject = event === "created" ? `[Throughline] New alert: ${alert.title}` : `[Throughline] Escalated to ${to ?? "its owner"}: ${alert.title}`;
  const lead =
    event === "created" ? "A new alert needs someone to act on it." : `This alert was not acted on in time and is now escalated to ${to ?? "its owner"}.`;
  const facts: [string, string][] = [
    ...(alert.entity && alert.entity !== alert.touchpoint ? [["About", alert.entity] as [string, string]] : []),
    ["Touchpoint", alert.touchpoint ?? "—"],
    ["Department", alert.department ?? "—"],
    ["Status", alert.status],
    ["Due", alert.due ? `${dueFormat.format(alert.due)} UTC` : "—"],
    ["Escalation", to ? `level ${alert.escalationLevel} (${to})` : "not escalated"],
    ...(alert.ruleName ? [["Rule", alert.ruleName] as [string, string]] : []),
  ];
  const text = [lead, "", alert.title, "", ...facts.map(([k, v]) => `${k}: ${v}`), "", `Open the case: ${link}`, ""].join("\n");
  const rows = facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("");
  const html = `<p>${escapeHtml(lead)}</p><h1>${escapeHtml(alert.title)}</h1><table>${rows}</table>` + `<p><a href="${escapeHtml(link)}">Open the case</a></p>`;
  return { subject, text, html };
}

/** A person's daily digest as queued (server/alerts/digest.ts): the cases they see still to resolve, as of that moment. */
export const digestMailDataSchema = z.object({
  /** The UTC day it is for, YYYY-MM-DD. */
  day: z.iso.date(),
  /** Every case still to resolve the person sees; `items` may list only the first of them. */
  total: z.int().min(0),
  overdue: z.int().min(0),
  items: z.array(
    z.object({
      id: z.int().positive(),
      title: z.string().min(1),
      entity: z.string().nullable(),
      status: z.string().min(1),
      /** Whole days since it opened. */
      ageDays: z.int().min(0),
      overdue: z.boolean(),
    }),
  ),
});
export type DigestMailData = z.input<typeof digestMailDataSchema>;

// As the pages say them (components/alerts/labels.ts).
const statusWords: Record<string, string> = { open: "Open", acknowledged: "Acknowledged", in_progress: "In progress", closed: "Closed" };
const age = (days: number) => (days === 0 ? "opened today" : days === 1 ? "1 day old" : `${days} days old`);

/**
 * A digest's subject, text and HTML: per case its title, what it is about, status, age, whether it is overdue and
 * its link; the list's page after them. Only those fields: never a respondent's words or contact details.
 */
export function digestMail(data: DigestMailData, publicUrl: string): AlertMail {
  const digest = digestMailDataSchema.parse(data);
  const base = publicUrl.replace(/\/+$/, "");
  const day = dayFormat.format(new Date(`${digest.day}T00:00:00Z`));
  const count = `${digest.total} ${digest.total === 1 ? "alert" : "alerts"} to resolve`;
  const subject = `[Throughline] Your alerts on ${day}: ${count}${digest.overdue ? `, ${digest.overdue} overdue` : ""}`;
  const lines = digest.items.map((item) => ({
    item,
    facts: [item.entity, statusWords[item.status] ?? item.status, age(item.ageDays), item.overdue ? "OVERDUE" : null].filter(Boolean).join(" · "),
    link: caseLink(base, item.id),
  }));
  const more = digest.total - digest.items.length;
  // The list shows the cases still to resolve unless told otherwise.
  const listLink = `${base}/alerts`;
  const lead = `The alerts you see that are still to resolve, on ${day}: ${count}${digest.overdue ? `, ${digest.overdue} past their SLA` : ""}.`;
  const text = [
    lead,
    "",
    ...lines.flatMap(({ item, facts, link }) => [`- ${item.title}`, `  ${facts}`, `  ${link}`]),
    ...(more > 0 ? ["", `…and ${more} more.`] : []),
    "",
    `All of them: ${listLink}`,
    "",
  ].join("\n");
  const rows = lines
    .map(
      ({ item, facts, link }) =>
        `<li><a href="${escapeHtml(link)}">${escapeHtml(item.title)}</a><br>${item.overdue ? "<strong>" : ""}${escapeHtml(facts)}${item.overdue ? "</strong>" : ""}</li>`,
    )
    .join("");
  const html =
    `<p>${escapeHtml(lead)}</p><ul>${rows}</ul>` + (more > 0 ? `<p>…and ${more} more.</p>` : "") + `<p><a href="${escapeHtml(listLink)}">All of them</a></p>`;
  return { subject, text, html };
}

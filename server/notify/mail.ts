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

/** What an alert's mail says; the alerts module writes this shape as the notification's payload. */
export const alertMailDataSchema = z.object({
  id: z.int().positive(),
  title: z.string().min(1),
  /** What fired, in words: "NPS fell from 42 to 31 week over week (significant, p = 0.01)". */
  fired: z.string().min(1),
  touchpoint: z.string().nullable(),
  department: z.string().nullable(),
  status: z.string().min(1),
  /** When the case is due (to acknowledge or close); ISO 8601 in a payload. */
  due: z.coerce.date().nullable(),
  /** 0: with its owner; 1: escalated to the department head; 2 or more: to the CCO. */
  escalationLevel: z.int().min(0),
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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** The subject, plain text and HTML of an alert's mail, with a link to its case at `<publicUrl>/alerts/<id>`. */
export function alertMail(data: AlertMailData, event: AlertMailEvent, publicUrl: string): AlertMail {
  const alert = alertMailDataSchema.parse(data);
  const link = `${publicUrl.replace(/\/+$/, "")}/alerts/${alert.id}`;
  const to = escalatedTo(alert.escalationLevel);
  const subject = event === "created" ? `[Throughline] New alert: ${alert.title}` : `[Throughline] Escalated to ${to ?? "its owner"}: ${alert.title}`;
  const lead =
    event === "created" ? "A new alert needs someone to act on it." : `This alert was not acted on in time and is now escalated to ${to ?? "its owner"}.`;
  const facts: [string, string][] = [
    ["What fired", alert.fired],
    ["Touchpoint", alert.touchpoint ?? "—"],
    ["Department", alert.department ?? "—"],
    ["Status", alert.status],
    ["Due", alert.due ? `${dueFormat.format(alert.due)} UTC` : "—"],
    ["Escalation", to ? `level ${alert.escalationLevel} (${to})` : "not escalated"],
  ];
  const text = [lead, "", alert.title, "", ...facts.map(([k, v]) => `${k}: ${v}`), "", `Open the case: ${link}`, ""].join("\n");
  const rows = facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("");
  const html = `<p>${escapeHtml(lead)}</p><h1>${escapeHtml(alert.title)}</h1><table>${rows}</table>` + `<p><a href="${escapeHtml(link)}">Open the case</a></p>`;
  return { subject, text, html };
}

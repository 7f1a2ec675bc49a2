// Reads the settings for telling people outside the app (SMTP mail, signed webhooks) from the environment.
// Read at each use, so a fixed variable takes effect without a restart; a wrong one is refused naming it.
import { z } from "zod";
import { unavailable } from "@/server/errors";

const httpUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.hostname, error: "use an http:// or https:// URL" });

const mailSchema = z.object({
  SMTP_URL: z.url({ protocol: /^smtps?$/, hostname: z.regexes.hostname, error: "use smtp://user:password@host:port or smtps://…" }).optional(),
  SMTP_FROM: z.string().min(1).default("Throughline <throughline@localhost>"),
});

const webhookSchema = z
  .object({
    THROUGHLINE_WEBHOOK_URLS: z.array(httpUrl, { error: "use comma-separated http(s) URLs" }),
    THROUGHLINE_WEBHOOK_SECRET: z.string().optional(),
  })
  .refine((env) => env.THROUGHLINE_WEBHOOK_URLS.length === 0 || Boolean(env.THROUGHLINE_WEBHOOK_SECRET), {
    path: ["THROUGHLINE_WEBHOOK_SECRET"],
    error: "set it (the HMAC key receivers verify X-Throughline-Signature with) whenever THROUGHLINE_WEBHOOK_URLS is set",
  });

const publicSchema = z.object({ THROUGHLINE_PUBLIC_URL: httpUrl.optional(), PORT: z.string().optional() });

type Environment = Record<string, string | undefined>;

/** Unset and blank are the same: nothing configured. */
function setting(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** A wrong setting is the operator's to fix: name the variable and what to write, never echo its value (it may hold a password). */
function parsed<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw unavailable(result.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`).join("; "));
}

export interface MailSettings {
  url: string;
  from: string;
}

/** SMTP settings, or null when SMTP_URL is unset (the app then tells people in the app only). */
export function mailSettings(env: Environment = process.env): MailSettings | null {
  const settings = parsed(mailSchema, { SMTP_URL: setting(env, "SMTP_URL"), SMTP_FROM: setting(env, "SMTP_FROM") });
  return settings.SMTP_URL ? { url: settings.SMTP_URL, from: settings.SMTP_FROM } : null;
}

export interface WebhookSettings {
  urls: string[];
  secret: string;
}

/** Webhook receivers and their signing key, or null when THROUGHLINE_WEBHOOK_URLS is unset. */
export function webhookSettings(env: Environment = process.env): WebhookSettings | null {
  const urls = (setting(env, "THROUGHLINE_WEBHOOK_URLS") ?? "")
    .split(",")
    .map((url) => url.trim())
    .filter(Boolean);
  const settings = parsed(webhookSchema, { THROUGHLINE_WEBHOOK_URLS: urls, THROUGHLINE_WEBHOOK_SECRET: setting(env, "THROUGHLINE_WEBHOOK_SECRET") });
  const secret = settings.THROUGHLINE_WEBHOOK_SECRET;
  return settings.THROUGHLINE_WEBHOOK_URLS.length > 0 && secret ? { urls: settings.THROUGHLINE_WEBHOOK_URLS, secret } : null;
}

/** Where people reach the app, for links in mails: THROUGHLINE_PUBLIC_URL, else this machine on PORT. */
export function publicUrl(env: Environment = process.env): string {
  const settings = parsed(publicSchema, { THROUGHLINE_PUBLIC_URL: setting(env, "THROUGHLINE_PUBLIC_URL"), PORT: setting(env, "PORT") });
  return (settings.THROUGHLINE_PUBLIC_URL ?? `http://localhost:${settings.PORT ?? "3000"}`).replace(/\/+$/, "");
}

/**
 * Which channels an outbox row may be queued for: mail when SMTP_URL is set, webhooks when THROUGHLINE_WEBHOOK_URLS
 * is. A setting that is set but wrong still counts as set: the rows wait and their delivery names what to fix,
 * rather than the alert's transaction failing over it.
 */
export function configuredChannels(env: Environment = process.env): { email: boolean; webhook: boolean } {
  const configured = (read: () => unknown) => {
    try {
      return read() !== null;
    } catch {
      return true;
    }
  };
  return { email: configured(() => mailSettings(env)), webhook: configured(() => webhookSettings(env)) };
}

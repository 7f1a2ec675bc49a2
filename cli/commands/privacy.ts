// `erase --email <email>` or `erase --external-id <id>`: one person's survey responses and service contacts
// leave on their request and the roll-ups follow. The key is checked before the database opens; only counts are printed.
import type { Command } from "commander";
import { cliActor } from "@/server/audit";
import { DomainError } from "@/server/errors";
import { erasePersonalData, erasureKeyOf, type ErasureRequest } from "@/server/privacy/erase";
import { CliError, confirm, withDatabase } from "../shared";

const flagOf: Record<string, string> = { email: "--email", externalId: "--external-id" };

/** The domain's refusal with the flags as typed here: "--email: not an email address; …". */
function inFlagWords(error: unknown): unknown {
  if (!(error instanceof DomainError) || error.problems.length === 0) return error;
  const fieldsByMessage = new Map<string, string[]>();
  for (const p of error.problems) fieldsByMessage.set(p.message, [...(fieldsByMessage.get(p.message) ?? []), flagOf[p.field] ?? p.field]);
  return new CliError([...fieldsByMessage].map(([message, flags]) => `${flags.join(" / ")}: ${message}`).join("; "));
}

export function registerPrivacyCommands(program: Command): void {
  program
    .command("erase")
    .description(
      "Erase one respondent or requester on their request: every survey response and service contact with this key, and their part of every roll-up.",
    )
    .option("--email <email>", "the person's email (compared case-insensitively, spaces trimmed)")
    .option("--external-id <id>", "the id their survey or support tool gave a response or ticket, as imported")
    .option("--yes", "do not ask")
    .action((options: ErasureRequest & { yes?: boolean }) => {
      const request = { email: options.email, externalId: options.externalId };
      try {
        erasureKeyOf(request);
      } catch (error) {
        throw inFlagWords(error);
      }
      const key = request.email !== undefined ? "email" : "external id";
      return withDatabase(async ({ db }) => {
        await confirm(`Erase every survey response and service contact with that ${key}? This cannot be undone.`, options.yes);
        const result = await erasePersonalData(db, cliActor, request);
        console.log(result.summary);
      });
    });
}

// What every CLI command shares: the database connection for one command, refusals in words, reading
// standard input and JSON files, checking date flags with the app's own rules, and asking before a change.
import fs from "node:fs";
import readline from "node:readline/promises";
import type { DatabaseConnection } from "@/db/client";
import { isoDate } from "@/lib/schemas";
import { drainAlertQueue } from "@/server/alerts/jobs";
import { cliDatabase } from "@/server/database";

/** A failure the user can fix: printed without a stack trace, exit code 1. */
export class CliError extends Error {}

export async function withDatabase<T>(work: (connection: DatabaseConnection) => Promise<T>, options?: { migrate?: boolean }): Promise<T> {
  const connection = await cliDatabase(options);
  try {
    return await work(connection);
  } finally {
    // An import queues its alert evaluation: let it finish before the connection goes.
    await drainAlertQueue();
    await connection.close();
  }
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError('--password-stdin expects the password on standard input, e.g. `echo "$PW" | npm run cli -- user add ...`.');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new CliError(`Cannot read ${file}: check the path.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** A date flag checked like every other entrance checks dates: `--end-date: use YYYY-MM-DD, e.g. 2026-01-31`. */
export function dateFlag(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = isoDate.safeParse(value);
  if (!parsed.success) throw new CliError(`${flag} ${value}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Ask a yes/no question on the terminal; without one (a script), refuse unless --yes was given. */
export async function confirm(question: string, yes: boolean | undefined): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) throw new CliError(`${question} Add --yes to confirm when running without a terminal.`);
  const prompt = readline.createInterface({ input: process.stdin, output: process.stderr });
  const answer = await prompt.question(`${question} [y/N] `);
  prompt.close();
  if (!/^y(es)?$/i.test(answer.trim())) throw new CliError("Nothing was changed.");
}

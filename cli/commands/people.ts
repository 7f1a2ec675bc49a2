// `user add` and `user deactivate`: people who sign in; `token add|list|revoke`: the HTTP API's tokens.
import { Option, type Command } from "commander";
import { tokenScopes, userRoles, type TokenScope } from "@/lib/enums";
import { cliActor } from "@/server/audit";
import { addUser, setUserActive, userIdByEmail } from "@/server/people/users";
import { createApiToken, listApiTokens, revokeApiToken } from "@/server/tokens/api-tokens";
import { CliError, confirm, readStdin, withDatabase } from "../shared";

const when = (date: Date | null) => (date ? date.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never");

/** `--expires 90d` (days from now) or `--expires 2027-03-31` (that day's end, UTC). */
function expiryOf(value: string): Date {
  const days = value.match(/^(\d{1,4})d$/)?.[1];
  if (days && Number(days) > 0) return new Date(Date.now() + Number(days) * 86_400_000);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59Z`) : null;
  if (!day || Number.isNaN(day.getTime())) throw new CliError(`--expires: use a number of days such as 90d, or a date such as 2027-03-31 (got "${value}").`);
  return day;
}

export function registerPeopleCommands(program: Command): void {
  const user = program.command("user").description("People who sign in.");
  user
    .command("add")
    .description("Add a user. The password, if any, is read from standard input.")
    .requiredOption("--email <email>", "sign-in email (unique, case-insensitive)")
    .requiredOption("--name <name>", "display name")
    .addOption(new Option("--role <role>", "what they may do").choices(userRoles).makeOptionMandatory())
    .option("--department <name>", "department name (owners usually have one)")
    .option("--password-stdin", "read the password from standard input (at least 10 characters)")
    .action((options: { email: string; name: string; role: (typeof userRoles)[number]; department?: string; passwordStdin?: boolean }) =>
      withDatabase(async ({ db }) => {
        const password = options.passwordStdin ? await readStdin() : null;
        const id = await addUser(db, cliActor, { ...options, password });
        console.log(`Added ${options.role} ${options.email} (id ${id}).${password ? "" : " No password: they can sign in through SSO only."}`);
      }),
    );
  user
    .command("deactivate")
    .description("End a user's access at once (their next request is refused).")
    .argument("<email>")
    .action((email: string) =>
      withDatabase(async ({ db }) => {
        const id = await userIdByEmail(db, email);
        if (!id) throw new CliError(`No user with email ${email}.`);
        await setUserActive(db, cliActor, { userId: id, active: false });
        console.log(`Deactivated ${email}.`);
      }),
    );

  const token = program.command("token").description("API tokens for the HTTP API.");
  token
    .command("add")
    .description("Create an API token and print it once; only its hash is stored.")
    .requiredOption("--name <name>", "what the token is for, e.g. 'Qualtrics nightly push'")
    .addOption(
      new Option("--scope <scope...>", "what the token may do (repeat or list several); default scores:read").choices(tokenScopes as unknown as string[]),
    )
    .option("--expires <when>", "when it stops working: days from now (90d) or a date (2027-03-31); default never")
    .action((options: { name: string; scope?: TokenScope[]; expires?: string }) =>
      withDatabase(async ({ db }) => {
        const expiresAt = options.expires ? expiryOf(options.expires) : null;
        const created = await createApiToken(db, cliActor, options.name, { scopes: options.scope, expiresAt });
        console.log(created);
        const scopes = options.scope?.length ? [...new Set(options.scope)].join(", ") : "scores:read";
        console.error(
          `Token "${options.name}" created (${scopes}; ${expiresAt ? `expires ${when(expiresAt)}` : "no expiry"}). Store it now: it cannot be shown again.`,
        );
      }),
    );
  token
    .command("list")
    .description("Every API token: id, name, scopes, when it was created, expires and was last used, and whether it is revoked.")
    .action(() =>
      withDatabase(async ({ db }) => {
        const tokens = await listApiTokens(db);
        if (tokens.length === 0) return console.log("No API tokens yet: `token add --name …` creates one.");
        for (const t of tokens) {
          console.log(
            `${t.id}\t${t.name}\t${t.scopes.join(",")}\tcreated ${when(t.createdAt)}\texpires ${when(t.expiresAt)}\tlast used ${when(t.lastUsedAt)}${t.revokedAt ? `\trevoked ${when(t.revokedAt)}` : ""}`,
          );
        }
      }),
    );
  token
    .command("revoke")
    .description("Revoke the active token with this name (or id): its next request is refused.")
    .argument("<name>", "the token's name, or its id from `token list`")
    .option("--yes", "do not ask")
    .action((nameOrId: string, options: { yes?: boolean }) =>
      withDatabase(async ({ db }) => {
        await confirm(`Revoke the API token "${nameOrId}"? Systems using it stop working at once.`, options.yes);
        const revoked = await revokeApiToken(db, cliActor, nameOrId);
        console.log(`Revoked token ${revoked.id} ("${revoked.name}").`);
      }),
    );
}

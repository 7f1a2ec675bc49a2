// `user add` and `user deactivate`: people who sign in; `token add|list|revoke`: the HTTP API's tokens.
import { Option, type Command } from "commander";
import { userRoles } from "@/lib/enums";
import { cliActor } from "@/server/audit";
import { addUser, setUserActive, userIdByEmail } from "@/server/people/users";
import { createApiToken, listApiTokens, revokeApiToken } from "@/server/tokens/api-tokens";
import { CliError, confirm, readStdin, withDatabase } from "../shared";

const when = (date: Date | null) => (date ? date.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never");

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
    .action((options: { name: string }) =>
      withDatabase(async ({ db }) => {
        const created = await createApiToken(db, cliActor, options.name);
        console.log(created);
        console.error(`Token "${options.name}" created. Store it now: it cannot be shown again.`);
      }),
    );
  token
    .command("list")
    .description("Every API token: id, name, when it was created and last used, and whether it is revoked.")
    .action(() =>
      withDatabase(async ({ db }) => {
        const tokens = await listApiTokens(db);
        if (tokens.length === 0) return console.log("No API tokens yet: `token add --name …` creates one.");
        for (const t of tokens) {
          console.log(
            `${t.id}\t${t.name}\tcreated ${when(t.createdAt)}\tlast used ${when(t.lastUsedAt)}${t.revokedAt ? `\trevoked ${when(t.revokedAt)}` : ""}`,
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

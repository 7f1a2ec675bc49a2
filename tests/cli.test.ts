// The CLI: usage and a non-zero exit on unknown commands and flags; model import refusal lists every
// problem and writes nothing. Runs the real command in a child process against this file's database.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { testModel } from "./support/fixtures";
import { cliArgs, cliCommand } from "./support/cli";

const run = promisify(execFile);
let database: TestDatabase;
let workDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-cli-"));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function cli(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = run(cliCommand, cliArgs(...args), {
    env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  } else {
    child.child.stdin?.end();
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("cli", () => {
  it("prints usage and exits non-zero on an unknown command", async () => {
    const result = await cli(["frobnicate"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unknown command/);
    expect(result.stderr).toMatch(/Usage:/);
  });

  it("exits non-zero on an unknown flag", async () => {
    const result = await cli(["model", "export", "x.json", "--bogus"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unknown option '--bogus'/);
  });

  it("has --help on every command", async () => {
    const result = await cli(["user", "add", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--password-stdin/);
  });

  it("refuses a bad model file with every problem listed, writing nothing", async () => {
    const file = path.join(workDir, "bad.json");
    const bad = structuredClone(testModel);
    bad.touchpoints[0]!.department = "Nowhere";
    bad.journeys[0]!.stages[1]!.touchpoints.push("GHOST-1");
    fs.writeFileSync(file, JSON.stringify(bad));
    const result = await cli(["model", "import", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: touchpoints[0].department: no department "Nowhere"`);
    expect(result.stderr).toContain(`${file}: journeys[0].stages[1].touchpoints[1]: no touchpoint with code GHOST-1`);
    const [row] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from departments`);
    expect(row!.n).toBe(0);
  });

  it("imports a model, adds a user with a password from stdin, deactivates them, and creates a token", async () => {
    const file = path.join(workDir, "model.json");
    fs.writeFileSync(file, JSON.stringify(testModel));
    const imported = await cli(["model", "import", file]);
    expect(imported.code).toBe(0);
    // What it wrote, in words; a file without contact reasons says nothing of them.
    expect(imported.stdout).toMatch(/^Imported \d+ departments, \d+ users, \d+ touchpoints, \d+ locations, \d+ journeys? with \d+ stages\.$/m);
    const added = await cli(
      ["user", "add", "--email", "new@test.example", "--name", "New Owner", "--role", "owner", "--department", "Service", "--password-stdin"],
      "a long enough password\n",
    );
    expect(added.code).toBe(0);
    expect((await cli(["user", "deactivate", "NEW@test.example"])).code).toBe(0);
    const [user] = await database.db.execute<{ active: boolean; hash: string }>(
      sql`select active, password_hash as hash from users where email = 'new@test.example'`,
    );
    expect(user).toMatchObject({ active: false });
    expect(user!.hash).toMatch(/^\$2/);
    const token = await cli(["token", "add", "--name", "nightly push", "--scope", "imports:write", "responses:write", "--expires", "90d"]);
    expect(token.stdout.trim()).toMatch(/^tl_[A-Za-z0-9_-]{32}$/);
    expect(token.stderr).toMatch(/created \(imports:write, responses:write; expires \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)/);
    const badScope = await cli(["token", "add", "--name", "x", "--scope", "everything"]);
    expect(badScope).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Allowed choices are scores:read, imports:write, responses:write, contacts:read/),
    });
    const badExpiry = await cli(["token", "add", "--name", "x", "--expires", "soon"]);
    expect(badExpiry).toMatchObject({ code: 1, stderr: expect.stringMatching(/--expires: use a number of days such as 90d/) });
    const [stored] = await database.db.execute<{ token_hash: string }>(sql`select token_hash from api_tokens`);
    expect(stored!.token_hash).not.toContain(token.stdout.trim());
  });

  it("refuses an invalid role with the allowed choices", async () => {
    const result = await cli(["user", "add", "--email", "x@test.example", "--name", "X", "--role", "king"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Allowed choices are admin, executive, owner/);
  });

  it("exports the model it imported", async () => {
    const file = path.join(workDir, "out.json");
    expect((await cli(["model", "export", file])).code).toBe(0);
    const exported = JSON.parse(fs.readFileSync(file, "utf8")) as { touchpoints: Array<{ code: string }> };
    expect(exported.touchpoints.map((t) => t.code)).toEqual(["BIL-BILL", "SVC-HOST"]);
  });

  it("lists tokens without their secret and revokes one by name, asking first unless --yes", async () => {
    const listed = await cli(["token", "list"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^\d+\tnightly push\timports:write,responses:write\tcreated .* UTC\texpires .* UTC\tlast used never$/m);
    expect(listed.stdout).not.toMatch(/tl_/);
    const unconfirmed = await cli(["token", "revoke", "nightly push"]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toMatch(/Add --yes to confirm/);
    expect((await cli(["token", "revoke", "nightly push", "--yes"])).stdout).toMatch(/Revoked token \d+ \("nightly push"\)/);
    expect((await cli(["token", "list"])).stdout).toMatch(/nightly push.*revoked/);
    const again = await cli(["token", "revoke", "nightly push", "--yes"]);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/No active API token is named nightly push/) });
  });

  it("lists imports and reverts one, asking first unless --yes; a bad batch number is refused in words", async () => {
    const file = path.join(workDir, "survey.csv");
    fs.writeFileSync(file, "id,touchpoint,date,How satisfied were you?\nc1,SVC-HOST,2026-05-03,5\nc2,BIL-BILL,2026-05-04,4\n");
    expect((await cli(["import", file])).code).toBe(0);
    const listed = await cli(["import", "list"]);
    expect(listed.stdout).toMatch(/^(\d+)\t.* UTC\tcli\/api\tsurvey\.csv\tcsv\t2 responses imported, 0 skipped, 0 rejected\timported$/m);
    const batch = /^(\d+)\t/m.exec(listed.stdout)![1]!;
    expect((await cli(["import", "revert", batch])).stderr).toMatch(/Add --yes/);
    expect((await cli(["import", "revert", batch, "--yes"])).stdout).toMatch(`Reverted batch ${batch}: 2 responses removed.`);
    expect((await cli(["import", "list"])).stdout).toMatch(/\treverted$/m);
    expect(await cli(["import", "revert", batch, "--yes"])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/is reverted; only imported batches can be reverted/),
    });
    expect(await cli(["import", "revert", "99999999999", "--yes"])).toMatchObject({ code: 1, stderr: expect.stringMatching(/not a batch number/) });
    const [row] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'import.revert'`);
    expect(row!.n).toBe(1);
  });

  it("refuses an impossible date flag with how to write it", async () => {
    const result = await cli(["scores", "--level", "program", "--from", "2026-02-30", "--to", "2026-03-31"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: from: not a day of the calendar/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

// The embedded PostgreSQL: created on first open with a password of its own on loopback only, reused
// later, refused to a second app at once, joined by the CLI, restarted after a crash, stopped by Ctrl-C.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseClient, migrateDatabase } from "../db/client";
import { directoryOwner, openEmbeddedServer, type EmbeddedServer } from "../db/embedded";
import { importModel } from "../server/model/transfer";
import { testModel } from "./support/fixtures";
import { cliArgs, cliCommand } from "./support/cli";

const run = promisify(execFile);
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const isRoot = process.getuid?.() === 0;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const postmasterPid = (dataDir: string) => Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
const cliEnv = (dataDir: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, THROUGHLINE_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return env;
};

/** Start the stand-in app in a child process; resolves once it serves. */
async function startOwner(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  // Node itself (not the tsx wrapper), so that the pid signalled is the owner's.
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/embedded-owner.ts", dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
    env: cliEnv(dataDir),
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`owner exited with ${code}`)));
  });
  return { child, port: (JSON.parse(firstLine) as { port: number }).port };
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

let base: string;
beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-embedded-"));
  // As root, PostgreSQL runs as "postgres", which must be able to enter the directories above the cluster.
  fs.chmodSync(base, 0o711);
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe("the embedded PostgreSQL, owned by this process", () => {
  let dataDir: string;
  let server: EmbeddedServer;

  beforeAll(async () => {
    dataDir = path.join(base, "owned");
    server = await openEmbeddedServer({ dataDir, owner: "app" });
    const connection = createDatabaseClient(server.url, "embedded");
    await migrateDatabase(connection.db);
    await importModel(connection.db, { id: null, email: "test" }, testModel);
    await connection.close();
    server.markReady();
  });
  afterAll(() => server.stop());

  it("creates a cluster on first open, with a generated password readable by its owner only", () => {
    expect(server.initialised).toBe(true);
    expect(server.version).toMatch(/^1[78]\./);
    expect(mode(path.join(dataDir, "postgres-password"))).toBe(0o600);
    expect(mode(dataDir)).toBe(isRoot ? 0o711 : 0o700);
    expect(mode(path.join(dataDir, "postgres"))).toBe(0o700);
    expect(fs.readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim().length).toBeGreaterThanOrEqual(32);
  });

  it("listens on loopback only, with no Unix socket, and refuses a wrong password", async () => {
    const sql = postgres(server.url, { max: 1 });
    const [settings] = await sql<
      { listen: string; sockets: string }[]
    >`select current_setting('listen_addresses') as listen, current_setting('unix_socket_directories') as sockets`;
    await sql.end();
    expect(settings).toEqual({ listen: "127.0.0.1", sockets: "" });
    const intruder = postgres(`postgres://throughline:guess@127.0.0.1:${server.port}/throughline`, { max: 1, connect_timeout: 5 });
    await expect(intruder`select 1`).rejects.toThrow(/password authentication failed/);
    await intruder.end();
    const otherUser = postgres(`postgres://postgres@127.0.0.1:${server.port}/postgres`, { max: 1, connect_timeout: 5 });
    await expect(otherUser`select 1`).rejects.toThrow(/password/);
    await otherUser.end();
  });

  it("records its owner, port and readiness in the data directory", () => {
    expect(directoryOwner(dataDir)).toMatchObject({ pid: process.pid, owner: "app", port: server.port, ready: true });
  });

  it("refuses a second app on the same directory at once, saying what to do", async () => {
    // waitMs would let it wait for a CLI command; another app is refused without waiting.
    const started = Date.now();
    await expect(openEmbeddedServer({ dataDir, owner: "app", waitMs: 60_000 })).rejects.toThrow(
      /in use by Throughline \(process \d+.*Stop that app first.*THROUGHLINE_DATA_DIR/s,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("lets the CLI join the running server as a client, leaving it to its owner", async () => {
    const out = path.join(base, "model.json");
    await run(cliCommand, cliArgs("model", "export", out), { env: cliEnv(dataDir) });
    const exported = JSON.parse(fs.readFileSync(out, "utf8")) as { departments: Array<{ name: string }> };
    expect(exported.departments.map((d) => d.name)).toEqual(["Billing", "Service"]);
    expect(directoryOwner(dataDir)?.pid).toBe(process.pid);
    const sql = postgres(server.url, { max: 1 });
    expect((await sql`select 1 as up`)[0]).toEqual({ up: 1 });
    await sql.end();
  });
});

describe("the embedded PostgreSQL across starts", () => {
  it("reuses the cluster and its data on the next start, and lets the CLI own it when no app runs", async () => {
    const dataDir = path.join(base, "reused");
    const first = await openEmbeddedServer({ dataDir, owner: "app" });
    const connection = createDatabaseClient(first.url, "embedded");
    await migrateDatabase(connection.db);
    await importModel(connection.db, { id: null, email: "test" }, testModel);
    await connection.close();
    await first.stop();
    expect(directoryOwner(dataDir)).toBeUndefined();

    const { stdout } = await run(cliCommand, cliArgs("settings", "show"), { env: cliEnv(dataDir) });
    expect(stdout).toMatch(/minimum_sample = \d+/);
    expect(directoryOwner(dataDir)).toBeUndefined();

    const second = await openEmbeddedServer({ dataDir, owner: "app" });
    expect(second.initialised).toBe(false);
    const sql = postgres(second.url, { max: 1 });
    expect(await sql`select name from departments order by name`).toEqual([{ name: "Billing" }, { name: "Service" }]);
    await sql.end();
    await second.stop();
  });

  it("stops cleanly on SIGINT: the server shuts down and the directory is released", async () => {
    const dataDir = path.join(base, "interrupted");
    const { child } = await startOwner(dataDir);
    const pid = postmasterPid(dataDir);
    expect(alive(pid)).toBe(true);
    child.kill("SIGINT");
    expect(await exited(child)).toBe(130);
    expect(alive(pid)).toBe(false);
    expect(fs.readFileSync(path.join(dataDir, "postgres.log"), "utf8")).toMatch(/database system is shut down/);
    expect(directoryOwner(dataDir)).toBeUndefined();
  });

  it("leaves the process's exit code alone, so a failed test run still fails", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/exit-code-keeper.ts"], { stdio: "ignore" });
    expect(await exited(child)).toBe(3);
  });

  it("detects the server a killed app left running, stops it and starts afresh with the data intact", async () => {
    const dataDir = path.join(base, "crashed");
    const { child, port } = await startOwner(dataDir);
    const url = `postgres://throughline:${encodeURIComponent(fs.readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim())}@127.0.0.1:${port}/throughline`;
    const writer = postgres(url, { max: 1 });
    await writer`create table kept (note text)`;
    await writer`insert into kept values ('before the crash')`;
    await writer.end();
    const orphan = postmasterPid(dataDir);
    child.kill("SIGKILL");
    await exited(child);
    expect(alive(orphan)).toBe(true); // PostgreSQL outlives its killed parent

    const restarted = await openEmbeddedServer({ dataDir, owner: "app" });
    expect(alive(orphan)).toBe(false);
    const reader = postgres(restarted.url, { max: 1 });
    expect(await reader`select note from kept`).toEqual([{ note: "before the crash" }]);
    await reader.end();
    await restarted.stop();
  });
});

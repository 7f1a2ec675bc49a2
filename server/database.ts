// The app's database for this process: a real server when DATABASE_URL is set, else the embedded PostgreSQL
// it starts itself. Kept on globalThis so Next.js dev reloads and separate route bundles share one pool.
import "server-only";
import { sql } from "drizzle-orm";
import { createDatabaseClient, migrateDatabase, type DatabaseConnection } from "@/db/client";
import { openEmbeddedServer, stopOnSignals, type EmbeddedServer } from "@/db/embedded";
import { dataDirectory, databaseUrl, readDatabaseUrl } from "@/server/config";
import { countOf } from "@/lib/counts";
import { guardAgainstDriverCrash } from "@/db/connection-faults";
import { log } from "@/server/log";

interface AppDatabaseState {
  ready?: Promise<DatabaseConnection>;
  replica?: DatabaseConnection;
}

const globalState = globalThis as typeof globalThis & { __throughlineDatabase?: AppDatabaseState };
const state = (globalState.__throughlineDatabase ??= {});
// The driver's crash after a lost transaction connection (porsager/postgres#1208) is survived and logged here.
guardAgainstDriverCrash((error) =>
  log.warn({ event: "driver_fault", route: "database", err: error }, "survived a database driver fault after a lost connection"),
);
const say = (line: string) => console.log(`[throughline] ${line}`);
const secondsSince = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

async function isEmpty(connection: DatabaseConnection): Promise<boolean> {
  const rows = await connection.db.execute<{ count: number }>(sql`select count(*)::int as count from departments`);
  return rows[0]?.count === 0;
}

async function openEmbeddedAppDatabase(): Promise<DatabaseConnection> {
  const started = performance.now();
  const server: EmbeddedServer = await openEmbeddedServer({ dataDir: dataDirectory(), owner: "app", waitMs: 60_000, log: say });
  const connection = createDatabaseClient(server.url, "embedded");
  const close = async () => {
    await connection.close();
    await server.stop();
  };
  stopOnSignals(close, say);
  try {
    say(`embedded PostgreSQL ${server.version} on 127.0.0.1:${server.port} (${dataDirectory()}) up in ${secondsSince(started)}`);
    await migrateDatabase(connection.db);
    if (await isEmpty(connection)) {
      const { seedDemoCompany } = await import("@/server/seed/demo");
      say("empty database: seeding the demo company ...");
      const summary = await seedDemoCompany(connection.db);
      say(`demo seeded: ${countOf(summary.responses, "response")} and ${countOf(summary.contacts, "service contact")} in ${summary.seconds.toFixed(1)} s`);
    }
    server.markReady();
    say(`database ready in ${secondsSince(started)}${server.initialised ? " (new cluster created, migrated and seeded)" : ""}`);
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
  return { ...connection, close };
}

async function openAppDatabase(): Promise<DatabaseConnection> {
  const url = databaseUrl();
  if (!url) return openEmbeddedAppDatabase();
  const connection = createDatabaseClient(url, "postgres");
  await migrateDatabase(connection.db);
  return connection;
}

/** The process-wide connection, migrated (and seeded on an empty embedded database) before first use. */
export function appDatabase(): Promise<DatabaseConnection> {
  state.ready ??= openAppDatabase().catch((error: unknown) => {
    state.ready = undefined;
    throw error;
  });
  return state.ready;
}

/**
 * Where dashboards and the scores API read: the replica at DATABASE_READ_URL when set (never migrated
 * from here: it follows the primary), else the primary. Writes always go through appDatabase().
 */
export async function readDatabase(): Promise<DatabaseConnection> {
  const primary = await appDatabase();
  const url = readDatabaseUrl();
  if (!url) return primary;
  state.replica ??= createDatabaseClient(url, "postgres");
  return state.replica;
}

/**
 * The CLI's connection. With the embedded database it joins the running app's server as an ordinary client;
 * with no app running it starts the server for the length of the command (and migrates it).
 */
export async function cliDatabase(options: { migrate?: boolean } = {}): Promise<DatabaseConnection> {
  const url = databaseUrl();
  // A command has awaited all its work when it closes: what can still run is the rollback of a transaction whose
  // connection died, which never finishes (porsager/postgres#1208) and held the command's last words back 5 s.
  const closeTimeoutSeconds = 1;
  if (url) {
    const connection = createDatabaseClient(url, "postgres", { closeTimeoutSeconds });
    if (options.migrate !== false) await migrateDatabase(connection.db);
    return connection;
  }
  const server = await openEmbeddedServer({ dataDir: dataDirectory(), owner: "cli", waitMs: 60_000, log: (line) => console.error(`[throughline] ${line}`) });
  const connection = createDatabaseClient(server.url, "embedded", { maxConnections: 4, closeTimeoutSeconds });
  // A running app has migrated its database already; only a server of our own may be behind.
  if (server.owned && options.migrate !== false) await migrateDatabase(connection.db);
  return {
    ...connection,
    close: async () => {
      await connection.close();
      await server.stop();
    },
  };
}

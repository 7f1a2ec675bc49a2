// The app's database for this process: a real server when DATABASE_URL is set, else the embedded one.
// Kept on globalThis so Next.js dev reloads and separate route bundles share one pool and one PGlite.
import { sql } from "drizzle-orm";
import { createDatabaseClient, migrateDatabase, type DatabaseConnection } from "@/db/client";
import { startEmbeddedServer, runningServer } from "@/db/embedded";
import { dataDirectory, databaseUrl, readDatabaseUrl } from "@/server/config";

interface AppDatabaseState {
  ready?: Promise<DatabaseConnection>;
  replica?: DatabaseConnection;
}

const globalState = globalThis as typeof globalThis & { __throughlineDatabase?: AppDatabaseState };
const state = (globalState.__throughlineDatabase ??= {});

async function isEmpty(connection: DatabaseConnection): Promise<boolean> {
  const rows = await connection.db.execute<{ count: number }>(sql`select count(*)::int as count from departments`);
  return rows[0]?.count === 0;
}

async function openAppDatabase(): Promise<DatabaseConnection> {
  const url = databaseUrl();
  if (url) {
    const connection = createDatabaseClient(url, "postgres");
    await migrateDatabase(connection.db);
    return connection;
  }
  const server = await startEmbeddedServer(dataDirectory());
  const connection = createDatabaseClient(server.url, "embedded");
  const close = async () => {
    await connection.close();
    await server.stop();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void close().finally(() => process.exit(0)));
  }
  await migrateDatabase(connection.db);
  if (await isEmpty(connection)) {
    const { seedDemoCompany } = await import("@/server/seed/demo");
    console.log("[throughline] empty embedded database: seeding the demo company ...");
    const summary = await seedDemoCompany(connection.db);
    console.log(`[throughline] demo seeded: ${summary.responses} responses in ${summary.seconds.toFixed(1)} s`);
  }
  return { ...connection, close };
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
 * The CLI's connection. With the embedded database it never opens a directory the app holds: it talks
 * to the app's socket server instead, and only opens the directory itself when no app is running.
 */
export async function cliDatabase(options: { migrate?: boolean } = {}): Promise<DatabaseConnection> {
  const url = databaseUrl();
  if (url) {
    const connection = createDatabaseClient(url, "postgres");
    if (options.migrate !== false) await migrateDatabase(connection.db);
    return connection;
  }
  const running = runningServer(dataDirectory());
  if (running) {
    return createDatabaseClient(`postgres://postgres@${running.host}:${running.port}/postgres`, "embedded");
  }
  const server = await startEmbeddedServer(dataDirectory(), 0);
  const connection = createDatabaseClient(server.url, "embedded");
  if (options.migrate !== false) await migrateDatabase(connection.db);
  return {
    ...connection,
    close: async () => {
      await connection.close();
      await server.stop();
    },
  };
}


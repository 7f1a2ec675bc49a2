// The one database client factory: postgres.js + Drizzle, for the embedded server and real servers alike.
// Migrations are applied from the committed drizzle-kit output in db/migrations.
import path from "node:path";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { closeChangeFeed, offerChangeFeed, watchCommits } from "./changes";
import { guardAgainstDriverCrash, guardTransactions, strandedConnection } from "./connection-faults";
import * as schema from "./schema";

/** The embedded PostgreSQL the app starts itself, or a server named by DATABASE_URL. */
export type DatabaseKind = "embedded" | "postgres";

export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
/** A transaction or the database itself: domain functions accept either. */
export type Queryable = Pick<Database, "select" | "insert" | "update" | "delete" | "execute" | "transaction" | "query">;

export interface DatabaseConnection {
  db: Database;
  kind: DatabaseKind;
  close: () => Promise<void>;
}

function poolSize(): number {
  const configured = Number(process.env.THROUGHLINE_DATABASE_POOL_SIZE);
  return Number.isInteger(configured) && configured > 0 ? configured : 10;
}

export function migrationsFolder(): string {
  // The ignore comment keeps Next.js output tracing from copying the whole project.
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), "db/migrations");
}

export function createDatabaseClient(
  url: string,
  kind: DatabaseKind,
  options: { maxConnections?: number; /** How long close() lets running queries finish. */ closeTimeoutSeconds?: number } = {},
): DatabaseConnection {
  const client = postgres(url, {
    max: options.maxConnections ?? poolSize(),
    onnotice: () => {},
    // Short, so that an unreachable database turns into a prompt 503 rather than a hanging request: a loopback or
    // LAN connection with its password exchange takes milliseconds.
    connect_timeout: 1.5,
    // The wait before a closed connection may open again, at most half a second. The driver's default grows with
    // each failed attempt to 20 s, and a request arriving during (or just after) an outage waited that long: 2–13 s
    // for a 503, and the first requests after the database came back still failed (docs/security.md, Faults).
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
    // No JIT: every statement here is a short aggregate over index-only scans, whose planner cost often passes
    // jit_above_cost on a server built with LLVM; compiling then took ~0.5 s of a ~40 ms statement (docs/scaling.md).
    connection: { application_name: "throughline", jit: "off" },
  });
  // A transaction whose connection dies must neither poison the pool nor take the process with it (porsager/postgres#1208).
  guardTransactions(client);
  guardAgainstDriverCrash();
  // What its reads may keep between requests is known from its change feed (db/changes.ts), opened on first use.
  watchCommits(client);
  offerChangeFeed(client, url);
  const db = drizzle(client, { schema, casing: "snake_case" });
  const close = async () => {
    await closeChangeFeed(client);
    await client.end({ timeout: strandedConnection(client) ? 0 : (options.closeTimeoutSeconds ?? 5) });
  };
  return { db, kind, close };
}

export async function migrateDatabase(db: Database): Promise<void> {
  await migrate(db, { migrationsFolder: migrationsFolder() });
}

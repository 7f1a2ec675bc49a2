// The one database client factory: postgres.js + Drizzle, for the embedded socket server and real servers alike.
// Migrations are applied from the committed drizzle-kit output in db/migrations.
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { migrationsFolder, type DatabaseKind } from "../server/config";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
/** A transaction or the database itself: domain functions accept either. */
export type Queryable = Pick<Database, "select" | "insert" | "update" | "delete" | "execute" | "transaction" | "query">;

export interface DatabaseConnection {
  db: Database;
  kind: DatabaseKind;
  close: () => Promise<void>;
}

function poolSize(kind: DatabaseKind): number {
  const configured = Number(process.env.THROUGHLINE_DATABASE_POOL_SIZE);
  if (Number.isInteger(configured) && configured > 0) return configured;
  return kind === "embedded" ? 1 : 10;
}

export function createDatabaseClient(url: string, kind: DatabaseKind, options: { maxConnections?: number } = {}): DatabaseConnection {
  const client = postgres(url, {
    // PGlite is one session: statements from two connections can interleave inside its extended-query
    // protocol ("unnamed prepared statement does not exist"), so embedded mode uses one pipelined connection.
    max: options.maxConnections ?? poolSize(kind),
    onnotice: () => {},
    connect_timeout: 10,
    connection: { application_name: "throughline" },
  });
  const db = drizzle(client, { schema, casing: "snake_case" });
  return { db, kind, close: () => client.end({ timeout: 5 }) };
}

export async function migrateDatabase(db: Database): Promise<void> {
  await migrate(db, { migrationsFolder: migrationsFolder() });
}

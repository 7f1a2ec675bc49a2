// A database of the drill's own (faults_…, cloned from the run's migrated template) on 127.0.0.1:5432, a second
// session on it to watch and terminate the import's backend from, and its removal afterwards.
import crypto from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { createDatabaseClient, type DatabaseConnection } from "../../../db/client";
import { withDatabaseName } from "../../support/database-mode";

export interface FaultsDatabase extends DatabaseConnection {
  url: string;
  name: string;
  /** Another session: what any other client would see, and the one that terminates backends. */
  other: postgres.Sql;
}

export async function createFaultsDatabase(): Promise<FaultsDatabase> {
  const name = `faults_${crypto.randomBytes(5).toString("hex")}`;
  const adminUrl = inject("faultsAdminUrl");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${inject("faultsTemplate")}"`);
  const url = withDatabaseName(adminUrl, name);
  const connection = createDatabaseClient(url, "postgres", { maxConnections: 2 });
  const other = postgres(url, { max: 1, onnotice: () => {} });
  return {
    ...connection,
    url,
    name,
    other,
    close: async () => {
      await other.end();
      await connection.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** The backends of the database's import (an open transaction other than `other`'s own), with what each runs. */
export function importBackends(other: postgres.Sql) {
  return other<Array<{ pid: number; query: string }>>`
    select pid, query from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null and state <> 'idle'`;
}

/** Waits (polling every 10 ms) until an import backend runs a statement that matches; its pid. */
export async function waitForImportStatement(other: postgres.Sql, pattern: RegExp, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = (await importBackends(other)).find((backend) => pattern.test(backend.query));
    if (match) return match.pid;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no import statement matching ${pattern} within ${timeoutMs} ms`);
}

/** Waits until no transaction of the import is open any more (the server rolled a dead one back). */
export async function importBackendsGone(other: postgres.Sql, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await importBackends(other)).length > 0) {
    if (Date.now() > deadline) throw new Error("the import's transaction is still open");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

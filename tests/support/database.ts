// A fresh, migrated database for one test file, cloned from the run's template, over the app's own client.
import crypto from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { createDatabaseClient, type DatabaseConnection } from "../../db/client";
import { testDatabaseMode, withDatabaseName } from "./database-mode";

export interface TestDatabase extends DatabaseConnection {
  url: string;
}

/** A migrated database of its own; call `close()` in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `throughline_test_${crypto.randomBytes(5).toString("hex")}`;
  const adminUrl = inject("adminUrl");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${inject("templateDatabase")}"`);
  // A throwaway database need not wait for its commits to reach disk (the embedded test server runs without fsync
  // at all); on a shared server this is the database's own setting, for every session that opens it (CLI children too).
  await admin.unsafe(`alter database "${name}" set synchronous_commit = off`);
  const url = withDatabaseName(adminUrl, name);
  const connection = createDatabaseClient(url, testDatabaseMode() === "embedded" ? "embedded" : "postgres");
  return {
    ...connection,
    url,
    close: async () => {
      await connection.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

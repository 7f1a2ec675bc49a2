// A transaction whose connection the server terminates leaves postgres.js a connection that never settles
// (db/connection-faults.ts); close() must not wait for it, or every interrupted CLI import hung for its close timeout.
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseClient } from "../db/client";
import { strandedConnection } from "../db/connection-faults";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { testDatabaseMode } from "./support/database-mode";

let database: TestDatabase;
let killer: postgres.Sql;
beforeAll(async () => {
  database = await createTestDatabase();
  killer = postgres(database.url, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await killer.end();
  await database.close();
});

const mode = () => (testDatabaseMode() === "embedded" ? "embedded" : "postgres");

describe("a client whose transaction lost its connection", () => {
  it("is marked stranded, and close() ends it at once instead of waiting out its timeout", { timeout: 20_000 }, async () => {
    // A close timeout far beyond the test's own: a close that waited for the stranded connection fails the test.
    const connection = createDatabaseClient(database.url, mode(), { maxConnections: 2, closeTimeoutSeconds: 600 });
    let pid: number | null = null;
    const transaction = connection.db.transaction(async (tx) => {
      pid = (await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`))[0]!.pid;
      await tx.execute(sql`select pg_sleep(5)`);
    });
    while (pid === null) await new Promise((resolve) => setTimeout(resolve, 20));
    await killer`select pg_terminate_backend(${pid}, 5000)`;
    await expect(transaction).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
    await new Promise((resolve) => setImmediate(resolve));
    expect(strandedConnection(connection.db.$client)).toBe(true);
    await connection.close();
  });

  it("is not marked after transactions that commit or roll back, and closes as usual", async () => {
    const connection = createDatabaseClient(database.url, mode(), { maxConnections: 2 });
    await connection.db.transaction(async (tx) => tx.execute(sql`select 1`));
    await expect(connection.db.transaction(async () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(strandedConnection(connection.db.$client)).toBe(false);
    await connection.close();
  });
});

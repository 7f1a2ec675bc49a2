// A fresh, migrated database for one test file, over the same postgres.js client the app uses.
import crypto from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { createDatabaseClient, type DatabaseConnection } from "../../db/client";
import { postgresAdminUrl, testDatabaseMode, withDatabaseName } from "./database-mode";

export interface TestDatabase extends DatabaseConnection {
  url: string;
}

async function fromPgliteSnapshot(): Promise<TestDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const snapshot = new Blob([fs.readFileSync(inject("pgliteSnapshot"))]);
  const pglite = await PGlite.create({ loadDataDir: snapshot });
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0, maxConnections: 8 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  const connection = createDatabaseClient(url, "embedded");
  return {
    ...connection,
    url,
    close: async () => {
      await connection.close();
      await server.stop();
      await pglite.close();
    },
  };
}

async function fromPostgresTemplate(): Promise<TestDatabase> {
  const name = `throughline_test_${crypto.randomBytes(5).toString("hex")}`;
  const admin = postgres(postgresAdminUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${inject("postgresTemplate")}"`);
  const url = withDatabaseName(postgresAdminUrl(), name);
  const connection = createDatabaseClient(url, "postgres");
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

/** A migrated database of its own; call `close()` in afterAll. */
export function createTestDatabase(): Promise<TestDatabase> {
  return testDatabaseMode() === "postgres" ? fromPostgresTemplate() : fromPgliteSnapshot();
}

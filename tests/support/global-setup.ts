// Migrates one database per test run: a PGlite snapshot file, or a PostgreSQL template database.
// Each test file then clones it (loadDataDir / CREATE DATABASE ... TEMPLATE), which is far cheaper than migrating.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { createDatabaseClient, migrateDatabase } from "../../db/client";
import { postgresAdminUrl, testDatabaseMode, withDatabaseName } from "./database-mode";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplate: string;
  }
}

async function pgliteSnapshot(): Promise<{ file: string; cleanup: () => void }> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const pglite = await PGlite.create();
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0, maxConnections: 4 });
  await server.start();
  const connection = createDatabaseClient(`postgres://postgres@${server.getServerConn()}/postgres`, "embedded");
  await migrateDatabase(connection.db);
  await connection.close();
  await server.stop();
  const dump = await pglite.dumpDataDir("gzip");
  await pglite.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-test-"));
  const file = path.join(dir, "migrated.tar.gz");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function postgresTemplate(): Promise<{ name: string; cleanup: () => Promise<void> }> {
  const name = `throughline_template_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(postgresAdminUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const connection = createDatabaseClient(withDatabaseName(postgresAdminUrl(), name), "postgres", { maxConnections: 1 });
  await migrateDatabase(connection.db);
  await connection.close();
  return {
    name,
    cleanup: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

export default async function setup(project: TestProject) {
  if (testDatabaseMode() === "postgres") {
    const template = await postgresTemplate();
    project.provide("postgresTemplate", template.name);
    project.provide("pgliteSnapshot", "");
    return template.cleanup;
  }
  const snapshot = await pgliteSnapshot();
  project.provide("pgliteSnapshot", snapshot.file);
  project.provide("postgresTemplate", "");
  return snapshot.cleanup;
}

// Migrates one template database per test run, on an embedded PostgreSQL started for the run (or on the
// server with THROUGHLINE_TEST_DATABASE=postgres). Each test file clones it with CREATE DATABASE ... TEMPLATE.
import crypto from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { createDatabaseClient, migrateDatabase } from "../../db/client";
import { openTemporaryServer } from "../../db/embedded";
import { postgresAdminUrl, testDatabaseMode, withDatabaseName } from "./database-mode";

declare module "vitest" {
  export interface ProvidedContext {
    /** Maintenance connection of the server the suites use. */
    adminUrl: string;
    /** The migrated database each file clones. */
    templateDatabase: string;
  }
}

async function migratedTemplate(adminUrl: string): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = `throughline_template_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const connection = createDatabaseClient(withDatabaseName(adminUrl, name), "postgres", { maxConnections: 1 });
  await migrateDatabase(connection.db);
  await connection.close();
  return {
    name,
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

export default async function setup(project: TestProject) {
  const server = testDatabaseMode() === "embedded" ? await openTemporaryServer("test") : undefined;
  const adminUrl = server?.adminUrl ?? postgresAdminUrl();
  const template = await migratedTemplate(adminUrl);
  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", template.name);
  return async () => {
    await template.drop();
    await server?.stop();
  };
}

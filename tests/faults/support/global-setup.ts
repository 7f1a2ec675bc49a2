// The fault drills' run setup: one migrated template database (faults_template_…) on the PostgreSQL server at
// 127.0.0.1:5432 (THROUGHLINE_TEST_POSTGRES_URL), which each drill clones; dropped at the end of the run.
import crypto from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { createDatabaseClient, migrateDatabase } from "../../../db/client";
import { postgresAdminUrl, withDatabaseName } from "../../support/database-mode";

declare module "vitest" {
  export interface ProvidedContext {
    faultsAdminUrl: string;
    faultsTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const adminUrl = postgresAdminUrl();
  const name = `faults_template_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const connection = createDatabaseClient(withDatabaseName(adminUrl, name), "postgres", { maxConnections: 1 });
  await migrateDatabase(connection.db);
  await connection.close();
  project.provide("faultsAdminUrl", adminUrl);
  project.provide("faultsTemplate", name);
  return async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
}

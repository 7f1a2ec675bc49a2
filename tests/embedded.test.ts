// The embedded database's single-owner rule: one process owns the data directory; a CLI run while
// the app holds it talks to the app's socket server instead of opening the files itself.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseClient, migrateDatabase, type DatabaseConnection } from "../db/client";
import { directoryOwner, runningServer, startEmbeddedServer, type EmbeddedServer } from "../db/embedded";
import { importModel } from "../server/model/transfer";
import { testModel } from "./support/fixtures";

const run = promisify(execFile);
let dataDir: string;
let server: EmbeddedServer;
let connection: DatabaseConnection;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-embedded-"));
  server = await startEmbeddedServer(dataDir, 0);
  connection = createDatabaseClient(server.url, "embedded");
  await migrateDatabase(connection.db);
  await importModel(connection.db, testModel, { id: null, email: "test" });
});

afterAll(async () => {
  await connection.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("embedded database", () => {
  it("records its owner and socket server in the data directory", () => {
    expect(directoryOwner(dataDir)).toBe(process.pid);
    const record = JSON.parse(fs.readFileSync(path.join(dataDir, "embedded-server.json"), "utf8")) as { port: number };
    expect(server.url).toContain(`:${record.port}/`);
  });

  it("refuses a second opener of the same directory with a message that says what to do", async () => {
    await expect(startEmbeddedServer(dataDir, 0)).rejects.toThrow(/held by process \d+.*THROUGHLINE_DATA_DIR/s);
  });

  it("does not advertise the server to its own process (it would connect to itself)", () => {
    expect(runningServer(dataDir)).toBeUndefined();
  });

  it("lets the CLI use the running server instead of opening the directory", async () => {
    const out = path.join(dataDir, "model.json");
    const env: NodeJS.ProcessEnv = { ...process.env, THROUGHLINE_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    await run(path.resolve("node_modules/.bin/tsx"), ["cli/index.ts", "model", "export", out], { env });
    const exported = JSON.parse(fs.readFileSync(out, "utf8")) as { departments: Array<{ name: string }> };
    expect(exported.departments.map((d) => d.name)).toEqual(["Billing", "Service"]);
    expect(directoryOwner(dataDir)).toBe(process.pid);
  });
});

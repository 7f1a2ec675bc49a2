// A small team at once on the embedded PostgreSQL: while an admin imports 100,000 responses with the CLI,
// the overview is read every 200 ms (no read fails or waits over 1 s) and six CLI `scores` calls succeed.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseClient, migrateDatabase, type DatabaseConnection } from "../db/client";
import { openEmbeddedServer, type EmbeddedServer } from "../db/embedded";
import { importModel } from "../server/model/transfer";
import { programOverview } from "../server/scores/overview";
import { testDatabaseMode } from "./support/database-mode";
import { testModel } from "./support/fixtures";
import { cliArgs, cliCommand } from "./support/cli";

const ROWS = 100_000;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  startedAt: number;
  endedAt: number;
}

/** A CLI command joining the embedded server, as an admin would run it beside the app. */
function cli(dataDir: string, args: string[]): Promise<Finished> {
  const env: NodeJS.ProcessEnv = { ...process.env, THROUGHLINE_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const startedAt = Date.now();
  const child = spawn(cliCommand, cliArgs(...args), { env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr, startedAt, endedAt: Date.now() })));
}

function writeSurveyCsv(file: string): void {
  const lines = ["response_id,touchpoint,responded_at,nps,csat,comment"];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < ROWS; i++) {
    const at = new Date(start + (i % 300) * 86_400_000 + (i % 86_400) * 1000).toISOString();
    lines.push(`load-${i},${i % 2 ? "SVC-HOST" : "BIL-BILL"},${at},${i % 11},${1 + (i % 5)},${i % 20 === 0 ? "Slow tonight" : ""}`);
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

// The embedded server is what is under test: the postgres-server run of the suites has nothing to add here.
describe.skipIf(testDatabaseMode() === "postgres")("the embedded database under a small team's use", () => {
  let base: string;
  let server: EmbeddedServer;
  let reader: DatabaseConnection;

  beforeAll(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-team-"));
    fs.chmodSync(base, 0o711);
    server = await openEmbeddedServer({ dataDir: path.join(base, "data"), owner: "app" });
    reader = createDatabaseClient(server.url, "embedded");
    await migrateDatabase(reader.db);
    await importModel(reader.db, { id: null, email: "test" }, testModel);
    server.markReady();
    writeSurveyCsv(path.join(base, "responses.csv"));
  });
  afterAll(async () => {
    await reader?.close();
    await server?.stop();
    fs.rmSync(base, { recursive: true, force: true });
  });

  it("serves readers and CLI calls while a 100,000-row import runs", { timeout: 180_000 }, async () => {
    const dataDir = path.join(base, "data");
    const importing = cli(dataDir, ["import", path.join(base, "responses.csv")]);
    let importDone = false;
    void importing.then(() => (importDone = true));

    const waits: number[] = [];
    const failures: string[] = [];
    const reading = (async () => {
      while (!importDone) {
        const started = performance.now();
        try {
          await programOverview(reader.db, {});
        } catch (error) {
          failures.push((error as Error).message);
        }
        waits.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();

    // Six `scores` calls, started a few hundred milliseconds apart while the import runs, at most three at a time
    // (each takes ~10 s on 2 busy cores, so six fit well inside the import; ten did not always).
    const calls: Promise<Finished>[] = [];
    let running = 0;
    for (let i = 0; i < 6; i++) {
      while (running >= 3) await new Promise((resolve) => setTimeout(resolve, 50));
      running++;
      calls.push(cli(dataDir, ["scores", "--level", "touchpoint", "--from", "2026-01-01", "--to", "2026-12-31"]).finally(() => running--));
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const scoreCalls = await Promise.all(calls);
    const imported = await importing;
    await reading;

    expect(imported.stderr).not.toMatch(/error/i);
    expect(imported.code).toBe(0);
    const [row] = await reader.db.execute<{ count: number }>(sql`select count(*)::int as count from survey_responses`);
    expect(row?.count).toBe(ROWS);

    expect(failures).toEqual([]);
    expect(waits.length).toBeGreaterThan(5);
    expect(Math.max(...waits)).toBeLessThan(1_000);

    for (const call of scoreCalls) {
      expect(call.stderr).toBe("");
      expect(call.code).toBe(0);
      expect(JSON.parse(call.stdout)).toBeInstanceOf(Array);
    }
    // "During": every call started before the import ended.
    expect(Math.max(...scoreCalls.map((c) => c.startedAt))).toBeLessThan(imported.endedAt);
    console.log(
      `import of ${ROWS.toLocaleString("en-US")} rows: ${((imported.endedAt - imported.startedAt) / 1000).toFixed(1)} s; ` +
        `${waits.length} overview reads, longest ${Math.round(Math.max(...waits))} ms; ` +
        `scores calls ${scoreCalls.map((c) => ((c.endedAt - c.startedAt) / 1000).toFixed(1)).join(", ")} s`,
    );
  });
});

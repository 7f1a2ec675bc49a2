// The last line against porsager/postgres#1208: with the bare driver (the transaction guard of db/client.ts not in
// the way), a transaction whose connection the server terminates makes postgres.js throw an uncaught TypeError from
// a setImmediate; the process guard logs it and the process lives. Any other uncaught error still ends the process.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaultsDatabase, type FaultsDatabase } from "./support/database";

let database: FaultsDatabase;
beforeAll(async () => {
  database = await createFaultsDatabase();
});
afterAll(() => database?.close());

function run(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/faults/support/driver-crash.ts", database.url, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

describe("the process guard against the driver's crash", () => {
  it("survives the uncaught TypeError postgres.js throws after a terminated transaction, and logs it", async () => {
    const { code, stdout, stderr } = await run();
    expect(stdout, stderr).toContain('{"rejected":"CONNECTION_CLOSED"}');
    expect(stdout).toContain(`{"survived":"Cannot read properties of null (reading 'write')"}`);
    expect(stdout).toContain('{"alive":true}');
    expect(code, stderr).toBe(0);
  });

  it("still ends the process on any other uncaught error, as Node would", async () => {
    const { code, stderr } = await run("other");
    expect(code).toBe(1);
    expect(stderr).toContain("Error: an unrelated bug");
  });
});

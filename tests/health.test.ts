// GET /api/health's report: the database kind when reachable, "unavailable" (served as 503) when not.
import net from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseClient } from "../db/client";
import { checkHealth } from "../server/health";
import { createTestDatabase, type TestDatabase } from "./support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("the app's database sessions", () => {
  it("run without JIT compilation (it cost ~0.5 s a statement on servers built with LLVM)", async () => {
    const [row] = await database.db.execute<{ jit: string }>(sql`select current_setting('jit') as jit`);
    expect(row!.jit).toBe("off");
  });
});

describe("health", () => {
  it("reports ok and the kind of database it reached", async () => {
    const report = await checkHealth(database.kind, async () => database);
    expect(report).toEqual({ status: "ok", database: database.kind });
  });

  it("reports unavailable when the database cannot be reached", async () => {
    // Port 9 (discard) on loopback has no PostgreSQL: the connection is refused at once.
    const unreachable = createDatabaseClient("postgres://postgres@127.0.0.1:9/postgres", "postgres", { maxConnections: 1 });
    const report = await checkHealth("postgres", async () => unreachable);
    await unreachable.close();
    expect(report.status).toBe("unavailable");
  });

  it("answers unavailable promptly when the database accepts the connection but never answers", { timeout: 10_000 }, async () => {
    // A loopback listener that says nothing: without the health check's own deadline this would hang.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    const mute = createDatabaseClient(`postgres://postgres@127.0.0.1:${port}/postgres`, "embedded", { maxConnections: 1 });
    const report = await checkHealth("embedded", async () => mute, 300);
    expect(report).toMatchObject({ status: "unavailable", database: "embedded" });
    silent.close();
    void mute.close();
  });
});

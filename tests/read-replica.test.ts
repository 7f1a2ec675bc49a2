// Dashboards read where DATABASE_READ_URL points (a replica), writes stay on the primary: with a "replica"
// that has the model but no responses yet, every score view shows no data while the primary has plenty.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../server/api/root";
import { readDatabaseUrl } from "../server/config";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let primary: TestDatabase;
let replica: TestDatabase;
let executive: Awaited<ReturnType<typeof seedTestModel>>["executive"];

beforeAll(async () => {
  primary = await createTestDatabase();
  replica = await createTestDatabase();
  ({ executive } = await seedTestModel(primary.db));
  await seedTestModel(replica.db);
  const [host] = await primary.db.execute<{ id: number }>(sql`select id from touchpoints where code = 'SVC-HOST'`);
  const rows: ResponseInput[] = Array.from({ length: 60 }, (_, i) => ({
    touchpointId: host!.id,
    respondedAt: new Date(Date.UTC(2026, 2, 1 + (i % 20), 12)),
    csat: 5,
    externalId: `r${i}`,
  }));
  await ingestBatch(primary.db, { fileName: "r", fileHash: "r", sourceFormat: "test", source: "api" }, rows);
});
afterAll(async () => {
  await primary.close();
  await replica.close();
});

const filters = { from: "2026-03-01", to: "2026-03-31" };

describe("read replica", () => {
  it("serves the dashboards from readDb and falls back to the primary without one", async () => {
    const withReplica = createCaller({ db: primary.db, readDb: replica.db, user: executive });
    const primaryOnly = createCaller({ db: primary.db, user: executive });
    expect((await primaryOnly.dashboard.overview(filters)).tiles.csat.score).toMatchObject({ status: "ok", n: 60 });
    expect((await withReplica.dashboard.overview(filters)).tiles.csat.score).toMatchObject({ status: "insufficient", n: 0 });
  });

  it("reads DATABASE_READ_URL only beside DATABASE_URL", () => {
    const saved = { url: process.env.DATABASE_URL, read: process.env.DATABASE_READ_URL };
    try {
      process.env.DATABASE_READ_URL = "postgres://replica.example/throughline";
      delete process.env.DATABASE_URL;
      expect(readDatabaseUrl()).toBeUndefined();
      process.env.DATABASE_URL = "postgres://primary.example/throughline";
      expect(readDatabaseUrl()).toBe("postgres://replica.example/throughline");
    } finally {
      if (saved.url === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved.url;
      if (saved.read === undefined) delete process.env.DATABASE_READ_URL;
      else process.env.DATABASE_READ_URL = saved.read;
    }
  });
});

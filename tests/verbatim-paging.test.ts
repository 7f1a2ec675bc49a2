// The comments list pages through every comment of the period (keyset on time and id: none skipped or
// repeated, even when many share one instant), and the export reads all of them page by page.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { allVerbatims, listVerbatims } from "../server/scores/verbatims";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let hostId: number;
const reader = { includePersonalData: false, privacyThreshold: false };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  hostId = (await database.db.execute<{ id: number }>(sql`select id from touchpoints where code = 'SVC-HOST'`))[0]!.id;
  // 120 comments, 40 of them at the very same instant.
  const rows: ResponseInput[] = Array.from({ length: 120 }, (_, i) => ({
    touchpointId: hostId,
    respondedAt: i < 40 ? new Date(Date.UTC(2026, 2, 10, 12)) : new Date(Date.UTC(2026, 2, 1, 8, i)),
    csat: 1 + (i % 5),
    comment: `comment ${i}`,
    externalId: `v${i}`,
  }));
  await ingestBatch(database.db, { fileName: "v", fileHash: "v", sourceFormat: "test", source: "api" }, rows);
});
afterAll(() => database.close());

describe("comments, page by page", () => {
  it("reaches every comment once, with the total on the first page", async () => {
    const query = { touchpointId: hostId, from: "2026-03-01", to: "2026-03-31", limit: 50 };
    const seen: string[] = [];
    let cursor = null;
    let pages = 0;
    for (;;) {
      const page = await listVerbatims(database.db, { ...query, cursor }, reader);
      if (pages === 0) expect(page.total).toBe(120);
      pages += 1;
      seen.push(...page.rows.map((r) => r.comment!));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(120);
  });

  it("gives the export every comment", async () => {
    let count = 0;
    for await (const rows of allVerbatims(database.db, { touchpointId: hostId, from: "2026-03-01", to: "2026-03-31" }, reader)) count += rows.length;
    expect(count).toBe(120);
  });
});

// The incremental roll-up update (ingest, revert) always equals a rebuild from raw responses.
import { cliActor } from "../server/audit";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestBatch, revertBatch, type ResponseInput } from "../server/responses/ingest";
import { rebuildRollups } from "../server/rollups/maintain";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let touchpointIds: number[];
beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  const rows = await database.db.execute<{ id: number }>(sql`select id from touchpoints order by code`);
  touchpointIds = rows.map((r) => r.id);
});
afterAll(() => database.close());

const rollupTables = [
  "touchpoint_daily_rollups",
  "touchpoint_weekly_rollups",
  "touchpoint_monthly_rollups",
  "metric_pair_daily_rollups",
  "metric_pair_monthly_rollups",
] as const;
type RollupTable = (typeof rollupTables)[number];

async function snapshot(table: RollupTable) {
  return database.db.execute(sql`select * from ${sql.raw(table)} order by 1, 2, 3, 4, 5`);
}

async function expectRollupsMatchRebuild() {
  const before = await Promise.all(rollupTables.map(snapshot));
  expect(before.every((rows) => rows.length > 0)).toBe(true);
  await database.db.transaction((tx) => rebuildRollups(tx));
  expect(await Promise.all(rollupTables.map(snapshot))).toEqual(before);
}

function responses(prefix: string, count: number): ResponseInput[] {
  return Array.from({ length: count }, (_, i) => ({
    touchpointId: touchpointIds[i % touchpointIds.length]!,
    respondedAt: new Date(Date.UTC(2026, i % 3, 1 + (i % 27), 23, 30)),
    nps: i % 11,
    csat: 1 + (i % 5),
    ces: i % 4 === 0 ? null : 1 + (i % 7),
    externalId: `${prefix}-${i}`,
  }));
}

const batch = (name: string) => ({ fileName: name, fileHash: name, sourceFormat: "test", source: "api" as const });

describe("roll-up maintenance", () => {
  it("adds a batch exactly as a rebuild would count it", async () => {
    const result = await ingestBatch(database.db, batch("a"), responses("a", 300));
    expect(result).toMatchObject({ inserted: 300, duplicates: 0 });
    await expectRollupsMatchRebuild();
    const [total] = await database.db.execute<{ n: number; promoters: number }>(
      sql`select sum(response_count)::int as n, sum(promoters)::int as promoters from touchpoint_monthly_rollups r join metric_definitions m on m.id = r.metric_id where m.code = 'nps'`,
    );
    // i % 11 over 300 answers: 9 and 10 occur 27 + 27 times.
    expect(total).toEqual({ n: 300, promoters: 54 });
    const answers = await database.db.execute<{ answer: string; count: number }>(sql`
      select e.key as answer, sum(e.value::int)::int as count
      from touchpoint_monthly_rollups r join metric_definitions m on m.id = r.metric_id, jsonb_each_text(r.answer_counts) e
      where m.code = 'csat' group by e.key order by e.key`);
    // csat = 1 + i % 5 over 300 answers: 60 of each.
    expect(answers).toEqual(["1", "2", "3", "4", "5"].map((answer) => ({ answer, count: 60 })));
  });

  it("skips responses already stored and counts only the new ones", async () => {
    const result = await ingestBatch(database.db, batch("b"), [...responses("a", 50), ...responses("b", 20)]);
    expect(result).toMatchObject({ inserted: 20, duplicates: 50 });
    await expectRollupsMatchRebuild();
  });

  it("reverting a batch removes exactly its contribution", async () => {
    const before = await Promise.all(rollupTables.map(snapshot));
    const added = await ingestBatch(database.db, batch("c"), responses("c", 120));
    expect(await revertBatch(database.db, cliActor, added.batchId)).toBe(120);
    expect(await Promise.all(rollupTables.map(snapshot))).toEqual(before);
    await expectRollupsMatchRebuild();
    await expect(revertBatch(database.db, cliActor, added.batchId)).rejects.toThrow(/only imported batches/);
  });

  it("buckets by UTC day", async () => {
    const [row] = await database.db.execute<{ day: string }>(sql`select day::text from touchpoint_daily_rollups order by day limit 1`);
    expect(row?.day).toBe("2026-01-01");
  });

  it("writes nothing when a batch fails half-way", async () => {
    const before = await database.db.execute(sql`select count(*)::int as n from survey_responses`);
    const rows = responses("d", 30);
    rows[25] = { ...rows[25]!, touchpointId: 999_999 };
    await expect(ingestBatch(database.db, batch("d"), rows)).rejects.toThrow();
    expect(await database.db.execute(sql`select count(*)::int as n from survey_responses`)).toEqual(before);
    const batches = await database.db.execute(sql`select * from import_batches where file_name = 'd'`);
    expect(batches).toHaveLength(0);
  });
});

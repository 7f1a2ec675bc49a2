// The score cache never serves yesterday's data: every change the dashboards show (an import, a revert, a
// setting, a target) moves the data version, while repeated questions of unchanged data share one answer.
import { cliActor } from "../server/audit";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { touchpointTargets } from "../db/schema";
import { ingestBatch, revertBatch, type ResponseInput } from "../server/responses/ingest";
import { cachedScores, dataVersion } from "../server/scores/cache";
import { programOverview } from "../server/scores/overview";
import { writeSetting } from "../server/settings/program-settings";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let hostId: number;
const filters = { from: "2026-03-01", to: "2026-03-31" };
const actor = { id: null, email: "test" };
const overview = () => cachedScores(database.db, "overview", filters, () => programOverview(database.db, filters));
const responses = (n: number, tag: string): ResponseInput[] =>
  Array.from({ length: n }, (_, i) => ({
    touchpointId: hostId,
    respondedAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 12)),
    csat: i % 3 ? 5 : 2,
    externalId: `${tag}${i}`,
  }));

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  const [host] = await database.db.execute<{ id: number }>(sql`select id from touchpoints where code = 'SVC-HOST'`);
  hostId = host!.id;
});
afterAll(() => database.close());

describe("score cache", () => {
  it("answers the same question of unchanged data once", async () => {
    const first = await overview();
    expect(await overview()).toBe(first);
  });

  it("moves to the new figures after an import, a revert, a setting and a target change", async () => {
    const before = await overview();
    const batch = await ingestBatch(database.db, { fileName: "a", fileHash: "a", sourceFormat: "test", source: "api" }, responses(40, "a"));
    const afterImport = await overview();
    expect(afterImport).not.toBe(before);
    expect(afterImport.tiles.csat.score).toMatchObject({ status: "ok", n: 40 });

    await writeSetting(database.db, actor, { key: "minimum_sample", value: 50 });
    expect((await overview()).tiles.csat.score).toMatchObject({ status: "insufficient", n: 40, minimum: 50 });
    await writeSetting(database.db, actor, { key: "minimum_sample", value: 30 });

    const versionBefore = await dataVersion(database.db);
    await database.db.update(touchpointTargets).set({ target: 99 });
    expect(await dataVersion(database.db)).not.toBe(versionBefore);

    await revertBatch(database.db, cliActor, batch.batchId);
    expect((await overview()).tiles.csat.score).toMatchObject({ status: "insufficient", n: 0 });
  });

  it("does not keep a failure", async () => {
    let calls = 0;
    const failing = () => cachedScores(database.db, "failing", {}, async () => (calls += 1) && Promise.reject(new Error("boom")));
    await expect(failing()).rejects.toThrow("boom");
    await expect(failing()).rejects.toThrow("boom");
    expect(calls).toBe(2);
  });

  it("keeps data_changes small however many changes there are", async () => {
    for (let i = 0; i < 2_100; i += 1) await database.db.execute(sql`update settings set updated_at = now() where false`);
    const [row] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from data_changes`);
    // Pruned at every thousandth change down to the newest thousand: never more than two thousand rows.
    expect(row!.n).toBeLessThan(2_000);
  });
});

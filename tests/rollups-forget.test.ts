// The roll-up tables have no foreign keys (migration 0027), so deleting a touchpoint or a location removes their rows
// itself: every roll-up table is on the list, and a deleted touchpoint or site leaves no row behind in any of them.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rollupTableNames } from "../server/rollups/forget";
import { ingestBatch } from "../server/responses/ingest";
import { deleteLocation } from "../server/setup/locations";
import { deleteTouchpoint } from "../server/setup/touchpoints";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

const actor = { id: null, email: "test" };
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
});
afterAll(() => database.close());

const idOf = async (table: "touchpoints" | "locations", code: string) =>
  (await database.db.execute<{ id: number }>(sql`select id from ${sql.raw(table)} where code = ${code}`))[0]!.id;

/** Roll-up rows naming the touchpoint or location, per table (tables without a row left out). */
async function rowsOf(column: "touchpoint_id" | "location_id", id: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of rollupTableNames) {
    const [hasColumn] = await database.db.execute(sql`select 1 from information_schema.columns where table_name = ${table} and column_name = ${column}`);
    if (!hasColumn) continue;
    const [row] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)} where ${sql.raw(column)} = ${id}`);
    if (row!.n > 0) counts[table] = row!.n;
  }
  return counts;
}

describe("roll-ups of a deleted touchpoint or location", () => {
  it("lists every roll-up table the schema has", async () => {
    const tables = await database.db.execute<{ name: string }>(
      sql`select tablename as name from pg_tables where schemaname = 'public' and tablename like '%\_rollups'`,
    );
    expect([...rollupTableNames].sort()).toEqual(tables.map((t) => t.name).sort());
  });

  it("go with it, whatever rows name it", async () => {
    const host = await idOf("touchpoints", "SVC-HOST");
    const bill = await idOf("touchpoints", "BIL-BILL");
    const bath = await idOf("locations", "S-BATH");
    const leeds = await idOf("locations", "N-LEEDS");
    // Answers with comments at Bath on the bill fill a row of every survey roll-up table; a revert leaves none behind,
    // so the rows the deletes must clear are copies of those naming the host greeting and Leeds instead.
    await ingestBatch(database.db, { fileName: "f", fileHash: "forget", sourceFormat: "test", source: "api" }, [
      { touchpointId: bill, locationId: bath, respondedAt: new Date("2026-11-02T10:00:00Z"), nps: 9, csat: 5, comment: "Lovely welcome.", externalId: "f-1" },
      { touchpointId: bill, locationId: bath, respondedAt: new Date("2026-11-03T10:00:00Z"), nps: 3, csat: 2, comment: "Slow service.", externalId: "f-2" },
    ]);
    for (const table of rollupTableNames) {
      const columns = (
        await database.db.execute<{ name: string }>(sql`select column_name as name from information_schema.columns where table_name = ${table}`)
      ).map((c) => c.name);
      const values = columns.map((c) =>
        c === "touchpoint_id" ? String(host) : c === "location_id" ? `case when location_id = 0 then 0 else ${leeds} end` : c,
      );
      await database.db.execute(
        sql.raw(`insert into ${table} (${columns.join(", ")}) select ${values.join(", ")} from ${table} where touchpoint_id = ${bill} on conflict do nothing`),
      );
    }
    const before = await rowsOf("touchpoint_id", host);
    expect(Object.keys(before)).toEqual(rollupTableNames.filter((t) => !t.startsWith("contact_")));
    expect(Object.keys(await rowsOf("location_id", leeds))).toEqual(rollupTableNames.filter((t) => !t.startsWith("contact_") && !t.startsWith("touchpoint_")));

    await database.db.execute(sql`delete from locations where parent_id = ${leeds}`);
    await deleteLocation(database.db, actor, leeds);
    expect(await rowsOf("location_id", leeds)).toEqual({});
    await database.db.execute(sql`delete from stage_touchpoints where touchpoint_id = ${host}`);
    await deleteTouchpoint(database.db, actor, host);
    expect(await rowsOf("touchpoint_id", host)).toEqual({});
    // The bill's rows, and Bath's, are untouched.
    expect(Object.keys(await rowsOf("touchpoint_id", bill))).toEqual(Object.keys(before));
    expect(Object.keys(await rowsOf("location_id", bath)).length).toBeGreaterThan(0);
  });
});

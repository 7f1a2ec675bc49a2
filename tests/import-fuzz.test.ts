// Fuzzing the import pipeline: random bytes and random mutations of a valid export never crash it with
// anything but a clear refusal (a DomainError), and never leave a partial write behind.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../server/imports/pipeline";
import { DomainError } from "../server/errors";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

const actor = { id: null, email: "fuzz" };
let database: TestDatabase;
let dir: string;
let runs = 0;

const valid =
  "id,touchpoint,date,How likely are you to recommend us?,How satisfied were you?,Any comments?\n" +
  Array.from(
    { length: 12 },
    (_, i) => `F${i},${i % 2 ? "SVC-HOST" : "BIL-BILL"},2026-04-${10 + i} 12:00:00,${i % 11},${1 + (i % 5)},"note ""${i}"", fine"`,
  ).join("\n") +
  "\n";

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-fuzz-"));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function counts() {
  const [row] = await database.db.execute<{ responses: number; batches: number; rollup: number }>(sql`
    select (select count(*)::int from survey_responses) as responses, (select count(*)::int from import_batches) as batches,
      (select coalesce(sum(response_count), 0)::int from touchpoint_daily_rollups r join metric_definitions m on m.id = r.metric_id where m.code = 'csat') as rollup`);
  return row!;
}

/** Import, and check that either nothing changed or exactly the reported responses arrived with a batch. */
async function importAndCheck(bytes: Uint8Array): Promise<void> {
  runs += 1;
  const file = path.join(dir, `f${runs}.csv`);
  fs.writeFileSync(file, bytes);
  const before = await counts();
  try {
    const summary = await importFile(database.db, file, { fileName: `f${runs}.csv`, actor, validOnly: runs % 2 === 0 });
    const after = await counts();
    if (summary.status === "imported") {
      expect(after.responses - before.responses).toBe(summary.imported);
      expect(after.batches - before.batches).toBe(1);
    } else {
      expect(after).toEqual(before);
    }
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(DomainError);
    expect(await counts()).toEqual(before);
  }
}

describe("import fuzzing", () => {
  it("survives random bytes", async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), importAndCheck), { numRuns: 40, seed: 5 });
  });

  it("survives random mutations of a valid export", async () => {
    const mutation = fc.array(
      fc.record({
        at: fc.nat({ max: valid.length - 1 }),
        cut: fc.nat({ max: 5 }),
        insert: fc.constantFrom("", ",", '"', "\n", "\r\n", "x", "99", ";", "\u0000", "é"),
      }),
      { minLength: 1, maxLength: 6 },
    );
    await fc.assert(
      fc.asyncProperty(mutation, async (edits) => {
        let text = valid;
        for (const edit of edits) text = text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.cut);
        await importAndCheck(Buffer.from(text, "utf8"));
      }),
      { numRuns: 60, seed: 9 },
    );
  });
});

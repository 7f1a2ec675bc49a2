// The key drivers read from the pair roll-ups: for random responses, periods and sites, every pair's sums (and
// so the correlation matrix) equal a brute force over the raw responses; a known true driver is ranked first.
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { readPairSums } from "../server/drivers/read";
import { analyseKeyDrivers } from "../server/drivers/analysis";
import { keyDriversView } from "../server/drivers/view";
import { correlationFromSums } from "../server/metrics/key-drivers";
import { seededRandom } from "../server/seed/random";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let touchpointIds: number[];
let siteIds: number[];
const responses: ResponseInput[] = [];
const START = Date.UTC(2025, 10, 20);
const SPAN_DAYS = 120;
const METRICS = ["nps", "csat", "ces", "speed", "value"] as const;

const answer = (r: ResponseInput, code: (typeof METRICS)[number]): number | null | undefined =>
  code === "nps" || code === "csat" || code === "ces" ? r[code] : r.customValues?.[code];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  await database.db.execute(sql`insert into metric_definitions (code, name, kind, scale_min, scale_max) values
    ('speed', 'Speed of service', 'custom', 1, 5), ('value', 'Value for money', 'custom', 1, 5)`);
  touchpointIds = (await database.db.execute<{ id: number }>(sql`select id from touchpoints order by id`)).map((r) => r.id);
  siteIds = (await database.db.execute<{ id: number }>(sql`select id from locations where kind = 'site' order by code`)).map((r) => r.id);
  const generated = fc.sample(
    fc.record({
      tp: fc.integer({ min: 0, max: touchpointIds.length - 1 }),
      minute: fc.integer({ min: 0, max: SPAN_DAYS * 1440 - 1 }),
      nps: fc.option(fc.integer({ min: 0, max: 10 })),
      csat: fc.option(fc.integer({ min: 1, max: 5 })),
      ces: fc.option(fc.integer({ min: 1, max: 7 })),
      speed: fc.option(fc.integer({ min: 1, max: 5 })),
      value: fc.option(fc.integer({ min: 1, max: 5 })),
      site: fc.integer({ min: -1, max: 2 }),
    }),
    { numRuns: 1200, seed: 11 },
  );
  generated.forEach((g, i) => {
    const custom = Object.fromEntries((["speed", "value"] as const).flatMap((code) => (g[code] == null ? [] : [[code, g[code]]])));
    responses.push({
      touchpointId: touchpointIds[g.tp]!,
      locationId: g.site < 0 ? null : siteIds[g.site]!,
      respondedAt: new Date(START + g.minute * 60_000),
      nps: g.nps,
      csat: g.csat,
      ces: g.ces,
      customValues: Object.keys(custom).length ? custom : null,
      externalId: `kd${i}`,
    });
  });
  await ingestBatch(database.db, { fileName: "kd", fileHash: "kd", sourceFormat: "test", source: "api" }, responses);
});
afterAll(() => database.close());

const dayString = (offset: number) => new Date(START + offset * 86_400_000).toISOString().slice(0, 10);

function bruteForcePairs(from: string, to: string, touchpoints: number[] | undefined, sites: number[] | undefined) {
  const result = new Map<string, { n: number; sumX: number; sumY: number; sumXX: number; sumYY: number; sumXY: number }>();
  for (const r of responses) {
    const day = (r.respondedAt as Date).toISOString().slice(0, 10);
    if (day < from || day > to) continue;
    if (touchpoints && !touchpoints.includes(r.touchpointId)) continue;
    if (sites && (r.locationId == null || !sites.includes(r.locationId))) continue;
    for (const [i, a] of METRICS.entries())
      for (const b of METRICS.slice(i + 1)) {
        const x = answer(r, a);
        const y = answer(r, b);
        if (x == null || y == null) continue;
        const key = [a, b].sort().join("|");
        // Keep x as the alphabetically first code, as the comparison below does.
        const [first, second] = a < b ? [x, y] : [y, x];
        const s = result.get(key) ?? { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 };
        s.n += 1;
        s.sumX += first;
        s.sumY += second;
        s.sumXX += first * first;
        s.sumYY += second * second;
        s.sumXY += first * second;
        result.set(key, s);
      }
  }
  return result;
}

describe("key-driver roll-ups", () => {
  it("give every pair's sums, and so the exact correlation matrix, for any period, touchpoint and site", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -5, max: SPAN_DAYS + 5 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: -1, max: 1 }),
        fc.integer({ min: -1, max: 2 }),
        async (start, length, tp, site) => {
          const from = dayString(start);
          const to = dayString(start + length);
          const touchpoints = tp < 0 ? undefined : [touchpointIds[tp]!];
          const sites = site < 0 ? undefined : [siteIds[site]!];
          const expected = bruteForcePairs(from, to, touchpoints, sites);
          const actual = await readPairSums(database.db, { from, to }, touchpoints, sites);
          expect(actual.length).toBe(expected.size);
          for (const row of actual) {
            // The table keeps the lower metric id as x; orient as the brute force does (alphabetical).
            const flipped = row.xCode > row.yCode;
            const key = [row.xCode, row.yCode].sort().join("|");
            const oriented = flipped
              ? { n: row.n, sumX: row.sumY, sumY: row.sumX, sumXX: row.sumYY, sumYY: row.sumXX, sumXY: row.sumXY }
              : { n: row.n, sumX: row.sumX, sumY: row.sumY, sumXX: row.sumXX, sumYY: row.sumYY, sumXY: row.sumXY };
            expect(oriented, key).toEqual(expected.get(key));
            expect(correlationFromSums(row)).toBe(correlationFromSums(expected.get(key)!));
          }
        },
      ),
      { numRuns: 30, seed: 5 },
    );
  });

  it("rank a generated true driver first and call an idle one not significant, read through the view", async () => {
    const random = seededRandom(99);
    const generated: ResponseInput[] = Array.from({ length: 600 }, (_, i) => {
      const speed = random.int(1, 5);
      const value = random.int(1, 5);
      const nps = Math.max(0, Math.min(10, Math.round(2 * speed - 1 + random.normal(0, 1.5))));
      return {
        touchpointId: touchpointIds[0]!,
        respondedAt: new Date(Date.UTC(2027, 0, 1 + (i % 28), 12)),
        nps,
        csat: null,
        customValues: { speed, value },
        externalId: `true-driver-${i}`,
      };
    });
    await ingestBatch(database.db, { fileName: "td", fileHash: "td", sourceFormat: "test", source: "api" }, generated);
    const period = { from: "2027-01-01", to: "2027-01-31" };
    const pairs = await readPairSums(database.db, period, [touchpointIds[0]!]);
    const analysis = analyseKeyDrivers({ outcome: "nps", pairs, performance: new Map() });
    expect(analysis.status).toBe("ok");
    if (analysis.status !== "ok") return;
    expect(analysis.n).toBe(600);
    expect(analysis.drivers.map((d) => [d.code, d.rank, d.significant])).toEqual([
      ["speed", 1, true],
      ["value", null, false],
    ]);
    const view = await keyDriversView(database.db, { scope: "touchpoint", id: touchpointIds[0]!, from: period.from, to: period.to });
    expect(view.analysis.status).toBe("ok");
    if (view.analysis.status !== "ok") return;
    expect(view.analysis.drivers[0]).toMatchObject({ code: "speed", rank: 1, quadrant: expect.any(String) });
    expect(view.analysis.drivers[0]!.performance?.n).toBe(600);
  });

  it("say insufficient data below the minimum, and refuse a scope that does not exist", async () => {
    // A day late in the span (fast-check's minutes cluster near its start).
    const view = await keyDriversView(database.db, { scope: "touchpoint", id: touchpointIds[1]!, from: dayString(100), to: dayString(100) });
    expect(view.analysis).toMatchObject({ status: "insufficient", minimum: 50 });
    await expect(keyDriversView(database.db, { scope: "journey", id: 999_999 })).rejects.toThrow(/Journey 999999 does not exist/);
  });
});

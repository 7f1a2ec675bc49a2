// Property test: for random responses and random periods, the counts read from the roll-ups (whole months
// plus loose days) equal a brute-force count over the raw responses.
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { readCountsByLocation, readPeriodCounts } from "../server/scores/read-rollups";
import { addDays, splitPeriod, splitPeriodByWeeks } from "../server/scores/periods";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let touchpointIds: number[];
/** The fixture's sites (Leeds and York in North, Bath in South), and its regions' sites. */
let siteIds: number[];
let regionSites: number[][];
const responses: ResponseInput[] = [];
const START = Date.UTC(2025, 10, 20);
const SPAN_DAYS = 200;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  touchpointIds = (await database.db.execute<{ id: number }>(sql`select id from touchpoints order by id`)).map((r) => r.id);
  siteIds = (await database.db.execute<{ id: number }>(sql`select id from locations where kind = 'site' order by code`)).map((r) => r.id);
  regionSites = (
    await database.db.execute<{ ids: number[] }>(sql`select array_agg(s.id order by s.id) as ids from locations s where s.kind = 'site' group by s.parent_id`)
  ).map((r) => r.ids);
  const generated = fc.sample(
    fc.record({
      tp: fc.integer({ min: 0, max: touchpointIds.length - 1 }),
      minute: fc.integer({ min: 0, max: SPAN_DAYS * 1440 - 1 }),
      nps: fc.option(fc.integer({ min: 0, max: 10 })),
      csat: fc.option(fc.integer({ min: 1, max: 5 })),
      ces: fc.option(fc.integer({ min: 1, max: 7 })),
      // One of the three sites, or none (a quarter of responses name no location).
      site: fc.integer({ min: -1, max: 2 }),
    }),
    { numRuns: 1500, seed: 42 },
  );
  generated.forEach((g, i) =>
    responses.push({
      touchpointId: touchpointIds[g.tp]!,
      locationId: g.site < 0 ? null : siteIds[g.site]!,
      respondedAt: new Date(START + g.minute * 60_000),
      nps: g.nps,
      csat: g.csat,
      ces: g.ces,
      externalId: `p${i}`,
    }),
  );
  await ingestBatch(database.db, { fileName: "p", fileHash: "p", sourceFormat: "test", source: "api" }, responses);
});
afterAll(() => database.close());

function bruteForce(from: string, to: string, sites?: number[]) {
  const result = new Map<string, { responseCount: number; promoters: number; detractors: number; topBox: number; sum: number }>();
  for (const r of responses) {
    const day = (r.respondedAt as Date).toISOString().slice(0, 10);
    if (day < from || day > to) continue;
    if (sites && (r.locationId == null || !sites.includes(r.locationId))) continue;
    for (const [code, value, topBoxMin] of [
      ["nps", r.nps, 9],
      ["csat", r.csat, 4],
      ["ces", r.ces, 5],
    ] as const) {
      if (value == null) continue;
      const key = `${r.touchpointId}:${code}`;
      const c = result.get(key) ?? { responseCount: 0, promoters: 0, detractors: 0, topBox: 0, sum: 0 };
      c.responseCount += 1;
      c.sum += value;
      if (value >= topBoxMin) c.topBox += 1;
      if (code === "nps" && value >= 9) c.promoters += 1;
      if (code === "nps" && value <= 6) c.detractors += 1;
      result.set(key, c);
    }
  }
  return result;
}

const dayString = (offset: number) => new Date(START + offset * 86_400_000).toISOString().slice(0, 10);

describe("roll-up reads", () => {
  it("split a period into whole months and loose days that cover it exactly once", () => {
    expect(splitPeriod({ from: "2026-01-15", to: "2026-04-10" })).toEqual({
      monthsFrom: "2026-02-01",
      monthsTo: "2026-04-01",
      dayRanges: [
        { from: "2026-01-15", to: "2026-01-31" },
        { from: "2026-04-01", to: "2026-04-10" },
      ],
    });
    expect(splitPeriod({ from: "2026-02-01", to: "2026-02-28" })).toEqual({ monthsFrom: "2026-02-01", monthsTo: "2026-03-01", dayRanges: [] });
    expect(splitPeriod({ from: "2026-02-03", to: "2026-02-05" }).dayRanges).toEqual([{ from: "2026-02-03", to: "2026-02-05" }]);
  });

  it("split a period's loose days into whole ISO weeks and the few days around them, covering it exactly once", () => {
    // Thursday 15 January to Friday 10 April: one whole week (Monday 19 January) in January's loose days; April's
    // ten loose days hold no Monday-to-Sunday week, so they stay days.
    expect(splitPeriodByWeeks({ from: "2026-01-15", to: "2026-04-10" })).toEqual({
      monthsFrom: "2026-02-01",
      monthsTo: "2026-04-01",
      weekRanges: [{ from: "2026-01-19", to: "2026-01-26" }],
      dayRanges: [
        { from: "2026-01-15", to: "2026-01-18" },
        { from: "2026-01-26", to: "2026-01-31" },
        { from: "2026-04-01", to: "2026-04-10" },
      ],
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 400 }), (start, length) => {
        const period = { from: dayString(start), to: dayString(start + length) };
        const split = splitPeriodByWeeks(period);
        const covered: string[] = [];
        for (let d = split.monthsFrom; d < split.monthsTo; d = addDays(d, 1)) covered.push(d);
        for (const week of split.weekRanges) {
          expect(new Date(`${week.from}T00:00:00Z`).getUTCDay()).toBe(1);
          for (let d = week.from; d < week.to; d = addDays(d, 1)) covered.push(d);
        }
        const looseDays = split.dayRanges.reduce((n, r) => {
          for (let d = r.from; d <= r.to; d = addDays(d, 1)) covered.push(d);
          return n + Math.round((Date.parse(r.to) - Date.parse(r.from)) / 86_400_000) + 1;
        }, 0);
        const expected: string[] = [];
        for (let d = period.from; d <= period.to; d = addDays(d, 1)) expected.push(d);
        expect(covered.sort()).toEqual(expected);
        // At most 12 loose days at each edge of the whole months (≤ 6 either side of the weeks, or ≤ 12 without one).
        expect(looseDays).toBeLessThanOrEqual(24);
      }),
    );
  });

  it("equal a brute-force count over the raw responses for any period", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -5, max: SPAN_DAYS + 5 }), fc.integer({ min: 0, max: 120 }), async (start, length) => {
        const from = dayString(start);
        const to = dayString(start + length);
        const expected = bruteForce(from, to);
        const actual = await readPeriodCounts(database.db, { from, to });
        expect(actual.length).toBe(expected.size);
        for (const row of actual) {
          const want = expected.get(`${row.touchpointId}:${row.metricCode}`);
          expect(want, `${row.touchpointId}:${row.metricCode}`).toBeDefined();
          expect({ n: row.responseCount, p: row.promoters, d: row.detractors, t: row.topBox, s: row.sum }).toEqual({
            n: want!.responseCount,
            p: want!.promoters,
            d: want!.detractors,
            t: want!.topBox,
            s: want!.sum,
          });
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it("cut by a site or a region, equal the brute force over that location's responses; the sites plus 'no location' add up to the totals", async () => {
    const scopes = [...siteIds.map((id) => [id]), ...regionSites];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -5, max: SPAN_DAYS + 5 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: scopes.length - 1 }),
        async (start, length, scope) => {
          const from = dayString(start);
          const to = dayString(start + length);
          const expected = bruteForce(from, to, scopes[scope]);
          const actual = await readPeriodCounts(database.db, { from, to }, undefined, scopes[scope]);
          expect(actual.length).toBe(expected.size);
          for (const row of actual) {
            const want = expected.get(`${row.touchpointId}:${row.metricCode}`)!;
            expect({ n: row.responseCount, p: row.promoters, t: row.topBox, s: row.sum }).toEqual({
              n: want.responseCount,
              p: want.promoters,
              t: want.topBox,
              s: want.sum,
            });
          }
          // Every grain adds up: per-site rows summed, plus the responses with no location, are the totals.
          const bySite = await readCountsByLocation(database.db, { from, to });
          const totals = await readPeriodCounts(database.db, { from, to });
          const unlocated = new Map(bruteForceUnlocated(from, to));
          for (const total of totals) {
            const key = `${total.touchpointId}:${total.metricCode}`;
            const located = bySite.filter((r) => `${r.touchpointId}:${r.metricCode}` === key).reduce((sum, r) => sum + r.responseCount, 0);
            expect(located + (unlocated.get(key)?.responseCount ?? 0), key).toBe(total.responseCount);
          }
        },
      ),
      { numRuns: 30, seed: 11 },
    );
  });
});

/** The responses of a period that name no location, counted per touchpoint and metric. */
function bruteForceUnlocated(from: string, to: string) {
  const all = bruteForce(from, to);
  const located = bruteForce(from, to, siteIds);
  return [...all].map(([key, c]) => [key, { ...c, responseCount: c.responseCount - (located.get(key)?.responseCount ?? 0) }] as const);
}

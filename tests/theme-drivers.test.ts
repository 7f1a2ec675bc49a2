// Themes as key drivers: the point-biserial r, its Fisher interval and Welch's difference against independent
// computations, and the key-driver view's theme rows from the theme-metric roll-ups equal to raw responses'.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../server/audit";
import { keyDriversView } from "../server/drivers/view";
import {
  fisherInterval,
  presenceCorrelation,
  tCritical95,
  themeDriverStatistics,
  welchDifference,
  type MeanSums,
  type PresenceSums,
} from "../server/metrics/key-drivers";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { seededRandom } from "../server/seed/random";
import { createTheme } from "../server/themes/codebook";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const sampleVariance = (v: number[]) => v.reduce((s, x) => s + (x - mean(v)) ** 2, 0) / (v.length - 1);
const sumsOf = (v: number[]): MeanSums => ({ n: v.length, sum: v.reduce((a, b) => a + b, 0), sumOfSquares: v.reduce((a, b) => a + b * b, 0) });

function pearson(xs: number[], ys: number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  const cov = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  return cov / Math.sqrt(xs.reduce((s, x) => s + (x - mx) ** 2, 0) * ys.reduce((s, y) => s + (y - my) ** 2, 0));
}

function presenceOf(present: boolean[], ys: number[]): PresenceSums {
  return { all: sumsOf(ys), mentioned: sumsOf(ys.filter((_, i) => present[i])) };
}

describe("themes as drivers, the formulas", () => {
  const random = seededRandom(23);
  const present = Array.from({ length: 400 }, () => random.next() < 0.2);
  const ys = present.map((p) => Math.max(0, Math.min(10, Math.round((p ? 4 : 8) + random.normal(0, 2)))));

  it("take r of presence from the sums exactly: Pearson's r on 0/1, and (ȳ₁ − ȳ)/s_y · √(n₁/(n − n₁)) in the population form", () => {
    const r = presenceCorrelation(presenceOf(present, ys))!;
    expect(r).toBeCloseTo(pearson(present.map(Number), ys), 12);
    const with1 = ys.filter((_, i) => present[i]);
    const populationSd = Math.sqrt(ys.reduce((s, y) => s + (y - mean(ys)) ** 2, 0) / ys.length);
    expect(r).toBeCloseTo(((mean(with1) - mean(ys)) / populationSd) * Math.sqrt(with1.length / (ys.length - with1.length)), 12);
    expect(r).toBeLessThan(-0.5);
    // Nobody mentions it, everyone does, or everyone answers alike: no correlation.
    expect(
      presenceCorrelation(
        presenceOf(
          ys.map(() => false),
          ys,
        ),
      ),
    ).toBeNull();
    expect(
      presenceCorrelation(
        presenceOf(
          ys.map(() => true),
          ys,
        ),
      ),
    ).toBeNull();
    expect(
      presenceCorrelation(
        presenceOf(
          present,
          ys.map(() => 7),
        ),
      ),
    ).toBeNull();
  });

  it("give r's 95% interval by Fisher's z: r = 0.3 over 103 responses is 0.113 to 0.466, and significance with it", () => {
    const interval = fisherInterval(0.3, 103)!;
    expect(interval.low).toBeCloseTo(0.11303, 5);
    expect(interval.high).toBeCloseTo(0.46645, 5);
    expect(interval.significant).toBe(true);
    expect(interval.pValue).toBeCloseTo(0.00201, 4);
    expect(fisherInterval(0.1, 103)).toMatchObject({ significant: false });
    expect(fisherInterval(0.5, 3)).toBeNull();
  });

  it("take t's critical value within 0.001 of the tables, and Welch's interval from each side's Σy²", () => {
    for (const [degrees, table] of [
      [4, 2.776],
      [5, 2.571],
      [10, 2.228],
      [30, 2.042],
      [100, 1.984],
    ] as const)
      expect(Math.abs(tCritical95(degrees) - table)).toBeLessThan(0.001);
    const a = [3, 5, 4, 6, 2, 5, 4, 3];
    const b = [7, 8, 6, 9, 7, 8, 10, 6, 7, 9, 8, 7];
    const welch = welchDifference(sumsOf(a), sumsOf(b))!;
    const va = sampleVariance(a) / a.length;
    const vb = sampleVariance(b) / b.length;
    const degrees = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
    expect(welch.difference).toBeCloseTo(mean(a) - mean(b), 12);
    expect(welch.degrees).toBeCloseTo(degrees, 10);
    // scipy.stats.t.ppf(0.975, 14.93…) · SE
    expect(welch.margin).toBeCloseTo(tCritical95(degrees) * Math.sqrt(va + vb), 12);
    expect(welch.significant).toBe(true);
  });

  it("say too few below the minimum on either side, and constant when everyone answered alike", () => {
    const few = present.map((p, i) => p && i < 100);
    const mentions = few.filter(Boolean).length;
    expect(themeDriverStatistics(presenceOf(few, ys), 30)).toEqual({ status: "insufficient", n: 400, mentions, minimum: 30 });
    expect(
      themeDriverStatistics(
        presenceOf(
          present,
          ys.map(() => 9),
        ),
        30,
      ),
    ).toMatchObject({ status: "constant", n: 400 });
    const ok = themeDriverStatistics(presenceOf(present, ys), 30);
    expect(ok).toMatchObject({ status: "ok", significant: true });
    if (ok.status !== "ok") return;
    expect(ok.withMean).toBeCloseTo(mean(ys.filter((_, i) => present[i])), 12);
    expect(ok.withoutMean).toBeCloseTo(mean(ys.filter((_, i) => !present[i])), 12);
    expect(ok.low).toBeLessThan(ok.r);
    expect(ok.high).toBeGreaterThan(ok.r);
  });
});

describe("themes as drivers, from the roll-ups", () => {
  let database: TestDatabase;
  let actor: Actor;
  let ids: { host: number; bill: number; leeds: number; york: number; north: number };
  let themeIds: { charge: number; waiting: number; staff: number; paused: number };

  const comments = {
    charge: "The service charge on the bill was a nasty surprise for us.",
    waiting: "We had to wait far too long before anyone came to the table.",
    both: "A long wait and then a service charge we were never told about.",
    staff: "The staff at the door were so friendly and kind to us all.",
    none: "Lovely evening with the family, thank you very much for it.",
    spanish: "La comida estaba muy buena y el servicio fue excelente hoy.",
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const people = await seedTestModel(database.db);
    actor = { id: people.admin.id, email: people.admin.email };
    const [row] = await database.db.execute<typeof ids>(sql`select
      (select id from touchpoints where code = 'SVC-HOST') as host, (select id from touchpoints where code = 'BIL-BILL') as bill,
      (select id from locations where code = 'N-LEEDS') as leeds, (select id from locations where code = 'N-YORK') as york,
      (select id from locations where code = 'NORTH') as north`);
    ids = row!;
    themeIds = {
      charge: (await createTheme(database.db, actor, { name: "Service charge", terms: ["service charge"] })).id,
      waiting: (await createTheme(database.db, actor, { name: "Waiting time", terms: ["wait"] })).id,
      staff: (await createTheme(database.db, actor, { name: "Staff friendliness", terms: ["friendly"], touchpointCodes: ["SVC-HOST"] })).id,
      paused: (await createTheme(database.db, actor, { name: "Family", terms: ["family"], active: false })).id,
    };
    const random = seededRandom(41);
    // January and February at the bill and the host greeting, at Leeds, York or no site: a comment about the charge
    // goes with a low NPS, one about waiting a little lower, praise of the staff higher; a fifth write nothing.
    const responses: ResponseInput[] = Array.from({ length: 1200 }, (_, i) => {
      const bill = i % 2 === 0;
      const pick = random.next();
      const kind: keyof typeof comments | null =
        pick < 0.2
          ? null
          : pick < 0.4 && bill
            ? "charge"
            : pick < 0.5
              ? "waiting"
              : pick < 0.55
                ? "both"
                : pick < 0.65 && !bill
                  ? "staff"
                  : pick < 0.7
                    ? "spanish"
                    : "none";
      const centre = kind === "charge" || kind === "both" ? 3.5 : kind === "waiting" ? 6.5 : kind === "staff" ? 8.5 : 7.5;
      return {
        touchpointId: bill ? ids.bill : ids.host,
        locationId: i % 3 === 0 ? ids.leeds : i % 3 === 1 ? ids.york : null,
        respondedAt: new Date(Date.UTC(2026, i % 7 === 0 ? 1 : 0, 1 + (i % 28), 12)),
        nps: i % 11 === 0 ? null : Math.max(0, Math.min(10, Math.round(centre + random.normal(0, 2)))),
        csat: random.int(1, 5),
        comment: kind === null ? null : comments[kind],
        externalId: `theme-drivers-${i}`,
      };
    });
    await ingestBatch(database.db, { fileName: "td", fileHash: "td", sourceFormat: "test", source: "api" }, responses);
  });
  afterAll(() => database.close());

  type Raw = {
    nps: number;
    csat: number | null;
    theme_ids: number[] | null;
    touchpoint_id: number;
    location_id: number | null;
    day: string;
  };

  /** The commented responses' answers and themes, straight from survey_responses. */
  async function raw(): Promise<Raw[]> {
    return database.db.execute<Raw>(sql`
      select nps, csat, theme_ids, touchpoint_id, location_id, to_char(responded_at at time zone 'UTC', 'YYYY-MM-DD') as day
      from survey_responses where comment is not null`);
  }

  /** What each theme's row must say, computed from the raw rows the scope, period and sites select. */
  function expected(rows: Raw[], outcome: "nps" | "csat", themeId: number) {
    const answered = rows.filter((r) => r[outcome] !== null);
    const ys = answered.map((r) => r[outcome]!);
    const xs = answered.map((r) => Number((r.theme_ids ?? []).includes(themeId)));
    const withIt = ys.filter((_, i) => xs[i] === 1);
    const without = ys.filter((_, i) => xs[i] === 0);
    return { n: ys.length, mentions: withIt.length, r: pearson(xs, ys), withMean: mean(withIt), withoutMean: mean(without) };
  }

  const cases = [
    { label: "the program, January and half of February", query: { scope: "program" as const, from: "2026-01-01", to: "2026-02-14" }, outcome: "nps" as const },
    {
      label: "the bill at Leeds, loose days",
      query: { scope: "touchpoint" as const, from: "2026-01-05", to: "2026-02-20", location: "N-LEEDS" },
      outcome: "nps" as const,
    },
    {
      label: "the host greeting in the North region, CSAT",
      query: { scope: "touchpoint" as const, from: "2026-01-01", to: "2026-02-28", location: "NORTH" },
      outcome: "csat" as const,
    },
  ];

  it.each(cases)("equal r, n, mentions and the means computed from raw responses: $label", async ({ query, outcome }) => {
    const touchpoint = query.location === "N-LEEDS" ? ids.bill : ids.host;
    const view = await keyDriversView(database.db, { ...query, ...(query.scope === "touchpoint" ? { id: touchpoint } : {}), outcome });
    const sites = query.location === "N-LEEDS" ? [ids.leeds] : query.location === "NORTH" ? [ids.leeds, ids.york] : null;
    const rows = (await raw()).filter(
      (r) =>
        r.day >= query.from &&
        r.day <= query.to &&
        (query.scope === "program" || r.touchpoint_id === touchpoint) &&
        (sites === null || (r.location_id !== null && sites.includes(r.location_id))),
    );
    const listed = view.themeDrivers.themes;
    expect(view.themeDrivers.n).toBe(rows.filter((r) => r[outcome] !== null).length);
    // A paused theme is never shown; a theme limited to the host greeting is not mentioned on the bill.
    expect(listed.map((t) => t.themeId)).not.toContain(themeIds.paused);
    for (const theme of listed) {
      const want = expected(rows, outcome, theme.themeId);
      expect(theme).toMatchObject({ n: want.n, mentions: want.mentions });
      if (theme.status !== "ok") {
        expect(Math.min(want.mentions, want.n - want.mentions)).toBeLessThan(view.themeDrivers.minimum);
        continue;
      }
      expect(theme.r).toBeCloseTo(want.r, 9);
      expect(theme.withMean).toBeCloseTo(want.withMean, 9);
      expect(theme.withoutMean).toBeCloseTo(want.withoutMean, 9);
    }
    const mentioned = [themeIds.charge, themeIds.waiting, themeIds.staff].filter((id) => expected(rows, outcome, id).mentions > 0);
    expect(listed.map((t) => t.themeId).sort()).toEqual(mentioned.sort());
  });

  it("rank the significant themes by |r|: the service charge first on the program's NPS, lower with it", async () => {
    const view = await keyDriversView(database.db, { scope: "program", from: "2026-01-01", to: "2026-02-28" });
    const [first] = view.themeDrivers.themes;
    expect(first).toMatchObject({ themeId: themeIds.charge, name: "Service charge", status: "ok", significant: true, rank: 1 });
    if (first?.status !== "ok") return;
    expect(first.r).toBeLessThan(-0.3);
    expect(first.difference).toBeLessThan(-first.margin);
    const ranked = view.themeDrivers.themes.filter((t) => t.rank !== null);
    const strengths = ranked.map((t) => (t.status === "ok" ? Math.abs(t.r) : 0));
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
  });

  it("read only the roll-ups: with survey_responses hidden, the same theme rows", async () => {
    const query = { scope: "program" as const, from: "2026-01-01", to: "2026-02-14" };
    const seen = (await keyDriversView(database.db, query)).themeDrivers;
    class Rollback extends Error {}
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`alter table survey_responses rename to survey_responses_hidden_for_test`);
        expect((await keyDriversView(tx, query)).themeDrivers).toEqual(seen);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
  });

  it("say too few below the minimum sample", async () => {
    // 3–5 January at Leeds on the bill: a handful of comments.
    const view = await keyDriversView(database.db, { scope: "touchpoint", id: ids.bill, from: "2026-01-03", to: "2026-01-05", location: "N-LEEDS" });
    expect(view.themeDrivers.themes.length).toBeGreaterThan(0);
    for (const theme of view.themeDrivers.themes) expect(theme).toMatchObject({ status: "insufficient", minimum: 30, rank: null });
  });
});

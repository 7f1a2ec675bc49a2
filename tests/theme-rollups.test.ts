// Property test: for random batches of commented responses ingested (and reverted), every theme roll-up row (day and
// month; all locations and per site; every comment and each theme) equals a count over the raw rows and their tags,
// a rebuild gives the same rows, and after a codebook change the re-tagger brings history and the roll-ups in line.
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DETRACTOR_CSAT_MAX, DETRACTOR_NPS_MAX } from "../lib/alerts";
import { rebuildRollups } from "../server/rollups/maintain";
import { ingestBatch, revertBatch, type ResponseInput } from "../server/responses/ingest";
import { bumpCodebookVersion, createTheme } from "../server/themes/codebook";
import { currentCodebookVersion, loadCodebook } from "../server/themes/load";
import { retagAll, retagProgress } from "../server/themes/retag";
import { compileCodebook, tagComment } from "../server/themes/tagger";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let actor: { id: number; email: string };
let touchpointIds: number[];
let siteIds: number[];
let staffThemeId: number;
let hostGreetingId: number;
const START = Date.UTC(2026, 0, 20);
const SPAN_DAYS = 75;

/** Words the random comments are made of: theme terms in several forms, sentiment words, filler and punctuation. */
const wordPool = [
  ...["service", "charge", "charges", "charged", "fee", "wait", "waited", "waiting", "slow", "friendly", "rude", "cold", "bill"],
  ...["great", "lovely", "awful", "terrible", "not", "good", "the", "was", "and", "food", "staff", "very", ".", ","],
];
/** Comments franc reads as another language: counted as comments, not analysed. */
const foreignComments = ["La comida estaba fría y el servicio muy lento.", "Das Essen war kalt und der Kellner unfreundlich."];

const commentArbitrary = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom(...foreignComments) },
  {
    weight: 6,
    arbitrary: fc
      .array(fc.constantFrom(...wordPool), { minLength: 1, maxLength: 12 })
      .map((words) => words.join(" ").replace(/ ([.,])/g, "$1"))
      .filter((text) => /[a-z]/.test(text)),
  },
);

const responseArbitrary = fc.record({
  tp: fc.integer({ min: 0, max: 1 }),
  site: fc.integer({ min: -1, max: 2 }),
  minute: fc.integer({ min: 0, max: SPAN_DAYS * 1440 - 1 }),
  nps: fc.option(fc.integer({ min: 0, max: 10 })),
  csat: fc.option(fc.integer({ min: 1, max: 5 })),
  speed: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 3 }),
  comment: commentArbitrary,
});
type GeneratedResponse = typeof responseArbitrary extends fc.Arbitrary<infer T> ? T : never;

let nextExternalId = 0;
const toInput = (g: GeneratedResponse): ResponseInput => ({
  touchpointId: touchpointIds[g.tp]!,
  locationId: g.site < 0 ? null : siteIds[g.site]!,
  respondedAt: new Date(START + g.minute * 60_000),
  nps: g.nps,
  csat: g.csat,
  customValues: g.speed === null ? null : { speed: g.speed },
  comment: g.comment,
  externalId: `tr${nextExternalId++}`,
});

async function ingest(responses: GeneratedResponse[]): Promise<number> {
  const name = `themes-${nextExternalId}`;
  const result = await ingestBatch(database.db, { fileName: name, fileHash: name, sourceFormat: "test", source: "api" }, responses.map(toInput));
  return result.batchId;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const people = await seedTestModel(database.db);
  actor = { id: people.admin.id, email: people.admin.email };
  await database.db.execute(sql`insert into metric_definitions (code, name, kind, scale_min, scale_max) values ('speed', 'Speed of service', 'custom', 1, 5)`);
  touchpointIds = (await database.db.execute<{ id: number }>(sql`select id from touchpoints order by code`)).map((r) => r.id);
  hostGreetingId = (await database.db.execute<{ id: number }>(sql`select id from touchpoints where code = 'SVC-HOST'`))[0]!.id;
  siteIds = (await database.db.execute<{ id: number }>(sql`select id from locations where kind = 'site' order by code`)).map((r) => r.id);
  await createTheme(database.db, actor, { name: "Service charge", terms: ["service charge", "fee"] });
  await createTheme(database.db, actor, { name: "Waiting time", terms: ["wait", "slow"] });
  // Limited to the host greeting (SVC-HOST), so "rude" on the bill is no staff theme.
  staffThemeId = (await createTheme(database.db, actor, { name: "Staff friendliness", terms: ["friendly", "rude"], touchpointCodes: ["SVC-HOST"] })).id;
  await createTheme(database.db, actor, { name: "Food temperature", terms: ["cold"] });
});
afterAll(() => database.close());

// Types rather than interfaces: db.execute<T> wants rows that are records.
type RawResponse = {
  id: number;
  touchpoint_id: number;
  location_id: number | null;
  day: string;
  month: string;
  nps: number | null;
  csat: number | null;
  ces: number | null;
  custom_values: Record<string, number> | null;
  comment: string | null;
  sentiment: number | null;
  sentiment_score: number | null;
  theme_ids: number[] | null;
  tagged_version: number | null;
};

async function rawResponses(): Promise<RawResponse[]> {
  return database.db.execute<RawResponse>(sql`
    select id::int, touchpoint_id, location_id, to_char(responded_at at time zone 'UTC', 'YYYY-MM-DD') as day,
      to_char(date_trunc('month', responded_at at time zone 'UTC'), 'YYYY-MM-DD') as month,
      nps, csat, ces, custom_values, comment, sentiment, sentiment_score, theme_ids, tagged_version
    from survey_responses order by id`);
}

type Grain = "day" | "month";
type ThemeCounts = {
  comments: number;
  detractor_comments: number;
  analysed_comments: number;
  sentiment_sum: number;
  sentiment_sum_of_squares: number;
  positive_comments: number;
  negative_comments: number;
};
type MetricSums = {
  response_count: number;
  sum: number;
  sum_of_squares: number;
};

/** The roll-ups' keys for one commented response: location 0 and its site, theme 0 and each of its themes. */
function keysOf(r: RawResponse, grain: Grain): string[] {
  const locations = r.location_id === null ? [0] : [0, r.location_id];
  const themeIds = [0, ...(r.theme_ids ?? [])];
  return locations.flatMap((location) => themeIds.map((theme) => `${location}|${r.touchpoint_id}|${theme}|${r[grain]}`));
}

/** The theme roll-ups and theme-metric sums as they should be, counted from the raw rows in JavaScript. */
async function expectedFromRaw(grain: Grain) {
  const metricIds = new Map((await database.db.execute<{ id: number; code: string }>(sql`select id, code from metric_definitions`)).map((m) => [m.code, m.id]));
  const themes = new Map<string, ThemeCounts>();
  const metrics = new Map<string, MetricSums>();
  for (const r of await rawResponses()) {
    if (r.comment === null) continue;
    const detractor = (r.nps !== null && r.nps <= DETRACTOR_NPS_MAX) || (r.csat !== null && r.csat <= DETRACTOR_CSAT_MAX);
    const answers = Object.entries({ nps: r.nps, csat: r.csat, ces: r.ces, ...(r.custom_values ?? {}) }).filter(([, v]) => v !== null) as Array<
      [string, number]
    >;
    for (const key of keysOf(r, grain)) {
      const t = themes.get(key) ?? {
        comments: 0,
        detractor_comments: 0,
        analysed_comments: 0,
        sentiment_sum: 0,
        sentiment_sum_of_squares: 0,
        positive_comments: 0,
        negative_comments: 0,
      };
      t.comments += 1;
      if (detractor) t.detractor_comments += 1;
      if (r.sentiment !== null) t.analysed_comments += 1;
      t.sentiment_sum += r.sentiment_score ?? 0;
      t.sentiment_sum_of_squares += (r.sentiment_score ?? 0) ** 2;
      if (r.sentiment === 1) t.positive_comments += 1;
      if (r.sentiment === -1) t.negative_comments += 1;
      themes.set(key, t);
      for (const [code, score] of answers) {
        const metricKey = `${key}|${metricIds.get(code)}`;
        const m = metrics.get(metricKey) ?? { response_count: 0, sum: 0, sum_of_squares: 0 };
        m.response_count += 1;
        m.sum += score;
        m.sum_of_squares += score * score;
        metrics.set(metricKey, m);
      }
    }
  }
  return { themes, metrics };
}

/** The stored theme roll-ups and theme-metric sums, keyed as above. */
async function storedRollups(grain: Grain) {
  const bucket = sql.raw(grain);
  const table = sql.raw(grain === "day" ? "theme_daily_rollups" : "theme_monthly_rollups");
  const metricTable = sql.raw(grain === "day" ? "theme_metric_daily_rollups" : "theme_metric_monthly_rollups");
  const themeRows = await database.db.execute<ThemeCounts & { key: string }>(sql`
    select location_id || '|' || touchpoint_id || '|' || theme_id || '|' || to_char(${bucket}, 'YYYY-MM-DD') as key,
      comments::int, detractor_comments::int, analysed_comments::int, sentiment_sum, sentiment_sum_of_squares,
      positive_comments::int, negative_comments::int
    from ${table}`);
  const metricRows = await database.db.execute<MetricSums & { key: string }>(sql`
    select location_id || '|' || touchpoint_id || '|' || theme_id || '|' || to_char(${bucket}, 'YYYY-MM-DD') || '|' || metric_id as key,
      response_count::int, sum, sum_of_squares
    from ${metricTable}`);
  return {
    themes: new Map(themeRows.map(({ key, ...counts }) => [key, counts])),
    metrics: new Map(metricRows.map(({ key, ...sums }) => [key, sums])),
  };
}

/** Counts and answer sums agree exactly; sentiment scores are stored as real (float4), so their sums to about six digits. */
function expectClose<T extends object>(actual: Map<string, T>, expected: Map<string, T>, what: string) {
  expect([...actual.keys()].sort(), `${what}: the same rows`).toEqual([...expected.keys()].sort());
  for (const [key, want] of expected) {
    const got = actual.get(key)!;
    for (const [field, value] of Object.entries(want) as Array<[string, number]>) {
      const stored = (got as Record<string, number>)[field]!;
      if (!field.startsWith("sentiment_sum")) expect(stored, `${what} ${key} ${field}`).toBe(value);
      else expect(Math.abs(stored - value), `${what} ${key} ${field}: ${stored} vs ${value}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(value)));
    }
  }
}

async function expectRollupsEqualRaw() {
  for (const grain of ["day", "month"] as const) {
    const expected = await expectedFromRaw(grain);
    const stored = await storedRollups(grain);
    expectClose(stored.themes, expected.themes, `theme ${grain}`);
    expectClose(stored.metrics, expected.metrics, `theme-metric ${grain}`);
  }
}

/** Every commented row carries the current codebook's version and exactly the tags the tagger gives it now. */
async function expectTagsCurrent() {
  const codebook = await loadCodebook(database.db);
  const matcher = compileCodebook(codebook);
  for (const r of await rawResponses()) {
    if (r.comment === null) {
      expect(r, `response ${r.id} without a comment`).toMatchObject({ theme_ids: null, sentiment: null, tagged_version: null });
      continue;
    }
    const tags = tagComment(matcher, r.comment, r.touchpoint_id);
    expect({ version: r.tagged_version, themeIds: r.theme_ids, sentiment: r.sentiment }, r.comment).toEqual({
      version: codebook.version,
      themeIds: tags.themeIds,
      sentiment: tags.sentiment,
    });
  }
}

describe("theme roll-ups", () => {
  it("equal counts from the raw rows after random batches are ingested and one is reverted", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(responseArbitrary, { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        async (batches, pick) => {
          const batchIds: number[] = [];
          for (const batch of batches) batchIds.push(await ingest(batch));
          await expectRollupsEqualRaw();
          await expectTagsCurrent();
          const reverted = batchIds.splice(pick % batchIds.length, 1)[0]!;
          await revertBatch(database.db, actor, reverted);
          const [left] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from survey_responses where import_batch_id = ${reverted}`);
          expect(left!.n, "the reverted batch's responses and their tags are gone").toBe(0);
          await expectRollupsEqualRaw();
          // Each run leaves the database as it found it (empty), so a failure shrinks to a meaningful counterexample.
          for (const batchId of batchIds) await revertBatch(database.db, actor, batchId);
          expect((await storedRollups("month")).themes.size, "no theme roll-up rows once every batch is reverted").toBe(0);
        },
      ),
      { numRuns: 15, seed: 18 },
    );
    // The data the next tests work on: a few larger batches.
    const batches = fc.sample(fc.array(responseArbitrary, { minLength: 120, maxLength: 120 }), { numRuns: 3, seed: 7 });
    for (const batch of batches) await ingest(batch);
    await expectRollupsEqualRaw();
    await expectTagsCurrent();
    // Not vacuous: the data holds themed comments, a staff theme only at the host greeting, and foreign comments.
    const [shape] = await database.db.execute<{ themed: number; staffOnBill: number; rudeOnBill: number; notAnalysed: number }>(sql`
      select count(*) filter (where cardinality(theme_ids) > 0)::int as themed,
        count(*) filter (where ${staffThemeId} = any(theme_ids) and touchpoint_id <> ${hostGreetingId})::int as "staffOnBill",
        count(*) filter (where comment ~ '\\m(rude|friendly)\\M' and touchpoint_id <> ${hostGreetingId})::int as "rudeOnBill",
        count(*) filter (where comment is not null and sentiment is null)::int as "notAnalysed"
      from survey_responses`);
    expect(shape!.themed).toBeGreaterThan(50);
    expect(shape!.rudeOnBill).toBeGreaterThan(0);
    expect(shape!.staffOnBill).toBe(0);
    expect(shape!.notAnalysed).toBeGreaterThan(0);
  });

  it("are the same rows after a rebuild from the raw rows", async () => {
    const before = { day: await storedRollups("day"), month: await storedRollups("month") };
    await database.db.transaction((tx) => rebuildRollups(tx));
    for (const grain of ["day", "month"] as const) {
      const after = await storedRollups(grain);
      expectClose(after.themes, before[grain].themes, `rebuilt theme ${grain}`);
      expectClose(after.metrics, before[grain].metrics, `rebuilt theme-metric ${grain}`);
    }
  });

  it("follow a codebook change: the re-tagger re-tags history and the roll-ups equal the raw counts again", async () => {
    // One new theme, and one theme's terms changed directly (as an import of the model file might), each a new version.
    const created = await createTheme(database.db, actor, { name: "The bill", terms: ["bill", "charged"] });
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`update themes set terms = array['cold', 'awful'] where name = 'Food temperature'`);
      await bumpCodebookVersion(tx);
    });
    const version = await currentCodebookVersion(database.db);
    expect(version).toBe(created.version + 1);
    const pending = await retagProgress(database.db);
    expect(pending.pending).toBeGreaterThan(0);

    const retagged = await retagAll(database.db);
    expect(retagged).toBe(pending.pending);
    expect((await retagProgress(database.db)).pending).toBe(0);
    await expectTagsCurrent();
    const [billThemed] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from survey_responses where ${created.id} = any(theme_ids)`);
    expect(billThemed!.n).toBeGreaterThan(0);
    await expectRollupsEqualRaw();

    // New batches after the change are tagged with it, and a revert still leaves the roll-ups equal to the raw rows.
    const sample = fc.sample(fc.array(responseArbitrary, { minLength: 20, maxLength: 20 }), { numRuns: 1, seed: 3 })[0]!;
    const batchId = await ingest(sample);
    await expectTagsCurrent();
    await expectRollupsEqualRaw();
    await revertBatch(database.db, actor, batchId);
    await expectRollupsEqualRaw();
  });
});

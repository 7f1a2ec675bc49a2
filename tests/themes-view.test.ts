// The theme views on a small seeded database: every figure equals what the raw comments give, a rising theme is
// significant and a steady one is not, deleted themes never show, the drill returns only the theme's comments with
// the theme's words highlighted and personal data by role, and GET /api/v1/themes and `npm run cli -- themes` agree.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserRole } from "../db/schema";
import type { SessionUser } from "../server/auth/users";
import { proportion, proportionChange } from "../server/metrics/formulas";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { createTheme } from "../server/themes/codebook";
import type { ThemeRow } from "../server/themes/api";
import { themeCommentReader, themeComments, themesView, themeTrend } from "../server/themes/view";
import { createApiToken } from "../server/tokens/api-tokens";
import { cliArgs, cliCommand } from "./support/cli";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

const run = promisify(execFile);
const actor = { id: null, email: "test" };
let database: TestDatabase;
let people: Record<UserRole, SessionUser>;
let ids: { host: number; bill: number; journey: number; leeds: number; york: number; north: number };
let themeIds: { charge: number; waiting: number; staff: number };
let token: string;
let GET: (request: Request) => Promise<Response>;

const FEBRUARY = { from: "2026-02-01", to: "2026-02-28", compareFrom: "2026-01-04", compareTo: "2026-01-31" };

const comments = {
  charge: "The service charge was a nasty surprise on the bill.",
  praise: "Lovely evening, great food and friendly people.",
  waiting: "We had to wait forty minutes for a table.",
  both: "A long wait and then a surcharge added to the service charges!",
  staff: "The staff were rude when we asked.",
  spanish: "La comida estaba muy buena y el servicio excelente, volveremos pronto.",
};
// Ten responses in each cycle; January mentions the service charge in 2 of 9 comments, February in 5 of 9.
const january = ["charge", "praise", "praise", "praise", "waiting", "waiting", "both", "staff", "spanish", null] as const;
const february = ["charge", "charge", "charge", "charge", "praise", "waiting", "both", "staff", "spanish", null] as const;

function responses(month: 0 | 1, cycle: typeof january | typeof february): ResponseInput[] {
  return Array.from({ length: 300 }, (_, i) => {
    const kind = cycle[i % 10]!;
    const atHost = Math.floor(i / 3) % 2 === 0;
    return {
      touchpointId: atHost ? ids.host : ids.bill,
      locationId: i % 3 === 0 ? ids.leeds : i % 3 === 1 ? ids.york : null,
      respondedAt: new Date(Date.UTC(2026, month, 4 + (i % 25), 8 + (i % 11), i % 60)),
      nps: i % 11,
      comment: kind === null ? null : comments[kind],
      respondentEmail: `guest${month}-${i}@example.test`,
      respondentName: `Guest ${i}`,
      externalId: `themes-${month}-${i}`,
    };
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
  const [row] = await database.db.execute<typeof ids>(sql`select
    (select id from touchpoints where code = 'SVC-HOST') as host, (select id from touchpoints where code = 'BIL-BILL') as bill,
    (select id from journeys where name = 'Dinner') as journey, (select id from locations where code = 'N-LEEDS') as leeds,
    (select id from locations where code = 'N-YORK') as york, (select id from locations where code = 'NORTH') as north`);
  ids = row!;
  themeIds = {
    charge: (await createTheme(database.db, actor, { name: "Service charge", terms: ["service charge", "surcharge"] })).id,
    waiting: (await createTheme(database.db, actor, { name: "Waiting time", terms: ["wait", "queue"], touchpointCodes: ["SVC-HOST"] })).id,
    staff: (await createTheme(database.db, actor, { name: "Staff manner", terms: ["rude"] })).id,
  };
  const batch = (name: string) => ({ fileName: name, fileHash: name, sourceFormat: "test", source: "api" as const });
  await ingestBatch(database.db, batch("jan"), responses(0, january));
  await ingestBatch(database.db, batch("feb"), responses(1, february));
  token = await createApiToken(database.db, actor, "themes");
  process.env.DATABASE_URL = database.url;
  ({ GET } = await import("../app/api/v1/themes/route"));
});
afterAll(async () => {
  const { appDatabase } = await import("../server/database");
  await (await appDatabase()).close();
  delete process.env.DATABASE_URL;
  await database.close();
});

/** The figures of one theme (0: every comment) counted from the raw responses of a period and scope. */
async function rawCounts(period: { from: string; to: string }, themeId: number, where = sql`true`) {
  const [row] = await database.db.execute<{ comments: number; detractors: number; analysed: number; mean: number | null }>(sql`
    select count(*)::int as comments, count(*) filter (where r.nps <= 6 or r.csat <= 2)::int as detractors,
      count(r.sentiment_score)::int as analysed, avg(r.sentiment_score)::float8 as mean
    from survey_responses r
    where r.comment is not null and r.responded_at >= ${period.from}::date and r.responded_at < ${period.to}::date + 1
      and (${themeId}::int = 0 or r.theme_ids @> array[${themeId}::int]) and ${where}`);
  return row!;
}

async function expectViewMatchesRaw(
  query: Partial<Parameters<typeof themesView>[1]> & { from: string; to: string; compareFrom: string; compareTo: string },
  where = sql`true`,
) {
  const view = await themesView(database.db, { level: "program", ...query });
  const previous = { from: query.compareFrom, to: query.compareTo };
  const total = await rawCounts(query, 0, where);
  const totalBefore = await rawCounts(previous, 0, where);
  expect(view.totals).toMatchObject({ comments: total.comments, detractorComments: total.detractors, analysedComments: total.analysed });
  expect(view.totals.previousComments).toBe(totalBefore.comments);
  expect(view.totals.sentiment?.mean).toBeCloseTo(total.mean!, 6);
  for (const theme of view.themes) {
    const raw = await rawCounts(query, theme.themeId, where);
    const before = await rawCounts(previous, theme.themeId, where);
    expect(theme, theme.name).toMatchObject({ comments: raw.comments, detractorComments: raw.detractors, analysedComments: raw.analysed });
    // The shares' figures come from the formulas (tested in formulas.test.ts); their counts from the raw comments.
    expect(theme.share).toEqual(proportion(raw.comments, total.comments, view.minimumSample));
    expect(theme.detractorShare).toEqual(proportion(raw.detractors, total.detractors, view.minimumSample));
    if (raw.analysed >= view.minimumSample) expect(theme.sentiment?.mean).toBeCloseTo(raw.mean!, 6);
    expect(theme.previous.comments).toBe(before.comments);
    expect(theme.change).toEqual(proportionChange({ count: before.comments, n: totalBefore.comments }, { count: raw.comments, n: total.comments }));
  }
  return view;
}

describe("themes view", () => {
  it("tags on the lemmas: every comment naming the service charge (or charges, or a surcharge) carries the theme", async () => {
    const [row] = await database.db.execute<{ tagged: number; written: number }>(sql`select
      count(*) filter (where theme_ids @> array[${themeIds.charge}::int])::int as tagged,
      count(*) filter (where comment ilike '%service charge%' or comment ilike '%surcharge%')::int as written from survey_responses`);
    expect(row!.tagged).toBe(row!.written);
    expect(row!.tagged).toBeGreaterThan(0);
  });

  it("equals the raw comments' counts at the program, a touchpoint, a journey, a site and a region", async () => {
    const program = await expectViewMatchesRaw(FEBRUARY);
    expect(program.scope).toEqual({ level: "program", id: null, name: "Whole program" });
    expect(program.themes[0]!.name).toBe("Service charge");
    expect(program.themes.map((t) => t.name).sort()).toEqual(["Service charge", "Staff manner", "Waiting time"]);
    // Most comments first; equal counts by name.
    expect(program.themes.map((t) => t.comments)).toEqual(program.themes.map((t) => t.comments).sort((a, b) => b - a));
    const bill = await expectViewMatchesRaw({ ...FEBRUARY, level: "touchpoint", id: ids.bill }, sql`r.touchpoint_id = ${ids.bill}`);
    // Waiting time is limited to the host greeting: the bill's view does not offer it.
    expect(bill.themes.map((t) => t.name)).toEqual(["Service charge", "Staff manner"]);
    await expectViewMatchesRaw({ ...FEBRUARY, level: "journey", id: ids.journey });
    const leeds = await expectViewMatchesRaw({ ...FEBRUARY, level: "location", id: ids.leeds }, sql`r.location_id = ${ids.leeds}`);
    expect(leeds.scope.name).toBe("Leeds");
    expect(leeds.location).toEqual({ code: "N-LEEDS", name: "Leeds" });
    await expectViewMatchesRaw({ ...FEBRUARY, level: "location", id: ids.north }, sql`r.location_id in (${ids.leeds}, ${ids.york})`);
    await expectViewMatchesRaw(
      { ...FEBRUARY, level: "touchpoint", id: ids.host, location: "N-YORK" },
      sql`r.touchpoint_id = ${ids.host} and r.location_id = ${ids.york}`,
    );
    // A period of loose days (not whole months) reads the daily roll-up.
    await expectViewMatchesRaw({ from: "2026-02-10", to: "2026-02-20", compareFrom: "2026-01-15", compareTo: "2026-02-09" });
  });

  it("calls the service charge's rise significant and the staff's share steady", async () => {
    const view = await themesView(database.db, { level: "program", ...FEBRUARY });
    const charge = view.themes.find((t) => t.themeId === themeIds.charge)!;
    expect(charge.change).toMatchObject({ status: "ok", significant: true, direction: "rising" });
    expect(charge.change.status === "ok" && charge.change.pValue).toBeLessThan(0.001);
    expect(view.themes.find((t) => t.themeId === themeIds.staff)!.change).toMatchObject({ status: "ok", significant: false, direction: "steady" });
    // The Spanish comments count among all comments but carry no sentiment.
    expect(view.totals.analysedComments).toBeLessThan(view.totals.comments);
  });

  it("says too few where a scope has fewer comments than the minimum sample", async () => {
    const view = await themesView(database.db, { level: "program", from: "2026-02-04", to: "2026-02-05" });
    expect(view.totals.comments).toBeLessThan(30);
    expect(view.themes[0]!.share).toMatchObject({ status: "too_few", minimum: 30 });
    expect(view.themes[0]!.change).toEqual({ status: "not_comparable", reason: "no_comparison_data" });
  });

  it("gives each theme's monthly share over the 12 months to the period's end", async () => {
    const trend = await themeTrend(database.db, { level: "program", ...FEBRUARY });
    expect(trend.months).toHaveLength(12);
    expect(trend.months.slice(-2)).toEqual(["2026-01-01", "2026-02-01"]);
    const charge = trend.themes.find((t) => t.themeId === themeIds.charge)!;
    const [jan, feb] = charge.points.slice(-2);
    const janRaw = await rawCounts({ from: "2026-01-01", to: "2026-01-31" }, themeIds.charge);
    const febTotal = await rawCounts({ from: "2026-02-01", to: "2026-02-28" }, 0);
    expect(jan).toMatchObject({ month: "2026-01-01", comments: janRaw.comments });
    expect(feb).toMatchObject({ month: "2026-02-01", totalComments: febTotal.comments });
    expect(charge.points[0]).toMatchObject({ comments: 0, totalComments: 0, share: { status: "too_few" } });
  });

  it("never shows a deleted theme, though its roll-up rows remain until re-tagged", async () => {
    const [theme] = await database.db.execute<{ id: number }>(sql`insert into themes (name, terms) values ('Gone', '{gone}') returning id`);
    await database.db.execute(sql`insert into theme_monthly_rollups (location_id, touchpoint_id, theme_id, month, comments)
      values (0, ${ids.bill}, ${theme!.id}, '2026-02-01', 7)`);
    expect((await themesView(database.db, { level: "program", ...FEBRUARY })).themes.map((t) => t.name)).toContain("Gone");
    await database.db.execute(sql`delete from themes where id = ${theme!.id}`);
    const view = await themesView(database.db, { level: "program", ...FEBRUARY });
    expect(view.themes.map((t) => t.name)).not.toContain("Gone");
    expect((await themeTrend(database.db, { level: "program", ...FEBRUARY })).themes.map((t) => t.name)).not.toContain("Gone");
    await database.db.execute(sql`delete from theme_monthly_rollups where theme_id = ${theme!.id}`);
  });

  it("refuses an unknown scope in words", async () => {
    await expect(themesView(database.db, { level: "journey", id: 999999 })).rejects.toThrow(/Journey 999999 does not exist/);
    await expect(themesView(database.db, { level: "location" })).rejects.toThrow(/needs its id/);
  });
});

describe("the drill to the comments", () => {
  const drill = async (user: SessionUser, query: Partial<Parameters<typeof themeComments>[1]> = {}) =>
    themeComments(database.db, { level: "program", ...FEBRUARY, themeId: themeIds.charge, limit: 50, ...query }, themeCommentReader(user));

  it("pages through only that theme's comments, each with the theme's words highlighted", async () => {
    const first = await drill(people.admin, { limit: 40 });
    const raw = await rawCounts(FEBRUARY, themeIds.charge);
    expect(first.total).toBe(raw.comments);
    const rows = [...first.rows];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await drill(people.admin, { limit: 40, cursor });
      expect(page.total).toBeNull();
      rows.push(...page.rows);
      cursor = page.nextCursor;
    }
    expect(rows).toHaveLength(raw.comments);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const row of rows) {
      expect([comments.charge, comments.both]).toContain(row.comment);
      const words = row.spans.map((s) => row.comment!.slice(s.start, s.end).toLowerCase());
      expect(words).toEqual(row.comment === comments.charge ? ["service charge"] : ["surcharge", "service charges"]);
      expect(row.respondedAt.toISOString() >= "2026-02-01").toBe(true);
      expect(["negative", "neutral", "positive"]).toContain(row.sentiment);
      expect(row.nps).not.toBeUndefined();
    }
    expect(rows.map((r) => r.touchpointName)).toContain("The bill");
  });

  it("cuts to the scope: the bill at Leeds gives only its own comments", async () => {
    const page = await drill(people.admin, { level: "touchpoint", id: ids.bill, location: "N-LEEDS" });
    expect(page.total).toBe((await rawCounts(FEBRUARY, themeIds.charge, sql`r.touchpoint_id = ${ids.bill} and r.location_id = ${ids.leeds}`)).comments);
    expect(new Set(page.rows.map((r) => r.touchpointName))).toEqual(new Set(["The bill"]));
  });

  it("shows respondents' e-mails to admins, to owners on their own touchpoints only, never to executives", async () => {
    const admin = await drill(people.admin, { limit: 200 });
    expect(admin.rows.every((r) => r.respondentEmail?.endsWith("@example.test"))).toBe(true);
    const executive = await drill(people.executive, { limit: 200 });
    expect(executive.rows).toHaveLength(admin.rows.length);
    expect(executive.rows.every((r) => !("respondentEmail" in r) && !("respondentName" in r))).toBe(true);
    const owner = await drill(people.owner, { limit: 200 }); // Olive owns the host greeting.
    for (const row of owner.rows) expect(row.respondentEmail === null || row.respondentEmail === undefined).toBe(row.touchpointName !== "Host greeting");
  });

  it("hides the comments from executives where fewer than 5 responded, and refuses an unknown theme", async () => {
    const few = await drill(people.executive, { from: "2026-02-04", to: "2026-02-04", level: "location", id: ids.leeds });
    const [row] = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from survey_responses where location_id = ${ids.leeds} and responded_at::date = '2026-02-04'`,
    );
    expect(row!.n).toBeLessThan(5);
    expect(few).toMatchObject({ hidden: true, rows: [], reason: expect.stringMatching(/Fewer than 5 responses/) });
    await expect(drill(people.admin, { themeId: 999999 })).rejects.toThrow(/Theme 999999 does not exist/);
  });
});

const get = (query: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
  GET(new Request(`http://localhost/api/v1/themes?${query}`, { headers }));
const rowsOf = async (query: string) => ((await (await get(query)).json()) as { rows: ThemeRow[] }).rows;
const problemsOf = async (query: string) => {
  const response = await get(query);
  expect(response.status, query).toBe(400);
  return ((await response.json()) as { problems: Array<{ parameter: string; message: string }> }).problems;
};

describe("GET /api/v1/themes", () => {
  it("answers 401 without a token and 400 naming a bad level, id, location or period", async () => {
    expect((await get("", {})).status).toBe(401);
    expect(await problemsOf("level=planet")).toEqual([{ parameter: "level", message: "use one of program, touchpoint, stage, journey, department, location" }]);
    expect(await problemsOf("level=journey")).toEqual([
      { parameter: "id", message: "level=journey needs the journey's id (list them with GET /api/v1/scores?level=journey)" },
    ]);
    expect(await problemsOf("level=touchpoint&id=NOPE")).toMatchObject([{ parameter: "id", message: expect.stringMatching(/NOPE/) }]);
    expect(await problemsOf("location=NOWHERE")).toMatchObject([{ parameter: "location" }]);
    expect(await problemsOf("level=location&id=N-LEEDS&location=N-YORK")).toMatchObject([{ parameter: "location" }]);
    expect(await problemsOf("from=2026-02-10&to=2026-02-01")).toEqual([{ parameter: "from", message: "must not be after to (2026-02-01)" }]);
  });

  it("gives one row per theme with share, detractor share, sentiment, change and significance, as the view", async () => {
    const response = await get("level=touchpoint&id=BIL-BILL&from=2026-02-01&to=2026-02-28");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { rows: ThemeRow[]; compareFrom: string; compareTo: string };
    expect(body).toMatchObject({ level: "touchpoint", id: ids.bill, from: "2026-02-01", to: "2026-02-28", compareFrom: "2026-01-04", compareTo: "2026-01-31" });
    const view = await themesView(database.db, { level: "touchpoint", id: ids.bill, ...FEBRUARY });
    expect(body.rows.map((r) => r.theme)).toEqual(view.themes.map((t) => t.name));
    const [charge] = body.rows;
    const fromView = view.themes[0]!;
    expect(charge).toMatchObject({
      name: "The bill",
      theme: "Service charge",
      comments: fromView.comments,
      totalComments: view.totals.comments,
      detractorComments: fromView.detractorComments,
      significant: true,
      direction: "rising",
      notComparableWhy: null,
      minimum: 30,
    });
    expect(charge!.share).toBeCloseTo(fromView.share.status === "ok" ? fromView.share.value : NaN, 9);
    expect(charge!.sentiment).toBeCloseTo(fromView.sentiment!.mean, 9);
    expect(charge!.change).toBeCloseTo(fromView.change.status === "ok" ? fromView.change.difference : NaN, 9);
    const csv = await (await get("level=touchpoint&id=BIL-BILL&from=2026-02-01&to=2026-02-28&format=csv")).text();
    expect(csv.split("\n")[0]).toMatch(/^level,id,name,location,from,to,compare_from,compare_to,theme_id,theme,comments,total_comments,share,/);
  });
});

describe("npm run cli -- themes", () => {
  const cli = async (...args: string[]) => {
    const { stdout } = await run(cliCommand, cliArgs("themes", ...args), { env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" } });
    return stdout;
  };

  it("prints the API's rows as JSON, and a table in words", async () => {
    const api = await rowsOf("level=location&id=N-LEEDS&from=2026-02-01&to=2026-02-28");
    expect(JSON.parse(await cli("--level", "location", "--id", "N-LEEDS", "--from", "2026-02-01", "--to", "2026-02-28", "--json"))).toEqual(api);
    const table = await cli("--from", "2026-02-01", "--to", "2026-02-28");
    expect(table).toMatch(/Theme +Comments +Share +Detractor share +Sentiment +Change/);
    expect(table).toMatch(/Service charge +\d+ +[\d.]+% \([\d.]+–[\d.]+\) .* \+[\d.]+ pts rising \(p < 0\.001\)/);
  });

  it("re-tags history after a codebook change and says how many comments", async () => {
    await createTheme(database.db, actor, { name: "Food", terms: ["food"] });
    const [counted] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from survey_responses where comment is not null`);
    const { stdout, stderr } = await run(cliCommand, cliArgs("themes", "retag"), { env: { ...process.env, DATABASE_URL: database.url } });
    expect(stdout).toContain(`Re-tagged ${counted!.n.toLocaleString("en-GB")} comments`);
    expect(stderr).toMatch(/re-tagged/);
    const view = await expectViewMatchesRaw(FEBRUARY);
    const food = view.themes.find((t) => t.name === "Food")!;
    const [mentions] = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from survey_responses where comment ilike '%food%' and responded_at >= '2026-02-01' and responded_at < '2026-03-01'`,
    );
    expect(food.comments).toBe(mentions!.n);
    expect(await cli("retag")).toMatch(/nothing to re-tag/);
  });
});

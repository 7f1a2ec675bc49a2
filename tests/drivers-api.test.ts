// GET /api/v1/drivers on the real route handler, as the contacts API is tested: 401 without a token, 400 naming the
// parameter (scope, id, outcome, location, period), a generated true driver ranked first, insufficient data said with
// its n, a location scope, the themes as drivers — and `npm run cli -- drivers` printing exactly the same rows.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DriverRow, ThemeDriverRow } from "../server/drivers/api";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { seededRandom } from "../server/seed/random";
import { createTheme } from "../server/themes/codebook";
import { createApiToken } from "../server/tokens/api-tokens";
import { cliArgs, cliCommand } from "./support/cli";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

const run = promisify(execFile);
let database: TestDatabase;
let token: string;
let GET: (request: Request) => Promise<Response>;
let ids: { host: number; bill: number; journey: number; billing: number; leeds: number };
let slowThemeId: number;
const actor = { id: null, email: "test" };
const JANUARY = "from=2026-01-01&to=2026-01-31";

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  await database.db.execute(sql`insert into metric_definitions (code, name, kind, scale_min, scale_max) values
    ('speed', 'Speed of service', 'custom', 1, 5), ('value', 'Value for money', 'custom', 1, 5)`);
  const [row] = await database.db.execute<typeof ids>(sql`select
    (select id from touchpoints where code = 'SVC-HOST') as host, (select id from touchpoints where code = 'BIL-BILL') as bill,
    (select id from journeys where name = 'Dinner') as journey, (select id from departments where name = 'Billing') as billing,
    (select id from locations where code = 'N-LEEDS') as leeds`);
  ids = row!;
  const [york] = await database.db.execute<{ id: number }>(sql`select id from locations where code = 'N-YORK'`);
  slowThemeId = (await createTheme(database.db, actor, { name: "Slow service", terms: ["slow"] })).id;
  const random = seededRandom(17);
  // January at the host greeting: NPS follows speed (true weight 2 per point), value is noise, CSAT is always 5.
  // Every third response is at Leeds, the rest at York. Half comment: on slow service where speed was 1–2.
  const host: ResponseInput[] = Array.from({ length: 600 }, (_, i) => {
    const speed = random.int(1, 5);
    const value = random.int(1, 5);
    return {
      touchpointId: ids.host,
      locationId: i % 3 === 0 ? ids.leeds : york!.id,
      respondedAt: new Date(Date.UTC(2026, 0, 1 + (i % 28), 12)),
      nps: Math.max(0, Math.min(10, Math.round(2 * speed - 1 + random.normal(0, 1.5)))),
      csat: 5,
      customValues: { speed, value },
      comment: i % 2 === 0 ? null : speed <= 2 ? "The service was slow and we waited ages." : "A lovely welcome at the door tonight, thanks.",
      externalId: `drivers-${i}`,
    };
  });
  // 10 February at the bill: 20 responses, well below the minimum of 50.
  const bill: ResponseInput[] = Array.from({ length: 20 }, (_, i) => ({
    touchpointId: ids.bill,
    respondedAt: new Date(Date.UTC(2026, 1, 10, 12)),
    nps: i % 11,
    customValues: { speed: 1 + (i % 5) },
    externalId: `drivers-bill-${i}`,
  }));
  await ingestBatch(database.db, { fileName: "d", fileHash: "d", sourceFormat: "test", source: "api" }, [...host, ...bill]);
  token = await createApiToken(database.db, actor, "drivers");
  process.env.DATABASE_URL = database.url;
  ({ GET } = await import("../app/api/v1/drivers/route"));
});
afterAll(async () => {
  const { appDatabase } = await import("../server/database");
  await (await appDatabase()).close();
  delete process.env.DATABASE_URL;
  await database.close();
});

const get = (query: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
  GET(new Request(`http://localhost/api/v1/drivers?${query}`, { headers }));
const bodyOf = async (query: string) => (await (await get(query)).json()) as { rows: DriverRow[]; themes: ThemeDriverRow[] };
const rowsOf = async (query: string) => (await bodyOf(query)).rows;
const problemsOf = async (query: string) => {
  const response = await get(query);
  expect(response.status, query).toBe(400);
  return ((await response.json()) as { problems: Array<{ parameter: string; message: string }> }).problems;
};

describe("GET /api/v1/drivers", () => {
  it("answers 401 without a token or with a wrong one", async () => {
    expect((await get("scope=program", {})).status).toBe(401);
    expect((await get("scope=program", { authorization: "Bearer tl_wrong" })).status).toBe(401);
  });

  it("answers 400 naming scope, id or outcome, with the fix", async () => {
    expect(await problemsOf("scope=planet")).toEqual([{ parameter: "scope", message: "use one of program, journey, stage, touchpoint, department, location" }]);
    expect(await problemsOf("scope=journey&id=999999")).toEqual([
      { parameter: "id", message: "no active journey has the id 999999; list them with GET /api/v1/scores?level=journey" },
    ]);
    expect(await problemsOf("scope=journey")).toEqual([
      { parameter: "id", message: "scope=journey needs the journey's id (list them with GET /api/v1/scores?level=journey)" },
    ]);
    expect(await problemsOf("scope=stage&id=first")).toEqual([{ parameter: "id", message: expect.stringMatching(/^a stage's id must be a whole number/) }]);
    expect(await problemsOf("scope=touchpoint&id=NOPE")).toMatchObject([
      { parameter: "id", message: expect.stringMatching(/no active touchpoint has the id or code NOPE/) },
    ]);
    expect(await problemsOf("scope=location&id=ATLANTIS")).toMatchObject([{ parameter: "id" }]);
    expect(await problemsOf("scope=program&id=3")).toMatchObject([{ parameter: "id", message: "the program has no id; leave id out" }]);
    expect(await problemsOf("outcome=speediness")).toEqual([
      { parameter: "outcome", message: "no metric has the code speediness; use one of ces, csat, nps, speed, value" },
    ]);
    expect(await problemsOf("outcome=NPS!")).toEqual([{ parameter: "outcome", message: "use a metric's code, such as nps or csat" }]);
  });

  it("refuses an unknown location, a backwards or too long period, and an unknown format", async () => {
    expect(await problemsOf("location=NOWHERE")).toMatchObject([{ parameter: "location" }]);
    expect(await problemsOf("scope=location&id=N-LEEDS&location=N-YORK")).toMatchObject([{ parameter: "location" }]);
    expect(await problemsOf("from=2026-02-01&to=2026-01-01")).toEqual([{ parameter: "from", message: "must not be after to (2026-01-01)" }]);
    expect(await problemsOf("from=2000-01-01&to=2026-01-01")).toMatchObject([
      { parameter: "to", message: expect.stringMatching(/at most 10 years \(setting max_period_years\)/) },
    ]);
    expect(await problemsOf("format=xml")).toEqual([{ parameter: "format", message: "use one of json, csv" }]);
    expect(await problemsOf("format=csv&table=people")).toEqual([{ parameter: "table", message: "use one of drivers, themes" }]);
  });

  it("defaults to the program, NPS and the last 12 months of data, never stored by a cache", async () => {
    const response = await get("");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ scope: "program", id: null, from: "2025-03-01", to: "2026-02-10", outcome: "nps", location: null });
  });

  it("ranks the generated true driver first, calls the idle one not significant and a constant one left out", async () => {
    const rows = await rowsOf(`scope=touchpoint&id=SVC-HOST&${JANUARY}`);
    expect(rows.map((r) => [r.driver, r.rank, r.significant, r.skippedWhy])).toEqual([
      ["speed", 1, true, null],
      ["value", null, false, null],
      ["csat", null, null, "constant"],
    ]);
    const [speed, value] = rows;
    expect(speed).toMatchObject({
      scope: "touchpoint",
      id: ids.host,
      name: "Host greeting",
      outcome: "nps",
      outcomeName: expect.any(String),
      status: "ok",
      n: 600,
      minimum: 50,
      driverName: "Speed of service",
      driverN: 600,
      quadrant: expect.any(String),
    });
    expect(speed!.weight! + value!.weight!).toBeCloseTo(100, 9);
    expect(speed!.weight).toBeGreaterThan(90);
    expect(speed!.rSquared).toBeGreaterThan(0.5);
    expect(speed!.performance).not.toBeNull();
    expect(value!.quadrant).toBeNull();
    // The same touchpoint by its id, and the same analysis through its journey (January's responses are all there).
    expect(await rowsOf(`scope=touchpoint&id=${ids.host}&${JANUARY}`)).toEqual(rows);
    const journey = await rowsOf(`scope=journey&id=${ids.journey}&${JANUARY}`);
    expect(journey.map((r) => [r.name, r.driver, r.rank, r.n])).toEqual(rows.map((r) => ["Dinner", r.driver, r.rank, r.n]));
  });

  it("says insufficient data with n and the minimum, in one row with no driver", async () => {
    expect(await rowsOf("scope=touchpoint&id=BIL-BILL&from=2026-02-01&to=2026-02-28")).toEqual([
      expect.objectContaining({ status: "insufficient", n: 20, minimum: 50, rSquared: null, driver: null, weight: null, rank: null, skippedWhy: null }),
    ]);
    expect(await rowsOf(`scope=department&id=${ids.billing}&from=2026-02-01&to=2026-02-28`)).toMatchObject([
      { name: "Billing", status: "insufficient", n: 20 },
    ]);
  });

  it("cuts to a location: scope=location is the program at that site's responses, as location= cuts any scope", async () => {
    const leeds = await rowsOf(`scope=location&id=N-LEEDS&${JANUARY}`);
    expect(leeds[0]).toMatchObject({ scope: "location", id: ids.leeds, name: "Leeds", location: "N-LEEDS", status: "ok", n: 200, driver: "speed", rank: 1 });
    expect(await rowsOf(`scope=location&id=${ids.leeds}&${JANUARY}`)).toEqual(leeds);
    const hostAtLeeds = await rowsOf(`scope=touchpoint&id=SVC-HOST&location=N-LEEDS&${JANUARY}`);
    expect(hostAtLeeds[0]).toMatchObject({ name: "Host greeting", location: "N-LEEDS", n: 200 });
    expect((await rowsOf(`scope=location&id=NORTH&${JANUARY}`))[0]).toMatchObject({ name: "North", n: 600 });
    expect((await rowsOf(`scope=location&id=S-BATH&${JANUARY}`))[0]).toMatchObject({ status: "no_drivers", n: 0, minimum: null, driver: null });
  });

  it("answers CSV for format=csv or Accept: text/csv, one snake_case column per field", async () => {
    const byParameter = await get(`scope=touchpoint&id=SVC-HOST&${JANUARY}&format=csv`);
    expect(byParameter.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(byParameter.headers.get("cache-control")).toBe("no-store");
    const csv = await byParameter.text();
    expect(csv.split("\n")[0]).toBe(
      "scope,id,name,location,from,to,outcome,outcome_name,status,n,minimum,r_squared,driver,driver_name,weight,coefficient,standard_error,margin," +
        "significant,rank,driver_n,performance,performance_margin,quadrant,skipped_why,skipped_with",
    );
    expect(csv.split("\n")[1]).toMatch(new RegExp(`^touchpoint,${ids.host},Host greeting,,2026-01-01,2026-01-31,nps,.*,ok,600,50,`));
    const byAccept = await get(`scope=touchpoint&id=SVC-HOST&${JANUARY}`, { authorization: `Bearer ${token}`, accept: "text/csv" });
    expect(await byAccept.text()).toBe(csv);
  });
});

describe("GET /api/v1/drivers, themes as drivers", () => {
  it("lists each theme with r, its interval, the outcome with and without it, ranked by |r|", async () => {
    const { themes } = await bodyOf(`scope=touchpoint&id=SVC-HOST&${JANUARY}`);
    expect(themes).toHaveLength(1);
    const [slow] = themes;
    expect(slow).toMatchObject({
      scope: "touchpoint",
      id: ids.host,
      name: "Host greeting",
      outcome: "nps",
      theme: slowThemeId,
      themeName: "Slow service",
      status: "ok",
      n: 300,
      minimum: 30,
      significant: true,
      rank: 1,
    });
    expect(slow!.mentions).toBeGreaterThan(60);
    expect(slow!.r!).toBeLessThan(-0.5);
    expect(slow!.rLow!).toBeLessThan(slow!.r!);
    expect(slow!.rHigh!).toBeGreaterThan(slow!.r!);
    expect(slow!.withMean!).toBeLessThan(slow!.withoutMean!);
    expect(slow!.difference!).toBeCloseTo(slow!.withMean! - slow!.withoutMean!, 9);
    expect(slow!.differenceMargin!).toBeGreaterThan(0);
  });

  it("says too few below the minimum sample, and none where nobody commented", async () => {
    expect((await bodyOf("scope=touchpoint&id=SVC-HOST&from=2026-01-01&to=2026-01-02")).themes).toMatchObject([
      { status: "insufficient", minimum: 30, r: null, withMean: null, rank: null },
    ]);
    expect((await bodyOf("scope=touchpoint&id=BIL-BILL&from=2026-02-01&to=2026-02-28")).themes).toEqual([]);
  });

  it("answers the themes' rows as CSV for table=themes", async () => {
    const csv = await (await get(`scope=touchpoint&id=SVC-HOST&${JANUARY}&format=csv&table=themes`)).text();
    expect(csv.split("\n")[0]).toBe(
      "scope,id,name,location,from,to,outcome,outcome_name,theme,theme_name,status,n,mentions,minimum,r,r_low,r_high,p_value,significant,rank," +
        "with_mean,without_mean,difference,difference_margin",
    );
    expect(csv.split("\n")[1]).toMatch(new RegExp(`^touchpoint,${ids.host},Host greeting,,2026-01-01,2026-01-31,nps,.*,${slowThemeId},Slow service,ok,300,`));
  });
});

describe("npm run cli -- drivers", () => {
  const cli = async (...args: string[]) => {
    const { stdout } = await run(cliCommand, cliArgs("drivers", ...args), {
      env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" },
    });
    return stdout;
  };

  it("prints the API's rows and themes, as JSON and as CSV", async () => {
    const { rows, themes } = await bodyOf(`scope=touchpoint&id=SVC-HOST&${JANUARY}&location=N-LEEDS`);
    const printed = JSON.parse(
      await cli("--scope", "touchpoint", "--id", "SVC-HOST", "--from", "2026-01-01", "--to", "2026-01-31", "--location", "N-LEEDS", "--json"),
    );
    expect(themes.length).toBeGreaterThan(0);
    expect(printed).toEqual({ rows, themes });
    const themesCsv = await cli("--scope", "touchpoint", "--id", "SVC-HOST", "--from", "2026-01-01", "--to", "2026-01-31", "--themes", "--csv");
    expect(themesCsv).toBe(await (await get(`scope=touchpoint&id=SVC-HOST&${JANUARY}&format=csv&table=themes`)).text());
    const csv = await cli("--scope", "touchpoint", "--id", "BIL-BILL", "--from", "2026-02-01", "--to", "2026-02-28", "--csv");
    expect(csv).toBe(await (await get("scope=touchpoint&id=BIL-BILL&from=2026-02-01&to=2026-02-28&format=csv")).text());
  });

  it("says the status in words by default, and refuses an unknown id as the API does", async () => {
    expect(await cli("--scope", "touchpoint", "--id", "BIL-BILL", "--from", "2026-02-01", "--to", "2026-02-28")).toMatch(
      /insufficient data \(n = 20; at least 50 needed\)/,
    );
    const lines = await cli("--scope", "touchpoint", "--id", "SVC-HOST", "--from", "2026-01-01", "--to", "2026-01-31");
    expect(lines).toMatch(/#1 +Speed of service: weight \d/);
    expect(lines).toMatch(
      /Themes as drivers \(commented responses\):\n {2}#1 +Slow service: r = −0\.\d\d \(95% CI −0\.\d\d to −0\.\d\d\), \d\.\d\d with vs \d\.\d\d without/,
    );
    const refused = await cli("--scope", "journey", "--id", "999999").catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: id: no active journey has the id 999999/) });
  });
});

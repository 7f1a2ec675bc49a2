// GET /api/v1/contacts on the real route handler, as the scores API is tested: 401 without a token, 400 naming the
// parameter, the same limits and defaults, rows with contacts, failure share, margin, cost and unclassified share
// per level and grain (weeks summed from days) — and `npm run cli -- contacts` printing exactly the same rows.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactPeriodsOf, isoWeek, type ContactApiRow } from "../server/contacts/api";
import { ingestContactBatch, type ContactInput } from "../server/contacts/ingest";
import { writeSetting } from "../server/settings/program-settings";
import { createApiToken } from "../server/tokens/api-tokens";
import { cliArgs, cliCommand } from "./support/cli";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

const run = promisify(execFile);
let database: TestDatabase;
let token: string;
let GET: (request: Request) => Promise<Response>;
const actor = { id: null, email: "test" };

const contact = (i: number, day: Date, reasons: string[], over: Partial<ContactInput> = {}): ContactInput => ({
  occurredAt: day,
  channel: "phone",
  reasons,
  externalId: `api-${i}`,
  handleSeconds: 600,
  ...over,
});

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  const [ids] = await database.db.execute<{ bill: number }>(sql`select id as bill from touchpoints where code = 'BIL-BILL'`);
  // February: 40 contacts, one a day from 1 Feb (28 days) then 12 more on 2 March. 24 charge queries, 16 with no reason.
  const rows: ContactInput[] = Array.from({ length: 40 }, (_, i) =>
    contact(i, new Date(Date.UTC(2026, i < 28 ? 1 : 2, i < 28 ? 1 + i : 2, 12)), i % 5 < 3 ? ["charge query"] : []),
  );
  await ingestContactBatch(database.db, { fileName: "z.csv", fileHash: "z", sourceFormat: "zendesk", source: "zendesk" }, rows);
  const [reason] = await database.db.execute<{ id: number }>(sql`select id from contact_reasons where name = 'charge query'`);
  await database.db.execute(sql`insert into contact_reason_mappings (reason_id, kind, touchpoint_id) values (${reason!.id}, 'failure', ${ids!.bill})`);
  token = await createApiToken(database.db, actor, "contacts", { scopes: ["contacts:read"] });
  process.env.DATABASE_URL = database.url;
  ({ GET } = await import("../app/api/v1/contacts/route"));
});
afterAll(async () => {
  const { appDatabase } = await import("../server/database");
  await (await appDatabase()).close();
  delete process.env.DATABASE_URL;
  await database.close();
});

const get = (query: string, auth: string | null = `Bearer ${token}`) =>
  GET(new Request(`http://localhost/api/v1/contacts?${query}`, { headers: auth ? { authorization: auth } : {} }));
const rowsOf = async (query: string) => ((await (await get(query)).json()) as { rows: ContactApiRow[] }).rows;

describe("GET /api/v1/contacts", () => {
  it("answers 401 without a token or with a wrong one", async () => {
    expect((await get("level=program", null)).status).toBe(401);
    expect((await get("level=program", "Bearer tl_wrong")).status).toBe(401);
  });

  it("answers 400 naming the bad parameter, in the scores API's words", async () => {
    const response = await get("level=galaxy");
    expect(response.status).toBe(400);
    expect(((await response.json()) as { problems: unknown[] }).problems).toContainEqual({
      parameter: "level",
      message: "use one of program, department, touchpoint, stage, reason",
    });
    expect(await (await get("level=program&from=yesterday&to=2026-01-01")).json()).toMatchObject({
      error: "from: use YYYY-MM-DD, e.g. 2026-01-31",
      problems: [{ parameter: "from", message: "use YYYY-MM-DD, e.g. 2026-01-31" }],
    });
    expect(((await (await get("level=program&from=2026-02-30&to=2026-03-01")).json()) as { error: string }).error).toMatch(/not a day of the calendar/);
    expect((await get("level=program&from=2026-02-01&to=2026-01-01")).status).toBe(400);
    expect(((await (await get("level=program&grain=hour")).json()) as { problems: unknown[] }).problems).toContainEqual({
      parameter: "grain",
      message: "use one of none, day, week, month, quarter",
    });
    expect(await (await get("level=program&location=NOWHERE")).json()).toMatchObject({ problems: [{ parameter: "location" }] });
    expect(await (await get("level=program&region=N-LEEDS")).json()).toMatchObject({
      problems: [{ parameter: "region", message: "N-LEEDS is a site; use location=N-LEEDS" }],
    });
  });

  it("refuses a period past max_period_years, or a grain with too many periods, saying the limit", async () => {
    expect(await (await get("level=program&from=2000-01-01&to=9999-12-31")).json()).toMatchObject({
      problems: [{ parameter: "to", message: expect.stringMatching(/at most 10 years \(setting max_period_years\)/) }],
    });
    const days = await get("level=program&from=2026-01-01&to=2026-12-31&grain=day");
    expect(days.status).toBe(400);
    expect(((await days.json()) as { error: string }).error).toMatch(/^grain: grain day splits this period into 365 periods; at most 240/);
  });

  it("defaults from and to to the last 12 months of contacts", async () => {
    expect(await (await get("level=program")).json()).toMatchObject({ from: "2025-04-01", to: "2026-03-02", grain: "none", currency: "GBP" });
  });

  it("gives the program's share with its margin, cost and unclassified share; 24 of 40 is 60% ± 15.2 pts", async () => {
    const [program] = await rowsOf("level=program&from=2026-02-01&to=2026-03-31");
    expect(program).toMatchObject({ n: 40, contacts: 40, failureContacts: 24, insufficient: false, unclassifiedShare: 40 });
    expect(program!.failureShare).toBeCloseTo(60, 9);
    expect(program!.failureShareMargin).toBeCloseTo(1.96 * 100 * Math.sqrt((0.6 * 0.4) / 40), 9);
    // 40 contacts × 10 minutes at £36 an hour; failure demand 24 × £6.
    expect(program!.cost).toBeCloseTo(240, 9);
    expect(program!.failureCost).toBeCloseTo(144, 9);
    const departments = await rowsOf("level=department&from=2026-02-01&to=2026-03-31");
    expect(departments.map((r) => [r.name, r.contacts])).toEqual([
      ["Billing", 24],
      ["Service", 0],
    ]);
    const reasons = await rowsOf("level=reason&from=2026-02-01&to=2026-03-31");
    expect(reasons).toMatchObject([{ name: "charge query", contacts: 24, failureContacts: 24, kind: "failure", cause: "BIL-BILL" }]);
    const stages = await rowsOf("level=stage&from=2026-02-01&to=2026-03-31");
    expect(stages.map((r) => [r.name, r.contacts])).toEqual([
      ["Dinner › Arrive", 0],
      ["Dinner › Pay", 24],
    ]);
  });

  it("splits by month, week and day: a month below the minimum sample is flagged, and the grains add up", async () => {
    const months = await rowsOf("level=program&from=2026-02-01&to=2026-03-31&grain=month");
    expect(months.map((r) => [r.period, r.n, r.insufficient])).toEqual([
      ["2026-02", 28, true],
      ["2026-03", 12, true],
    ]);
    const weeks = await rowsOf("level=touchpoint&from=2026-02-01&to=2026-03-31&grain=week");
    const bill = weeks.filter((r) => r.code === "BIL-BILL");
    expect(bill.reduce((sum, r) => sum + r.contacts, 0)).toBe(24);
    expect(bill[0]).toMatchObject({ period: "2026-W05", from: "2026-02-01", to: "2026-02-01" });
    const days = await rowsOf("level=program&from=2026-03-01&to=2026-03-07&grain=day");
    expect(days.map((r) => [r.period, r.contacts])).toEqual([
      ["2026-03-01", 0],
      ["2026-03-02", 12],
      ["2026-03-03", 0],
      ["2026-03-04", 0],
      ["2026-03-05", 0],
      ["2026-03-06", 0],
      ["2026-03-07", 0],
    ]);
  });

  it("follows the minimum-sample setting", async () => {
    await writeSetting(database.db, actor, { key: "minimum_sample", value: 50 });
    expect(await rowsOf("level=program&from=2026-02-01&to=2026-03-31")).toMatchObject([{ insufficient: true, failureShare: null, failureShareMargin: null }]);
    await writeSetting(database.db, actor, { key: "minimum_sample", value: 30 });
  });
});

describe("periods", () => {
  it("cut into ISO weeks (Monday first) and days", () => {
    expect(contactPeriodsOf({ from: "2026-02-25", to: "2026-03-10" }, "week")).toEqual([
      { from: "2026-02-25", to: "2026-03-01", label: "2026-W09" },
      { from: "2026-03-02", to: "2026-03-08", label: "2026-W10" },
      { from: "2026-03-09", to: "2026-03-10", label: "2026-W11" },
    ]);
    expect(isoWeek("2027-01-01")).toBe("2026-W53");
    expect(isoWeek("2024-12-30")).toBe("2025-W01");
    expect(contactPeriodsOf({ from: "2026-02-28", to: "2026-03-01" }, "day").map((p) => p.label)).toEqual(["2026-02-28", "2026-03-01"]);
  });
});

describe("npm run cli -- contacts", () => {
  const cli = async (...args: string[]) => {
    const { stdout } = await run(cliCommand, cliArgs(...args), { env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" } });
    return stdout;
  };

  it("prints the API's rows, as JSON and as CSV", async () => {
    const query = "level=department&from=2026-02-01&to=2026-03-31&grain=month";
    const api = await rowsOf(query);
    const printed = JSON.parse(await cli("contacts", "--level", "department", "--from", "2026-02-01", "--to", "2026-03-31", "--grain", "month"));
    expect(printed).toEqual(api);
    const csv = await cli("contacts", "--level", "program", "--from", "2026-02-01", "--to", "2026-03-31", "--format", "csv");
    expect(csv.split("\n")[0]).toBe(
      "level,id,code,name,period,from,to,n,contacts,failure_contacts,failure_share,failure_share_margin,cost,failure_cost,unclassified_share,insufficient,kind,cause",
    );
    expect(csv.split("\n")[1]).toMatch(/^program,,,Program,2026-02-01\.\.2026-03-31,2026-02-01,2026-03-31,40,40,24,60/);
  });
});

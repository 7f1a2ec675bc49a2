// The HTTP API on the real route handlers: GET /api/v1/scores (401, 400 naming the parameter, rows with n,
// margins and insufficient flags), POST /api/v1/responses and POST /api/v1/imports (all-or-nothing, idempotent).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ingestBatch, type ResponseInput } from "../server/responses/ingest";
import { periodsOf, type ScoreRow } from "../server/scores/api";
import { writeSetting } from "../server/settings/program-settings";
import { createApiToken } from "../server/tokens/api-tokens";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

let database: TestDatabase;
let token: string;
let GET: (request: Request) => Promise<Response>;
let POST: (request: Request) => Promise<Response>;
let IMPORT: (request: Request) => Promise<Response>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestModel(database.db);
  const [host] = await database.db.execute<{ id: number }>(sql`select id from touchpoints where code = 'SVC-HOST'`);
  const rows: ResponseInput[] = Array.from({ length: 40 }, (_, i) => ({
    touchpointId: host!.id,
    // 31 answers on 10 January, 9 on 4 February (below the minimum sample of 30).
    respondedAt: new Date(Date.UTC(2026, i > 30 ? 1 : 0, i > 30 ? 4 : 10, 12)),
    csat: i % 4 === 0 ? 2 : 5,
    externalId: `s${i}`,
  }));
  await ingestBatch(database.db, { fileName: "s", fileHash: "s", sourceFormat: "test", source: "api" }, rows);
  token = await createApiToken(database.db, { id: null, email: "test" }, "test", { scopes: ["scores:read", "imports:write", "responses:write"] });
  process.env.DATABASE_URL = database.url;
  ({ GET } = await import("../app/api/v1/scores/route"));
  ({ POST } = await import("../app/api/v1/responses/route"));
  ({ POST: IMPORT } = await import("../app/api/v1/imports/route"));
});
afterAll(async () => {
  const { appDatabase } = await import("../server/database");
  await (await appDatabase()).close();
  delete process.env.DATABASE_URL;
  await database.close();
});

const get = (query: string, auth: string | null = `Bearer ${token}`) =>
  GET(new Request(`http://localhost/api/v1/scores?${query}`, { headers: auth ? { authorization: auth } : {} }));

describe("GET /api/v1/scores", () => {
  it("answers 401 without a token or with a wrong one", async () => {
    expect((await get("level=program&from=2026-01-01&to=2026-01-31", null)).status).toBe(401);
    expect((await get("level=program&from=2026-01-01&to=2026-01-31", "Bearer tl_wrong")).status).toBe(401);
  });

  it("records when a token was last used, at most once a minute", async () => {
    const lastUsed = async () => (await database.db.execute<{ at: string | null }>(sql`select last_used_at::text as at from api_tokens`))[0]!.at;
    // Written off the request's path: the answer does not wait for it.
    expect((await get("level=program&from=2026-01-01&to=2026-01-31")).status).toBe(200);
    const first = await vi.waitFor(async () => (await lastUsed()) ?? Promise.reject(new Error("not written yet")));
    expect((await get("level=program&from=2026-01-01&to=2026-01-31")).status).toBe(200);
    expect(await lastUsed()).toBe(first);
    await database.db.execute(sql`update api_tokens set last_used_at = now() - interval '2 minutes'`);
    const stale = await lastUsed();
    expect((await get("level=program&from=2026-01-01&to=2026-01-31")).status).toBe(200);
    await vi.waitFor(async () => expect(await lastUsed()).not.toBe(stale));
  });

  it("answers 400 naming the bad parameter", async () => {
    const response = await get("level=galaxy&from=2026-01-01&to=2026-01-31");
    expect(response.status).toBe(400);
    const body = (await response.json()) as { problems: Array<{ parameter: string; message: string }> };
    expect(body.problems).toContainEqual({ parameter: "level", message: "use one of program, journey, stage, touchpoint, department, location, region" });
    expect((await get("level=program&from=2026-02-01&to=2026-01-01")).status).toBe(400);
    const notADate = await get("level=program&from=yesterday&to=2026-01-01");
    expect(notADate.status).toBe(400);
    expect(await notADate.json()).toMatchObject({
      error: "from: use YYYY-MM-DD, e.g. 2026-01-31",
      problems: [{ parameter: "from", message: "use YYYY-MM-DD, e.g. 2026-01-31" }],
    });
  });

  it("refuses days that are not on the calendar, with words and a 400", async () => {
    for (const query of ["level=program&from=2026-02-30&to=2026-03-01", "level=program&from=2026-01-01&to=2026-13-45"]) {
      const response = await get(query);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/not a day of the calendar/);
    }
  });

  it("refuses a period past max_period_years, or a grain with too many periods, saying the limit", async () => {
    const tooLong = await get("level=program&from=2000-01-01&to=9999-12-31&grain=month");
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({
      problems: [{ parameter: "to", message: expect.stringMatching(/at most 10 years \(setting max_period_years\)/) }],
    });
    await writeSetting(database.db, { id: null, email: "test" }, { key: "max_period_years", value: 50 });
    const manyMonths = await get("level=program&from=2000-01-01&to=2039-12-31&grain=month");
    expect(manyMonths.status).toBe(400);
    expect(((await manyMonths.json()) as { error: string }).error).toMatch(/^grain: grain month splits this period into 480 periods; at most 240/);
    await writeSetting(database.db, { id: null, email: "test" }, { key: "max_period_years", value: 10 });
  });

  it("defaults from and to to the last 12 months of data", async () => {
    const response = await get("level=program");
    expect(response.status).toBe(200);
    // The data's last day is 4 February 2026: the twelve months are March 2025 to that day.
    expect(await response.json()).toMatchObject({ from: "2025-03-01", to: "2026-02-04", grain: "none" });
  });

  it("returns touchpoint rows with n, margin and insufficient flags", async () => {
    const response = await get("level=touchpoint&from=2026-01-01&to=2026-02-28");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { rows: ScoreRow[] };
    const host = body.rows.find((r) => r.code === "SVC-HOST")!;
    expect(host).toMatchObject({ n: { csat: 40 }, csat: 75, insufficient: { csat: false, nps: true, score: false } });
    expect(host.csatMargin).toBeCloseTo(1.96 * 100 * Math.sqrt((0.75 * 0.25) / 40), 6);
    const bill = body.rows.find((r) => r.code === "BIL-BILL")!;
    expect(bill).toMatchObject({ nps: null, score: null, insufficient: { nps: true, score: true } });
  });

  it("splits by month: a month below the minimum sample is flagged, not zero", async () => {
    const body = (await (await get("level=program&from=2026-01-01&to=2026-02-28&grain=month")).json()) as { rows: ScoreRow[] };
    expect(body.rows.map((r) => [r.period, r.n.csat, r.insufficient.csat, r.csat])).toEqual([
      ["2026-01", 31, false, (100 * 23) / 31],
      ["2026-02", 9, true, null],
    ]);
  });
});

describe("periods", () => {
  it("cut at month and quarter boundaries", () => {
    expect(periodsOf({ from: "2026-01-15", to: "2026-04-10" }, "quarter")).toEqual([
      { from: "2026-01-15", to: "2026-03-31", label: "2026-Q1" },
      { from: "2026-04-01", to: "2026-04-10", label: "2026-Q2" },
    ]);
    expect(periodsOf({ from: "2026-01-15", to: "2026-02-03" }, "month").map((p) => p.label)).toEqual(["2026-01", "2026-02"]);
  });
});

describe("POST /api/v1/responses", () => {
  const post = (body: unknown, auth: string | null = `Bearer ${token}`) =>
    POST(
      new Request("http://localhost/api/v1/responses", {
        method: "POST",
        headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
  const response = (i: number, over: Record<string, unknown> = {}) => ({
    touchpoint: "BIL-BILL",
    respondedAt: "2026-05-02T12:00:00Z",
    nps: 9,
    externalId: `push-${i}`,
    ...over,
  });

  it("answers 401 without a token", async () => {
    expect((await post([response(1)], null)).status).toBe(401);
  });

  it("refuses the whole request when any response is bad, listing every problem", async () => {
    const result = await post([response(1), response(2, { nps: 11 }), response(3, { touchpoint: "NOPE" })]);
    expect(result.status).toBe(400);
    const body = (await result.json()) as { problems: Array<{ path: string }> };
    expect(body.problems.map((p) => p.path)).toEqual(["1.nps"]);
    const second = (await (await post([response(1), response(3, { touchpoint: "NOPE" })])).json()) as { problems: Array<{ path: string; message: string }> };
    expect(second.problems).toEqual([{ path: "1.touchpoint", message: 'unknown touchpoint code "NOPE"' }]);
    expect((await post("not json")).status).toBe(400);
    const [row] = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from survey_responses where source = 'api' and external_id like 'push-%'`,
    );
    expect(row!.n).toBe(0);
  });

  it("imports a batch, and the same batch again adds nothing", async () => {
    const batch = [response(1), response(2, { csat: 4, comment: "Clear bill" })];
    const first = (await (await post(batch)).json()) as { imported: number; duplicates: number };
    expect(first).toMatchObject({ imported: 2, duplicates: 0 });
    const again = (await (await post(batch)).json()) as { imported: number; duplicates: number };
    expect(again).toMatchObject({ imported: 0, duplicates: 2 });
  });

  it("takes a site's code, refuses an unknown one or a region's, and the scores API cuts by site and region", async () => {
    const bad = (await (await post([response(10, { location: "N-NOWHERE" }), response(11, { location: "NORTH" })])).json()) as {
      problems: Array<{ path: string; message: string }>;
    };
    expect(bad.problems.map((p) => p.path)).toEqual(["0.location", "1.location"]);
    const at = (i: number, location: string) => response(20 + i, { location, respondedAt: "2026-03-10T12:00:00Z", csat: 5 });
    const batch = [...Array.from({ length: 31 }, (_, i) => at(i, "N-LEEDS")), ...Array.from({ length: 5 }, (_, i) => at(40 + i, "N-YORK"))];
    expect(((await (await post(batch)).json()) as { imported: number }).imported).toBe(36);
    const rows = async (query: string) => ((await (await get(`from=2026-03-01&to=2026-03-31&${query}`)).json()) as { rows: ScoreRow[] }).rows;
    const sites = await rows("level=location");
    expect(sites.find((r) => r.code === "N-LEEDS")).toMatchObject({ n: { csat: 31 }, csat: 100, insufficient: { csat: false } });
    expect(sites.find((r) => r.code === "N-YORK")).toMatchObject({ n: { csat: 5 }, csat: null, insufficient: { csat: true } });
    expect((await rows("level=region")).find((r) => r.code === "NORTH")).toMatchObject({ n: { csat: 36 } });
    expect((await rows("level=program&region=NORTH"))[0]).toMatchObject({ n: { csat: 36 } });
    expect((await rows("level=program&location=N-YORK"))[0]).toMatchObject({ n: { csat: 5 } });
    const wrong = await get("level=program&region=N-LEEDS");
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { problems: unknown[] }).problems).toEqual([{ parameter: "region", message: "N-LEEDS is a site; use location=N-LEEDS" }]);
    const unknown = await get("level=program&location=NOPE");
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { problems: unknown[] }).problems).toEqual([{ parameter: "location", message: "no site or region has the code NOPE" }]);
  });
});

describe("POST /api/v1/imports", () => {
  const csv = (rows: string[]) => ["id,touchpoint,date,How satisfied were you?", ...rows].join("\n") + "\n";
  const upload = (content: string, fields: Record<string, string> = {}, auth: string | null = `Bearer ${token}`) => {
    const form = new FormData();
    form.set("file", new Blob([content], { type: "text/csv" }), "reviews.csv");
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return IMPORT(new Request("http://localhost/api/v1/imports", { method: "POST", body: form, headers: auth ? { authorization: auth } : {} }));
  };

  it("answers 401 without a token", async () => {
    expect((await upload(csv(["u1,BIL-BILL,2026-05-03,5"]), {}, null)).status).toBe(401);
  });

  it("imports a file with the same summary as the CLI, and refuses rejected rows with 422", async () => {
    const ok = await upload(csv(["u1,BIL-BILL,2026-05-03,5", "u2,BIL-BILL,2026-05-04,4"]));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "imported", format: "csv", imported: 2 });
    const refused = await upload(csv(["u3,BIL-BILL,2026-05-03,9"]));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      status: "refused",
      rejections: [{ row: 1, column: "How satisfied were you?", message: "CSAT 9 is outside 1–5" }],
    });
    const dry = await upload(csv(["u4,BIL-BILL,2026-05-03,3"]), { dryRun: "true" });
    expect(await dry.json()).toMatchObject({ status: "previewed", valid: 1 });
  });

  it("imports a support-tool export as contacts, and names a bad kind or time zone", async () => {
    const zendesk = [
      "ID,Requester,Requester email,Subject,Tags,Status,Via,Created at",
      "9001,Ann,ann@example.com,Charge?,charge_query,solved,Phone call (inbound),2026-05-03 10:00",
    ].join("\n");
    const badKind = await upload(zendesk, { kind: "tickets" });
    expect(badKind.status).toBe(400);
    expect(await badKind.json()).toMatchObject({ problems: [{ field: "kind" }] });
    const badZone = await upload(zendesk, { timeZone: "Mars/Olympus" });
    expect(badZone.status).toBe(400);
    expect(await badZone.json()).toMatchObject({ problems: [{ field: "timeZone", message: "use an IANA name such as Europe/London" }] });
    const ok = await upload(zendesk, { timeZone: "Europe/London" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "imported", kind: "contacts", format: "zendesk", imported: 1, message: "Imported 1 contact." });
  });

  it("refuses a file over the size limit with 413 and a clear message", async () => {
    const { writeSetting } = await import("../server/settings/program-settings");
    await writeSetting(database.db, { id: null, email: "test" }, { key: "max_upload_mb", value: 1 });
    const big = csv(Array.from({ length: 40_000 }, (_, i) => `big${i},BIL-BILL,2026-05-03,5`));
    const response = await upload(big);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/larger than the 1 MB limit/);
    await writeSetting(database.db, { id: null, email: "test" }, { key: "max_upload_mb", value: 500 });
  });
});

// Alerts for other systems and on their own: an import, once committed, queues the evaluation (the file import
// returns before it runs); GET /api/v1/alerts and `alerts list` give the same rows; `alerts run` opens and says;
// runAlerts opens the detractor cases of recent imports whose job never ran.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainAlertQueue, runAlerts } from "../server/alerts/jobs";
import { cliActor } from "../server/audit";
import { ingestApiResponses } from "../server/imports/api-responses";
import { importFile } from "../server/imports/pipeline";
import { createApiToken } from "../server/tokens/api-tokens";
import { cliArgs, cliCommand } from "./support/cli";
import { alertsWorld, ingest, rule, spread, type AlertsWorld } from "./support/alerts";

const run = promisify(execFile);
let w: AlertsWorld;
let dir: string;
let token: string;
let GET: (request: Request) => Promise<Response>;

const qualtricsHeader =
  "StartDate,EndDate,Status,ResponseId,Q1_NPS,Q2,Q3,touchpoint\r\n" +
  '"Start Date","End Date","Response Type","Response ID","How likely are you to recommend us?","How satisfied were you?","Any comments?","touchpoint"\r\n' +
  '"{""ImportId"":""startDate"",""timeZone"":""UTC""}","{""ImportId"":""endDate"",""timeZone"":""UTC""}","{""ImportId"":""status""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3_TEXT""}","{""ImportId"":""touchpoint""}"\r\n';

// The queue evaluates as of the real clock: the responses are from yesterday.
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const alertCount = async () => (await w.database.db.execute<{ n: number }>(sql`select count(*)::int as n from alerts`))[0]!.n;

beforeAll(async () => {
  w = await alertsWorld();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-alerts-"));
  await rule(w, { name: "Call back", kind: "detractor_words", scopeLevel: "all", words: ["refund", "manager"] });
  token = await createApiToken(w.database.db, cliActor, "alerts");
  process.env.DATABASE_URL = w.database.url;
  ({ GET } = await import("../app/api/v1/alerts/route"));
});
afterAll(async () => {
  const { appDatabase } = await import("../server/database");
  await (await appDatabase()).close();
  delete process.env.DATABASE_URL;
  await w.database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the job after every committed import", () => {
  it("a file import returns first; the queued evaluation then opens the case for the detractor's comment", async () => {
    const file = path.join(dir, "responses.csv");
    fs.writeFileSync(
      file,
      qualtricsHeader +
        [
          `${yesterday} 10:00:00,${yesterday} 10:05:00,IP Address,R_1,2,1,"Never got my refund",BIL-BILL`,
          `${yesterday} 11:00:00,${yesterday} 11:05:00,IP Address,R_2,9,5,"refund came fast",BIL-BILL`,
        ].join("\r\n") +
        "\r\n",
    );
    const summary = await importFile(w.database.db, file, { fileName: "responses.csv", actor: cliActor });
    expect(summary.status).toBe("imported");
    expect(await alertCount()).toBe(0);
    await drainAlertQueue();
    const [alert] = await w.database.db.execute<{ title: string; batch_id: number }>(sql`select title, batch_id from alerts`);
    expect(alert).toEqual({ title: 'A detractor at The bill wrote "refund"', batch_id: summary.batchId });
  });

  it("responses pushed over the API are evaluated the same way", async () => {
    const pushed = await ingestApiResponses(w.database.db, cliActor, [
      { touchpoint: "SVC-HOST", respondedAt: `${yesterday}T12:00:00Z`, csat: 2, comment: "Ask your manager to call me", externalId: "api-1" },
    ]);
    expect(pushed.ok).toBe(true);
    await drainAlertQueue();
    expect(await alertCount()).toBe(2);
  });
});

describe("GET /api/v1/alerts and `alerts list`", () => {
  const get = (query: string, auth: string | null = `Bearer ${token}`) =>
    GET(new Request(`http://localhost/api/v1/alerts?${query}`, { headers: auth ? { authorization: auth } : {} }));

  it("answers 401 without a token and 400 naming a bad parameter", async () => {
    expect((await get("", null)).status).toBe(401);
    const bad = await get("status=opened");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      problems: [{ parameter: "status.0", message: "use one or more of open, acknowledged, in_progress, closed, separated by commas" }],
    });
    expect((await get("from=2026-02-01&to=2026-01-01")).status).toBe(400);
  });

  it("gives the same rows as JSON, as CSV and at the CLI, without respondents' contact details", async () => {
    await w.database.db.execute(sql`update alerts set status = 'acknowledged', acknowledged_at = now() where entity_name = 'Host greeting'`);
    const json = (await (await get("status=open")).json()) as { status: string[]; rows: Array<Record<string, unknown>> };
    expect(json.status).toEqual(["open"]);
    expect(json.rows.map((row) => [row.status, row.touchpoint, row.rule, row.assignee])).toEqual([["open", "BIL-BILL", "Call back", "Bert Biller"]]);
    const all = (await (await get(`status=open,acknowledged&from=${yesterday}`)).json()) as { rows: unknown[] };
    expect(all.rows).toHaveLength(2);
    const csv = await get("format=csv");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toMatch(/^id,status,rule,kind,level,entity,touchpoint,department,metric,period,/);
    expect(lines).toHaveLength(3);

    const env = { ...process.env, DATABASE_URL: w.database.url };
    const listed = await run(cliCommand, cliArgs("alerts", "list", "--status", "open", "--json"), { env });
    expect(JSON.parse(listed.stdout)).toEqual(json.rows);
    expect(JSON.stringify(all)).not.toMatch(/@mail/);
    // Nor the respondents' own words: a token is not the touchpoint's owner.
    expect(JSON.stringify([all, lines, listed.stdout])).not.toMatch(/Never got my refund|Ask your manager/);
    const refused = await run(cliCommand, cliArgs("alerts", "list", "--status", "shut"), { env }).catch((e: { code: number; stderr: string }) => e);
    expect((refused as { code: number }).code).toBe(1);
    expect((refused as { stderr: string }).stderr).toContain("status.0: use one or more of open, acknowledged, in_progress, closed");
  });

  it("`alerts run` evaluates and escalates now, and says what it did", async () => {
    const env = { ...process.env, DATABASE_URL: w.database.url };
    const ran = await run(cliCommand, cliArgs("alerts", "run"), { env });
    expect(ran.stdout).toBe("Opened 0 alerts; escalated 0 cases.\n");
  });
});

describe("detractors are never lost", () => {
  it("an import whose job after it never ran still gets its detractor's case from runAlerts, once", async () => {
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const before = await alertCount();
    // ingestBatch itself queues nothing (the import pipeline does): as if the process stopped before the job ran.
    const { batchId } = await ingest(w, [
      ...spread(w.ids["BIL-BILL"]!, daysAgo(2), 1, [{ nps: 3, comment: "Still no refund, get me a manager" }]),
      // Older than DETRACTOR_RECENT_DAYS: a backfill, no call to make.
      ...spread(w.ids["BIL-BILL"]!, daysAgo(20), 1, [{ nps: 0, comment: "refund please" }]),
      // Not a detractor, and a detractor without the words: no case.
      ...spread(w.ids["SVC-HOST"]!, daysAgo(1), 1, [
        { csat: 5, comment: "refund was quick" },
        { csat: 1, comment: "cold soup" },
      ]),
    ]);
    await drainAlertQueue();
    expect(await alertCount()).toBe(before);

    const run = await runAlerts(w.database.db);
    expect(run.created.map((alert) => [alert.title, alert.batchId])).toEqual([['A detractor at The bill wrote "refund", "manager"', batchId]]);
    expect(await alertCount()).toBe(before + 1);

    const again = await runAlerts(w.database.db);
    expect(again.created).toEqual([]);
    expect(again.existing).toBe(0);
    expect(await alertCount()).toBe(before + 1);
  });
});

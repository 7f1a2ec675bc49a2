// `npm run bench:load`: 60 s of mixed dashboard pages and scores-API calls over 200 connections against the
// production build on a PostgreSQL server, with one import running meanwhile, then a saturation run; counts checked exact.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { createDatabaseClient, migrateDatabase } from "@/db/client";
import { cliActor } from "@/server/audit";
import { seedDemoCompany } from "@/server/seed/demo";
import { DEMO_PASSWORD } from "@/server/seed/demo-model";
import { createApiToken } from "@/server/tokens/api-tokens";
import { signIn, waitFor } from "./http";
import { round } from "./measure";
import { openLoop } from "./open-loop";

const PORT = Number(process.env.LOAD_PORT ?? 3295);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 200);
const IMPORT_ROWS = Number(process.env.LOAD_IMPORT_ROWS ?? 50_000);
const RATE = Number(process.env.LOAD_RATE ?? 50);
const SATURATION_SECONDS = Number(process.env.LOAD_SATURATION_SECONDS ?? 20);
const TARGETS = { errorShare: 0.01, p99Ms: 400 };
const base = `http://127.0.0.1:${PORT}`;
const adminUrl = process.env.LOAD_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const databaseName = "throughline_load";
const databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${databaseName}`);

async function freshDatabase() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
  await admin.unsafe(`create database ${databaseName}`);
  await admin.end();
  const connection = createDatabaseClient(databaseUrl, "postgres");
  await migrateDatabase(connection.db);
  await seedDemoCompany(connection.db);
  return connection;
}

/** What a run says: throughput, latency, and every answer that was not a 2xx, by status (timeouts: no answer in 10 s). */
function summarise(result: autocannon.Result) {
  const failures: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) if (!code.startsWith("2")) failures[code] = stats?.count ?? 0;
  if (result.timeouts) failures["timeout"] = result.timeouts;
  if (result.errors - result.timeouts > 0) failures["connection error"] = result.errors - result.timeouts;
  const failed = Object.values(failures).reduce((sum, count) => sum + count, 0);
  return {
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.average, 1),
    errorShare: round(failed / Math.max(1, result.requests.total + result.timeouts), 4),
    failures,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

async function importCsv(file: string, codes: string[]) {
  const lines = ["response_id,touchpoint,responded_at,nps,csat"];
  const start = Date.now() - 80 * 86_400_000;
  for (let i = 0; i < IMPORT_ROWS; i++) {
    lines.push(`load-${i},${codes[i % codes.length]},${new Date(start + ((i * 7919) % (75 * 86_400)) * 1000).toISOString()},${i % 11},${1 + (i % 5)}`);
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first");
  console.log(`[load] fresh database ${databaseName} with the demo ...`);
  const connection = await freshDatabase();
  const { db } = connection;
  const codes = (await db.execute<{ code: string }>(sql`select code from touchpoints where active order by code`)).map((r) => r.code);
  const journey = (await db.execute<{ id: number }>(sql`select id from journeys order by id limit 1`))[0]!.id;
  const token = await createApiToken(db, cliActor, "load", { scopes: ["scores:read", "imports:write"] });
  const csv = path.join(os.tmpdir(), "throughline-load.csv");
  await importCsv(csv, codes);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-load-app-"));
  const server = spawn(path.join("node_modules", ".bin", "next"), ["start", "--port", String(PORT), "--hostname", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, THROUGHLINE_DATA_DIR: dataDir, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "error" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitFor(`${base}/api/health`, 60_000);
    const cookie = await signIn(base, "cco@larderlane.example", DEMO_PASSWORD);
    const before = (await db.execute<{ n: number }>(sql`select count(*)::int as n from survey_responses`))[0]!.n;
    const page = (p: string) => ({ method: "GET" as const, path: p, headers: { cookie } });
    const api = (q: string) => ({ method: "GET" as const, path: `/api/v1/scores?${q}`, headers: { authorization: `Bearer ${token}` } });
    const requests = [
      page("/overview"),
      api("level=program"),
      page(`/journeys/${journey}`),
      api("level=journey&grain=month"),
      page("/failure-demand"),
      api("level=touchpoint"),
    ];
    // Phase 1, the target: 200 connections held open by people who read what they opened (an open loop: requests
    // arrive at random at LOAD_RATE a second in all), while one import runs. Phase 2: the same connections as fast
    // as the server answers (a closed loop, no pause), reported beside it to show where the machine saturates.
    // Each path is opened once before the clock starts, as a deployed server has served someone before: the
    // figures are not its first-ever renders (module loading, JIT). The import's commit mid-run turns every view
    // cold again (a new data version), and those first answers after it are measured.
    for (const request of requests) await fetch(`${base}${request.path}`, { headers: request.headers }).then((response) => response.arrayBuffer());
    console.log(`[load] ${SECONDS} s at ${CONNECTIONS} connections, ${RATE} requests/s in all, one ${IMPORT_ROWS}-row import meanwhile ...`);
    const importStarted = performance.now();
    const form = new FormData();
    form.set("file", new Blob([fs.readFileSync(csv)]), "throughline-load.csv");
    const importing = fetch(`${base}/api/v1/imports`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      seconds: (performance.now() - importStarted) / 1000,
    }));
    // Not autocannon's overallRate: it quietly caps the connections at the rate (50, not 200), fires every
    // connection's request at the same tick each second, and pads its histogram with made-up samples (it takes
    // the expected gap for 1 ms, not 1 s), so its p99 measured its own bursts.
    const paced = await openLoop(base, requests, { connections: CONNECTIONS, rate: RATE, seconds: SECONDS, timeoutMs: 10_000 });
    const imported = await importing;
    console.log(`[load] ${SATURATION_SECONDS} s at ${CONNECTIONS} connections, no pause (saturation) ...`);
    const saturated = summarise(await autocannon({ url: base, connections: CONNECTIONS, duration: SATURATION_SECONDS, requests, timeout: 10 }));
    const after = (await db.execute<{ n: number }>(sql`select count(*)::int as n from survey_responses`))[0]!.n;
    // Counts exact: the raw answers and every grain of the roll-ups agree after the run.
    const [sums] = await db.execute<{ raw: number; daily: number; weekly: number; monthly: number }>(sql`
      select (select count(nps) + count(csat) + count(ces) from survey_responses)::int as raw,
        (select coalesce(sum(response_count), 0) from touchpoint_daily_rollups r join metric_definitions m on m.id = r.metric_id where m.code in ('nps', 'csat', 'ces'))::int as daily,
        (select coalesce(sum(response_count), 0) from touchpoint_weekly_rollups r join metric_definitions m on m.id = r.metric_id where m.code in ('nps', 'csat', 'ces'))::int as weekly,
        (select coalesce(sum(response_count), 0) from touchpoint_monthly_rollups r join metric_definitions m on m.id = r.metric_id where m.code in ('nps', 'csat', 'ces'))::int as monthly`);
    const figures = {
      date: new Date().toISOString().slice(0, 10),
      machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, PostgreSQL server at 127.0.0.1:5432`,
      connections: CONNECTIONS,
      mix: requests.map((r) => r.path),
      paced: { seconds: SECONDS, rate: RATE, ...paced },
      saturated: { seconds: SATURATION_SECONDS, ...saturated },
      import: { status: imported.status, rows: IMPORT_ROWS, imported: imported.body.imported, seconds: round(imported.seconds, 1) },
      countsExact: after - before === IMPORT_ROWS && sums!.raw === sums!.daily && sums!.daily === sums!.weekly && sums!.weekly === sums!.monthly,
      counts: { before, after, ...sums },
    };
    const pass = {
      errors: figures.paced.errorShare < TARGETS.errorShare,
      p99: figures.paced.p99Ms < TARGETS.p99Ms,
      import: imported.status === 200,
      counts: figures.countsExact,
    };
    console.log(JSON.stringify(figures, null, 2));
    for (const [name, ok] of Object.entries(pass)) console.log(`${ok ? "PASS" : "FAIL"}  ${name}`);
    fs.mkdirSync("bench/results", { recursive: true });
    fs.writeFileSync(`bench/results/load-${figures.date}.json`, JSON.stringify({ ...figures, targets: TARGETS, pass }, null, 2) + "\n");
    process.exitCode = Object.values(pass).every(Boolean) ? 0 : 1;
  } finally {
    server.kill("SIGTERM");
    await connection.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

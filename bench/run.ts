// `npm run bench`: Throughline's speed as ratios taken in one run on one machine — the importer against
// psql \copy, roll-up reads against the naive GROUP BY, roll-up upkeep at two sizes, and page weight.
import { cliActor } from "@/server/audit";
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { Command } from "commander";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { createDatabaseClient, migrateDatabase, type DatabaseConnection } from "@/db/client";
import { openTemporaryServer } from "@/db/embedded";
import { ingestBatch, revertBatch, type ResponseInput } from "@/server/responses/ingest";
import { cachedScores } from "@/server/scores/cache";
import { programOverview } from "@/server/scores/overview";
import { createBenchModel, fillResponses, LAST_DAY, writeContactsCsv, writeImportCsv } from "./generate";
import { printFigure, round, sampleMs, percentile, seconds, type Figure } from "./measure";
import { benchHttp, HTTP_CONNECTIONS } from "./http";
import { naiveOverviewCounts } from "./naive";
import { coldViews, timeViews } from "./views";

const execFileAsync = promisify(execFile);

interface Sizes {
  importSmall: number;
  importLarge: number;
  readsSmall: number;
  readsLarge: number;
  upkeepBatch: number;
  overviewRuns: number;
  naiveRuns: number;
  httpSeconds: number;
}

const fullSizes: Sizes = {
  importSmall: 100_000,
  importLarge: 1_000_000,
  readsSmall: 1_000_000,
  readsLarge: 10_000_000,
  upkeepBatch: 10_000,
  overviewRuns: 60,
  naiveRuns: 5,
  httpSeconds: 10,
};
const smokeSizes: Sizes = {
  importSmall: 5_000,
  importLarge: 20_000,
  readsSmall: 20_000,
  readsLarge: 100_000,
  upkeepBatch: 1_000,
  overviewRuns: 15,
  naiveRuns: 3,
  httpSeconds: 3,
};

const program = new Command("bench")
  .option("--smoke", "small sizes that finish in under a minute (CI)")
  .option("--check", "exit non-zero when a target is missed")
  .option("--reads-large <n>", "responses for the larger dashboard-read size", (v) => Number(v))
  .option(
    "--server <url>",
    "PostgreSQL maintenance database; each run creates and drops its own",
    process.env.THROUGHLINE_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  )
  .option("--embedded", "measure the embedded PostgreSQL the app starts itself (a temporary cluster, durable settings) instead of --server")
  .option("--only <parts>", "comma-separated parts to run: import, contacts, reads (with HTTP), weight", "import,contacts,reads,weight")
  .option("--no-write", "do not write bench/results/<date>.json");
const options = program
  .parse()
  .opts<{ smoke?: boolean; embedded?: boolean; check?: boolean; readsLarge?: number; server: string; only: string; write: boolean }>();
const parts = new Set(options.only.split(",").map((part) => part.trim()));
const sizes = { ...(options.smoke ? smokeSizes : fullSizes), ...(options.readsLarge ? { readsLarge: options.readsLarge } : {}) };
const figures: Figure[] = [];
const record = (figure: Figure) => {
  figures.push(figure);
  printFigure(figure);
};
const log = (message: string) => console.log(`      ${message}`);

/** The maintenance database runs create and drop their databases in: the server, or a temporary embedded cluster. */
let adminUrl = options.server;

async function withDatabase<T>(name: string, work: (connection: DatabaseConnection, url: string) => Promise<T>): Promise<T> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const database = `throughline_bench_${name}_${process.pid}`;
  await admin.unsafe(`create database ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const connection = createDatabaseClient(url.toString(), "postgres");
  try {
    await migrateDatabase(connection.db);
    await createBenchModel(connection.db);
    return await work(connection, url.toString());
  } finally {
    await connection.close();
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}

/** In a process of its own, so that its peak memory is the importer's alone. */
async function importInWorker(url: string, file: string, extra: string[] = []): Promise<{ seconds: number; imported: number; peakRssMb: number }> {
  // As the CLI runs: the react-server condition lets server modules (their "server-only" guard) load outside Next.
  const { stdout } = await execFileAsync(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/import-worker.ts", url, file, ...extra], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stderr?: string }) => Promise.reject(new Error(`import worker failed: ${error.stderr ?? String(error)}`)));
  const result = stdout.split("\n").find((line) => line.startsWith("bench-result "));
  if (!result) throw new Error(`import worker printed no result:\n${stdout}`);
  return JSON.parse(result.slice("bench-result ".length)) as { seconds: number; imported: number; peakRssMb: number };
}

/**
 * A dashboard read, cold, again and again (every 50 ms) while `work` runs: readers must never wait for an import,
 * so the slowest of them is the figure. Returns the work's result and the reads' times in ms.
 */
async function readsDuring<T>(read: () => Promise<unknown>, work: Promise<T>): Promise<{ result: T; samples: number[] }> {
  let done = false;
  const finished = work.finally(() => (done = true));
  const samples: number[] = [];
  while (!done) {
    const started = performance.now();
    await read();
    samples.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { result: await finished, samples };
}

async function benchImport(dir: string) {
  await withDatabase("import", async ({ db }, url) => {
    const small = path.join(dir, "import-small.csv");
    const large = path.join(dir, "import-large.csv");
    await writeImportCsv(small, sizes.importSmall, 0);
    await writeImportCsv(large, sizes.importLarge, sizes.importSmall);
    log(
      `import files: ${sizes.importSmall.toLocaleString("en")} and ${sizes.importLarge.toLocaleString("en")} rows (${(fs.statSync(large).size / 1_048_576).toFixed(0)} MB)`,
    );
    const first = await importInWorker(url, small);
    const touchpointRead = (await coldViews(db)).find((view) => view.name === "touchpoint")!.run;
    const alone = await sampleMs(touchpointRead, 20);
    const { result: second, samples: during } = await readsDuring(touchpointRead, importInWorker(url, large));
    const rows = sizes.importLarge.toLocaleString("en");
    const longest = Math.max(...during);
    record({
      name: `import: longest touchpoint-view read during the ${rows}-row import`,
      value: round(longest, 0),
      unit: "ms",
      target: "≤ 100",
      pass: longest <= 100,
      note: `${during.length} reads, p50 ${round(percentile(during, 50), 0)} ms; ${round(percentile(alone, 50), 0)} ms with no import`,
    });
    record({
      name: `import ${rows} rows: importer`,
      value: round(second.seconds),
      unit: "s",
      target: "—",
      pass: null,
      note: `${Math.round(sizes.importLarge / second.seconds).toLocaleString("en")} rows/s`,
    });
    record({ name: `import: peak RSS at ${rows} rows`, value: round(second.peakRssMb, 0), unit: "MB", target: "≤ 300", pass: second.peakRssMb <= 300 });
    const flat = second.peakRssMb / first.peakRssMb;
    record({
      name: `import: peak RSS ${rows} ÷ ${sizes.importSmall.toLocaleString("en")} rows`,
      value: round(flat),
      unit: "×",
      target: "≤ 1.25 (flat)",
      pass: flat <= 1.25,
      note: `${round(first.peakRssMb, 0)} MB at the smaller size`,
    });
    await db.execute(sql`create table bench_copy (external_id text, touchpoint text, responded_at timestamptz, nps smallint, csat smallint, comment text,
      source text not null default 'csv', unique (source, external_id))`);
    const copy = await seconds(async () =>
      execFileSync(
        "psql",
        [
          url,
          "-v",
          "ON_ERROR_STOP=1",
          "-c",
          `\\copy bench_copy (external_id, touchpoint, responded_at, nps, csat, comment) from '${large}' with (format csv, header true)`,
        ],
        { stdio: "pipe" },
      ),
    );
    record({ name: `import ${rows} rows: psql \\copy`, value: round(copy.seconds), unit: "s", target: "—", pass: null });
    record({
      name: "import: importer ÷ \\copy",
      value: round(second.seconds / copy.seconds),
      unit: "×",
      target: "≤ 3.0",
      pass: second.seconds / copy.seconds <= 3,
    });
  });
}

/** A Zendesk export of contacts through the same pipeline: time and memory, as for survey files. */
async function benchContactImport(dir: string) {
  await withDatabase("contacts", async (_connection, url) => {
    const small = path.join(dir, "contacts-small.csv");
    const large = path.join(dir, "contacts-large.csv");
    await writeContactsCsv(small, sizes.importSmall, 0);
    await writeContactsCsv(large, sizes.importLarge, sizes.importSmall);
    log(
      `contact files (Zendesk layout): ${sizes.importSmall.toLocaleString("en")} and ${sizes.importLarge.toLocaleString("en")} tickets (${(fs.statSync(large).size / 1_048_576).toFixed(0)} MB)`,
    );
    const first = await importInWorker(url, small, ["contacts", "Europe/London"]);
    const second = await importInWorker(url, large, ["contacts", "Europe/London"]);
    const rows = sizes.importLarge.toLocaleString("en");
    record({
      name: `import ${rows} contacts: importer`,
      value: round(second.seconds),
      unit: "s",
      target: "—",
      pass: null,
      note: `${Math.round(sizes.importLarge / second.seconds).toLocaleString("en")} rows/s, ${second.imported.toLocaleString("en")} written`,
    });
    record({
      name: `import contacts: peak RSS at ${rows} rows`,
      value: round(second.peakRssMb, 0),
      unit: "MB",
      target: "≤ 300",
      pass: second.peakRssMb <= 300,
    });
    const flat = second.peakRssMb / first.peakRssMb;
    record({
      name: `import contacts: peak RSS ${rows} ÷ ${sizes.importSmall.toLocaleString("en")} rows`,
      value: round(flat),
      unit: "×",
      target: "≤ 1.25 (flat)",
      pass: flat <= 1.25,
    });
  });
}

function upkeepRows(count: number, touchpointIds: number[], tag: string): ResponseInput[] {
  return Array.from({ length: count }, (_, i) => ({
    touchpointId: touchpointIds[i % touchpointIds.length]!,
    respondedAt: new Date(Date.parse(`${LAST_DAY}T12:00:00Z`) - (i % 300) * 86_400_000),
    nps: i % 11,
    csat: 1 + (i % 5),
    externalId: `upkeep-${tag}-${i}`,
  }));
}

async function readsAt(db: DatabaseConnection["db"], label: string) {
  // Cold: computed from the roll-ups on every run (the first open after an import). Warm: the score cache,
  // which serves until the data version moves (what every later open of the same view gets).
  const cold = await sampleMs(() => programOverview(db, {}), sizes.overviewRuns);
  const warm = await sampleMs(() => cachedScores(db, "overview", {}, () => programOverview(db, {})), sizes.overviewRuns * 5);
  const naive = await sampleMs(() => naiveOverviewCounts(db), sizes.naiveRuns, 1);
  const ids = (await db.execute<{ id: number }>(sql`select id from touchpoints order by id`)).map((r) => r.id);
  // The median of three imports (each reverted afterwards): one sample of a ~1 s write is too noisy to compare.
  const upkeepSamples: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const rows = upkeepRows(sizes.upkeepBatch, ids, `${label}-${run}`);
    const upkeep = await seconds(() => ingestBatch(db, { fileName: "upkeep", fileHash: `upkeep-${label}-${run}`, sourceFormat: "bench", source: "api" }, rows));
    upkeepSamples.push(upkeep.seconds);
    await revertBatch(db, cliActor, upkeep.value.batchId);
  }
  const result = {
    coldP50: percentile(cold, 50),
    coldP95: percentile(cold, 95),
    warmP50: percentile(warm, 50),
    warmP95: percentile(warm, 95),
    naiveP50: percentile(naive, 50),
    upkeepSeconds: percentile(upkeepSamples, 50),
  };
  record({
    name: `overview data at ${label}, cold: p95`,
    value: round(result.coldP95, 1),
    unit: "ms",
    target: "≤ 50",
    pass: result.coldP95 <= 50,
    note: `p50 ${round(result.coldP50, 1)} ms over ${cold.length} runs; cached beside it`,
  });
  record({
    name: `overview data at ${label}, cached: p95`,
    value: round(result.warmP95, 2),
    unit: "ms",
    target: "—",
    pass: null,
    note: `p50 ${round(result.warmP50, 2)} ms over ${warm.length} runs`,
  });
  // Every other view, cold: the first open after an import pays exactly this.
  for (const view of (await timeViews(db, Math.max(5, Math.round(sizes.overviewRuns / 4)))).filter((v) => v.name !== "overview")) {
    record({
      name: `${view.name} data at ${label}, cold: p95`,
      value: round(view.p95, 1),
      unit: "ms",
      target: "≤ 50",
      pass: view.p95 <= 50,
      note: `p50 ${round(view.p50, 1)} ms`,
    });
  }
  record({ name: `naive GROUP BY at ${label}: p50`, value: round(result.naiveP50, 0), unit: "ms", target: "—", pass: null });
  record({
    name: `overview at ${label}: naive ÷ cold roll-up reads (p50)`,
    value: round(result.naiveP50 / result.coldP50, 1),
    unit: "×",
    target: "> 1",
    pass: result.naiveP50 / result.coldP50 > 1,
  });
  record({
    name: `overview at ${label}: naive ÷ cached (p50)`,
    value: round(result.naiveP50 / result.warmP50, 0),
    unit: "×",
    target: "≥ 100",
    pass: result.naiveP50 / result.warmP50 >= 100,
  });
  record({
    name: `roll-up upkeep: ${sizes.upkeepBatch.toLocaleString("en")} responses at ${label}`,
    value: round(result.upkeepSeconds * 1000, 0),
    unit: "ms",
    target: "—",
    pass: null,
    note: "median of 3",
  });
  return result;
}

async function httpFigures(db: DatabaseConnection["db"], url: string, label: string) {
  const query = "level=journey&from=2026-08-03&to=2026-10-31&grain=month";
  const http = await benchHttp(db, url, sizes.httpSeconds, query);
  if (!http) {
    record({
      name: "HTTP scores API ÷ bare route (throughput)",
      value: 0,
      unit: "×",
      target: "≥ 0.7",
      pass: null,
      note: "no production build: run npm run build first",
    });
    return;
  }
  const share = http.scores.requestsPerSecond / http.bare.requestsPerSecond;
  record({
    name: `HTTP bare route handler (/api/ping)`,
    value: round(http.bare.requestsPerSecond, 0),
    unit: "req/s",
    target: "—",
    pass: null,
    note: `p99 ${http.bare.p99} ms`,
  });
  record({
    name: `HTTP scores API at ${label} (journeys × 3 months)`,
    value: round(http.scores.requestsPerSecond, 0),
    unit: "req/s",
    target: "—",
    pass: null,
    note: `${http.scores.errors} errors`,
  });
  record({
    name: `HTTP scores API ÷ bare route (throughput, ${HTTP_CONNECTIONS} connections)`,
    value: round(share),
    unit: "×",
    target: "≥ 0.7",
    pass: share >= 0.7,
  });
  record({ name: "HTTP scores API p99", value: http.scores.p99, unit: "ms", target: "< 100", pass: http.scores.p99 < 100 && http.scores.errors === 0 });
  for (const [name, page] of Object.entries(http.pages)) {
    const pageShare = page.requestsPerSecond / http.bare.requestsPerSecond;
    record({
      name: `HTTP ${name} page at ${label} ÷ bare route (throughput, ${HTTP_CONNECTIONS} connections)`,
      value: round(pageShare),
      unit: "×",
      target: "≥ 0.25",
      pass: pageShare >= 0.25 && page.errors === 0,
      note: `${round(page.requestsPerSecond, 0)} req/s, ${round(page.kilobytes, 0)} kB, ${page.errors} errors`,
    });
    record({ name: `HTTP ${name} page p99`, value: page.p99, unit: "ms", target: "< 500", pass: page.p99 < 500 && page.errors === 0 });
  }
}

async function benchReads() {
  await withDatabase("reads", async ({ db }, url) => {
    const fill = await seconds(() => fillResponses(db, sizes.readsSmall));
    const small = `${sizes.readsSmall / 1_000_000}M`;
    const large = `${sizes.readsLarge / 1_000_000}M`;
    log(`filled ${sizes.readsSmall.toLocaleString("en")} responses and rebuilt roll-ups in ${fill.seconds.toFixed(1)} s`);
    await db.execute(sql`vacuum analyze`); // as autovacuum would soon: index-only period reads need the visibility map
    const atSmall = await readsAt(db, small);
    await httpFigures(db, url, small);
    const more = await seconds(() => fillResponses(db, sizes.readsLarge - sizes.readsSmall, sizes.readsSmall));
    log(`filled up to ${sizes.readsLarge.toLocaleString("en")} responses and rebuilt roll-ups in ${more.seconds.toFixed(1)} s`);
    await db.execute(sql`vacuum analyze`);
    const atLarge = await readsAt(db, large);
    record({ name: `overview p95 at ${large}, cached`, value: round(atLarge.warmP95, 2), unit: "ms", target: "≤ 50", pass: atLarge.warmP95 <= 50 });
    record({ name: `overview p95 at ${large}, cold`, value: round(atLarge.coldP95, 1), unit: "ms", target: "≤ 50", pass: atLarge.coldP95 <= 50 });
    record({
      name: `overview p95 ${large} ÷ ${small}, cached`,
      value: round(atLarge.warmP95 / atSmall.warmP95),
      unit: "×",
      target: "≤ 1.5",
      pass: atLarge.warmP95 / atSmall.warmP95 <= 1.5,
    });
    record({
      name: `overview p95 ${large} ÷ ${small}, cold`,
      value: round(atLarge.coldP95 / atSmall.coldP95),
      unit: "×",
      target: "≤ 1.5",
      pass: atLarge.coldP95 / atSmall.coldP95 <= 1.5,
    });
    record({
      name: `overview at ${large}: naive ÷ cold (p50)`,
      value: round(atLarge.naiveP50 / atLarge.coldP50, 1),
      unit: "×",
      target: "≥ 50",
      pass: atLarge.naiveP50 / atLarge.coldP50 >= 50,
    });
    const upkeepRatio = atLarge.upkeepSeconds / atSmall.upkeepSeconds;
    record({
      name: `roll-up upkeep ${large} ÷ ${small}`,
      value: round(upkeepRatio),
      unit: "×",
      target: "≤ 1.5 (proportional to the batch)",
      pass: upkeepRatio <= 1.5,
    });
  });
}

/** First-load JavaScript of the overview page: the root chunks plus the page's own, gzipped. */
function benchPageWeight() {
  const manifest = ".next/server/app/(dashboard)/overview/page/build-manifest.json";
  const clientManifest = ".next/server/app/(dashboard)/overview/page_client-reference-manifest.js";
  if (!fs.existsSync(manifest) || !fs.existsSync(clientManifest)) {
    record({ name: "overview first-load JS (gzip)", value: 0, unit: "kB", target: "≤ 250", pass: null, note: "no production build: run npm run build first" });
    return;
  }
  const build = JSON.parse(fs.readFileSync(manifest, "utf8")) as { polyfillFiles: string[]; rootMainFiles: string[] };
  const pageChunks = fs.readFileSync(clientManifest, "utf8").match(/static\/chunks\/[\w.-]+\.js/g) ?? [];
  const files = new Set([...build.rootMainFiles, ...pageChunks]);
  const bytes = [...files].reduce((sum, file) => sum + zlib.gzipSync(fs.readFileSync(path.join(".next", file))).length, 0);
  const kb = bytes / 1024;
  record({
    name: "overview first-load JS (gzip)",
    value: round(kb, 0),
    unit: "kB",
    target: "≤ 250",
    pass: kb <= 250,
    note: `${files.size} files; polyfills for old browsers not counted`,
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-bench-"));
  const started = Date.now();
  const embedded = options.embedded ? await openTemporaryServer("bench", { durable: true }) : undefined;
  if (embedded) adminUrl = embedded.adminUrl;
  console.log(
    `Throughline benchmark (${options.smoke ? "smoke" : "full"}, ${embedded ? `embedded PostgreSQL ${embedded.version}` : "PostgreSQL server"}) on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`,
  );
  try {
    if (parts.has("import")) await benchImport(dir);
    if (parts.has("contacts")) await benchContactImport(dir);
    if (parts.has("reads")) await benchReads();
    if (parts.has("weight")) benchPageWeight();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await embedded?.stop();
  }
  const failed = figures.filter((f) => f.pass === false);
  console.log(`${figures.filter((f) => f.pass).length} passed, ${failed.length} missed, in ${Math.round((Date.now() - started) / 1000)} s`);
  if (options.write && !options.smoke) {
    const date = new Date().toISOString().slice(0, 10);
    const suffix = `${options.embedded ? "-embedded" : ""}${parts.size < 4 ? `-${[...parts].join("-")}` : ""}`;
    const file = path.join("bench", "results", `${date}${suffix}.json`);
    const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
    fs.writeFileSync(file, `${JSON.stringify({ date, machine, sizes, figures }, null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
  if (options.check && failed.length) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});

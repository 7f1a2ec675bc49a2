// The scores API's route handler called in-process (no HTTP, no build), at a fixed concurrency against a database
// that is only read: what one request costs in time and in database round trips, beside the bare /api/ping handler.
// Usage: node --conditions=react-server --import tsx bench/scores-handler.ts [url] [seconds] [concurrency]
import crypto from "node:crypto";
import { changeFeed } from "@/db/changes";
import { createDatabaseClient, type DatabaseConnection } from "@/db/client";
import { percentile } from "./measure";

const url = process.argv[2] ?? "postgres://postgres@127.0.0.1:5432/throughline_perf10m";
const seconds = Number(process.argv[3] ?? 5);
const concurrency = Number(process.argv[4] ?? 10);
const query = "level=journey&from=2026-08-03&to=2026-10-31&grain=month";

/** Counts the statements a client sends: Drizzle sends each one through `unsafe`. */
function countStatements(connection: DatabaseConnection): () => number {
  const client = connection.db.$client as unknown as { unsafe: (...args: unknown[]) => unknown };
  const unsafe = client.unsafe.bind(client);
  let count = 0;
  client.unsafe = (...args: unknown[]) => {
    count += 1;
    return unsafe(...args);
  };
  return () => count;
}

/** `concurrency` callers in a loop for `seconds`: throughput and latency. */
async function load(call: () => Promise<Response>) {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const response = await call();
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`status ${response.status}`);
        latencies.push(performance.now() - started);
      }
    }),
  );
  const n = latencies.length;
  return {
    requests: n,
    requestsPerSecond: Math.round(n / seconds),
    msPerRequest: +((seconds * 1000) / n).toFixed(3),
    p50: +percentile(latencies, 50).toFixed(2),
    p99: +percentile(latencies, 99).toFixed(2),
  };
}

async function main() {
  const connection = createDatabaseClient(url, "postgres");
  const statements = countStatements(connection);
  // The route opens the app's database through server/database.ts; hand it this connection, already open, so
  // that nothing migrates (or writes to) the benchmark database.
  (globalThis as { __throughlineDatabase?: unknown }).__throughlineDatabase = { ready: Promise.resolve(connection) };
  const { GET } = await import("@/app/api/v1/scores/route");
  const token = `tl_${crypto.randomBytes(24).toString("base64url")}`;
  const hash = crypto.createHash("sha256").update(token).digest("hex");
  await connection.db.$client`insert into api_tokens (name, token_hash) values ('h3-bench', ${hash})`;
  try {
    const request = (path: string) => new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}` } });
    const call = () => GET(request(`/api/v1/scores?${query}`));
    const first = await call();
    if (!first.ok) throw new Error(`the handler answered ${first.status}: ${await first.text()}`);
    // Measured as the app runs once its change feed listens (until then every request asks the database).
    const listening = await Promise.race([
      changeFeed(connection.db)!
        .whenListening()
        .then(() => true),
      new Promise<false>((resolve) => setTimeout(resolve, 5_000, false)),
    ]);
    for (let i = 0; i < 200; i += 1) await (await call()).arrayBuffer(); // warm-up
    const before = statements();
    const scores = await load(call);
    const scoreStatements = statements() - before;
    const { GET: ping } = await import("@/app/api/ping/route");
    // The same request built for it, as a server would build one before calling either.
    const bare = await load(async () => (request("/api/ping"), ping()));
    console.log(
      JSON.stringify({
        concurrency,
        listening,
        ...scores,
        statementsPerRequest: +(scoreStatements / scores.requests).toFixed(3),
        bare: { requestsPerSecond: bare.requestsPerSecond, p99: bare.p99 },
        ratioToBare: +(scores.requestsPerSecond / bare.requestsPerSecond).toFixed(3),
      }),
    );
  } finally {
    await connection.db.$client`delete from api_tokens where token_hash = ${hash}`;
    await connection.close();
  }
}

await main();

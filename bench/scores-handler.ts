// The scores API's route handler called in-process (no HTTP, no build), at a fixed concurrency against a database
// that is only read: what one request costs in time and in database round trips, before and after a change.
// Usage: node --conditions=react-server --import tsx bench/scores-handler.ts [url] [seconds] [concurrency]
import crypto from "node:crypto";
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
    const call = () => GET(new Request(`http://localhost/api/v1/scores?${query}`, { headers: { authorization: `Bearer ${token}` } }));
    const first = await call();
    if (!first.ok) throw new Error(`the handler answered ${first.status}: ${await first.text()}`);
    for (let i = 0; i < 200; i += 1) await (await call()).arrayBuffer(); // warm-up
    const before = statements();
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
    console.log(
      JSON.stringify({
        concurrency,
        requests: n,
        requestsPerSecond: Math.round(n / seconds),
        msPerRequest: +((seconds * 1000) / n).toFixed(3),
        p50: +percentile(latencies, 50).toFixed(2),
        p99: +percentile(latencies, 99).toFixed(2),
        statementsPerRequest: +((statements() - before) / n).toFixed(3),
      }),
    );
  } finally {
    await connection.db.$client`delete from api_tokens where token_hash = ${hash}`;
    await connection.close();
  }
}

await main();

// The scores API under a loopback load (autocannon, bounded in time) against the production build, beside a
// bare route handler (/api/ping) served by the same server in the same run.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import type { Database } from "@/db/client";
import { cliActor } from "@/server/audit";
import { createApiToken } from "@/server/tokens/api-tokens";

const PORT = 3290;

export interface HttpResult {
  requestsPerSecond: number;
  p99: number;
  errors: number;
}

/** Issue #19 states the scores API's targets at 50 connections. */
export const HTTP_CONNECTIONS = 50;

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<HttpResult> {
  const result = await autocannon({ url, headers, connections: HTTP_CONNECTIONS, duration: seconds });
  return { requestsPerSecond: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

export async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** Null when there is no production build to serve. */
export async function benchHttp(db: Database, databaseUrl: string, seconds: number, query: string): Promise<{ scores: HttpResult; bare: HttpResult } | null> {
  if (!fs.existsSync(".next/BUILD_ID")) return null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-bench-app-"));
  const server = spawn(path.join("node_modules", ".bin", "next"), ["start", "--port", String(PORT), "--hostname", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, THROUGHLINE_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: "ignore",
  });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await waitFor(`${base}/api/health`, 60_000);
    const token = await createApiToken(db, cliActor, "benchmark");
    const scoresUrl = `${base}/api/v1/scores?${query}`;
    const check = await fetch(scoresUrl, { headers: { authorization: `Bearer ${token}` } });
    if (!check.ok) throw new Error(`the scores API answered ${check.status}: ${await check.text()}`);
    await load(`${base}/api/ping`, {}, 2); // warm-up
    const bare = await load(`${base}/api/ping`, {}, seconds);
    const scores = await load(scoresUrl, { authorization: `Bearer ${token}` }, seconds);
    return { scores, bare };
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

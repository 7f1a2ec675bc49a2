// The scores API and the dashboard pages under a loopback load (autocannon, bounded in time) against the production
// build, beside a bare route handler (/api/ping) served by the same server in the same run.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { cliActor } from "@/server/audit";
import { addUser } from "@/server/people/users";
import { createApiToken } from "@/server/tokens/api-tokens";

const PORT = 3290;

export interface HttpResult {
  requestsPerSecond: number;
  p99: number;
  errors: number;
}

/** Issue #19 states the scores API's and the pages' targets at 50 connections. */
export const HTTP_CONNECTIONS = 50;

/** The dashboard pages the issue names, each measured as a signed-in executive opens it again and again. */
export type PageName = "overview" | "journey" | "touchpoint";

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

/** Signs in as a browser would (CSRF token, then the credentials form) and returns the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; "), origin: base },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`signing in as ${email} failed (${response.status})`);
  return session.split(";")[0]!;
}

const BENCH_EXECUTIVE = { email: "cco@bench.example", password: "bench-password-1" };

/** The pages' paths on the bench model: the first journey and touchpoint, over the scores API's period (the bench data ends before today). */
async function pagePaths(db: Database, scoresQuery: string): Promise<Record<PageName, string>> {
  const [ids] = await db.execute<{ journey: number; touchpoint: number }>(
    sql`select (select min(id) from journeys)::int as journey, (select min(id) from touchpoints)::int as touchpoint`,
  );
  const query = new URLSearchParams(scoresQuery);
  const period = `?from=${query.get("from")}&to=${query.get("to")}`;
  return { overview: `/overview${period}`, journey: `/journeys/${ids!.journey}${period}`, touchpoint: `/touchpoints/${ids!.touchpoint}${period}` };
}

/** Null when there is no production build to serve. */
export async function benchHttp(
  db: Database,
  databaseUrl: string,
  seconds: number,
  query: string,
): Promise<{ scores: HttpResult; bare: HttpResult; pages: Record<PageName, HttpResult & { kilobytes: number }> } | null> {
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
    await addUser(db, cliActor, { email: BENCH_EXECUTIVE.email, name: "Bench executive", role: "executive", password: BENCH_EXECUTIVE.password });
    const cookie = await signIn(base, BENCH_EXECUTIVE.email, BENCH_EXECUTIVE.password);
    const pages = {} as Record<PageName, HttpResult & { kilobytes: number }>;
    for (const [name, pagePath] of Object.entries(await pagePaths(db, query)) as Array<[PageName, string]>) {
      // The first open computes the page's scores (cold); the load then measures the render, as every later viewer gets it.
      const first = await fetch(`${base}${pagePath}`, { headers: { cookie } });
      if (!first.ok) throw new Error(`${pagePath} answered ${first.status}`);
      const kilobytes = (await first.arrayBuffer()).byteLength / 1024;
      pages[name] = { ...(await load(`${base}${pagePath}`, { cookie }, seconds)), kilobytes };
    }
    return { scores, bare, pages };
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

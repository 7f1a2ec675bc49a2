// An open-loop load: requests arrive at a steady rate with random gaps (a Poisson process, as independent people
// arrive), over a pool of keep-alive connections all held open, each timed from the moment it was due.
import http from "node:http";
import { percentile, round } from "./measure";

export interface PlannedRequest {
  path: string;
  headers: Record<string, string>;
}

export interface OpenLoopResult {
  connections: number;
  requests: number;
  requestsPerSecond: number;
  errorShare: number;
  failures: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The slowest answers: when they were due (seconds into the run), which path, how long they took. */
  slowest: Array<{ atSeconds: number; path: string; ms: number }>;
}

/** Gaps of a Poisson process at `rate` a second, from a seeded generator (mulberry32), so every run asks the same. */
function arrivals(rate: number, seconds: number, seed = 19): number[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const times: number[] = [];
  for (let at = 0; at < seconds * 1000; at += (-Math.log(1 - random()) / rate) * 1000) times.push(at);
  return times;
}

function send(agent: http.Agent, base: URL, request: PlannedRequest, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const outgoing = http.get({ agent, host: base.hostname, port: base.port, path: request.path, headers: request.headers, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode && response.statusCode < 300 ? null : String(response.statusCode)));
      response.on("error", () => resolve("connection error"));
    });
    outgoing.on("timeout", () => outgoing.destroy(new Error("timeout")));
    outgoing.on("error", (error) => resolve(error.message === "timeout" ? "timeout" : "connection error"));
  });
}

/**
 * `rate` requests a second for `seconds`, cycling through `requests`, over `connections` keep-alive sockets opened
 * first and reused oldest-first (so all stay open). Latency runs from when a request was due, not when a socket was
 * free: a slow server cannot hide its queue by slowing the load down (no coordinated omission).
 */
export async function openLoop(
  baseUrl: string,
  requests: PlannedRequest[],
  options: { connections: number; rate: number; seconds: number; timeoutMs: number },
): Promise<OpenLoopResult> {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections, scheduling: "fifo" });
  // Open every connection before the clock starts: the server holds `connections` sockets throughout.
  await Promise.all(Array.from({ length: options.connections }, () => send(agent, base, { path: "/api/health", headers: {} }, options.timeoutMs)));
  const latencies: number[] = [];
  const timed: Array<{ atSeconds: number; path: string; ms: number }> = [];
  const failures: Record<string, number> = {};
  const started = performance.now();
  const pending: Array<Promise<void>> = [];
  const due = arrivals(options.rate, options.seconds);
  for (const [i, at] of due.entries()) {
    const wait = started + at - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const request = requests[i % requests.length]!;
    pending.push(
      send(agent, base, request, options.timeoutMs).then((failure) => {
        if (failure) failures[failure] = (failures[failure] ?? 0) + 1;
        const ms = performance.now() - (started + at);
        if (!failure) latencies.push(ms);
        timed.push({ atSeconds: round(at / 1000, 1), path: request.path, ms: round(ms, 0) });
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  const failed = Object.values(failures).reduce((sum, n) => sum + n, 0);
  return {
    connections: options.connections,
    requests: due.length,
    requestsPerSecond: round(due.length / options.seconds, 1),
    errorShare: round(failed / Math.max(1, due.length), 4),
    failures,
    p50Ms: round(percentile(latencies, 50), 0),
    p99Ms: round(percentile(latencies, 99), 0),
    maxMs: round(Math.max(0, ...latencies), 0),
    slowest: timed.sort((a, b) => b.ms - a.ms).slice(0, 12),
  };
}

// Runs the stand-in app (app-server.ts) or the CLI as a child process for a drill, keeps what it printed, and
// times requests to it: the drills measure how long an answer took, not only what it was.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { cliArgs, cliCommand } from "../../support/cli";

export interface Child {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive: () => boolean;
}

function track(child: ChildProcess): Child {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited, alive: () => child.exitCode === null && child.signalCode === null };
}

const running = new Set<ChildProcess>();
/** Every child a drill started and left running (a failed drill): killed in afterAll. */
export function killChildren(): void {
  for (const child of running) child.kill("SIGKILL");
}

/** Variables to set for a child (undefined: unset it). */
export type ChildEnv = Record<string, string | undefined>;

/** The environment of a child: DATABASE_URL as given (unset for the embedded database), logs on. */
function childEnv(env: ChildEnv): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, THROUGHLINE_LOG_LEVEL: "info", NEXT_TELEMETRY_DISABLED: "1", ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
  return merged;
}

/** `npm run cli -- <args>` as a child. */
export function runCli(args: string[], env: ChildEnv): Child {
  const child = spawn(cliCommand, cliArgs(...args), { env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.once("exit", () => running.delete(child));
  return track(child);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface App extends Child {
  port: number;
  pid: number;
  url: (path: string) => string;
}

/** The stand-in app as a child, started but not waited for (a drill that expects it to refuse to start). */
export function spawnApp(env: ChildEnv, port: number): Child {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/faults/support/app-server.ts", String(port)], {
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  return track(child);
}

/** The stand-in app; resolves once it listens (its start-up done), rejects if it exits first. */
export async function startApp(env: ChildEnv, port?: number): Promise<App> {
  const chosen = port ?? (await freePort());
  const tracked = spawnApp(env, chosen);
  const { child } = tracked;
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (tracked.stdout().includes('"listening"')) {
        child.stdout?.off("data", onData);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    void tracked.exited.then(({ code, signal }) =>
      reject(new Error(`the app exited (${code ?? signal}) before it listened:\n${tracked.stdout()}\n${tracked.stderr()}`)),
    );
  });
  return { ...tracked, port: chosen, pid: child.pid!, url: (path) => `http://127.0.0.1:${chosen}${path}` };
}

export interface Timed {
  status: number;
  ms: number;
  contentType: string;
  body: string;
  json: () => unknown;
}

/** A request with its answer's time (to the whole body), never throwing for a status. */
export async function timedFetch(url: string, init?: RequestInit): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  const ms = Math.round(performance.now() - started);
  return { status: response.status, ms, contentType: response.headers.get("content-type") ?? "", body, json: () => JSON.parse(body) as unknown };
}

/** Polls `check` every 50 ms until it holds; how long that took. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = performance.now();
  while (!(await check().catch(() => false))) {
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Math.round(performance.now() - started);
}

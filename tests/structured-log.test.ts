// The server log an operator reads: JSON lines with an ISO time, the level, and inside a request its id and
// route; LOG_LEVEL sets the level; passwords, tokens and cookies never appear, whatever a caller hands it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";

const run = promisify(execFile);

/** Runs `body` in a fresh Node process with the server's log module imported as `log`; returns its JSON lines. */
async function linesOf(body: string, env: Record<string, string>): Promise<Array<Record<string, unknown>>> {
  const script = `import { log, inRequestScope, logRefusal } from "@/server/log";\n${body}\nlog.flush();`;
  const { stdout } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script], {
    env: { ...process.env, NODE_ENV: "production", ...env },
    cwd: process.cwd(),
  });
  return stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("the structured log", () => {
  it("writes JSON lines with time, level, request id and route, and redacts secrets", async () => {
    const lines = await linesOf(
      `const request = new Request("http://x/api/trpc/a", { headers: { "x-request-id": "req-42" } });
       inRequestScope(request, "POST /api/trpc/a", () => log.warn({ event: "sign_in", password: "hunter2", headers: { cookie: "authjs=1" } }, "failed"));
       inRequestScope(new Request("http://x/"), "GET /", () => logRefusal({ status: 403, route: "trpc:admin.users", userId: 7, reason: "role" }));
       log.info({ token: "tl_secret" }, "outside a request");`,
      { LOG_LEVEL: "info" },
    );
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 40, requestId: "req-42", route: "POST /api/trpc/a", event: "sign_in", password: "[redacted]", msg: "failed" });
    expect(lines[0]!.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(JSON.stringify(lines)).not.toMatch(/hunter2|authjs=1|tl_secret/);
    expect(lines[1]).toMatchObject({
      event: "refused",
      outcome: "refused",
      status: 403,
      route: "trpc:admin.users",
      userId: 7,
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(lines[2]).not.toHaveProperty("requestId");
  });

  it("follows LOG_LEVEL", async () => {
    const lines = await linesOf(`log.info("quiet"); log.error("loud");`, { LOG_LEVEL: "error" });
    expect(lines.map((line) => line.msg)).toEqual(["loud"]);
  });
});

describe("refusals", () => {
  it("are logged once per refused procedure call, with the route, the user and the reason", async () => {
    const { log } = await import("../server/log");
    const { createCaller } = await import("../server/api/root");
    const warn = vi.spyOn(log, "warn");
    try {
      const owner = { id: 41, email: "o@test.example", name: "O", role: "owner" as const, departmentId: null };
      // The role check refuses before anything touches the database.
      await expect(createCaller({ db: {} as never, user: owner }).admin.users()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(createCaller({ db: {} as never, user: null }).admin.users()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
      const refusals = warn.mock.calls.map(([fields]) => fields).filter((fields) => (fields as { event?: string }).event === "refused");
      expect(refusals).toEqual([
        expect.objectContaining({ status: 403, route: "trpc:admin.users", userId: 41, reason: "This needs the admin role." }),
        expect.objectContaining({ status: 401, route: "trpc:admin.users", userId: null }),
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});

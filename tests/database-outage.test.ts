// The outage flag (server/database-outage.ts) and the proxy's answer while it is set: a page gets 503 with words, a
// Retry-After and the security headers; the API is left to answer for itself; a probe that gets an answer ends it.
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { proxy } from "../proxy";
import { DATABASE_UNAVAILABLE_MESSAGE, OUTAGE_RETRY_SECONDS } from "../lib/outage";
import { databaseDownSince, noteDatabaseUp, noteProbe, reportDatabaseUnavailable } from "../server/database-outage";

const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5999"), { code: "ECONNREFUSED" });
const call = (path: string) => proxy(new NextRequest(`http://127.0.0.1:3210${path}`, { headers: { host: "127.0.0.1:3210" } }));

// The flag is per process: whatever another suite in this worker left, each case starts with the database up.
beforeEach(() => noteDatabaseUp());
afterEach(() => noteDatabaseUp());

describe("the outage flag", () => {
  it("is set by a lost connection and cleared by a probe that gets an answer", () => {
    expect(databaseDownSince()).toBeNull();
    noteProbe({ ok: false, error: refused });
    const since = databaseDownSince();
    expect(since).toBeGreaterThan(0);
    // A second failure keeps the first time: the outage is dated from when it began.
    noteProbe({ ok: false, error: refused });
    expect(databaseDownSince()).toBe(since);
    noteProbe({ ok: true });
    expect(databaseDownSince()).toBeNull();
  });

  it("is not set by a probe that was only slow, nor by an error that is not about the connection", () => {
    noteProbe({ ok: false, error: new Error("no answer") });
    noteProbe({ ok: false, error: new Error('relation "x" does not exist') });
    expect(databaseDownSince()).toBeNull();
  });

  it("is set by a request that reported the database unavailable", () => {
    reportDatabaseUnavailable("trpc:overview.scores", refused);
    expect(databaseDownSince()).not.toBeNull();
  });
});

describe("proxy.ts during an outage", () => {
  it("answers a page 503 in words, asking to try again, with the security headers and no script", async () => {
    noteProbe({ ok: false, error: refused });
    for (const path of ["/overview?from=2026-01-01", "/sign-in"]) {
      const response = await call(path);
      expect(response.status, path).toBe(503);
      expect(response.headers.get("retry-after")).toBe(String(OUTAGE_RETRY_SECONDS));
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      const html = await response.text();
      expect(html).toContain(DATABASE_UNAVAILABLE_MESSAGE);
      expect(html).not.toMatch(/<script/i);
    }
  });

  it("lets the API answer for itself (its handlers say 503 in JSON), and pages through again once a probe answers", async () => {
    noteProbe({ ok: false, error: refused });
    expect((await call("/api/health")).status).toBe(200);
    expect((await call("/api/trpc/alerts.count")).status).toBe(200);
    noteProbe({ ok: true });
    const page = await call("/overview");
    expect(page.status).toBe(200);
    expect(page.headers.get("x-middleware-next")).toBe("1");
  });
});

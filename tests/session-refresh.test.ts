// The proxy keeps a moving session's last-seen time fresh, so the idle limit counts from the last page view;
// a session already idle is never revived, and a cookie that does not decode is left alone.
import { decode, encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshedSessionCookie } from "../server/auth/session-refresh";

const secret = "a test secret that is long enough to sign tokens";
const name = "authjs.session-token";
const now = 1_900_000_000;
beforeAll(() => {
  process.env.AUTH_SECRET = secret;
});
afterAll(() => {
  delete process.env.AUTH_SECRET;
});

const cookieWith = (claims: Record<string, unknown>) => encode({ token: { uid: "7", sv: 2, sat: now - 3600, ...claims }, secret, salt: name });
const refresh = async (value: string | undefined, at = now) => refreshedSessionCookie((cookie) => (cookie === name ? value : undefined), at);

describe("the session cookie's last-seen time", () => {
  it("moves on to now when it is more than a minute old and the session is not idle", async () => {
    const refreshed = await refresh(await cookieWith({ seen: now - 120, idle: 120 }));
    expect(refreshed).toMatchObject({ name, secure: false });
    expect(await decode({ token: refreshed!.value, secret, salt: name })).toMatchObject({ uid: "7", sv: 2, sat: now - 3600, seen: now, idle: 120 });
  });

  it("is left alone when fresh, already idle, or unreadable", async () => {
    expect(await refresh(await cookieWith({ seen: now - 30, idle: 120 }))).toBeNull();
    expect(await refresh(await cookieWith({ seen: now - 121 * 60, idle: 120 }))).toBeNull();
    expect(await refresh(await cookieWith({ seen: now - 120 }))).toBeNull();
    expect(await refresh("not a token")).toBeNull();
    expect(await refresh(undefined)).toBeNull();
  });

  it("is re-set by the proxy on a page view, and not on an API call", async () => {
    const { proxy } = await import("../proxy");
    const cookie = `${name}=${await cookieWith({ seen: Math.floor(Date.now() / 1000) - 300, idle: 120 })}`;
    const page = await proxy(new NextRequest("http://127.0.0.1:3210/overview", { headers: { host: "127.0.0.1:3210", cookie } }));
    expect(page.cookies.get(name)).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    const api = await proxy(new NextRequest("http://127.0.0.1:3210/api/trpc/alerts.count", { headers: { host: "127.0.0.1:3210", cookie } }));
    expect(api.cookies.get(name)).toBeUndefined();
  });
});

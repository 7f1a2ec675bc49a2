// The browser policy of every response (lib/security-headers.ts) and its wiring in proxy.ts: CSP with a fresh nonce
// and no inline script, the other headers, no-store on what may be personal, and cross-site writes refused with 403.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../proxy";
import {
  crossSiteRefusal,
  isCrossSite,
  isHttps,
  newNonce,
  originCheckApplies,
  pagePolicy,
  requestHost,
  resourcePolicy,
  responseKind,
  securityHeaders,
} from "../lib/security-headers";

const NONCE = "AAECAwQFBgcICQoLDA0ODw==";

/** The directives of a policy by name, each with its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .flatMap(([name, ...sources]) => (name ? [[name, sources] as const] : [])),
  );
}

const post = (url: string, headers: Record<string, string>) => ({ method: "POST", url, headers: new Headers(headers) });

describe("content security policy", () => {
  it("lets a page run only scripts with its nonce: no inline script, no eval, nothing from other sites", () => {
    const csp = directives(pagePolicy(NONCE));
    expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    // Styles may be inline (React's style attributes), and no nonce there: a nonce would switch 'unsafe-inline' off.
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("allows eval only in next dev, and upgrades insecure requests only over HTTPS", () => {
    expect(directives(pagePolicy(NONCE, { dev: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(pagePolicy(NONCE, { dev: false })).not.toContain("unsafe-eval");
    expect(directives(pagePolicy(NONCE, { https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("lets forms post to the single sign-on provider when one is configured, and to nothing else", () => {
    expect(directives(pagePolicy(NONCE, { formTargets: ["https://login.example.com"] })).get("form-action")).toEqual(["'self'", "https://login.example.com"]);
    // A value that would smuggle another directive in is dropped, as is a plain-HTTP provider.
    expect(directives(pagePolicy(NONCE, { formTargets: ["https://a.example; script-src *", "http://b.example"] })).get("form-action")).toEqual(["'self'"]);
  });

  it("refuses a nonce too short to be secret or one that could break out of the header", () => {
    expect(() => pagePolicy("abc")).toThrow(/nonce/);
    expect(() => pagePolicy("AAECAwQFBgcICQoLDA0ODw=='; script-src *")).toThrow(/nonce/);
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 200 }, () => newNonce()));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
    expect(newNonce(new Uint8Array(16))).toBe("AAAAAAAAAAAAAAAAAAAAAA==");
  });

  it("sandboxes data and files opened directly: nothing runs, nothing loads, nothing frames them", () => {
    const csp = directives(resourcePolicy());
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.has("sandbox")).toBe(true);
  });
});

describe("security headers", () => {
  it("sends nosniff, a referrer policy, a permissions policy and DENY framing on every kind of response", () => {
    for (const kind of ["page", "api", "asset"] as const) {
      const headers = securityHeaders(kind, { nonce: NONCE });
      expect(headers["X-Content-Type-Options"]).toBe("nosniff");
      expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["Permissions-Policy"]).toMatch(/(^|, )camera=\(\)/);
      expect(headers["Permissions-Policy"]).toMatch(/microphone=\(\)/);
      expect(headers["Permissions-Policy"]).toMatch(/geolocation=\(\)/);
      expect(headers["X-Frame-Options"]).toBe("DENY");
      expect(headers["Cross-Origin-Opener-Policy"]).toBe("same-origin");
      expect(directives(headers["Content-Security-Policy"]).get("frame-ancestors")).toEqual(["'none'"]);
    }
    expect(securityHeaders("page", { nonce: NONCE })["Content-Security-Policy"]).toContain(`'nonce-${NONCE}'`);
    expect(() => securityHeaders("page")).toThrow(/nonce/);
  });

  it("says no-store on pages and answers, which may carry personal data, but lets the build's files be cached", () => {
    expect(securityHeaders("page", { nonce: NONCE })["Cache-Control"]).toBe("no-store");
    expect(securityHeaders("api")["Cache-Control"]).toBe("no-store");
    expect(securityHeaders("asset")["Cache-Control"]).toBeUndefined();
  });

  it("sends HSTS for a year, subdomains included, only over HTTPS", () => {
    expect(securityHeaders("api", { https: true })["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(securityHeaders("api", { https: false })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("tells HTTPS from the URL or a proxy's X-Forwarded-Proto, the first proxy's word winning", () => {
    expect(isHttps("https://a.example/", new Headers())).toBe(true);
    expect(isHttps("http://a.example/", new Headers())).toBe(false);
    expect(isHttps("http://a.example/", new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttps("http://a.example/", new Headers({ "x-forwarded-proto": "https, http" }))).toBe(true);
    expect(isHttps("https://a.example/", new Headers({ "x-forwarded-proto": "http" }))).toBe(false);
  });

  it("sorts paths: the build's files and the icon are assets, /api is answers, the rest are pages", () => {
    expect(responseKind("/_next/static/chunks/app.js")).toBe("asset");
    expect(responseKind("/_next/image")).toBe("asset");
    expect(responseKind("/icon.svg")).toBe("asset");
    expect(responseKind("/api/trpc/alerts.count")).toBe("api");
    expect(responseKind("/api/themes/export")).toBe("api");
    expect(responseKind("/api/v1/scores")).toBe("api");
    expect(responseKind("/overview")).toBe("page");
    expect(responseKind("/sign-in")).toBe("page");
    expect(responseKind("/apiary")).toBe("page");
    expect(responseKind("/")).toBe("page");
  });
});

describe("cross-site writes", () => {
  it("checks writes only, everywhere but the Bearer-token API and the identity provider's callback", () => {
    expect(originCheckApplies("GET", "/api/trpc/x")).toBe(false);
    expect(originCheckApplies("HEAD", "/overview")).toBe(false);
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(originCheckApplies(method, "/api/trpc/x")).toBe(true);
    expect(originCheckApplies("POST", "/api/imports/uploads")).toBe(true);
    expect(originCheckApplies("POST", "/overview")).toBe(true); // server actions and forms
    expect(originCheckApplies("POST", "/api/auth/signout")).toBe(true);
    expect(originCheckApplies("POST", "/api/v1/imports")).toBe(false);
    expect(originCheckApplies("POST", "/api/auth/callback/oidc")).toBe(false);
  });

  it("compares the Origin's host with the host the browser addressed, proxies' X-Forwarded-Host first", () => {
    expect(requestHost("http://10.0.0.5:3000/x", new Headers({ host: "10.0.0.5:3000" }))).toBe("10.0.0.5:3000");
    expect(requestHost("http://10.0.0.5:3000/x", new Headers({ host: "10.0.0.5:3000", "x-forwarded-host": "cx.example.com, edge" }))).toBe("cx.example.com");
    expect(isCrossSite("http://127.0.0.1:3210/api/trpc/x", new Headers({ host: "127.0.0.1:3210", origin: "http://127.0.0.1:3210" }))).toBe(false);
    expect(isCrossSite("http://x/", new Headers({ host: "cx.example.com", origin: "https://cx.example.com" }))).toBe(false);
    expect(isCrossSite("http://x/", new Headers({ host: "CX.example.com:443", origin: "https://cx.example.com" }))).toBe(false);
    expect(isCrossSite("http://x/", new Headers({ host: "10.0.0.5:3000", "x-forwarded-host": "cx.example.com", origin: "https://cx.example.com" }))).toBe(
      false,
    );
  });

  it("calls another host, another port, an opaque origin or a cross-site fetch without Origin cross-site", () => {
    const at = (headers: Record<string, string>) => isCrossSite("http://cx.example.com/api/trpc/x", new Headers({ host: "cx.example.com", ...headers }));
    expect(at({ origin: "https://evil.example" })).toBe(true);
    expect(at({ origin: "https://cx.example.com.evil.example" })).toBe(true);
    expect(at({ origin: "https://cx.example.com:8443" })).toBe(true);
    expect(at({ origin: "null" })).toBe(true);
    expect(at({ origin: "file://" })).toBe(true);
    expect(at({ "sec-fetch-site": "cross-site" })).toBe(true);
    // No Origin and no Sec-Fetch-Site: not a browser (curl, a script); the session cookie's SameSite is the other layer.
    expect(at({})).toBe(false);
    expect(at({ "sec-fetch-site": "same-origin" })).toBe(false);
  });

  it("answers a refused write 403 with words that name this site", () => {
    const refusal = crossSiteRefusal(post("http://127.0.0.1:3210/api/trpc/admin.deleteUser", { host: "127.0.0.1:3210", origin: "https://evil.example" }));
    expect(refusal).toEqual({ status: 403, body: { error: "Cross-site request refused: this form must be sent from 127.0.0.1:3210 itself." } });
    expect(crossSiteRefusal(post("http://127.0.0.1:3210/api/trpc/x", { host: "127.0.0.1:3210", origin: "http://127.0.0.1:3210" }))).toBeNull();
    expect(crossSiteRefusal(post("http://127.0.0.1:3210/api/v1/imports", { host: "127.0.0.1:3210", origin: "https://evil.example" }))).toBeNull();
    expect(crossSiteRefusal({ method: "GET", url: "http://127.0.0.1:3210/api/trpc/x", headers: new Headers({ origin: "https://evil.example" }) })).toBeNull();
  });
});

describe("proxy.ts", () => {
  const call = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
    proxy(new NextRequest(`http://127.0.0.1:3210${path}`, { method: init.method ?? "GET", headers: { host: "127.0.0.1:3210", ...init.headers } }));

  it("gives each page a fresh nonce, in the response's CSP and in the request's for Next.js to render with", async () => {
    const first = await call("/overview?from=2026-01-01");
    const second = await call("/overview");
    const csp = first.headers.get("content-security-policy") ?? "";
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    // NextResponse.next passes the rewritten request headers on as x-middleware-request-*.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-middleware-request-x-throughline-url")).toBe("/overview?from=2026-01-01");
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("keeps the requested-URL header off sign-in, invitations and the API, as before", async () => {
    expect((await call("/sign-in")).headers.get("x-middleware-request-x-throughline-url")).toBeNull();
    expect((await call("/invite/abc")).headers.get("x-middleware-request-x-throughline-url")).toBeNull();
    expect((await call("/api/trpc/alerts.count")).headers.get("x-middleware-request-x-throughline-url")).toBeNull();
  });

  it("drops a nonce a client sent on an answer, which gets the sandbox policy and no-store", async () => {
    const response = await call("/api/trpc/alerts.count", { headers: { "x-nonce": "chosen-by-the-client", "content-security-policy": "script-src *" } });
    expect(response.headers.get("content-security-policy")).toBe(resourcePolicy());
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-middleware-request-x-nonce")).toBeNull();
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBeNull();
  });

  it("answers a cross-site tRPC write and a cross-site server action 403 with words and the headers", async () => {
    for (const [path, extra] of [
      ["/api/trpc/initiatives.create", {}],
      ["/overview", { "next-action": "7f00aa" }],
    ] as const) {
      const response = await call(path, { method: "POST", headers: { origin: "https://evil.example", ...extra } });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/^Cross-site request refused: .*127\.0\.0\.1:3210/) });
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
    expect((await call("/overview", { method: "POST", headers: { origin: "http://127.0.0.1:3210", "next-action": "7f00aa" } })).status).toBe(200);
  });

  it("sends HSTS when a proxy in front says the browser came over HTTPS", async () => {
    expect((await call("/overview", { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
    expect((await call("/overview")).headers.get("strict-transport-security")).toBeNull();
  });
});

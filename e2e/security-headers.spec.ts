// The browser policy as served by the production build: a fresh CSP nonce on every page and on every script Next.js
// writes, no inline script allowed, the other headers, no-store on personal answers, and cross-site writes refused.
import { expect, test, type APIResponse } from "@playwright/test";
import { demoAccounts, screenshot, signIn } from "./helpers";

const EVIL = "https://evil.example";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .flatMap(([name, ...sources]) => (name ? [[name, sources] as const] : [])),
  );
}

function expectBrowserHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(directives(headers["content-security-policy"] ?? "").get("frame-ancestors")).toEqual(["'none'"]);
  // Plain HTTP here: HSTS would be ignored by the browser and is not sent.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

test("a signed-in page carries a nonce CSP without inline script, and every script Next.js wrote carries that nonce", async ({ page, request }) => {
  await signIn(page, demoAccounts.executive);
  await expect(page).toHaveURL(/\/overview$/);
  const response = await page.request.get("/overview");
  expect(response.status()).toBe(200);
  expectBrowserHeaders(response);
  const csp = directives(response.headers()["content-security-policy"] ?? "");
  const scripts = csp.get("script-src") ?? [];
  const nonce = scripts.find((source) => source.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'none'"]);
  expect(csp.get("form-action")).toEqual(["'self'"]);
  expect(response.headers()["cache-control"]).toMatch(/no-store/);

  const html = await response.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(3);
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);

  // A fresh nonce for the next page.
  const again = await page.request.get("/overview");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce);
  // Signed out, the sign-in page has the same policy.
  const signInPage = await request.get("/sign-in");
  expect(signInPage.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
});

test("the browser refuses script injected into a page: an inline script, an event handler, eval", async ({ page }) => {
  // What an injection would look like: markup in the page's HTML, under the page's own headers.
  await page.route("**/sign-in", async (route) => {
    const response = await route.fetch();
    const nonce = response.headers()["content-security-policy"]?.match(/'nonce-([^']+)'/)?.[1];
    const injected =
      `<script>window.__inline = true</script><img src="/nowhere.png" alt="" onerror="window.__handler = true">` +
      `<script nonce="${nonce}">try { new Function("return 1")(); window.__eval = "ran" } catch { window.__eval = "refused" }</script>`;
    await route.fulfill({ response, body: (await response.text()).replace("</body>", `${injected}</body>`) });
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      ((window as unknown as { __cspViolations?: string[] }).__cspViolations ??= []).push(event.violatedDirective);
    });
  });
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations?.length ?? 0)).toBeGreaterThanOrEqual(3);
  const state = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return { inline: w.__inline, handler: w.__handler, eval: w.__eval, violations: w.__cspViolations };
  });
  expect(state).toEqual({
    inline: undefined,
    handler: undefined,
    eval: "refused",
    violations: expect.arrayContaining(["script-src-elem", "script-src-attr", "script-src"]),
  });
});

test("the overview and its charts run under the CSP without a single violation", async ({ page }) => {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const store = ((window as unknown as { __cspViolations?: string[] }).__cspViolations ??= []);
      store.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|evaluate|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, demoAccounts.executive);
  await expect(page).toHaveURL(/\/overview$/);
  // The trend chart is loaded on demand (a chunk 'strict-dynamic' lets the page's own scripts load) and drawn with
  // inline style attributes.
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await expect(page.locator(".recharts-area, .recharts-line").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await screenshot(page, "overview-under-csp");
  violations.push(...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])));
  expect(violations).toEqual([]);
});

test("tRPC answers and exports say no-store and are sandboxed if opened directly", async ({ page }) => {
  await signIn(page, demoAccounts.admin);
  await expect(page).not.toHaveURL(/sign-in/);
  const trpc = await page.request.get(`/api/trpc/alerts.count?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: null } }))}`);
  expect(trpc.status()).toBe(200);
  expect(trpc.headers()["cache-control"]).toBe("no-store");
  expectBrowserHeaders(trpc);
  expect(directives(trpc.headers()["content-security-policy"] ?? "").has("sandbox")).toBe(true);

  const csv = await page.request.get("/api/failure-demand?table=trend");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
  expect(csv.headers()["cache-control"]).toBe("no-store");
  expectBrowserHeaders(csv);

  const themes = await page.request.get("/api/themes/export");
  expect(themes.status()).toBe(200);
  expect(themes.headers()["cache-control"]).toBe("no-store");

  // The import error report's route sets no cache header itself; the proxy does.
  const report = await page.request.get("/api/imports/uploads/throughline-upload-abcdef/errors");
  expect(report.status()).toBe(404);
  expect(report.headers()["cache-control"]).toBe("no-store");

  // The build's own files stay cacheable (they hold no personal data) but carry the headers too.
  const script = (await (await page.request.get("/overview")).text()).match(/<script[^>]+src="([^"]+)"/)?.[1];
  expect(script).toBeTruthy();
  const asset = await page.request.get(script!);
  expect(asset.status()).toBe(200);
  expect(asset.headers()["cache-control"]).toMatch(/immutable/);
  expectBrowserHeaders(asset);
});

test("a write from another site is refused with 403 and words: tRPC, uploads, and a server action", async ({ page, baseURL }) => {
  const host = new URL(baseURL!).host;
  await signIn(page, demoAccounts.admin);
  await expect(page).not.toHaveURL(/sign-in/);

  const trpc = await page.request.post("/api/trpc/initiatives.create?batch=1", { headers: { origin: EVIL }, data: { 0: { json: {} } } });
  expect(trpc.status()).toBe(403);
  expect(await trpc.json()).toEqual({ error: `Cross-site request refused: this form must be sent from ${host} itself.` });
  expect(trpc.headers()["cache-control"]).toBe("no-store");
  // The same request from this site reaches tRPC (which then judges the input).
  const sameSite = await page.request.post("/api/trpc/initiatives.create?batch=1", { headers: { origin: `http://${host}` }, data: { 0: { json: {} } } });
  expect(sameSite.status()).not.toBe(403);

  const upload = await page.request.post("/api/imports/uploads", {
    headers: { origin: EVIL },
    multipart: { file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("a\n1\n") } },
  });
  expect(upload.status()).toBe(403);
  expect((await upload.json()).error).toMatch(/^Cross-site request refused/);

  // The Bearer-token API reads no cookie, so the check does not apply: it asks for its token as always.
  const api = await page.request.post("/api/v1/imports", { headers: { origin: EVIL } });
  expect(api.status()).toBe(401);

  // Sign-out is a server action in the sidebar's form: sent from another site, it is refused and the session stays.
  await page.goto("/overview");
  const actionId = await page.locator('form input[type="hidden"][name^="$ACTION_ID_"]').first().getAttribute("name");
  expect(actionId).toBeTruthy();
  const action = await page.request.post("/overview", {
    headers: { origin: EVIL, "next-action": actionId!.slice("$ACTION_ID_".length), "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: "[]",
  });
  expect(action.status()).toBe(403);
  expect((await action.json()).error).toMatch(/^Cross-site request refused: this form must be sent from/);
  await page.reload();
  await expect(page.getByTestId("role-badge")).toHaveText("admin");

  // A plain cross-site form post (no script: the action's id in the body) is refused the same way.
  const form = await page.request.post("/overview", { headers: { origin: EVIL }, form: { [actionId!]: "" } });
  expect(form.status()).toBe(403);
  await page.reload();
  await expect(page.getByTestId("role-badge")).toHaveText("admin");
});

// The security headers of every response and the refusal of cross-site writes, as pure functions of the request:
// proxy.ts applies them to each request, so the whole browser policy is in one place and unit-tested without a server.

/** What a path serves decides its policy: pages are documents with scripts, the rest are data or files. */
export type ResponseKind = "page" | "api" | "asset";

export interface PolicyOptions {
  /** `next dev` only: React rebuilds server error stacks in the browser with eval. Never in a production build. */
  dev?: boolean;
  /** Served over HTTPS (directly or behind a proxy that says so): HSTS and upgrade-insecure-requests only then. */
  https?: boolean;
  /** Origins a page's form may post to besides this site: the single sign-on provider's, whose sign-in is a form post. */
  formTargets?: readonly string[];
}

/** The header a request carries its nonce in for the server components (Next.js reads it from the CSP itself). */
export const NONCE_HEADER = "x-nonce";

/** Files that are the same for everyone (build output, the icon): cacheable, no personal data. */
const PUBLIC_FILES = new Set(["/favicon.ico", "/icon.svg", "/robots.txt"]);

export function responseKind(pathname: string): ResponseKind {
  if (pathname.startsWith("/_next/static/") || pathname.startsWith("/_next/image") || PUBLIC_FILES.has(pathname)) return "asset";
  if (pathname === "/api" || pathname.startsWith("/api/")) return "api";
  return "page";
}

/** 128 random bits, base64: unguessable and fresh for every page (a nonce that repeats protects nothing). */
export function newNonce(random: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): string {
  let binary = "";
  for (const byte of random) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const join = (directives: (string | false | undefined)[]) => directives.filter(Boolean).join("; ");

/**
 * A page's policy: scripts only with this response's nonce (and what they load, 'strict-dynamic'), never inline
 * script without it. Styles allow inline: React's and recharts' style attributes cannot carry a nonce.
 */
export function pagePolicy(nonce: string, options: PolicyOptions = {}): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error("A CSP nonce must be at least 16 base64 characters.");
  const formTargets = (options.formTargets ?? []).filter((origin) => /^https:\/\/[^\s;,']+$/.test(origin));
  return join([
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    // 'none' rather than 'self' (ASVS 5.0 3.4.3 names it): the app has no <base> element, so none may be injected.
    "base-uri 'none'",
    `form-action 'self'${formTargets.map((origin) => ` ${origin}`).join("")}`,
    "frame-ancestors 'none'",
    options.https && "upgrade-insecure-requests",
  ]);
}

/**
 * Data and files are never documents: if one is opened directly (a JSON answer, a CSV, the SVG icon) nothing in it
 * may run or load, and it is sandboxed as a page of no origin.
 */
export function resourcePolicy(): string {
  return join(["default-src 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'", "sandbox"]);
}

/** Camera, microphone, location and the like: the app uses none, so no page (or anything it loads) may ask. */
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "payment=()",
  "usb=()",
].join(", ");

/** Header name → value; the CSP is always there. */
export type SecurityHeaders = { "Content-Security-Policy": string } & Record<string, string>;

/** Every header of a response of this kind; a page needs the nonce its scripts carry. */
export function securityHeaders(kind: ResponseKind, options: PolicyOptions & { nonce?: string } = {}): SecurityHeaders {
  let csp = resourcePolicy();
  if (kind === "page") {
    if (!options.nonce) throw new Error("A page's headers need the nonce of its scripts.");
    csp = pagePolicy(options.nonce, options);
  }
  const headers: SecurityHeaders = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    // Not no-referrer: a browser sends `Origin: null` on same-site posts under it, and the origin check relies on it.
    // Other sites get the origin only, never the path or its filters; the app loads nothing from other sites.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    // Obsolete beside frame-ancestors, kept for browsers that know only this one.
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
  // Over plain HTTP a browser ignores HSTS, and sending it would only mislead whoever reads the headers.
  if (options.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  // Pages and answers may carry personal data (names, comments, exports): no browser or proxy keeps a copy.
  if (kind !== "asset") headers["Cache-Control"] = "no-store";
  return headers;
}

/** The first value of a header a chain of proxies may have appended to (`a, b`). */
function firstValue(value: string | null): string | undefined {
  return value?.split(",")[0]?.trim() || undefined;
}

/** HTTPS when the URL says so or a TLS-terminating proxy in front says so in X-Forwarded-Proto. */
export function isHttps(url: string, headers: Headers): boolean {
  const forwarded = firstValue(headers.get("x-forwarded-proto"));
  if (forwarded) return forwarded.toLowerCase() === "https";
  return url.startsWith("https:");
}

/** The host the browser addressed: X-Forwarded-Host behind a proxy, else Host, else the URL's (as Next.js reads it). */
export function requestHost(url: string, headers: Headers): string {
  return firstValue(headers.get("x-forwarded-host")) ?? firstValue(headers.get("host")) ?? new URL(url).host;
}

/** host[:port] lower-cased, without the default ports, so `a.example:443` and `https://a.example` compare equal. */
function normalHost(host: string): string | null {
  try {
    const url = new URL(`http://${host}`);
    if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) return null;
    const port = url.port === "80" || url.port === "443" ? "" : url.port;
    return port ? `${url.hostname}:${port}` : url.hostname;
  } catch {
    return null;
  }
}

function originHost(origin: string): string | null {
  if (!/^https?:\/\//i.test(origin)) return null; // "null" (sandboxed or opaque) and other schemes: not this site
  try {
    return normalHost(new URL(origin).host);
  } catch {
    return null;
  }
}

/**
 * The paths whose writes are checked. /api/v1 answers Bearer tokens only and never reads the session cookie, so a
 * browser on another site gains nothing by sending it a request (and integrations post from anywhere). An identity
 * provider that answers with response_mode=form_post posts the sign-in callback from its own site, by design;
 * next-auth checks that callback's state and PKCE.
 */
export function originCheckApplies(method: string, pathname: string): boolean {
  if (method === "GET" || method === "HEAD") return false;
  if (pathname.startsWith("/api/v1/") || pathname === "/api/v1") return false;
  if (pathname.startsWith("/api/auth/callback/")) return false;
  return true;
}

/**
 * A write sent from another site: its Origin names another host (or none that can be named: "null"). A request
 * without Origin comes from no browser (browsers send it on every POST), unless Sec-Fetch-Site says cross-site.
 */
export function isCrossSite(url: string, headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return headers.get("sec-fetch-site") === "cross-site";
  const from = originHost(origin.trim());
  const to = normalHost(requestHost(url, headers));
  return from === null || to === null || from !== to;
}

export interface Refusal {
  status: 403;
  body: { error: string };
}

/** 403 with words for a cross-site write (a tRPC mutation, an upload, a server action, a form), or null to go on. */
export function crossSiteRefusal(request: { method: string; url: string; headers: Headers }): Refusal | null {
  const pathname = new URL(request.url).pathname;
  if (!originCheckApplies(request.method.toUpperCase(), pathname)) return null;
  if (!isCrossSite(request.url, request.headers)) return null;
  const host = requestHost(request.url, request.headers);
  return { status: 403, body: { error: `Cross-site request refused: this form must be sent from ${host} itself.` } };
}

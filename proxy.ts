// Runs before every request: refuses writes sent from other sites, gives each page a fresh CSP nonce and every
// response its security headers (lib/security-headers.ts), tells pages which URL was asked for (for sign-in), and
// keeps a moving session's last-seen time fresh (server/auth/session-refresh.ts). While the database does not
// answer (server/database-outage.ts) pages get a 503 in words.
import { NextResponse, type NextRequest } from "next/server";
import { crossSiteRefusal, isHttps, NONCE_HEADER, newNonce, responseKind, securityHeaders } from "@/lib/security-headers";
import { OUTAGE_RETRY_SECONDS, outagePageHtml } from "@/lib/outage";
import { REQUESTED_URL_HEADER } from "@/lib/urls";
import { COOKIE_MAX_AGE_SECONDS, refreshedSessionCookie } from "@/server/auth/session-refresh";
import { databaseDownSince } from "@/server/database-outage";

/** The single sign-on provider's origin: the sign-in button is a form whose answer sends the browser there. */
function ssoOrigin(): string[] {
  try {
    return process.env.AUTH_OIDC_ISSUER ? [new URL(process.env.AUTH_OIDC_ISSUER).origin] : [];
  } catch {
    return [];
  }
}

/** A signed-out visitor of a shared link is sent to sign-in and then back to exactly that link, filters and all. */
function carriesRequestedUrl(pathname: string): boolean {
  return !/^\/(api\/|_next\/|favicon\.ico|sign-in|invite\/)/.test(pathname);
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const kind = responseKind(pathname);
  const options = { dev: process.env.NODE_ENV === "development", https: isHttps(request.url, request.headers), formTargets: ssoOrigin() };

  // Next.js refuses a cross-site server action itself, but as a 500; every refused write is a 403 with words.
  const refusal = crossSiteRefusal(request);
  if (refusal) {
    const response = NextResponse.json(refusal.body, { status: refusal.status });
    for (const [name, value] of Object.entries(securityHeaders("api", options))) response.headers.set(name, value);
    return response;
  }

  // While the database does not answer, a page says so with 503 (its error boundary could only say it with 200).
  if (kind === "page" && databaseDownSince() !== null) {
    const response = new NextResponse(outagePageHtml(), {
      status: 503,
      headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(OUTAGE_RETRY_SECONDS) },
    });
    for (const [name, value] of Object.entries(securityHeaders(kind, { ...options, nonce: newNonce() }))) response.headers.set(name, value);
    return response;
  }

  const headers = new Headers(request.headers);
  // Only this proxy names a nonce: one a client sent is dropped.
  headers.delete(NONCE_HEADER);
  headers.delete("content-security-policy");
  let nonce: string | undefined;
  if (kind === "page") {
    nonce = newNonce();
    if (carriesRequestedUrl(pathname)) headers.set(REQUESTED_URL_HEADER, pathname + search);
    headers.set(NONCE_HEADER, nonce);
  }
  const responseHeaders = securityHeaders(kind, { ...options, nonce });
  // Next.js takes the nonce for its own scripts from the request's CSP header while it renders the page.
  if (nonce) headers.set("content-security-policy", responseHeaders["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers } });
  for (const [name, value] of Object.entries(responseHeaders)) response.headers.set(name, value);
  if (kind === "page") await keepSessionFresh(request, response);
  return response;
}

/** A page view counts as activity: the session cookie's last-seen time moves on (at most once a minute). */
async function keepSessionFresh(request: NextRequest, response: NextResponse) {
  const refreshed = await refreshedSessionCookie((name) => request.cookies.get(name)?.value, Math.floor(Date.now() / 1000));
  if (!refreshed) return;
  response.cookies.set(refreshed.name, refreshed.value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: refreshed.secure,
    maxAge: COOKIE_MAX_AGE_SECONDS,
  });
}

// Every path, build output and route handlers included: each answer carries the headers (assets without no-store).
export const config = { matcher: ["/:path*"] };

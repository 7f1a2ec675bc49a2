// Runs before every page: tells the page which URL was asked for (path and query), so that a signed-out
// visitor of a shared link is sent to sign-in and then back to exactly that link, filters and all.
import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_URL_HEADER } from "@/lib/urls";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_URL_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!api/|_next/|favicon.ico|sign-in|invite/).*)"] };

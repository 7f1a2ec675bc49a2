// next-auth's sign-in, callback and session endpoints. A password sign-in posted straight to the callback is
// refused with 429 and Retry-After while its account or address is over the throttle's limit.
import { handlers } from "@/server/auth/config";
import { refuseThrottledCallback } from "@/server/auth/throttle-route";
import { inRequestScope } from "@/server/log";

type NextAuthRequest = Parameters<typeof handlers.POST>[0];
const route = (request: Request) => `${request.method} ${new URL(request.url).pathname}`;

// In a request scope, so that each sign-in attempt's log line carries the request id.
export function GET(request: Request): Promise<Response> {
  return inRequestScope(request, route(request), () => handlers.GET(request as NextAuthRequest));
}

export function POST(request: Request): Promise<Response> {
  return inRequestScope(request, route(request), async () => (await refuseThrottledCallback(request)) ?? handlers.POST(request as NextAuthRequest));
}

// next-auth's sign-in, callback and session endpoints. A password sign-in posted straight to the callback is
// refused with 429 and Retry-After while its account or address is over the throttle's limit.
import { handlers } from "@/server/auth/config";
import { refuseThrottledCallback } from "@/server/auth/throttle-route";

export const { GET } = handlers;

export async function POST(request: Request): Promise<Response> {
  return (await refuseThrottledCallback(request)) ?? handlers.POST(request as Parameters<typeof handlers.POST>[0]);
}

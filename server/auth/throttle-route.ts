// The throttle at next-auth's credentials callback: answers 429 with Retry-After and words before next-auth
// runs, so an HTTP client sees the lockout (next-auth itself would only redirect to an error page).
import "server-only";
import { appDatabase } from "@/server/database";
import { clientAddress, normalisedEmail, recordThrottled, throttleVerdict, waitInWords } from "./throttle";

export async function refuseThrottledCallback(request: Request): Promise<Response | null> {
  if (!new URL(request.url).pathname.endsWith("/callback/credentials")) return null;
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const key = { kind: "password" as const, email: normalisedEmail(String(form?.get("email") ?? "")), ip: clientAddress(request.headers) };
  const { db } = await appDatabase();
  const verdict = await throttleVerdict(db, key);
  if (!verdict) return null;
  await recordThrottled(db, key);
  return Response.json(
    { error: `Too many failed sign-ins for this account or address. Try again in ${waitInWords(verdict.retryAfterSeconds)}.` },
    { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}

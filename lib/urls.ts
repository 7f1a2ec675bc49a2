// Where to send someone after sign-in: only paths of this site, carried from proxy.ts to the pages.
/** The request header proxy.ts sets to the path and query the visitor asked for. */
export const REQUESTED_URL_HEADER = "x-throughline-url";

/** Only paths of this site: never an absolute URL or `//host`, which would send someone elsewhere. */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

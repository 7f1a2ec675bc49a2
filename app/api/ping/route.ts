// GET /api/ping: a liveness probe that touches nothing (no database, no session) — also the benchmark's
// baseline for what a bare route handler serves on this machine. /api/health checks the database.
export const dynamic = "force-dynamic";

export function GET() {
  return new Response("ok", { headers: { "content-type": "text/plain", "cache-control": "no-store" } });
}

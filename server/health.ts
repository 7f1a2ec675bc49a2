// The health report behind GET /api/health: is the database reachable, and which kind is it.
// It answers within a second whatever the database does, so a probe (and a person) never waits on an outage.
import { sql } from "drizzle-orm";
import type { DatabaseConnection } from "@/db/client";
import type { DatabaseKind } from "@/server/config";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/server/errors";
import { noteProbe } from "@/server/database-outage";
import { log } from "@/server/log";

export type HealthReport = { status: "ok"; database: DatabaseKind } | { status: "unavailable"; database: DatabaseKind; message: string };

// Well under the 2 s a load balancer or a person allows: a refused connection fails in milliseconds (db/client.ts
// caps the driver's reconnect pause), and a server that accepts but does not answer is given up on here.
const HEALTH_TIMEOUT_MS = 1_000;

export async function checkHealth(kind: DatabaseKind, connect: () => Promise<DatabaseConnection>, timeoutMs = HEALTH_TIMEOUT_MS): Promise<HealthReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([
      (async () => {
        const { db } = await connect();
        await db.execute(sql`select 1`);
      })(),
      timeout,
    ]);
    noteProbe({ ok: true });
    return { status: "ok", database: kind };
  } catch (error) {
    noteProbe({ ok: false, error });
    log.warn({ event: "health_unavailable", route: "GET /api/health", err: error }, "health check failed");
    return { status: "unavailable", database: kind, message: DATABASE_UNAVAILABLE_MESSAGE };
  } finally {
    clearTimeout(timer);
  }
}

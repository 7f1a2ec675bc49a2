// The health report behind GET /api/health: is the database reachable, and which kind is it.
// It answers within a few seconds whatever the database does, so a probe never hangs.
import { sql } from "drizzle-orm";
import type { DatabaseConnection } from "@/db/client";
import type { DatabaseKind } from "@/server/config";

export type HealthReport = { status: "ok"; database: DatabaseKind } | { status: "unavailable"; database: DatabaseKind; message: string };

const HEALTH_TIMEOUT_MS = 2_000;

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
    return { status: "ok", database: kind };
  } catch (error) {
    console.error("[throughline] health check failed:", error instanceof Error ? error.message : error);
    return { status: "unavailable", database: kind, message: "The database cannot be reached." };
  } finally {
    clearTimeout(timer);
  }
}

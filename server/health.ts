// The health report behind GET /api/health: is the database reachable, and which kind is it.
import { sql } from "drizzle-orm";
import type { DatabaseConnection } from "@/db/client";
import type { DatabaseKind } from "@/server/config";

export type HealthReport =
  | { status: "ok"; database: DatabaseKind }
  | { status: "unavailable"; database: DatabaseKind; message: string };

export async function checkHealth(kind: DatabaseKind, connect: () => Promise<DatabaseConnection>): Promise<HealthReport> {
  try {
    const { db } = await connect();
    await db.execute(sql`select 1`);
    return { status: "ok", database: kind };
  } catch (error) {
    console.error("[throughline] health check failed:", error);
    return { status: "unavailable", database: kind, message: "The database cannot be reached." };
  }
}
